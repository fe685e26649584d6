"""Crash safety: SIGKILL an ingest at random moments, rerun it, and the store ends as a clean run's.

The fast test kills a store writer fed synthetic records (no NLP, so it starts in a second) many
times, mostly inside transactions; the slow one drives the real ``eventwire ingest`` through
``scripts/crash_ingest.py`` with a few kills on a small corpus (the script runs 20 on a larger one).
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("crash_ingest", ROOT / "scripts" / "crash_ingest.py")
crash_ingest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crash_ingest)

WRITER = """
import sys
from eventwire.store import Store
from eventwire.synthetic import SyntheticCorpus
records = list(SyntheticCorpus(seed=11).analyses(int(sys.argv[2])))
with Store(sys.argv[1]) as store:
    for i in range(0, len(records), 4):
        store.ingest(records[i:i + 4])
"""


def write(db: Path, articles: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(articles)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_killed_store_writes_leave_no_trace(tmp_path: Path) -> None:
    articles = 160
    clean = tmp_path / "clean.duckdb"
    start = time.monotonic()
    assert write(clean, articles).wait() == 0
    seconds = time.monotonic() - start
    reference = crash_ingest.snapshot(clean)
    crashed = tmp_path / "crashed.duckdb"
    rng = random.Random(5)
    kills = 0
    for _ in range(12):
        proc = write(crashed, articles)
        try:
            proc.wait(timeout=rng.uniform(0.3, 0.9 * seconds))
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            stored = crash_ingest.count_articles(crashed)
            assert isinstance(stored, int) and stored % 4 == 0  # whole batches only, never half of one
            if kills == 4:
                break
    assert kills == 4
    assert write(crashed, articles).wait() == 0
    assert crash_ingest.problems(crashed, reference) == []


def test_a_second_writer_is_refused_with_one_line(tmp_path: Path) -> None:
    """DuckDB locks the file per process: another process's Store fails with a clear StoreError."""
    db = tmp_path / "store.duckdb"
    opener = f"from eventwire.store import Store, StoreError\ntry:\n    Store({str(db)!r})\nexcept StoreError as e:\n    print(e)"
    with Store(db):
        result = subprocess.run([sys.executable, "-c", opener], capture_output=True, text=True)
    assert result.stdout.strip().endswith("the store is in use by another eventwire process; try again when it ends")
    assert len(result.stdout.strip().splitlines()) == 1 and not result.stderr


@pytest.mark.slow
def test_killed_cli_ingest_resumes_to_the_clean_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert crash_ingest.main(["--kills", "3", "--limit", "5", "--batch-size", "1", "--seed", "3"]) == 0
    assert "OK: 3 SIGKILLs" in capsys.readouterr().out
