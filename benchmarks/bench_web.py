"""Web page render times on a synthetic store (target: every page under 300 ms at 10,000 articles).

    .venv/bin/python benchmarks/bench_web.py                 # 10,000 articles, store kept in /tmp
    .venv/bin/python benchmarks/bench_web.py --articles 2000 --save benchmarks/bench_web.json

Each page is requested once cold (first request for that URL: no memoised aggregates, DuckDB caches
as the previous pages left them), then ``--repeat`` times warm, through an in-process client; the
first time, the warm median and the slowest warm time are printed; the target applies to both. The store is built once (``eventwire.synthetic``) and reused.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from eventwire.synthetic import build_store
from eventwire.web import create_app

TARGET_MS = 300.0


def pages(client: TestClient) -> list[str]:
    """The URLs to time, with real ids taken from the store."""
    some = client.get("/api/events", params={"per_page": 1, "sort": "-goldstein"}).json()["items"][0]
    actor = client.get("/api/actors", params={"per_page": 1}).json()["items"][0]["key"]
    article = some["article_id"]
    return [
        "/", "/articles", "/articles?q=ka&page=20", f"/articles/{article}", f"/articles/{article}?focus={some['id']}",
        "/events", "/events?quad_class=4&modality=threatened&sort=goldstein", "/events?q=negotiation&page=30",
        f"/events?actor={actor[:3]}&date_from=2016-01-01&date_to=2017-12-31&sourcing=anonymous",
        "/timeline", "/timeline?quad_class=1&date_from=2018-01-01", "/network", "/network?quad_class=4&limit=200",
        "/actors", f"/actors/{actor}", "/sources", "/deadlines", "/deadlines?when=passed&page=10",
        "/sql?sql=SELECT+plover,count(*)+FROM+events+GROUP+BY+1", "/analyse",
        "/api/events?per_page=100", "/api/stats", "/api/timeline", "/api/sources",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="Store to use (built when missing).")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--save", type=Path, help="Write the figures here as JSON.")
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/eventwire-bench-web-{args.articles}.duckdb")
    if not db.exists():
        started = time.perf_counter()
        build_store(db, args.articles)
        print(f"built {db} ({args.articles:,} articles) in {time.perf_counter() - started:.1f} s")
    client = TestClient(create_app(db))
    stats = client.get("/api/stats").json()["counts"]
    print(f"store: {stats['articles']:,} articles, {stats['events']:,} events, {stats['attributions']:,} attributions")
    results = []
    for url in pages(client):
        started = time.perf_counter()
        client.get(url)
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results.append({"url": url, "first_ms": round(first, 1), "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
                        "bytes": len(response.content)})
    width = max(len(r["url"]) for r in results)
    print(f"{'page':<{width}}  first ms  median ms  max ms    bytes")
    for r in results:
        flag = "  SLOW" if max(r["median_ms"], r["first_ms"]) > TARGET_MS else ""
        print(f"{r['url']:<{width}}  {r['first_ms']:8.1f}  {r['median_ms']:9.1f}  {r['max_ms']:6.1f}  {r['bytes']:7,}{flag}")
    slow = [r for r in results if max(r["median_ms"], r["first_ms"]) > TARGET_MS]
    print(f"{len(results) - len(slow)}/{len(results)} pages under {TARGET_MS:.0f} ms (first and median)")
    if args.save:
        args.save.write_text(json.dumps({"articles": stats["articles"], "events": stats["events"],
                                         "target_ms": TARGET_MS, "pages": results}, indent=1) + "\n")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
