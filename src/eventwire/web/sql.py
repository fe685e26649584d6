"""Read-only SQL for power users: one SELECT, a row cap and a time limit.

The connection itself is the real guard (read-only, no file access, configuration locked; see
``db.py``), opened in a child process with an address-space limit (``sql_child.py``); the
statement check here turns what would fail deep inside DuckDB into a clear message, and a timer
interrupts queries that run too long.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from eventwire.web.db import SANDBOX

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
CHILD = Path(__file__).with_name("sql_child.py")
# address space of the query process (it needs about 600 MB to start its threads); DuckDB's own
# memory_limit is half of it
MEMORY_MB = 1024
MAX_RESULT_BYTES = 32 * 2**20
START_GRACE_S = 20.0  # for starting the query process on a busy machine; its own timer does the rest


class SQLRefused(ValueError):
    """The query is not a single read-only statement, failed, or ran past its time."""


@dataclass
class SQLResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    elapsed_ms: float


def check(sql: str) -> None:
    """Refuse anything but one SELECT (or EXPLAIN) statement."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise SQLRefused(f"cannot parse the query: {str(exc).splitlines()[0]}")
    if len(statements) != 1:
        raise SQLRefused(f"send exactly one statement (got {len(statements)})")
    if statements[0].type not in ALLOWED:
        raise SQLRefused(f"only SELECT queries are allowed here, not {statements[0].type.name}")


def run(db: Path, sql: str, max_rows: int, timeout_s: float, memory_mb: int = MEMORY_MB,
        max_bytes: int = MAX_RESULT_BYTES) -> SQLResult:
    """Run one checked query in a child process (see ``sql_child.py``) on the store at ``db``: read-only,
    sandboxed like the app's connection, interrupted after ``timeout_s`` seconds, and held to
    ``memory_mb`` of address space, so no query can take the server's memory. The result is cut at
    ``max_rows`` rows or ``max_bytes`` bytes (``truncated``)."""
    check(sql)
    config = {**SANDBOX, "memory_limit": f"{memory_mb // 2}MB", "threads": 2}
    args = {"db": str(db), "config": config, "timeout_s": timeout_s, "max_rows": max_rows,
            "memory_mb": memory_mb, "max_bytes": max_bytes}
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(CHILD), json.dumps(args)], input=sql.encode(),
                              capture_output=True, timeout=timeout_s + START_GRACE_S, check=False)
        answer = pickle.loads(done.stdout) if done.returncode == 0 else ("error", "the query process failed")
    except subprocess.TimeoutExpired:
        answer = ("timeout",)
    except pickle.UnpicklingError:
        answer = ("error", "the query process failed")
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    if answer[0] == "timeout":
        raise SQLRefused(f"the query ran longer than {timeout_s:g} s and was stopped")
    if answer[0] == "error":
        raise SQLRefused(answer[1])
    _, columns, rows, truncated = answer
    return SQLResult(columns, rows, truncated, elapsed)
