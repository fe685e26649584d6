"""Runs one SQL endpoint query in a process of its own, under an address-space limit.

DuckDB's ``memory_limit`` covers its buffer manager, not the strings a function builds:
``SELECT repeat('x', 100000000) FROM range(5000)`` asked for 200 GB at once and had the server
killed by the kernel. Here the query runs under ``RLIMIT_AS``, so such a query fails with an
out-of-memory error in this process only. Started by :func:`eventwire.web.sql.run` as a script (it
imports DuckDB alone, to start fast); reads the query on stdin, arguments as one JSON argument;
writes a pickled ``("ok", columns, rows, truncated)`` or ``("error", message)`` to stdout.
"""

from __future__ import annotations

import json
import pickle
import resource
import sys
import threading
from typing import Any

CHUNK_ROWS = 256


def main() -> None:
    args = json.loads(sys.argv[1])
    limit = args["memory_mb"] * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.stdout.buffer.write(pickle.dumps(answer(sys.stdin.read(), args)))


def answer(sql: str, args: dict[str, Any]) -> tuple[Any, ...]:
    import duckdb

    try:
        con = duckdb.connect(args["db"], read_only=True, config=args["config"])
    except duckdb.Error as exc:
        return ("error", f"cannot open the store: {str(exc).splitlines()[0]}")
    timer = threading.Timer(args["timeout_s"], con.interrupt)
    timer.start()
    rows: list[Any] = []
    size, truncated = 0, False
    try:
        res = con.execute(sql)
        columns = [d[0] for d in res.description] if res.description else []
        while not truncated and (chunk := res.fetchmany(CHUNK_ROWS)):
            for row in chunk:
                size += len(pickle.dumps(row))
                if len(rows) == args["max_rows"] or size > args["max_bytes"]:
                    truncated = True
                    break
                rows.append(list(row))
    except duckdb.InterruptException:
        return ("timeout",)
    except (duckdb.OutOfMemoryException, MemoryError):
        return ("error", f"the query needed more than {args['memory_mb']} MB and was stopped")
    except duckdb.Error as exc:
        return ("error", f"query failed: {str(exc).splitlines()[0]}")
    finally:
        timer.cancel()
    return ("ok", columns, rows, truncated)


if __name__ == "__main__":
    main()
