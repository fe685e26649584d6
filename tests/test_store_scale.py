"""Store schema 2: derived columns filled at ingest equal those a migration fills in an older store;
deep pages found by counting per sort value are the rows a plain sort gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from eventwire.store import DERIVED_COLUMNS, SCHEMA_VERSION, Store
from eventwire.synthetic import build_store
from eventwire.web import queries
from eventwire.web.filters import EventFilter, Page

KEYS = {"mentions": "article_id, entity_id, start", "articles": "id", "entities": "article_id, id",
        "attributions": "article_id, id", "events": "article_id, id"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("scale") / "s.duckdb", 60)


def test_migration_fills_what_ingest_fills(store: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(store, old)
    con = duckdb.connect(str(old))
    for table, column, *_ in DERIVED_COLUMNS:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
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
    con.close()


@pytest.mark.parametrize("sort", ["goldstein", "-goldstein", "-source", "quad_class", "-date"])
def test_deep_pages_match_a_plain_sort(store: Path, sort: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "SEEK_FROM", 0)
    con = duckdb.connect(str(store), read_only=True)
    f = EventFilter()
    plain, params = queries._events_sql(f, sort, paged=False)
    expected = [r[:2] for r in con.execute(plain, params).fetchall()]
    for number in (1, 3, 7, len(expected) // 20 + 1):  # the last page may be short and hold NULLs
        page = Page(page=number, per_page=20)
        got = [(r["article_id"], r["id"]) for r in queries.events(con, f, page, sort)["items"]]
        assert got == expected[page.offset:page.offset + 20], (sort, number)
    con.close()
