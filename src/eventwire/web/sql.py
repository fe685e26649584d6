"""Read-only SQL for power users: one SELECT, a row cap and a time limit.

The connection itself is the real guard (read-only, no file access, configuration locked; see
``db.py``); the statement check here turns what would fail deep inside DuckDB into a clear message,
and a timer interrupts queries that run too long.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import duckdb

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


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


def run(cur: duckdb.DuckDBPyConnection, sql: str, max_rows: int, timeout_s: float) -> SQLResult:
    """Run one checked query on its own cursor; interrupt it after ``timeout_s`` seconds."""
    check(sql)
    timer = threading.Timer(timeout_s, cur.interrupt)
    started = time.perf_counter()
    timer.start()
    try:
        res = cur.execute(sql)
        columns = [d[0] for d in res.description] if res.description else []
        rows = res.fetchmany(max_rows + 1)
    except duckdb.InterruptException:
        raise SQLRefused(f"the query ran longer than {timeout_s:g} s and was stopped")
    except duckdb.Error as exc:
        raise SQLRefused(f"query failed: {str(exc).splitlines()[0]}")
    finally:
        timer.cancel()
    elapsed = (time.perf_counter() - started) * 1000
    return SQLResult(columns, [list(r) for r in rows[:max_rows]], len(rows) > max_rows, round(elapsed, 1))
