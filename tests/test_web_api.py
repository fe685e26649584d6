"""The web API and pages through an in-process client, over a store of hand-built records."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from test_web_records import HOSTILE_ID, briefing, build_test_store

from eventwire.analysis import Analysis, Article
from eventwire.store import Store
from eventwire.web import create_app


def fake_analyser(articles: list[Article]) -> list[Analysis]:
    """Stands in for the NLP pipeline: the upload tests are about the web side."""
    return [Analysis(article=a) for a in articles]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = build_test_store(tmp_path_factory.mktemp("web") / "store.duckdb")
    return TestClient(create_app(db, analyser=fake_analyser, sql_timeout_s=0.5))


def test_stats_counts_every_table(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["counts"]["articles"] == 42
    assert stats["counts"]["events"] > 40
    assert {q["quad_class"] for q in stats["quad_classes"]} >= {1, 3}


def test_articles_are_paginated_newest_first(client: TestClient) -> None:
    first = client.get("/api/articles", params={"per_page": 10}).json()
    second = client.get("/api/articles", params={"per_page": 10, "page": 2}).json()
    assert first["total"] == 42 and len(first["items"]) == 10
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    days = [a["published"] for a in first["items"] + second["items"]]
    assert days == sorted(days, reverse=True)
    found = client.get("/api/articles", params={"q": "geneva"}).json()
    assert [a["id"] for a in found["items"]] == ["briefing"]
    assert found["items"][0]["events"] == 2


def test_article_analysis_is_the_stored_record(client: TestClient) -> None:
    record = client.get("/api/articles/briefing/analysis").json()
    assert record == json.loads(json.dumps(briefing().to_dict(), default=str))
    full = client.get("/api/articles/briefing").json()
    assert full["text"].startswith("France and Germany met")
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get(f"/api/articles/{quote(HOSTILE_ID, safe='')}").json()["id"] == HOSTILE_ID


@pytest.mark.parametrize(("params", "expected"), [
    ({"article": "briefing"}, {"V1", "V2"}),
    ({"article": "briefing", "quad_class": 3}, {"V2"}),
    ({"article": "briefing", "cameo": "04"}, {"V1"}),
    ({"article": "briefing", "plover": "consult"}, {"V1"}),
    ({"article": "briefing", "modality": "threatened"}, {"V2"}),
    ({"article": "briefing", "sourcing": "anonymous"}, {"V2"}),
    ({"article": "briefing", "sourcing": "unattributed"}, {"V1"}),
    ({"article": "briefing", "sourcing": "named"}, set()),
    ({"article": "briefing", "actor": "DEU"}, {"V1", "V2"}),
    ({"article": "briefing", "source_actor": "FRA"}, {"V1"}),
    ({"article": "briefing", "country": "fra"}, {"V1", "V2"}),
    ({"article": "briefing", "q": "EXPEL"}, {"V2"}),
    ({"article": "briefing", "date_from": "2024-03-05"}, set()),
    ({"article": "briefing", "date_to": "2024-03-04", "date_from": "2024-03-04"}, {"V1", "V2"}),
])
def test_event_filters(client: TestClient, params: dict, expected: set[str]) -> None:
    result = client.get("/api/events", params=params).json()
    assert {e["id"] for e in result["items"]} == expected
    assert result["total"] == len(expected)


def test_events_carry_their_sentence_source_and_names(client: TestClient) -> None:
    v2 = client.get("/api/events", params={"article": "briefing", "quad_class": 3}).json()["items"][0]
    assert v2["sentence"] == "A senior European diplomat said Germany had threatened to expel French observers."
    assert v2["according_to"] == "A senior European diplomat" and v2["anonymous"] is True
    assert v2["article_title"] == "Border talks in Geneva"
    assert v2["quad_name"] == "Verbal conflict"


def test_event_sorting_and_pages(client: TestClient) -> None:
    up = client.get("/api/events", params={"sort": "goldstein", "per_page": 500}).json()["items"]
    scores = [e["goldstein"] for e in up if e["goldstein"] is not None]
    assert scores == sorted(scores)
    total = client.get("/api/events", params={"per_page": 1}).json()["total"]
    seen = set()
    for page in range(1, total // 20 + 2):
        seen |= {(e["article_id"], e["id"]) for e in
                 client.get("/api/events", params={"per_page": 20, "page": page}).json()["items"]}
    assert len(seen) == total


@pytest.mark.parametrize("params", [
    {"quad_class": 5}, {"cameo": "abc"}, {"country": "FRANCE"}, {"date_from": "2024-13-01"},
    {"per_page": 1000}, {"page": 0}, {"sort": "id; DROP TABLE events"}, {"modality": "maybe"},
])
def test_invalid_parameters_are_refused(client: TestClient, params: dict) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_blank_form_fields_mean_no_filter(client: TestClient) -> None:
    blank = client.get("/api/events", params={"quad_class": "", "date_from": "", "q": " "}).json()
    assert blank["total"] == client.get("/api/events").json()["total"]


def test_downloads_hold_every_filtered_row(client: TestClient) -> None:
    params = {"quad_class": 3}
    total = client.get("/api/events", params=params).json()["total"]
    response = client.get("/api/events.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == total and {r["quad_class"] for r in rows} == {"3"}
    assert "sentence" in rows[0]
    lines = client.get("/api/events.jsonl", params=params).text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["quad_class"] == 3


def test_actor_endpoints(client: TestClient) -> None:
    actors = {a["key"]: a for a in client.get("/api/actors", params={"q": "germ"}).json()["items"]}
    assert actors["DEU"]["as_source"] >= 1 and actors["DEU"]["name"] == "Germany"
    deu = client.get("/api/actors/DEU").json()
    assert deu["names"][0]["name"] == "Germany"
    assert {e["id"] for e in deu["as_source"]["items"] if e["article_id"] == "briefing"} == {"V2"}
    dupont = client.get("/api/actors/FRAGOV").json()
    assert dupont["quotes"]["items"][0]["content_text"] == "The talks were constructive"
    assert dupont["names"][0]["role"] == "Foreign Minister of France"
    assert client.get("/api/actors/NOBODY").status_code == 404
    assert client.get("/api/actors/%3CEVL%3E").status_code == 200
    entities = client.get("/api/entities", params={"article": "briefing"}).json()
    assert entities["total"] == 3


def test_network_timeline_sources_deadlines(client: TestClient) -> None:
    net = client.get("/api/network", params={"article": "briefing"}).json()
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("FRA", "DEU"), ("DEU", "FRA")}
    assert {n["id"] for n in net["nodes"]} == {"FRA", "DEU"}
    timeline = client.get("/api/timeline", params={"article": "briefing"}).json()
    assert timeline["total"] == 2 and timeline["deadlines"]["day"] == ["2024-03-12"]
    sources = client.get("/api/sources").json()
    assert sources["totals"]["named"] > 0 and sources["totals"]["anonymous"] > 0
    briefing_sources = client.get("/api/sources", params={"outlet": "Example Wire"}).json()
    assert briefing_sources["anonymous_descriptors"][0]["role"] == "diplomat"
    assert briefing_sources["named_sources"][0] == {"source": "Marie Dupont", "code": "FRAGOV", "citations": 1,
                                                    "articles": 1}
    upcoming = client.get("/api/deadlines", params={"as_of": "2024-03-10", "q": "troops"}).json()
    assert [d["id"] for d in upcoming["items"]] == ["D1"]
    assert upcoming["items"][0]["sentence"] == "Germany has given France until March 12 to withdraw its troops."
    passed = client.get("/api/deadlines", params={"as_of": "2024-03-13", "when": "passed", "q": "troops"}).json()
    assert [d["id"] for d in passed["items"]] == ["D1"]
    named = client.get("/api/attributions", params={"anonymous": "false", "article": "briefing"}).json()
    assert [a["id"] for a in named["items"]] == ["A1"]


def test_sql_endpoint_reads(client: TestClient) -> None:
    answer = client.post("/api/sql", json={"sql": "SELECT count(*) AS n FROM articles"}).json()
    assert answer["columns"] == ["n"] and answer["rows"] == [[42]]
    capped = client.post("/api/sql", json={"sql": "SELECT * FROM range(100)", "max_rows": 10}).json()
    assert len(capped["rows"]) == 10 and capped["truncated"]


@pytest.mark.parametrize("sql", [
    "DELETE FROM articles",
    "INSERT INTO meta VALUES ('x', 'y')",
    "CREATE TABLE x AS SELECT 1",
    "ATTACH '/tmp/other.duckdb' AS other",
    "COPY articles TO '/tmp/leak.csv'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT 1; DROP TABLE events",
    "SET enable_external_access = true",
    "INSTALL httpfs",
    "PRAGMA database_list",
])
def test_sql_endpoint_refuses_writes_and_files(client: TestClient, sql: str) -> None:
    response = client.post("/api/sql", json={"sql": sql})
    assert response.status_code == 400, response.text
    assert client.get("/api/stats").json()["counts"]["articles"] >= 42


def test_sql_endpoint_stops_long_queries(client: TestClient) -> None:
    response = client.post("/api/sql", json={"sql": "SELECT count(*) FROM range(1000000000000) a"})
    assert response.status_code == 400 and "longer than" in response.json()["detail"]
    assert client.post("/api/sql", json={"sql": "SELECT 1"}).json()["rows"] == [[1]]


PAGES = ["/", "/articles", "/articles/briefing", "/articles/briefing?focus=V2", "/articles/briefing?at=10",
         "/events", "/events?quad_class=3&sort=goldstein", "/timeline", "/network", "/actors", "/actors/DEU",
         "/sources", "/deadlines?as_of=2024-03-10", "/deadlines?when=passed", "/analyse", "/sql",
         "/sql?sql=SELECT+1", "/docs"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_with_local_assets_only(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for ref in re.findall(r'(?:src|href)="([^"]*)"', response.text):
        assert not ref.startswith(("http:", "https:", "//")) or ref == "https://example.org/briefing", ref


def test_local_assets_are_served(client: TestClient) -> None:
    assert "Plotly" in client.get("/static-vendor/plotly.min.js").text[:5000]
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events.csv", "/api/sql", "/api/articles/{article_id}/analysis",
            "/api/deadlines", "/api/network", "/api/actors", "/api/attributions"} <= set(spec["paths"])


def test_article_page_focuses_the_sentence(client: TestClient) -> None:
    html = client.get("/articles/briefing?focus=V2").text
    focus = re.search(r'id="focus"[^>]*>(.*?)</span>', html)
    assert focus and focus.group(1).startswith("A senior European diplomat")


def test_hostile_text_is_escaped_everywhere(client: TestClient) -> None:
    urls = [f"/articles/{quote(HOSTILE_ID, safe='')}", "/events", "/articles", "/actors", "/actors/%3CEVL%3E",
            "/deadlines?as_of=2024-03-01", "/timeline", "/network", "/sources", "/"]
    for url in urls:
        html = client.get(url).text
        assert "<script>window" not in html, url
        assert not re.search(r"<(img|svg|b|i|u|a)\s[^>]*\son\w+=", html), url
        assert 'href="javascript:' not in html, url


def test_error_pages(client: TestClient) -> None:
    response = client.get("/articles/nope")
    assert response.status_code == 404 and "no article" in response.text
    assert client.get("/events?quad_class=9").status_code == 422


def test_upload_analyses_and_optionally_stores(client: TestClient, tmp_path: Path) -> None:
    shown = client.post("/analyse", data={"text": "Leaders met <script>x</script> today.", "title": "Pasted",
                                         "published": "2024-01-02"})
    assert shown.status_code == 200 and "Pasted" in shown.text and "&lt;script&gt;x" in shown.text
    assert "not stored" in shown.text
    assert client.post("/analyse", data={"text": "  "}).status_code == 400
    assert client.post("/analyse", data={"text": "x", "published": "soon"}).status_code == 400
    stored = client.post("/analyse", data={"title": "Uploaded", "store": "true"},
                         files={"file": ("note.txt", b"Ministers agreed on a plan.", "text/plain")},
                         follow_redirects=False)
    assert stored.status_code == 303
    assert client.get(stored.headers["location"]).status_code == 200
    assert client.get("/api/stats").json()["counts"]["articles"] == 43
    record = client.post("/api/analyse", data={"text": "Another text."}).json()
    assert record["article"]["chars"] == len("Another text.") and record["article"]["text"] == "Another text."
    bad = client.post("/api/analyse", files={"file": ("x.pdf", b"%PDF", "application/pdf")})
    assert bad.status_code == 400


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from eventwire.store import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "absent.duckdb")


def test_store_written_by_ingest_is_readable(tmp_path: Path) -> None:
    db = tmp_path / "one.duckdb"
    with Store(db) as store:
        store.ingest([briefing()])
    client = TestClient(create_app(db, analyser=fake_analyser))
    assert client.get("/api/stats").json()["counts"]["events"] == 2
    assert "No event matches" in client.get("/events?quad_class=4").text
