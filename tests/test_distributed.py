"""Dask ingest on a 2-worker LocalCluster: Parquet partitions, the store, resuming, same results."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

import cloudpickle
import dask
import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.analysis import ActorRef, Analysis, Article, Entity, Event, TextSpan, TimeExpression
from eventwire.cli import app
from eventwire.limits import AnalysisError
from eventwire.distributed import DONE_DIR, connect, ingest_dask, partitions
from eventwire.parquet import TABLES, write_parquet
from eventwire.store import Store

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the stand-in travels to the workers

TEXTS = [
    "Ministers from Freedonia met envoys from Sylvania in Geneva on Tuesday.",
    '"We will not back down," the foreign minister told reporters on Friday.',
    "Talks on the border dispute resumed last week after a pause of two months.",
    "The parliament rejected the budget, officials said.",
    "Protesters gathered outside the embassy in the capital.",
]


class StandIn:
    """A cheap pipeline with the real record shape: one entity, time and event per article."""

    def analyze_many(
        self, articles: Iterable[Article], on_error: Callable[[AnalysisError], None] | None = None
    ) -> Iterator[Analysis]:
        for art in articles:
            if "FAIL" in art.text:
                on_error(AnalysisError(art, "stand-in refuses it"))  # type: ignore[misc]
                continue
            word = art.text.split()[0]
            span = TextSpan(0, len(word), word)
            yield Analysis(
                article=art,
                entities=[Entity("E1", word, "ORG", "FRE", "FREGOV", "GOV", mentions=[span])],
                times=[TimeExpression("T1", 0, len(word), word, "DATE", "2018-05-04")],
                events=[Event("V1", span, "036", "CONSULT", 4.0, 1, ActorRef("E1", "FREGOV"),
                              ActorRef(None, "SYLGOV"), date="2018-05-04")],
            )


def stand_in() -> StandIn:
    return StandIn()


def articles(texts: list[str] = TEXTS) -> list[Article]:
    return [Article(text=t, id=f"a{i}", published=date(2018, 5, 4)) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with connect(workers=2) as c:
        yield c
        c.cluster.close()


def table(path: Path, name: str) -> list[tuple]:
    return duckdb.sql(f"SELECT * FROM read_parquet('{path}/{name}/*.parquet') ORDER BY ALL").fetchall()


def test_partitions_are_stable_and_named_by_content() -> None:
    first = [p.name for p in partitions(articles(), 2)]
    assert first == [p.name for p in partitions(articles(), 2)]
    assert len(first) == 3 and first[0].startswith("part-00000-")
    changed = [p.name for p in partitions(articles(TEXTS[:4] + ["Another text."]), 2)]
    assert changed[:2] == first[:2] and changed[2] != first[2]


def test_ingest_writes_parquet_and_store_alike(client: object, tmp_path: Path) -> None:
    db, out = tmp_path / "s.duckdb", tmp_path / "out"
    report = ingest_dask(articles(), db, out, stand_in, client, partition_size=2)
    assert (report.partitions, report.skipped, report.stored, report.unchanged) == (3, 0, 5, 0)
    assert len(list((out / DONE_DIR).iterdir())) == 3
    with Store(db, read_only=True) as store:
        for name in TABLES:
            columns = [c for c in store.query(f"SELECT * FROM {name} LIMIT 0")[0] if c != "ingested_at"]
            stored = store.query(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in columns)} "
                                 f"FROM {name} ORDER BY ALL")[1]
            assert table(out, name) == stored, name
    assert len(table(out, "events")) == 5


def test_rerun_skips_done_partitions_and_a_killed_one_is_not_doubled(client: object, tmp_path: Path) -> None:
    db, out = tmp_path / "s.duckdb", tmp_path / "out"
    ingest_dask(articles(), db, out, stand_in, client, partition_size=2)
    again = ingest_dask(articles(), db, out, stand_in, client, partition_size=2)
    assert (again.skipped, again.stored, again.unchanged) == (3, 0, 5)
    # a kill after a partition was written and stored but before it was marked done
    next((out / DONE_DIR).glob("part-00001-*")).unlink()
    resumed = ingest_dask(articles(), db, out, stand_in, client, partition_size=2)
    assert (resumed.skipped, resumed.stored, resumed.unchanged) == (2, 0, 5)
    with Store(db, read_only=True) as store:
        assert store.stats()["articles"] == 5 and store.stats()["events"] == 5
    assert len(table(out, "articles")) == 5


def test_an_existing_scheduler_is_used_by_address(client: object, tmp_path: Path) -> None:
    with connect(cluster=client.scheduler.address) as remote:  # type: ignore[attr-defined]
        report = ingest_dask(articles(), tmp_path / "s.duckdb", tmp_path / "out", stand_in, remote, 3)
    assert (report.partitions, report.stored) == (2, 5)


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"),
                                          "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


def test_failed_articles_are_reported_and_the_rest_stored(client: object, tmp_path: Path) -> None:
    errors: list[AnalysisError] = []
    texts = TEXTS[:2] + ["This one will FAIL."] + TEXTS[2:]
    report = ingest_dask(articles(texts), tmp_path / "s.duckdb", tmp_path / "out", stand_in, client,
                         partition_size=2, on_error=errors.append)
    assert (report.stored, report.failed) == (5, 1)
    assert [e.article.id for e in errors] == ["a2"] and "stand-in refuses it" in str(errors[0])


def test_parquet_export_round_trips_records(tmp_path: Path) -> None:
    analyses = list(StandIn().analyze_many(articles()))
    full = [a.to_dict(include_text=True) for a in analyses]
    assert [Analysis.from_dict(r).to_dict(include_text=True) for r in full] == full
    records = [a.to_dict() for a in analyses]  # as the store keeps them: without the text
    assert write_parquet(records, tmp_path / "x") == 5
    rows = duckdb.sql(f"SELECT text_sha256, chars, analysis FROM read_parquet('{tmp_path}/x/articles/*.parquet')")
    got = {(sha, chars): json.loads(record) for sha, chars, record in rows.fetchall()}
    assert got == {(a.article.text_sha256, len(a.article.text)): r for a, r in zip(analyses, records)}


@pytest.mark.slow
def test_cli_workers_give_the_same_records_as_one_process(pipeline: object, tmp_path: Path) -> None:
    """The real pipeline: `ingest --workers 2` stores exactly what one process finds."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "2",
                                      "--partition-size", "2", "--published", "2018-05-04"])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        stored = {json.loads(r)["article"]["id"]: json.loads(r) for (r,) in store.query("SELECT analysis FROM articles")[1]}
    arts = [Article(text=t, published=date(2018, 5, 4), source=str(folder / f"{i}.txt")) for i, t in enumerate(TEXTS)]
    expected = {a.article.id: a.to_dict() for a in pipeline.analyze_many(arts)}
    assert stored == expected
    assert len(table(tmp_path / "s.parquet", "articles")) == len(TEXTS)


@pytest.mark.slow
def test_process_pool_gives_the_same_records_in_order(pipeline: object) -> None:
    """Pipeline(processes=2): worker processes, input order kept, same records as one process."""
    from eventwire.pipeline import Pipeline

    arts = articles()
    with Pipeline(processes=2, batch_size=2) as pooled:
        got = [a.to_dict() for a in pooled.analyze_many(arts)]
    assert got == [a.to_dict() for a in pipeline.analyze_many(arts)]  # type: ignore[attr-defined]
