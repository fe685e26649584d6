"""Event exports from analysis records: GDELT 2.0-style event TSV and PLOVER JSONL.

Pure functions over analysis dicts (``Analysis.to_dict()`` or the JSON read back) or ``Analysis``
objects, writing to a path or an open text stream. GDELT columns we have no value for stay empty.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eventwire.analysis import Analysis
from eventwire.knowledge import cameo

#: GDELT 2.0 event table columns, in order.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


def _record(analysis: Analysis | dict[str, Any]) -> dict[str, Any]:
    return analysis.to_dict() if isinstance(analysis, Analysis) else analysis


@contextmanager
def _stream(out: str | Path | IO[str]) -> Iterator[IO[str]]:
    """An open text stream for a path, ``-`` (stdout) or a stream the caller owns."""
    if str(out) == "-":
        yield sys.stdout
    elif isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def _actor_parts(code: str | None) -> tuple[str, str, str]:
    """CAMEO actor code -> (code, country, first type): USAGOV -> USAGOV, USA, GOV."""
    if not code or code.startswith("---"):
        return code or "", "", code[3:6] if code else ""
    country = code[:3] if code[:3].isalpha() and code[:3].isupper() else ""
    return code, country, code[3:6]


def _names(record: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e.get("name") or "" for e in record.get("entities", [])}


def _clean(value: Any) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def gdelt_rows(records: Iterable[Analysis | dict[str, Any]]) -> Iterator[list[str]]:
    """One 61-column row per event."""
    for analysis in records:
        record = _record(analysis)
        article = record.get("article", {})
        names = _names(record)
        for event in record.get("events", []):
            day = (event.get("date") or article.get("published") or "").replace("-", "")
            sql = day if len(day) == 8 else ""
            row = dict.fromkeys(GDELT_COLUMNS, "")
            code = event.get("cameo") or ""
            row.update({
                "GLOBALEVENTID": f"{article.get('id', '')}-{event.get('id', '')}",
                "SQLDATE": sql, "MonthYear": sql[:6], "Year": sql[:4],
                "FractionDate": f"{int(sql[:4]) + (int(sql[4:6]) * 30 + int(sql[6:8])) / 365:.4f}" if sql else "",
                "IsRootEvent": "", "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
                "QuadClass": event.get("quad_class") or "", "GoldsteinScale": event.get("goldstein"),
                "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
                "DATEADDED": (article.get("published") or "").replace("-", ""),
                "SOURCEURL": article.get("url") or article.get("source") or "",
            })
            for n, side in (("1", event.get("source")), ("2", event.get("target"))):
                if not side:
                    continue
                actor, country, type1 = _actor_parts(side.get("code"))
                row.update({f"Actor{n}Code": actor, f"Actor{n}CountryCode": country,
                            f"Actor{n}Type1Code": type1,
                            f"Actor{n}Name": (names.get(side.get("entity") or "") or side.get("text") or "").upper()})
            yield [_clean(row[c]) for c in GDELT_COLUMNS]


def write_gdelt(records: Iterable[Analysis | dict[str, Any]], out: str | Path | IO[str],
                header: bool = False) -> int:
    """Write GDELT 2.0-style event rows (tab-separated, no header unless asked); returns the count."""
    n = 0
    with _stream(out) as fh:
        if header:
            fh.write("\t".join(GDELT_COLUMNS) + "\n")
        for row in gdelt_rows(records):
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


def plover_records(records: Iterable[Analysis | dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """PLOVER-style event records (event_type, mode, context, actors, date, text evidence)."""
    for analysis in records:
        record = _record(analysis)
        article = record.get("article", {})
        names = _names(record)
        for event in record.get("events", []):
            code = event.get("cameo") or ""
            plover = cameo.plover(code) if code else None
            source, target = event.get("source") or {}, event.get("target") or {}
            yield {
                "id": f"{article.get('id', '')}-{event.get('id', '')}",
                "date": event.get("date"),
                "date_source": event.get("date_source"),
                "event_type": event.get("plover") or (plover.type if plover else None),
                "mode": event.get("plover_mode") or (plover.mode if plover else None),
                "context": plover.context.split(";") if plover and plover.context else [],
                "actor": names.get(source.get("entity") or "") or source.get("text"),
                "actor_code": source.get("code"),
                "recipient": names.get(target.get("entity") or "") or target.get("text"),
                "recipient_code": target.get("code"),
                "cameo": code,
                "goldstein": event.get("goldstein"),
                "modality": event.get("modality"),
                "attribution": event.get("attribution"),
                "trigger": (event.get("trigger") or {}).get("text"),
                "evidence": event.get("evidence"),
                "source_article": {"id": article.get("id"), "url": article.get("url"),
                                   "published": article.get("published"), "title": article.get("title")},
            }


def write_plover(records: Iterable[Analysis | dict[str, Any]], out: str | Path | IO[str]) -> int:
    """Write PLOVER JSONL, one event per line; returns the count."""
    n = 0
    with _stream(out) as fh:
        for rec in plover_records(records):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_jsonl(records: Iterable[Analysis | dict[str, Any]], out: str | Path | IO[str]) -> int:
    """One analysis record per line, as ``eventwire analyze --format jsonl`` prints them."""
    n = 0
    with _stream(out) as fh:
        for record in records:
            fh.write(json.dumps(_record(record), ensure_ascii=False) + "\n")
            n += 1
    return n
