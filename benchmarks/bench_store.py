"""The web pages' queries on a store of a million events: p50 and p95 per query (target p95 < 100 ms).

    .venv/bin/python benchmarks/bench_store.py                  # builds /tmp/eventwire-bench-store-10000x10.duckdb once
    .venv/bin/python benchmarks/bench_store.py --articles 2000 --copies 5 --repeat 10

The store is synthetic (eventwire.synthetic): ``--articles`` generated articles (about 10 events
each), multiplied ``--copies`` times in SQL. Each query is the function the pages and the API call
(eventwire.web.queries), run on a fresh cursor of a read-only connection without the web app's
memo, so the figures are the uncached cost; one warm-up run, then ``--repeat`` timed runs. The
machine's load average is printed (and saved) with the figures; "CPU ms" is the median CPU time of
the process (all DuckDB threads), which moves less with the load than wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store import Store
from eventwire.synthetic import build_store, replicate_store
from eventwire.web import queries
from eventwire.web.filters import EventFilter, Page

TARGET_MS = 100.0


def build(db: Path, articles: int, copies: int) -> None:
    started = time.perf_counter()
    build_store(db, articles)
    replicate_store(db, copies)
    with Store(db) as store:  # a store is written once and read many times: compact it like one
        store.con.execute("CHECKPOINT")
    print(f"built {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def samples(cur: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """Real values to ask for: the busiest source actor and an article in the middle."""
    actor = cur.execute("SELECT source_code FROM events WHERE source_code IS NOT NULL "
                        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    article = cur.execute("SELECT id FROM articles ORDER BY id LIMIT 1 "
                          "OFFSET (SELECT count(*) // 2 FROM articles)").fetchone()[0]
    return actor, article


def workload(cur: duckdb.DuckDBPyConnection, actor: str, article: str) -> dict[str, Callable[[], Any]]:
    """Name -> query, as the pages and the API run it."""
    first = Page(page=1, per_page=50)
    years = dict(date_from=date(2016, 1, 1), date_to=date(2016, 12, 31))
    return {
        "events: first page": lambda: queries.events(cur, EventFilter(), first),
        "events: page 200, by goldstein": lambda: queries.events(cur, EventFilter(), Page(page=200), "goldstein"),
        "events: quad 4 + threatened": lambda: queries.events(cur, EventFilter(quad_class=4, modality="threatened"), first),
        "events: actor prefix + year": lambda: queries.events(cur, EventFilter(actor=actor[:3], **years), first),
        "events: country + cameo 04": lambda: queries.events(cur, EventFilter(country=actor[:3], cameo="04"), first),
        "events: exact source actor": lambda: queries.events(cur, EventFilter(source_actor=actor), first),
        "events: anonymous sourcing": lambda: queries.events(cur, EventFilter(sourcing="anonymous"), first),
        "events: text search": lambda: queries.events(cur, EventFilter(q="negotiat"), first),
        "events: one article": lambda: queries.events(cur, EventFilter(article=article), first),
        "timeline: everything": lambda: queries.timeline(cur, EventFilter()),
        "timeline: quad 1, one year": lambda: queries.timeline(cur, EventFilter(quad_class=1, **years)),
        "network: everything": lambda: queries.network(cur, EventFilter()),
        "network: material conflict": lambda: queries.network(cur, EventFilter(quad_class=4), 200),
        "actors: first page": lambda: queries.actors(cur, first),
        "actor: one actor's page": lambda: queries.actor(cur, actor),
        "articles: first page": lambda: queries.articles(cur, first),
        "article: one": lambda: queries.article(cur, article),
        "sources": lambda: queries.sources(cur),
        "deadlines: upcoming": lambda: queries.deadlines(cur, first, "upcoming", date(2017, 1, 1)),
        "facets": lambda: queries.facets(cur),
        "stats": lambda: queries.stats(cur),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="Store to use (built when missing).")
    ap.add_argument("--articles", type=int, default=10_000, help="Articles to generate (about 10 events each).")
    ap.add_argument("--copies", type=int, default=10, help="Copies of the generated articles.")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--save", type=Path, help="Write the figures here as JSON.")
    args = ap.parse_args()
    db = args.db or Path(f"/tmp/eventwire-bench-store-{args.articles}x{args.copies}.duckdb")
    if not db.exists():
        build(db, args.articles, args.copies)
    Store(db).close()  # a store built by an older version gets its derived columns (schema 3)
    con = duckdb.connect(str(db), read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "attributions")}
    print(f"{db}: {counts['articles']:,} articles, {counts['events']:,} events, {counts['attributions']:,} attributions")
    values = samples(con)
    load = [os.getloadavg()[0]]  # the machine is shared: figures move with its load
    measured = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = []
    for name in workload(con, *values):
        cur = con.cursor()
        timed = workload(cur, *values)[name]
        timed()  # warm-up
        times, cpu = [], []
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            timed()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        cur.close()
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        # CPU time (all of DuckDB's threads) moves less with the machine's load than wall-clock time
        results.append({"query": name, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
                        "cpu_p50_ms": round(statistics.median(cpu), 1)})
    load.append(os.getloadavg()[0])
    width = max(len(r["query"]) for r in results)
    print(f"{'query':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'CPU ms':>7}")
    for r in results:
        flag = "  SLOW" if r["p95_ms"] > TARGET_MS else ""
        print(f"{r['query']:<{width}}  {r['p50_ms']:>7.1f}  {r['p95_ms']:>7.1f}  {r['cpu_p50_ms']:>7.1f}{flag}")
    slow = [r for r in results if r["p95_ms"] > TARGET_MS]
    print(f"{len(results) - len(slow)}/{len(results)} queries with p95 under {TARGET_MS:.0f} ms "
          f"({measured}, load average {load[0]:.1f} -> {load[1]:.1f})")
    if args.save:
        args.save.write_text(json.dumps({**counts, "target_ms": TARGET_MS, "measured": measured,
                                         "load_average": [round(x, 2) for x in load], "queries": results},
                                        indent=1) + "\n")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
