"""Every CLI command, through Typer's runner (in-process: the model loads once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()
STORY = 'Britain expelled three Russian diplomats on Friday. "We will not tolerate it," James Cleverly said.'


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "wire-1", "text": STORY, "published": "2023-05-12", "outlet": "Wire"}) + "\n"
        + json.dumps({"id": "wire-2", "text": "Seoul invited Tokyo to a summit on Thursday."}) + "\n"
    )
    return path


def test_every_command_has_help() -> None:
    for command in ("analyze", "ingest", "query", "stats", "demo", "export", "evaluate"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_python_dash_m_runs_the_same_command_line() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "eventwire", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "analyze" in done.stdout and "evaluate" in done.stdout


def test_analyze_one_file_prints_one_json_object(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    result = run("analyze", str(tmp_path / "a.txt"), "--published", "2023-05-12", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["schema"] == "eventwire.analysis/1"
    assert record["article"]["published"] == "2023-05-12"


def test_analyze_jsonl_keeps_ids_and_dates(jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("analyze", str(jsonl), "--format", "jsonl", "-o", str(out), "--published", "2020-01-01")
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["article"]["id"], r["article"]["published"]) for r in records] == [
        ("wire-1", "2023-05-12"), ("wire-2", "2020-01-01")]
    assert records[0]["article"]["outlet"] == "Wire"


def test_analyze_table_and_stdin() -> None:
    result = run("analyze", "-", "--format", "table", input=STORY)
    assert result.exit_code == 0 and "kind" in result.stdout


def test_bad_inputs_are_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": 3}\n')
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert "empty.txt: empty text" in result.stderr
    assert "bad.jsonl:1: missing or non-string 'text'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_options_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    result = run("analyze", str(tmp_path / "a.txt"), "--published", "2018-02-31")
    assert result.exit_code == 2 and "--published" in result.stderr
    result = run("query", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no such store" in result.stderr


def test_ingest_query_stats_export(jsonl: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = run("ingest", str(jsonl), "--db", str(db))
    assert first.exit_code == 0 and "2 article(s) stored" in first.stderr
    again = run("ingest", str(jsonl), "--db", str(db))
    assert "0 article(s) stored, 2 already there" in again.stderr

    result = run("query", "SELECT id, outlet FROM articles ORDER BY id", "--db", str(db), "--format", "csv")
    assert result.stdout.splitlines() == ["id,outlet", "wire-1,Wire", "wire-2,"]
    result = run("query", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "json")
    assert json.loads(result.stdout) == {"n": 2}
    result = run("query", "SELECT id FROM articles WHERE id = 'wire-1'", "--db", str(db))
    assert "wire-1" in result.stdout
    result = run("query", "DELETE FROM articles", "--db", str(db))
    assert result.exit_code == 1 and "query failed" in result.stderr

    result = run("stats", "--db", str(db))
    assert result.exit_code == 0 and "articles" in result.stdout and "2" in result.stdout

    out = tmp_path / "export.jsonl"
    result = run("export", "--format", "jsonl", "-o", str(out), "--db", str(db))
    assert result.exit_code == 0
    assert {json.loads(l)["article"]["id"] for l in out.read_text().splitlines()} == {"wire-1", "wire-2"}

    result = run("export", "--format", "gdelt", "--db", str(db))
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split("\t")
    assert len(header) == 61 and header[0] == "GLOBALEVENTID"
    result = run("export", "--format", "plover", "-o", str(tmp_path / "p.jsonl"), "--db", str(db))
    assert result.exit_code == 0 and "record(s) as plover" in result.stderr
    result = run("export", "--format", "xml", "--db", str(db))
    assert result.exit_code == 2 and "--format must be one of" in result.stderr


@pytest.mark.slow
def test_demo_ingests_the_samples(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0
    assert "sample article(s) stored" in result.stderr
    assert "Britain expels Russian diplomats" in result.stdout


def test_evaluate_times_on_a_small_timeml_file(tmp_path: Path) -> None:
    (tmp_path / "doc.tml").write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>own1</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2023-05-12" functionInDocument="CREATION_TIME">2023-05-12</TIMEX3></DCT>\n'
        '<TEXT>Britain expelled three diplomats <TIMEX3 tid="t1" type="DATE" value="2023-05-12">on Friday</TIMEX3> '
        'and gave them <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3> to leave.</TEXT>\n</TimeML>\n',
        encoding="utf-8",
    )
    figures = tmp_path / "f.json"
    result = run("evaluate", "times", "--gold", str(tmp_path), "--json", str(figures))
    assert result.exit_code == 0
    assert "value" in result.stdout.lower()
    assert json.loads(figures.read_text())


@pytest.mark.parametrize("what", ["attributions", "times", "actors"])
def test_evaluate_with_missing_gold_is_one_line(tmp_path: Path, what: str) -> None:
    result = run("evaluate", what, "--gold", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_evaluate_actors_with_drifted_offsets_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Putin met Xi in Beijing.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a", "published": "2019-06-05", "start": 0, "end": 3,
                                "mention": "Putin", "code": "RUSGOV", "name": "Vladimir Putin"}) + "\n")
    result = run("evaluate", "actors", "--gold", str(gold), "--texts", str(tmp_path / "texts"))
    assert result.exit_code == 2
    assert "offsets do not cut out 'Putin'" in result.stderr and "Traceback" not in result.stderr
