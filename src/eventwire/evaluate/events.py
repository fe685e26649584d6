"""Scoring event coding on PETRARCH validation records (``PETR.UnitTest.records.xml`` style).

Each ``<Sentence date id>`` gives ``<EventCoding sourcecode targetcode eventcode/>`` triples and a
``<Text>``; we parse the text ourselves (the supplied Treebank parse is ignored). A record passes
when every expected triple is produced (a record expecting none passes when nothing is coded);
triples are also scored by precision, recall and F1. Records whose expected coding is an error
marker (``dateline``, ``bad_input_parse``) test PETRARCH's input handling and are left out;
discard markers (and ``noevents``) mean "code nothing".
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.analysis import Article
from eventwire.pipeline import make_doc

Triple = tuple[str, str, str]

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ERRORS = {"dateline", "bad_input_parse"}


@dataclass
class Record:
    id: str
    day: date | None
    text: str
    expected: set[Triple]


@dataclass
class Scores:
    records: int = 0
    excluded: int = 0
    passed: int = 0
    exact: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return 100 * self.passed / self.records if self.records else 0.0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.prf()
        out = {k: v for k, v in asdict(self).items() if k != "failures"}
        return {**out, "pass_rate": round(self.pass_rate, 1), "exact_rate":
                round(100 * self.exact / self.records, 1) if self.records else 0.0,
                "precision": round(p, 1), "recall": round(r, 1), "f1": round(f, 1)}


def _attrs(text: str) -> dict[str, str]:
    return {k: a or b for k, a, b in _ATTR.findall(text)}


def read_records(path: Path) -> tuple[list[Record], int]:
    """The scorable records of a PETRARCH validation file, and how many were left out."""
    records, excluded = [], 0
    text = path.read_text("utf-8", errors="replace")
    for m in _SENTENCE.finditer(text):
        attrs = _attrs(m.group(1))
        body = m.group(2)
        sentence = re.search(r"<Text>(.*?)</Text>", body, re.S)
        codings = [_attrs(c) for c in _CODING.findall(body)]
        markers = {c.get("error", "") for c in codings}
        if sentence is None or markers & _ERRORS:
            excluded += 1
            continue
        expected = {(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                    for c in codings if "eventcode" in c}
        raw = attrs.get("date", "")
        day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])) if re.fullmatch(r"\d{8}", raw) else None
        records.append(Record(attrs.get("id", "?"), day, " ".join(html.unescape(sentence.group(1)).split()),
                              expected))
    return records, excluded


def read_discards(paths: list[Path]) -> list[re.Pattern[str]]:
    """PETRARCH discard phrases ("+PHRASE" discards the story, "PHRASE" the sentence: both mean
    nothing is coded from a one-sentence record)."""
    found = []
    for path in paths:
        for line in path.read_text("utf-8", errors="replace").splitlines():
            phrase = re.sub(r"#.*", "", line).strip().lstrip("+").strip()
            if phrase:
                words = r"\s+".join(map(re.escape, phrase.replace("_", " ").split()))
                found.append(re.compile(rf"\b{words}\b", re.I))
    return found


def _files(folder: Path, kind: str) -> list[Path]:
    return sorted(p for p in folder.glob(f"*{kind}*.txt"))


class _Coder:
    """The actors and events stages with the folder's PETRARCH dictionaries in place of ours."""

    def __init__(self, folder: Path) -> None:
        from eventwire.pipeline import build_nlp

        actors = [str(p) for p in _files(folder, "actors") + _files(folder, "agents")]
        events = {"verbs": [str(p) for p in _files(folder, "verbs")], "replace_default": True, "nominals": []}
        # PETRARCH leaves an actor's country unknown ("---") where the text does not give it, and
        # codes agents that name none ("a senior official": "---GOV").
        self.nlp = build_nlp(components=("eventwire_actors", "eventwire_events"),
                             config={"eventwire_actors": {"dictionaries": actors, "replace_default": True,
                                                          "default_country": "---", "bare_agents": True},
                                     "eventwire_events": events})

    def __call__(self, record: Record) -> set[Triple]:
        doc = self.nlp(make_doc(self.nlp, Article(text=record.text, id=record.id, published=record.day)))
        return {(e.source.code or "---", (e.target.code if e.target else None) or "---", e.cameo)
                for e in doc._.events or []}


def evaluate(gold: Path, dictionaries: Path) -> Scores:
    """Code every record's text with the folder's dictionaries and score the triples."""
    if not gold.is_file():
        raise FileNotFoundError(f"no such gold file: {gold}")
    if not dictionaries.is_dir():
        raise FileNotFoundError(f"no such dictionaries folder: {dictionaries}")
    records, excluded = read_records(gold)
    discards = read_discards(_files(dictionaries, "discards"))
    coder = _Coder(dictionaries)
    scores = Scores(records=len(records), excluded=excluded)
    for record in records:
        got = set() if any(d.search(record.text) for d in discards) else coder(record)
        tp = len(got & record.expected)
        scores.tp += tp
        scores.fp += len(got - record.expected)
        scores.fn += len(record.expected - got)
        ok = record.expected <= got if record.expected else not got
        scores.passed += ok
        scores.exact += got == record.expected
        if not ok:
            scores.failures.append({"id": record.id, "expected": sorted(record.expected),
                                    "got": sorted(got), "text": record.text})
    return scores
