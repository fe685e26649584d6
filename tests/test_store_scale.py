"""Store schemas 2 to 4: derived columns and tables filled at ingest (and by replicate_store) equal
those a migration fills in an older store; the pages' shortcuts (deep pages found by counting per sort
value, rows picked on their keys then read, an actor's totals and newest rows from the counts kept per
actor and article, the timeline's and the deadlines' cut-off days, counts kept on articles) give what a
plain join and sort gives."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from eventwire.store import DERIVED_COLUMNS, DERIVED_TABLES, SCHEMA_VERSION, Store
from eventwire.synthetic import SyntheticCorpus, build_store, replicate_store
from eventwire.web import queries
from eventwire.web.filters import EVENT_SORTS, EventFilter, Page

KEYS = {"mentions": "article_id, entity_id, start", "articles": "id", "entities": "article_id, id",
        "attributions": "article_id, id", "events": "article_id, id"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = replicate_store(build_store(tmp_path_factory.mktemp("scale") / "s.duckdb", 60), 2)
    undated = list(SyntheticCorpus(3).analyses(6, first=1000))
    for a in undated:
        a.article.published = None  # NULL dates sort last: the newest-rows look-up must keep that
    with Store(path) as s:
        s.ingest(undated)
    return path


def test_rows_carry_their_articles_date(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    for table in ("mentions", "attributions"):
        rows, differ = con.execute(f"SELECT count(*), count(*) FILTER (WHERE t.published IS DISTINCT FROM ar.published) "
                                   f"FROM {table} t JOIN articles ar ON ar.id = t.article_id").fetchone()
        assert rows > 0 and differ == 0, table
    con.close()


def test_actor_articles_count_the_rows_of_each_actor(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    kept = con.execute("SELECT * FROM actor_articles ORDER BY ALL").fetchall()
    assert len(kept) > 400 and kept == con.execute(f"{DERIVED_TABLES['actor_articles']} ORDER BY ALL").fetchall()
    con.close()


def test_migration_fills_what_ingest_fills(store: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(store, old)
    con = duckdb.connect(str(old))
    for table, column, *_ in DERIVED_COLUMNS:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    for table in DERIVED_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    Store(old).close()  # opening for writing migrates
    con = duckdb.connect(str(store), read_only=True)
    con.execute(f"ATTACH '{old}' AS old (READ_ONLY)")
    assert con.execute("SELECT value FROM old.meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    for table, column, *_ in DERIVED_COLUMNS:
        filled, differ = con.execute(
            f"SELECT count(y.{column}), count(*) FILTER (WHERE x.{column} IS DISTINCT FROM y.{column}) "
            f"FROM {table} x JOIN old.{table} y USING ({KEYS[table]})").fetchone()
        assert differ == 0, (table, column)
        assert filled > 0 or column == "source_code"
    for table in DERIVED_TABLES:
        assert con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() \
            == con.execute(f"SELECT * FROM old.{table} ORDER BY ALL").fetchall(), table
    con.close()


@pytest.mark.parametrize("sort", ["goldstein", "-goldstein", "-source", "quad_class", "-date"])
def test_deep_pages_match_a_plain_sort(store: Path, sort: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "SEEK_FROM", 0)
    con = duckdb.connect(str(store), read_only=True)
    f = EventFilter()
    plain, params = queries._events_sql(f, sort)
    expected = [r[:2] for r in con.execute(plain, params).fetchall()]
    for number in (1, 3, 7, len(expected) // 20 + 1):  # the last page may be short and hold NULLs
        page = Page(page=number, per_page=20)
        got = [(r["article_id"], r["id"]) for r in queries.events(con, f, page, sort)["items"]]
        assert got == expected[page.offset:page.offset + 20], (sort, number)
    con.close()


def test_actor_newest_rows_match_a_plain_sort(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    plain = {
        "mentions": ("SELECT m.article_id, m.entity_id, m.start, m.\"end\", m.text, ar.title AS article_title, "
                     "ar.published FROM mentions m JOIN articles ar ON ar.id = m.article_id WHERE m.actor_key = ? "
                     "ORDER BY ar.published DESC NULLS LAST, m.article_id, m.start"),
        "quotes": ("SELECT a.article_id, a.id, a.kind, a.cue_text, a.source_text, a.content_text, "
                   "ar.title AS article_title, ar.published FROM attributions a JOIN articles ar ON ar.id = a.article_id "
                   "WHERE a.source_key = ? ORDER BY ar.published DESC NULLS LAST, a.article_id, a.id"),
    }
    ranked = con.execute("SELECT actor_key, count(published), count(*) - count(published) FROM mentions "
                         "WHERE actor_key IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1").fetchall()
    # busy actors (ties on the cut-off date), rare ones (fewer rows than asked), and one with undated
    # mentions asked for one more than its dated ones (the undated must follow them)
    asks = [(key, limit) for key, *_ in ranked[:6] + ranked[-3:] for limit in (1, 3, 25)]
    asks += [next((key, dated + 1) for key, dated, undated in ranked if undated and dated > 1)]
    sided = 0
    for key, limit in asks:
        found = queries.actor(con, key, limit)
        names = queries.fetch(con, "SELECT name, kind, country, code, sector, role, count(DISTINCT article_id) AS articles "
                                   "FROM entities WHERE coalesce(code, name) = ? GROUP BY ALL", [key])
        assert sorted(map(str, found["names"])) == sorted(map(str, names)), key  # same rows; in order:
        assert [(-r["articles"], r["name"]) for r in found["names"]] == sorted((-r["articles"], r["name"]) for r in names)
        for part, sql in plain.items():
            rows = queries.fetch(con, sql, [key])
            got = [{k: v for k, v in r.items() if k != "sentence"} for r in found[part]["items"]]
            assert found[part]["total"] == len(rows), (key, part)
            assert [list(r.items()) for r in got] == [list(r.items()) for r in rows[:limit]], (key, limit, part)
        for side, f in (("as_source", EventFilter(source_actor=key)), ("as_target", EventFilter(target_actor=key))):
            expected = queries.events(con, f, Page(per_page=limit), "-date")
            assert found[side] == expected, (key, limit, side)
            sided += bool(expected["items"])
    assert sided > len(asks)  # most keys have events on both sides
    con.close()


def test_actors_list_counts_events_per_side(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    found = queries.actors(con, Page(per_page=500))["items"]
    assert len(found) == con.execute("SELECT count(DISTINCT coalesce(code, name)) FROM entities").fetchone()[0]
    for side in ("source", "target"):
        plain = dict(con.execute(f"SELECT coalesce({side}_code, {side}_text), count(*) FROM events GROUP BY 1").fetchall())
        assert {r["key"]: r[f"as_{side}"] for r in found} == {r["key"]: plain.get(r["key"], 0) for r in found}, side
    con.close()


@pytest.mark.parametrize("sort", ["-date", "published", "-published", "modality"])
def test_event_pages_match_a_plain_join_and_sort(store: Path, sort: str) -> None:
    con = duckdb.connect(str(store), read_only=True)
    order = f"{EVENT_SORTS[sort.lstrip('-')]} {'DESC' if sort.startswith('-') else 'ASC'} NULLS LAST, e.rowid"
    expected = con.execute(f"SELECT e.article_id, e.id, ar.title, ar.published, ar.outlet FROM events e "
                           f"JOIN articles ar ON ar.id = e.article_id ORDER BY {order}").fetchall()
    for number in (1, 4, len(expected) // 25 + 1):
        page = Page(page=number, per_page=25)
        got = queries.events(con, EventFilter(), page, sort)
        assert got["total"] == len(expected)
        assert [(r["article_id"], r["id"], r["article_title"], r["published"], r["outlet"]) for r in got["items"]] \
            == expected[page.offset:page.offset + 25], (sort, number)
    con.close()


@pytest.mark.parametrize("limit", [1, 7, 100, 100_000])
def test_timeline_points_are_the_latest_by_a_plain_sort(store: Path, limit: int) -> None:
    con = duckdb.connect(str(store), read_only=True)
    for f in (EventFilter(), EventFilter(quad_class=1)):
        where, params = f.where()
        expected = con.execute(f"SELECT e.article_id, e.id FROM events e WHERE {where} AND e.day IS NOT NULL "
                               f"ORDER BY e.day DESC, e.article_id, e.id LIMIT ?", [*params, limit]).fetchall()
        points = queries.timeline(con, f, limit)["points"]
        assert list(zip(points["article_id"], points["id"])) == expected, (f, limit)
    con.close()


def test_deadline_pages_match_a_plain_join_and_sort(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    as_of = con.execute("SELECT min(day) FROM deadlines").fetchone()[0] + timedelta(days=200)
    tabs = {"upcoming": ("d.day >= ?", "d.day ASC"), "passed": ("d.day < ?", "d.day DESC NULLS LAST"),
            "undated": ("d.day IS NULL AND ? IS NOT NULL", "d.day DESC NULLS LAST")}
    for q in (None, "the"):
        search = " AND contains(lower(concat_ws(' ', d.text, d.about, ar.title)), lower(?))" if q else ""
        counts = queries.deadline_counts(con, as_of, q)
        for when, (term, order) in tabs.items():
            expected = con.execute(f"SELECT d.article_id, d.id FROM deadlines d JOIN articles ar ON ar.id = d.article_id "
                                   f"WHERE {term}{search} ORDER BY {order}, ar.published DESC, d.article_id, d.id",
                                   [as_of, *([q] if q else [])]).fetchall()
            assert counts[when] == len(expected), (when, q)
            for number in (1, 3, len(expected) // 7 + 1):
                page = Page(page=number, per_page=7)
                got = queries.deadlines(con, page, when, as_of, q)
                assert got["total"] == len(expected)
                assert [(r["article_id"], r["id"]) for r in got["items"]] == expected[page.offset:page.offset + 7], \
                    (when, q, number)
    con.close()


def test_articles_list_counts_are_the_rows_stored(store: Path) -> None:
    con = duckdb.connect(str(store), read_only=True)
    items = queries.articles(con, Page(per_page=500))["items"]
    assert len(items) == con.execute("SELECT count(*) FROM articles").fetchone()[0]
    for table in ("events", "attributions", "deadlines", "entities"):
        stored = dict(con.execute(f"SELECT article_id, count(*) FROM {table} GROUP BY 1").fetchall())
        assert {r["id"]: r[table] for r in items} == {r["id"]: stored.get(r["id"], 0) for r in items}, table
    con.close()
