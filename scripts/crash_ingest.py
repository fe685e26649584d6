"""Kill `eventwire ingest` with SIGKILL at random moments, rerun it, and check nothing was lost or doubled.

    .venv/bin/python scripts/crash_ingest.py --kills 20          # bundled samples + PolNeAR dev texts
    .venv/bin/python scripts/crash_ingest.py --kills 3 --limit 6  # a quick run

The corpus (the bundled samples, plus the PolNeAR dev texts when /work/shared is there) is written
to a temporary JSONL file, and the code is copied there too (other people may be editing the
working tree while this runs; every run must analyse with the same code). A clean run makes the reference store; then ingest is started into a
second store and killed at a random moment, again and again, and finally run to the end. The two
stores must hold the same rows in every table (``ingested_at`` aside), no duplicate keys and no
orphan rows. Last, two ingests are started into one store at once: the second must fail with a
one-line "in use" message and the first must finish a complete store. Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "eventwire" / "samples"
POLNEAR_DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev" / "text"
EVENTWIRE = [sys.executable, "-c", "from eventwire.cli import main; main()"]
TABLES = ("articles", "entities", "mentions", "times", "attributions", "events", "deadlines")
#: Child tables and the key naming their article (mentions also need their entity).
ORPHANS = {
    **{t: f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)" for t in TABLES[1:]},
    "mentions of missing entities": "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
    "(SELECT 1 FROM entities e WHERE e.article_id = m.article_id AND e.id = m.entity_id)",
}
DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def corpus_records(limit: int | None = None) -> list[dict[str, Any]]:
    """The bundled samples and the PolNeAR dev texts as JSONL records (id, text, published, title)."""
    records = []
    for path in sorted(SAMPLES.glob("*.txt")):
        meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
        records.append({"id": f"sample-{path.stem}", "text": path.read_text(encoding="utf-8"),
                        "published": meta.get("published"), "title": meta.get("title")})
    if POLNEAR_DEV.is_dir():
        for path in sorted(POLNEAR_DEV.glob("*.txt")):
            found = DATE_IN_NAME.search(path.name)
            records.append({"id": f"polnear-{path.stem}", "text": path.read_text(encoding="utf-8"),
                            "published": found.group(1) if found else None})
    return records[:limit] if limit else records


def write_corpus(records: list[dict[str, Any]], folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def ingest_command(corpus: Path, db: Path, batch_size: int) -> list[str]:
    return [*EVENTWIRE, "ingest", str(corpus), "--db", str(db), "--batch-size", str(batch_size)]


def snapshot_code(folder: Path) -> dict[str, str]:
    """Copy src/ to ``folder`` and return the environment that makes the runs import that copy."""
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return {**os.environ, "PYTHONPATH": str(folder / "src")}


ENV: dict[str, str] = dict(os.environ)


def run_ingest(corpus: Path, db: Path, batch_size: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ingest_command(corpus, db, batch_size), capture_output=True, text=True, env=ENV)


def finished(result: subprocess.CompletedProcess[str] | tuple[int, str]) -> bool:
    """Ran to the end: exit 0, or 1 with its summary (some articles failed, one line each)."""
    code, stderr = (result.returncode, result.stderr) if isinstance(result, subprocess.CompletedProcess) else result
    return code == 0 or (code == 1 and "article(s) stored" in stderr)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without the ingest timestamp."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = {}
        for table in TABLES:
            columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall() if c[0] != "ingested_at"]
            select = ", ".join(f'"{c}"' for c in columns)
            rows[table] = sorted(con.execute(f"SELECT {select} FROM {table}").fetchall(), key=repr)
        return rows
    finally:
        con.close()


def problems(db: Path, reference: dict[str, list[tuple[Any, ...]]]) -> list[str]:
    """How a store differs from the reference: rows missing or extra, duplicate keys, orphans."""
    found = []
    rows = snapshot(db)
    for table in TABLES:
        ref, got = reference[table], rows[table]
        if got != ref:
            missing = len([r for r in ref if r not in set(got)])
            extra = len(got) - len(ref) + missing
            found.append(f"{table}: {len(got)} rows, reference {len(ref)} ({missing} missing, {extra} extra)")
    con = duckdb.connect(str(db), read_only=True)
    try:
        for name, sql in ORPHANS.items():
            if n := con.execute(sql).fetchone()[0]:
                found.append(f"{n} orphan row(s) in {name}")
        dupes = con.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0]
        if dupes:
            found.append(f"{dupes} doubled article(s)")
    finally:
        con.close()
    return found


def kill_loop(corpus: Path, db: Path, batch_size: int, kills: int, reference: dict[str, Any], startup: float,
              work: float, rng: random.Random) -> tuple[list[str], list[str]]:
    """Start ingest and SIGKILL it at a random moment, ``kills`` times; returns one line per kill, and
    the differences found in every store completed on the way (compared before it is started over).

    The moment is drawn within the expected length of the run (start-up plus the share of the
    work still to do), so kills land in start-up, analysis and transactions alike.
    """
    log: list[str] = []
    found: list[str] = []
    total = len(reference["articles"])
    done = 0
    while done < kills:
        stored = count_articles(db)
        if stored == total:  # complete: compare, then start over, so that every kill hits work
            found += [f"after kill {done}: {p}" for p in problems(db, reference)]
            log.append(f"(store complete after kill {done}, {'identical to' if not found else 'DIFFERENT from'} "
                       "the clean run; starting over on an empty store)")
            db.unlink()
            Path(f"{db}.wal").unlink(missing_ok=True)
            stored = 0
        left = (total - stored) / total if isinstance(stored, int) else 1.0
        proc = subprocess.Popen(ingest_command(corpus, db, batch_size), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True, env=ENV)
        # one kill in five anywhere in start-up, the others once the work has begun
        delay = rng.uniform(0.3, startup) if rng.random() < 0.2 else startup + rng.uniform(0, work * left)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            done += 1
            stored = count_articles(db)
            log.append(f"kill {done}: after {delay:.1f} s, {stored} article(s) in the store")
            continue
        # it finished before the kill: compare, then start over on a fresh store, so later kills still hit work
        found += [f"after kill {done}: {p}" for p in problems(db, reference)]
        log.append(f"(ingest finished within {delay:.1f} s after kill {done}, "
                   f"{'identical to' if not found else 'DIFFERENT from'} the clean run; starting over on an empty store)")
        db.unlink(missing_ok=True)
        Path(f"{db}.wal").unlink(missing_ok=True)
    return log, found


def count_articles(db: Path) -> int | str:
    if not db.exists():
        return 0
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        return f"unreadable ({str(exc).splitlines()[0]})"
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except duckdb.Error:
        return 0  # killed before the schema was committed
    finally:
        con.close()


def concurrent_ingests(corpus: Path, db: Path, batch_size: int) -> tuple[str, list[str]]:
    """Two ingests into one store started together: what happened, and any problem.

    The one that opens the store first holds it to the end; the other must fail with a one-line
    "in use" message (or, if the first had already finished, find everything stored).
    """
    procs = [subprocess.Popen(ingest_command(corpus, db, batch_size), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=ENV) for _ in range(2)]
    results = [(p.wait(), p.communicate()[1].strip()) for p in procs]
    ok = [message for code, message in results if finished((code, message))]
    refused = [message for code, message in results if not finished((code, message))]
    if len(ok) == 2:
        return "both ran, one after the other", []
    if len(ok) == 1 and "in use by another eventwire process" in refused[0] and len(refused[0].splitlines()) == 1:
        return f"the second was refused: {refused[0]}", []
    return "", [f"concurrent ingests: {message[-300:]!r}" for message in refused]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N articles.")
    parser.add_argument("--batch-size", type=int, default=2, help="Articles per transaction (small: more commits to hit).")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="eventwire-crash-") as tmp:
        folder = Path(tmp)
        ENV.update(snapshot_code(folder))
        records = corpus_records(args.limit)
        corpus = write_corpus(records, folder)
        clean = folder / "clean.duckdb"
        start = time.monotonic()
        result = run_ingest(corpus, clean, args.batch_size)
        clean_seconds = time.monotonic() - start
        if not finished(result):
            print(f"clean ingest failed: {result.stderr.strip()[-500:]}")
            return 1
        start = time.monotonic()
        run_ingest(corpus, clean, args.batch_size)  # nothing to do: start-up time only
        startup = time.monotonic() - start
        reference = snapshot(clean)
        print(f"corpus: {len(records)} articles, {sum(len(r['text']) for r in records):,} characters; "
              f"clean ingest {clean_seconds:.1f} s (start-up {startup:.1f} s); reference rows: "
              + ", ".join(f"{t} {len(reference[t])}" for t in TABLES))
        crashed = folder / "crashed.duckdb"
        work = max(clean_seconds - startup, 1.0)
        log, found = kill_loop(corpus, crashed, args.batch_size, args.kills, reference, startup, work, rng)
        print("\n".join(log), flush=True)
        final = run_ingest(corpus, crashed, args.batch_size)
        print(f"final run: exit {final.returncode}; {final.stderr.strip().splitlines()[-1] if final.stderr.strip() else ''}")
        found += problems(crashed, reference) if finished(final) else [f"final ingest failed: {final.stderr[-300:]}"]
        shared = folder / "shared.duckdb"
        what, trouble = concurrent_ingests(corpus, shared, args.batch_size)
        found += trouble or [f"concurrent: {p}" for p in problems(shared, reference)]
        print(f"two ingests at once: {what or 'failed'}")
        if found:
            print("FAILED:\n  " + "\n  ".join(found))
            return 1
        print(f"OK: {args.kills} SIGKILLs, every completed store identical to the clean run (no article lost or doubled, "
              "no orphan rows); two ingests at once left a complete store")
        return 0


if __name__ == "__main__":
    sys.exit(main())
