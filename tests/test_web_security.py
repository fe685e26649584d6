"""Web security: hostile text never runs, SQL is parameterised and sandboxed, sizes and paths are bounded.

A store of hostile records (markup, event handlers, ``javascript:`` URLs, CSS injection, a very
long word, bidi controls) is served on loopback and every page is opened in headless Chromium;
the API is probed in-process with hostile parameters while every SQL statement the app issues is
recorded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import typer
from fastapi.testclient import TestClient
from test_web_api import fake_analyser
from web_harness import CHROMIUM, CHROMIUM_ARGS, served
from test_web_records import build_test_store, span

from eventwire.analysis import (
    ActorRef,
    Analysis,
    Article,
    Attribution,
    Deadline,
    Entity,
    Event,
    Source,
    SourcingProfile,
    offset_errors,
)
from eventwire.cli import app as cli_app
from eventwire.limits import AnalysisError
from eventwire.store import Store
from eventwire.web import create_app, sql

PWN = "window.__pwned = (window.__pwned || []).concat"
PAYLOADS = [
    f"<script>{PWN}(1)</script>",
    f"<img src=x onerror=\"{PWN}(2)\">",
    f"<svg onload=\"{PWN}(3)\"></svg>",
    f"\"><iframe srcdoc=\"<script>parent.__pwned=[4]</script>\"></iframe>",
    f"</textarea></title><script>{PWN}(5)</script>",
    "</style><style>body{display:none !important}</style><div id=pwn-css style=\"position:fixed;inset:0\">",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{PWN}(7)\">",
    f"<a href=\"javascript:{PWN}(8)\">click</a>",
    "<base href=\"http://evil.invalid/\"><link rel=stylesheet href=\"http://evil.invalid/x.css\">",
    f"'-{PWN}(10)-'", f"\"-{PWN}(11)-\"", f"`${{{PWN}(12)}}`", "{{7*7}}{% raw %}",
    "\u202eevil\u202c \u200b\u200d",
]
LONG_WORD = "Antidisestablishmentarianism" * 200
MARKER = "zq'\"; DROP TABLE articles; -- <script>"


def hostile_analysis(number: int, payload: str) -> Analysis:
    """One article with the payload in its text and in every field that reaches a page."""
    text = (f"Evilland warned Badland on Monday. {payload} said a spokesman of Evilland. "
            f"{LONG_WORD} Badland set a deadline of March 20. {payload}")
    p = span(text, payload)
    entities = [Entity("E1", f"Evilland {payload}", "GPE", "EVL", f"EVL{number}", "GOV", payload,
                       [span(text, "Evilland")], payload),
                Entity("E2", "Badland", "GPE", "BAD", "BAD", None, None, [span(text, "Badland")], "fixture")]
    spokesman = span(text, "a spokesman of Evilland")
    attributions = [Attribution("A1", "direct", span(text, "said"), p,
                                Source(spokesman.start, spokesman.end, spokesman.text, "E1", False,
                                       {"role": payload}), evidence=payload)]
    events = [Event("V1", span(text, "warned"), "130", "THREATEN", -4.4, 3, ActorRef("E1", f"EVL{number}", payload),
                    ActorRef("E2", "BAD", payload), None, None, "2024-03-01", "published", "threatened", "A1",
                    payload)]
    due = span(text, "a deadline of March 20")
    deadlines = [Deadline("D1", due.start, due.end, due.text, None, "2024-03-20", payload, "upcoming", "E2", payload)]
    article = Article(text, id=f"hostile-{number}", title=f"{payload} title {number}", published=date(2024, 3, 1),
                      url=f"javascript:{PWN}(99)" if number % 2 else payload, outlet=payload, source=payload)
    return Analysis(article, entities, [], attributions, events, deadlines,
                    SourcingProfile(1, 1, 0, 1.0, [{"text": payload, "anonymous": False, "count": 1}]))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_test_store(tmp_path_factory.mktemp("security") / "store.duckdb", synthetic=10)
    records = [hostile_analysis(i, p) for i, p in enumerate(PAYLOADS)]
    for record in records:
        assert offset_errors(record.to_dict(), record.article.text) == []
    with Store(path) as store:
        store.ingest(records)
    return path


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    return TestClient(create_app(store_path, analyser=fake_analyser, sql_timeout_s=1.0))


# --- every SQL statement is parameterised -------------------------------------------------------

class RecordingCursor:
    """A DuckDB cursor that writes down every statement and its parameters."""

    def __init__(self, cursor: Any, log: list[tuple[str, Any]]) -> None:
        self._cursor, self._log = cursor, log

    def execute(self, sql: str, params: Any = None) -> Any:
        self._log.append((sql, params))
        return self._cursor.execute(sql, params) if params is not None else self._cursor.execute(sql)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def string_params(client: TestClient) -> list[tuple[str, list[str], list[str]]]:
    """(path template, path params, string query params) of every GET route in the OpenAPI schema."""
    routes = []
    for path, ops in client.app.openapi()["paths"].items():
        if "get" not in ops:
            continue
        names = {"path": [], "query": []}
        for param in ops["get"].get("parameters", []):
            schema = param.get("schema", {})
            kinds = [schema.get("type")] + [s.get("type") for s in schema.get("anyOf", [])]
            if "string" in kinds and "format" not in schema and "enum" not in schema and "pattern" not in schema \
                    and not any("format" in s or "enum" in s for s in schema.get("anyOf", [])):
                names[param["in"]].append(param["name"])
        routes.append((path, names["path"], names["query"]))
    return routes


def test_every_sql_the_app_issues_is_parameterised(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[tuple[str, Any]] = []
    db = client.app.state.db
    real_cursor = type(db).cursor

    def recording(self: Any) -> Any:
        from contextlib import contextmanager

        @contextmanager
        def wrapped() -> Iterator[Any]:
            with real_cursor(self) as cur:
                yield RecordingCursor(cur, log)
        return wrapped()

    monkeypatch.setattr(type(db), "cursor", recording)
    routes = string_params(client)
    assert len(routes) >= 10
    probed = 0
    for path, path_params, query_params in routes:
        url = path
        for name in path_params:
            url = url.replace("{" + name + "}", quote(MARKER, safe=""))
        params = {name: MARKER for name in query_params}
        for target in (url, url.replace("/api", "", 1)):  # the API and the page behind it
            response = client.get(target, params=params)
            assert response.status_code < 500, (target, response.text[:200])
            probed += 1
    assert probed >= 20 and log
    leaks = [sql for sql, _ in log if "zq'" in sql or "DROP TABLE" in sql]
    assert leaks == []
    assert any(params and any(MARKER in str(p) for p in params) for _, params in log)  # values went as parameters


# --- the read-only SQL endpoint ----------------------------------------------------------------

REFUSED = [
    "INSERT INTO articles (id, text_sha256, text, analysis) VALUES ('x', 'x', 'x', '{}')",
    "UPDATE articles SET title = 'x'", "DELETE FROM events", "DROP TABLE articles", "CREATE TABLE t AS SELECT 1",
    "ATTACH '/tmp/eventwire-other.duckdb' AS other", "DETACH DATABASE store", "COPY articles TO '/tmp/eventwire-x.csv'",
    "EXPORT DATABASE '/tmp/eventwire-export'", "INSTALL httpfs", "LOAD httpfs", "SET enable_external_access = true",
    "RESET lock_configuration", "PRAGMA database_list", "CHECKPOINT", "VACUUM", "CREATE MACRO m(x) AS x",
    "SELECT 1; DROP TABLE articles",
    "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')", "SELECT * FROM glob('/etc/*')", "SELECT * FROM '/etc/passwd'",
    "FROM read_json('/etc/passwd')", "SELECT * FROM read_parquet('/tmp/*.parquet')",
    "SELECT * FROM sniff_csv('/etc/passwd')", "EXPLAIN ANALYZE SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM query('ATTACH ''/tmp/eventwire-q.duckdb'' AS q')",
    "SELECT * FROM query('COPY articles TO ''/tmp/eventwire-y.csv''')",
    "SELECT getenv('HOME')", "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
]


#: Read through the SQL endpoint itself: it opens the file afresh in its own process, so this sees
#: what is really stored, not an answer the app keeps in memory.
CONTENTS = ("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM attributions), (SELECT count(*) FROM information_schema.tables), "
            "(SELECT string_agg(id || title, ',' ORDER BY id) FROM articles)")


def stored(client: TestClient) -> list[list[object]]:
    response = client.post("/api/sql", json={"sql": CONTENTS})
    assert response.status_code == 200, response.text
    return response.json()["rows"]


@pytest.mark.parametrize("sql", REFUSED)
def test_sql_endpoint_cannot_write_attach_or_read_files(client: TestClient, store_path: Path, sql: str) -> None:
    before = stored(client)
    response = client.post("/api/sql", json={"sql": sql})
    assert response.status_code == 400, response.text
    assert "root:" not in response.text
    page = client.get("/sql", params={"sql": sql})
    assert page.status_code == 200 and "root:x:" not in page.text
    assert stored(client) == before
    for leftover in ("/tmp/eventwire-x.csv", "/tmp/eventwire-y.csv", "/tmp/eventwire-other.duckdb",
                     "/tmp/eventwire-q.duckdb", "/tmp/eventwire-export"):
        assert not Path(leftover).exists()


def test_sql_endpoint_stops_at_its_time_limit(client: TestClient) -> None:
    for sql in ("SELECT count(*) FROM range(100000000000)",
                "SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range * b.range = 7"):
        start = time.monotonic()
        response = client.post("/api/sql", json={"sql": sql})
        assert response.status_code == 400 and "longer than 1 s" in response.json()["detail"]
        assert time.monotonic() - start < 5


def test_sql_endpoint_cannot_take_the_servers_memory(store_path: Path) -> None:
    """DuckDB's memory_limit does not cover strings a function builds (this one asks for 200 GB at once
    and had the server killed by the kernel); the query process has an address-space limit."""
    client = TestClient(create_app(store_path, analyser=fake_analyser, sql_timeout_s=5.0, sql_memory_mb=1024))
    response = client.post("/api/sql", json={"sql": "SELECT repeat('x', 100000000) FROM range(5000)"})
    assert response.status_code == 400 and "more than 1024 MB" in response.json()["detail"]
    assert client.post("/api/sql", json={"sql": "SELECT 1 AS one"}).json()["rows"] == [[1]]  # the server lives on


def test_sql_results_are_cut_at_a_byte_cap(store_path: Path) -> None:
    result = sql.run(store_path, "SELECT repeat('x', 1000) AS s FROM range(100)", 5000, 5.0, max_bytes=20_000)
    assert result.truncated and 10 < len(result.rows) < 25


def test_identical_pages_are_cached_until_the_store_changes(store_path: Path, tmp_path: Path) -> None:
    """Responses are kept per URL (the server's answer to load), and never outlive a write to the store."""
    path = tmp_path / "store.duckdb"
    path.write_bytes(store_path.read_bytes())
    client = TestClient(create_app(path, analyser=fake_analyser))
    first = client.get("/api/articles?per_page=100")
    assert client.get("/api/articles?per_page=100").content == first.content
    assert "Content-Security-Policy" in client.get("/api/articles?per_page=100").headers  # headers on cached answers
    stored = client.post("/api/analyse", data={"text": "The president met the envoy.", "store": "true"})
    assert stored.status_code == 200, stored.text
    after = client.get("/api/articles?per_page=100").json()
    assert after["total"] == first.json()["total"] + 1

# --- request sizes, paths, binding ---------------------------------------------------------------

def test_request_bodies_are_capped(client: TestClient) -> None:
    big = b'{"sql": "' + b"x" * (10 * 2**20) + b'"}'
    assert client.post("/api/sql", content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(12):
            yield b"x" * 2**20

    assert client.post("/api/sql", content=chunks(), headers={"content-type": "application/json"}).status_code == 413
    assert client.post("/analyse", content=chunks(),
                       headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413
    assert client.get("/api/articles", params={"q": "x" * 300}).status_code == 422  # parameters have limits too


@pytest.mark.parametrize("url", [
    "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/swagger/../../../../etc/passwd", "/static/%252e%252e/%252e%252e/etc/passwd", "/static/....//....//etc/passwd",
    "/static-vendor/../../../etc/passwd", "/static/..\\..\\..\\etc\\passwd",
])
def test_static_files_refuse_path_traversal(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404) and "root:" not in response.text


@pytest.mark.parametrize("name", ["../../../../tmp/eventwire-evil.txt", "..\\..\\eventwire-evil.txt",
                                  "/tmp/eventwire-evil.txt", "eventwire-evil.txt\x00.html", "../eventwire-evil.exe"])
def test_upload_names_never_become_paths(client: TestClient, name: str) -> None:
    response = client.post("/api/analyse", files={"file": (name, b"Seoul invited Tokyo to talks.")},
                           data={"store": "false"})
    assert response.status_code in (200, 400)
    assert not Path("/tmp/eventwire-evil.txt").exists()
    assert not (Path.cwd().parent / "eventwire-evil.txt").exists()


def test_upload_analysis_failure_is_a_one_line_400(store_path: Path) -> None:
    def failing(articles: list[Article]) -> list[Analysis]:
        raise AnalysisError(articles[0], "analysis took longer than the limit of 60 s (in eventwire_events)")

    client = TestClient(create_app(store_path, analyser=failing))
    response = client.post("/api/analyse", data={"text": "Seoul invited Tokyo."})
    assert response.status_code == 400 and "longer than the limit" in response.json()["detail"]


def test_serve_binds_loopback_by_default() -> None:
    command = typer.main.get_command(cli_app).commands["serve"]
    host = next(p for p in command.params if p.name == "host")
    assert host.default == "127.0.0.1"


# --- hostile text in a real browser --------------------------------------------------------------

INJECTED = ("[onerror],[onload],[onclick],[onmouseover],iframe,base,meta[http-equiv],#pwn-css,"
            "a[href^='javascript:'],link[href*='evil.invalid']")


@pytest.fixture(scope="module")
def base_url(store_path: Path) -> Iterator[str]:
    with served(create_app(store_path, analyser=fake_analyser)) as url:
        yield url


def hostile_urls() -> list[str]:
    payload = quote(PAYLOADS[0], safe="")
    urls = ["/", "/articles", "/events", "/actors", "/sources", "/deadlines", "/timeline", "/network",
            f"/articles?q={payload}", f"/events?q={payload}&actor={payload}", f"/actors?q={payload}",
            f"/sql?sql={quote(chr(39) + PAYLOADS[1] + chr(39), safe='')}", f"/sql?sql=SELECT+{payload}",
            f"/articles/{payload}", f"/actors/{payload}"]
    for i in range(len(PAYLOADS)):
        urls += [f"/articles/hostile-{i}", f"/articles/hostile-{i}?focus=V1", f"/actors/EVL{i}"]
    return urls


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_hostile_text_never_executes_in_chromium(base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    origin = urlsplit(base_url).netloc
    dialogs: list[str] = []
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == origin
                       else (outside.append(route.request.url), route.abort()))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for url in hostile_urls():
                page.goto(base_url + url, wait_until="load")
                page.wait_for_timeout(50)
                for link in page.locator("#article-text [data-ref], #article-text mark").all()[:3]:
                    link.hover(timeout=2000)
                state = page.evaluate(f"""() => ({{
                    pwned: window.__pwned || null,
                    injected: document.querySelectorAll("{INJECTED}").length,
                    hidden: getComputedStyle(document.body).display === 'none',
                    overflow: document.documentElement.scrollWidth - window.innerWidth,
                }})""")
                assert state["pwned"] is None, (url, state)
                assert state["injected"] == 0, (url, state)
                assert not state["hidden"], url
                assert state["overflow"] <= 40, (url, "a very long word widens the page", state)
        finally:
            browser.close()
    assert dialogs == [] and outside == []


def test_hostile_text_comes_back_byte_exact(client: TestClient) -> None:
    """Escaping happens when rendering: the API hands back the text exactly as stored."""
    for i, payload in enumerate(PAYLOADS):
        record = client.get(f"/api/articles/hostile-{i}").json()
        assert record["text"] == hostile_analysis(i, payload).article.text
