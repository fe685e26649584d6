"""Rendered responses kept for identical GET requests while the store is unchanged.

The app serves a store it holds read-only, so one URL gives the same bytes until an upload writes
the store (which moves :attr:`Database.generation` on). Rendering a page or its JSON costs
10-100 ms of Python on a 10,000-article store; with 200 users that kept the server's one
interpreter busy and queued requests for seconds (p99 18 s). A hit costs well under a
millisecond. Concurrent first requests for one URL wait for the first instead of all computing
it (single flight). Only complete 200 responses up to ``max_body`` bytes are kept, in an LRU
bounded by entries and bytes; the SQL page and static files are never cached.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

Scope = dict[str, Any]
Key = tuple[int, date, str, bytes]
SKIP = ("/sql", "/static", "/static-vendor", "/api/events.csv", "/api/events.jsonl")
#: The store-wide pages and their JSON: rendered once at start-up, before the first user comes.
WARM = ("/", "/articles", "/events", "/timeline", "/network", "/actors", "/sources", "/deadlines", "/api/stats",
        "/api/articles", "/api/events", "/api/actors", "/api/timeline", "/api/network", "/api/deadlines",
        "/api/attributions", "/api/sources")


async def warm(app: Any, paths: tuple[str, ...] = WARM) -> None:
    """GET each path through the whole app, so that its answer is cached (and its template compiled).

    Without this, the first users of a large store all met cold pages at once: 200 users arriving
    within a second waited up to 8 s, against 0.2-0.9 s once warm."""
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def discard(_: dict[str, Any]) -> None:
        return None

    for path in paths:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"", "headers": [],
                 "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 80)}
        await app(scope, receive, discard)


class ResponseCache:
    """ASGI middleware: GET responses by path and query string, per store generation and day."""

    def __init__(self, app: Any, generation: Callable[[], int], max_entries: int = 2048,
                 max_bytes: int = 64 * 2**20, max_body: int = 2 * 2**20) -> None:
        self.app = app
        self.generation = generation
        self.max_entries, self.max_bytes, self.max_body = max_entries, max_bytes, max_body
        self.entries: OrderedDict[Key, tuple[list[Any], bytes]] = OrderedDict()
        self.bytes = 0
        self.flight: dict[Key, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(SKIP):
            await self.app(scope, receive, send)
            return
        # the day is part of the key: the deadlines page says what is upcoming "today"
        key = (self.generation(), date.today(), scope["path"], scope.get("query_string", b""))
        if key in self.flight and key not in self.entries:
            await self.flight[key].wait()
            if key not in self.entries:  # the first one was not cacheable (an error, too big)
                await self.app(scope, receive, send)
                return
        if key in self.entries:
            self.entries.move_to_end(key)
            headers, body = self.entries[key]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        event = self.flight[key] = asyncio.Event()
        try:
            await self._fill(key, scope, receive, send)
        finally:
            del self.flight[key]
            event.set()

    async def _fill(self, key: Key, scope: Scope, receive: Any, send: Any) -> None:
        """Pass the response through, keeping a copy when it is a complete 200 small enough."""
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def keep(message: dict[str, Any]) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and size <= self.max_body:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False) and start.get("status") == 200 and size <= self.max_body:
                    self._store(key, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _store(self, key: Key, headers: list[Any], body: bytes) -> None:
        if key in self.entries:
            self.bytes -= len(self.entries.pop(key)[1])
        self.entries[key] = (headers, body)
        self.bytes += len(body)
        while len(self.entries) > self.max_entries or self.bytes > self.max_bytes:
            _, (_, old) = self.entries.popitem(last=False)
            self.bytes -= len(old)
