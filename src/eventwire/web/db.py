"""The web app's hold on the store: one sandboxed read-only connection, a cursor per request.

DuckDB connections are not thread-safe, so every request works on its own cursor. The connection
is opened read-only with external access disabled and the configuration locked: nothing that runs
through it (the SQL endpoint included) can write, read files, ATTACH or load extensions.

Storing an uploaded article needs the file writable, and DuckDB allows only one configuration per
file in a process, so :meth:`Database.writer` waits for running requests, closes the read-only
connection, writes, and opens it again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from eventwire.store import Store, StoreError

SANDBOX = {"enable_external_access": False, "lock_configuration": True, "memory_limit": "1GB"}
MEMO_SIZE = 256
T = TypeVar("T")


class _ReadWriteLock:
    """Many readers or one writer; a waiting writer holds off new readers."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            self._cond.wait_for(lambda: not self._writing and not self._readers)
            self._waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Database:
    """The store file behind the web app."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"{path}: no such store; run `eventwire ingest` or `eventwire demo` first")
        self._lock = _ReadWriteLock()
        self._con = self._open()
        self._memo: dict[Hashable, object] = {}
        self._memo_lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}
        self.generation = 0  # moves on whenever the store is written: cached answers are then stale

    def _open(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=True, config=SANDBOX)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store read-only ({str(exc).splitlines()[0]})")

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request (or one streamed download)."""
        with self._lock.read():
            cur = self._con.cursor()
            try:
                yield cur
            finally:
                cur.close()

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Aggregates computed once per store state: while the app holds the file read-only nothing else
        can write it, so results stay true until :meth:`writer` runs. Concurrent first requests for
        one key wait for a single computation instead of all running it."""
        with self._memo_lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[return-value]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._memo_lock:
                if key in self._memo:
                    return self._memo[key]  # type: ignore[return-value]
            value = compute()
            with self._memo_lock:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()
                self._memo[key] = value
                self._computing.pop(key, None)
        return value

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """A short-lived writable Store; fails with StoreError while another process holds the file."""
        with self._lock.write():
            self._con.close()
            try:
                with Store(self.path) as store:
                    yield store
            finally:
                self._memo.clear()
                self.generation += 1
                self._con = self._open()

    def close(self) -> None:
        self._con.close()
