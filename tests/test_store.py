"""The store: idempotent ingest, replacement of changed articles, and all-or-nothing batches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.analysis import (
    ActorRef, Analysis, Article, Attribution, Deadline, Entity, Event, Source, TextSpan, TimeExpression,
)
from eventwire.store import DERIVED_TABLES, SCHEMA_VERSION, Store, StoreError, upgrade_store

TEXT = "Britain expelled three Russian diplomats on Friday, the Foreign Office said."


def record(text: str = TEXT, id: str = "") -> Analysis:
    """A hand-made analysis with one of each annotation, offsets taken from the text."""
    def span(s: str) -> TextSpan:
        i = text.index(s)
        return TextSpan(i, i + len(s), s)

    gbr, rus = span("Britain"), span("Russian")
    return Analysis(
        article=Article(text=text, id=id, published=date(2023, 5, 12), title="Expulsions"),
        entities=[Entity("E1", "United Kingdom", "GPE", "GBR", "GBRGOV", "GOV", mentions=[gbr]),
                  Entity("E2", "Russia", "NORP", "RUS", "RUS", mentions=[rus])],
        times=[TimeExpression("T1", *vars(span("Friday")).values(), type="DATE", value="2023-05-12")],
        attributions=[Attribution("A1", "indirect", cue=span("said"), content=span(text[:text.index(",")]),
                                  source=Source(**vars(span("the Foreign Office")), anonymous=False))],
        events=[Event("V1", span("expelled"), "1663", "REDUCE", -4.0, 4, ActorRef("E1", "GBRGOV"),
                      ActorRef("E2", "RUS"), time="T1", date="2023-05-12", date_source="text")],
        deadlines=[Deadline("D1", *vars(span("Friday")).values(), time="T1", date="2023-05-12",
                            about="leave the country", status="passed")],
    )


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.stats()


def actor_articles(db: Path) -> list[tuple[object, ...]]:
    """The per-actor counts kept at ingest, checked against a count of the rows they summarise."""
    with Store(db, read_only=True) as store:
        kept = store.query("SELECT * FROM actor_articles ORDER BY ALL")[1]
        assert kept == store.query(f"{DERIVED_TABLES['actor_articles']} ORDER BY ALL")[1]
    return kept


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.ingest([record()]) == (1, 0)
        assert store.ingest([record()]) == (0, 1)
    assert counts(db) == {"articles": 1, "entities": 2, "mentions": 2, "times": 1, "attributions": 1,
                          "events": 1, "deadlines": 1, "actor_articles": 2}


def test_actor_articles_count_each_actors_rows(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([record(id="wire-1")])
    # key, article, date, entities, mentions, quotes (the source is no actor), as source, as target
    assert actor_articles(db) == [("GBRGOV", "wire-1", date(2023, 5, 12), 1, 1, 0, 1, 0),
                                  ("RUS", "wire-1", date(2023, 5, 12), 1, 1, 0, 0, 1)]


def test_events_carry_countries_and_days(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([record()])
        _, rows = store.query("SELECT source_country, target_country, day, goldstein FROM events")
    assert rows == [("GBR", "RUS", date(2023, 5, 12), -4.0)]


def test_changed_text_under_same_id_replaces_everything(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([record(id="wire-1")])
        new = record(TEXT.replace("three", "four"), id="wire-1")
        new.events = []
        assert store.ingest([new]) == (1, 0)
        _, rows = store.query("SELECT text FROM articles")
    assert rows == [(new.article.text,)]
    assert counts(db)["events"] == 0 and counts(db)["entities"] == 2
    assert [r[-2:] for r in actor_articles(db)] == [(0, 0), (0, 0)]


def test_failed_batch_leaves_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([record(id="first")])
    before = counts(db)
    original = Store._append

    def crash_on_events(con, table, rows):
        if table == "events":
            raise RuntimeError("disk on fire")
        original(con, table, rows)

    monkeypatch.setattr(Store, "_append", staticmethod(crash_on_events))
    with Store(db) as store, pytest.raises(RuntimeError):
        store.ingest([record(id="second"), record(TEXT + " Again.", id="third")])
    assert counts(db) == before


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_garbage_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="bad.duckdb"):
        Store(bad)
    assert bad.read_bytes() == b"this is not a database" * 100


def test_exported_records_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([record()])
        [exported] = list(store.analyses())
        [bare] = list(store.analyses(include_text=False))
    assert exported == record().to_dict(include_text=True)
    assert bare == record().to_dict()


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([record()])
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from eventwire.store import Store; s = Store({str(db)!r}); print('held', flush=True); input()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="in use by another eventwire process"):
            Store(db)
    finally:
        holder.communicate("\n", timeout=30)
    assert counts(db)["articles"] == 1


def test_an_older_store_is_upgraded_before_read_only_use(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.ingest([record()])
        store.con.execute("ALTER TABLE events DROP COLUMN source_anonymous")
        store.con.execute("DROP TABLE actor_articles")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    upgrade_store(db)
    with Store(db, read_only=True) as store:
        _, rows = store.query("SELECT source_anonymous FROM events")
        _, version = store.query("SELECT value FROM meta WHERE key = 'schema_version'")
    assert len(rows) == 1 and version == [(str(SCHEMA_VERSION),)]
    assert len(actor_articles(db)) == 2
