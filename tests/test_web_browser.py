"""The web app in headless Chromium (Debian's package, never a downloaded browser) with no network.

A uvicorn server runs on a free loopback port; every request the browser makes elsewhere is
blocked and fails the test. Screenshots of each page go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from test_web_api import fake_analyser
from web_harness import CHROMIUM, CHROMIUM_ARGS, served
from test_web_records import HOSTILE_ID, build_test_store

from eventwire.web import create_app

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_test_store(tmp_path_factory.mktemp("browser") / "store.duckdb")
    with served(create_app(db, analyser=fake_analyser)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it must not: leave the host, log errors, open dialogs."""

    def __init__(self) -> None:
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def check(self) -> None:
        assert not self.remote, f"requests outside the app: {self.remote}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


@pytest.fixture()
def page(browser, base_url: str) -> Iterator[tuple[object, Watch]]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watch = Watch()
    host = urlsplit(base_url).netloc

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if urlsplit(r.request.url).netloc == host or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            watch.remote.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    pg.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    yield pg, watch
    context.close()


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


PAGES = {
    "overview": "/", "articles": "/articles", "article": "/articles/briefing", "events": "/events",
    "timeline": "/timeline", "network": "/network", "actors": "/actors", "actor": "/actors/DEU",
    "sources": "/sources", "deadlines": "/deadlines?as_of=2024-03-10", "analyse": "/analyse",
    "sql": "/sql?sql=SELECT+plover%2C+count(*)+AS+n+FROM+events+GROUP+BY+1+ORDER+BY+n+DESC", "docs": "/docs",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_offline(page, base_url: str, name: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    response = pg.goto(base_url + PAGES[name], wait_until="networkidle")
    assert response.status == 200
    if name == "docs":
        pg.wait_for_selector("#swagger-ui .opblock", timeout=15_000)
    assert pg.locator("h1, #swagger-ui .title").first.is_visible()
    if name == "timeline":
        pg.wait_for_selector("#points .main-svg")
        pg.wait_for_selector("#daily .main-svg")
    if name == "network":
        assert pg.locator("#network .node").count() >= 2
    if name == "sources":
        pg.wait_for_selector("#monthly .main-svg")
    shot(pg, name)
    watch.check()


def test_event_row_opens_its_sentence(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    pg.goto(base_url + "/events?article=briefing&quad_class=3")
    pg.locator("table.events-table a.sentence").first.click()
    pg.wait_for_url("**/articles/briefing?focus=V2#focus")
    focus = pg.locator("#focus")
    assert focus.is_visible() and focus.inner_text().startswith("A senior European diplomat")
    assert focus.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    shot(pg, "article-focus")
    watch.check()


def test_filtering_the_table(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    pg.goto(base_url + "/events?per_page=500")
    everything = pg.locator("table.events-table tbody tr").count()
    pg.keyboard.press("/")  # the search shortcut focuses the search box
    assert pg.evaluate("document.activeElement.name") == "q"
    pg.fill("input[name=actor]", "DEU")
    pg.select_option("select[name=quad_class]", "3")
    pg.press("input[name=actor]", "Enter")
    pg.wait_for_url("**actor=DEU**")
    rows = pg.locator("table.events-table tbody tr")
    assert 0 < rows.count() < everything
    assert all("Verbal conflict" in t for t in rows.all_inner_texts())
    shot(pg, "events-filtered")
    pg.fill("input[name=q]", "no such words anywhere")
    pg.press("input[name=q]", "Enter")
    pg.wait_for_selector(".empty")
    assert "No event matches" in pg.locator(".empty").inner_text()
    watch.check()


def test_annotation_popover_explains(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    pg.goto(base_url + "/articles/briefing")
    pg.locator(".k-event", has_text="threatened").first.click()
    pop = pg.locator("#pop")
    assert pop.is_visible()
    text = pop.inner_text()
    assert "1663" in text and "threatened" in text and "A senior European diplomat" in text
    pg.keyboard.press("Escape")
    assert not pop.is_visible()
    pg.locator(".panel a[data-ref=D1]").click()
    assert "withdraw its troops" in pop.inner_text()
    watch.check()


def test_timeline_point_opens_the_sentence(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    pg.goto(base_url + "/timeline?article=briefing")
    pg.wait_for_selector("#points .scatterlayer .point")
    pg.locator("#points .scatterlayer .point").first.click(force=True)
    pg.wait_for_url("**/articles/briefing?focus=*")
    assert pg.locator("#focus").is_visible()
    watch.check()


def test_network_node_opens_the_actor(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    pg.goto(base_url + "/network?article=briefing")
    pg.locator("#network a.node").first.click()
    pg.wait_for_url("**/actors/*")
    assert pg.locator("h1").is_visible()
    watch.check()


def test_hostile_article_never_runs_script(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    pg, watch = page
    article = f"/articles/{quote(HOSTILE_ID, safe='')}"
    for url in [article, article + "?focus=V1", "/events", "/articles", "/actors", "/actors/%3CEVL%3E",
                "/deadlines?as_of=2024-03-01", "/timeline", "/network", "/sources", "/"]:
        pg.goto(base_url + url, wait_until="networkidle")
        for span in pg.locator("#article-text [data-refs]").all()[:12]:
            span.hover()
            span.click()
        assert pg.evaluate("window.__xss") is None, url
    pg.goto(base_url + article)
    shot(pg, "hostile-article")
    assert "<script>" in pg.locator("#article-text").inner_text()  # shown as text, not run
    assert pg.locator("a[href^='javascript:']").count() == 0
    assert watch.dialogs == [] and watch.remote == []
