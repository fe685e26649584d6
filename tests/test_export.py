"""GDELT-style TSV and PLOVER JSONL exports from analysis records."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from eventwire.analysis import ActorRef, Analysis, Article, Entity, Event, TextSpan
from eventwire.export import GDELT_COLUMNS, write_gdelt, write_plover


def _analysis() -> Analysis:
    text = "France expelled two Russian diplomats."
    article = Article(text=text, id="a1", published=date(2018, 3, 27), url="https://example.org/a1")
    entities = [Entity(id="E1", name="France", kind="GPE", country="FRA", code="FRA",
                       mentions=[TextSpan(0, 6, "France")]),
                Entity(id="E2", name="Russia", kind="GPE", country="RUS", code="RUSGOV",
                       mentions=[TextSpan(20, 27, "Russian")])]
    event = Event(id="V1", trigger=TextSpan(7, 15, "expelled"), cameo="161", plover="SANCTION",
                  goldstein=-4.0, quad_class=4, source=ActorRef("E1", "FRA", "France"),
                  target=ActorRef("E2", "RUSGOV", "Russian"), plover_mode="withdraw",
                  date="2018-03-26", date_source="text", evidence="CAMEO.2.0 EXPEL: * DIPLOMAT [161]")
    return Analysis(article=article, entities=entities, events=[event])


def test_gdelt_row_has_61_columns_in_order() -> None:
    out = io.StringIO()
    assert write_gdelt([_analysis()], out, header=True) == 1
    header, row = (line.split("\t") for line in out.getvalue().splitlines())
    assert header == list(GDELT_COLUMNS) and len(row) == 61
    cell = dict(zip(GDELT_COLUMNS, row, strict=True))
    assert cell["SQLDATE"] == "20180326" and cell["Year"] == "2018" and cell["MonthYear"] == "201803"
    assert (cell["Actor1Code"], cell["Actor1CountryCode"], cell["Actor1Name"]) == ("FRA", "FRA", "FRANCE")
    assert (cell["Actor2Code"], cell["Actor2CountryCode"], cell["Actor2Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert (cell["EventCode"], cell["EventBaseCode"], cell["EventRootCode"]) == ("161", "161", "16")
    assert cell["QuadClass"] == "4" and cell["GoldsteinScale"] == "-4.0"
    assert cell["SOURCEURL"] == "https://example.org/a1" and cell["ActionGeo_Lat"] == ""


def test_plover_jsonl_from_dicts(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_plover([_analysis().to_dict()], path) == 1
    (record,) = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert record["event_type"] == "SANCTION" and record["mode"] == "withdraw"
    assert record["context"] == ["diplomatic"]
    assert (record["actor"], record["actor_code"], record["recipient_code"]) == ("France", "FRA", "RUSGOV")
    assert record["date"] == "2018-03-26" and record["source_article"]["id"] == "a1"


def test_no_events_writes_nothing() -> None:
    out = io.StringIO()
    assert write_gdelt([Analysis(article=Article(text="Nothing happened."))], out) == 0
    assert out.getvalue() == ""
