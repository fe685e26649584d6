"""Load: 200 concurrent clients against `eventwire serve` on loopback, for a bounded time.

    .venv/bin/python benchmarks/load.py                        # 10,000 articles, 200 clients, 60 s
    .venv/bin/python benchmarks/load.py --clients 50 --seconds 20 --articles 2000
    .venv/bin/python benchmarks/load.py --think 0             # closed loop: saturate the server

A synthetic store (eventwire.synthetic; kept in /tmp between runs) is served by the real
``eventwire serve`` command in a child process on 127.0.0.1. Each client is a user that opens a
page or calls the API, waits ``--think`` seconds on average (uniform 0.5x-1.5x), and repeats, until
the time is up. Reports throughput, p50/p90/p99/max latency and errors (any status >= 400, any
connection error); target: 0 errors and p99 < 1 s. Traffic only ever goes to the loopback address.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import ssl
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from eventwire.store import Store
from eventwire.synthetic import build_store

LOOPBACK = "127.0.0.1"
TARGET_P99_S = 1.0
WINDOW_S = 10
#: One TLS context for all users (plain HTTP never uses it): httpx builds one per client otherwise,
#: 30 ms of CPU each, and 200 users arriving together queued for seconds behind that, in the client.
TLS = ssl.create_default_context()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def store_for(articles: int) -> Path:
    """The synthetic store, built once; a kept one is opened writable first so that it gets the
    columns a newer schema adds (the read-only server cannot, and its pages would fail with 500s)."""
    path = Path(f"/tmp/eventwire-load-{articles}.duckdb")
    if not path.exists():
        build_store(path, articles)
    with Store(path):
        pass
    return path


def urls(articles: int, rng: random.Random) -> str:
    """One request a user might make: pages and API calls, with ids that exist in the store."""
    article = f"syn-{rng.randrange(articles):08d}"
    page = rng.randint(1, 40)
    return rng.choice([
        "/", "/articles", f"/articles?page={page}", f"/articles/{article}", f"/articles/{article}?focus=V1",
        "/events", f"/events?page={page}&sort=-goldstein", "/events?quad_class=4&modality=threatened",
        "/timeline", "/network", "/actors", "/sources", "/deadlines",
        f"/api/events?page={page}&per_page=50", "/api/stats", f"/api/articles/{article}",
        "/api/actors", "/api/timeline?quad_class=1", "/api/network?limit=50",
        "/api/deadlines?when=passed", "/api/attributions?anonymous=true",
    ])


def route_of(url: str) -> str:
    """The URL without its query and ids, to group latencies by page."""
    path = url.split("?")[0]
    return "/".join("{id}" if part.startswith("syn-") else part for part in path.split("/"))


async def user(base: str, started: float, stop: float, think: float, articles: int, seed: int,
               latencies: list[float], errors: list[str], by_path: dict[str, list[float]],
               by_window: dict[int, list[float]]) -> None:
    """One user with a connection of its own, as a browser has. (One client shared by 200 users
    made the benchmark measure itself: httpx scans its whole pool on every request, and that
    capped the load at about 120 requests/s with seconds of queueing in the client.)"""
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, think))  # users arrive spread over one think time
    async with httpx.AsyncClient(base_url=base, timeout=30.0, trust_env=False, verify=TLS,
                                 limits=httpx.Limits(max_connections=1)) as client:
        while time.monotonic() < stop:
            await visit(client, articles, rng, started, latencies, errors, by_path, by_window)
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def visit(client: httpx.AsyncClient, articles: int, rng: random.Random, started: float,
                latencies: list[float], errors: list[str], by_path: dict[str, list[float]],
                by_window: dict[int, list[float]]) -> None:
    url = urls(articles, rng)
    start = time.perf_counter()
    try:
        response = await client.get(url)
        if response.status_code >= 400:
            errors.append(f"{response.status_code} {url}")
    except httpx.HTTPError as exc:
        errors.append(f"{type(exc).__name__} {url}")
    latencies.append(time.perf_counter() - start)
    by_path.setdefault(route_of(url), []).append(latencies[-1])
    by_window.setdefault(int((time.monotonic() - started) // WINDOW_S), []).append(latencies[-1])


async def load(base: str, clients: int, seconds: float, think: float, articles: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    by_path: dict[str, list[float]] = {}
    by_window: dict[int, list[float]] = {}  # by when the answer came, in WINDOW_S steps: start-up or steady state?
    started = time.monotonic()
    stop = started + seconds
    await asyncio.gather(*(user(base, started, stop, think, articles, i, latencies, errors, by_path, by_window)
                           for i in range(clients)))
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1) if ordered else 0.0

    return {
        "clients": clients, "seconds": round(elapsed, 1), "think_s": think, "requests": len(latencies),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50), "p90_ms": pct(0.90), "p99_ms": pct(0.99), "max_ms": pct(1.0),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0.0,
        "errors": len(errors), "error_examples": sorted(set(errors))[:5],
        "slowest_p99_ms": dict(sorted(((path, round(sorted(v)[int(0.99 * len(v))] * 1000, 1))
                                       for path, v in by_path.items()), key=lambda kv: -kv[1])[:5]),
        "p99_ms_by_window": {f"{w * WINDOW_S}-{(w + 1) * WINDOW_S} s": round(sorted(v)[int(0.99 * len(v))] * 1000, 1)
                             for w, v in sorted(by_window.items())},
    }


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"eventwire serve exited: {server.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(base + "/api/stats", timeout=5, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("eventwire serve did not answer in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0, help="Mean seconds a user waits between requests.")
    parser.add_argument("--save", type=Path, help="Write the figures as JSON here.")
    args = parser.parse_args()
    db = store_for(args.articles)
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    server = subprocess.Popen([sys.executable, "-c", "from eventwire.cli import main; main()", "serve",
                               "--db", str(db), "--host", LOOPBACK, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_ready(base, server)
        figures = asyncio.run(load(base, args.clients, args.seconds, args.think, args.articles))
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # uvicorn waits for open connections to close; do not wait longer
            server.kill()
            server.wait()
    figures["articles"] = args.articles
    ok = figures["errors"] == 0 and figures["p99_ms"] < TARGET_P99_S * 1000
    figures["target_met"] = ok
    print(json.dumps(figures, indent=1))
    print(f"{figures['clients']} clients, {figures['seconds']} s: {figures['requests']} requests, "
          f"{figures['throughput_rps']} req/s, p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"{figures['errors']} errors — target (0 errors, p99 < 1 s) {'met' if ok else 'NOT met'}")
    if args.save:
        args.save.write_text(json.dumps(figures, indent=1) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
