"""The analysis record: the contract every output format (JSON, store, exports, web) derives from.

Every annotation carries code-point offsets into the article text as read, so that
``article.text[start:end] == span.text`` always holds, and an ``evidence`` string naming the
rule, pattern or model that produced it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any

SCHEMA_ID = "eventwire.analysis/1"


@dataclass
class TextSpan:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One real-world actor of an article, with all its mentions."""

    id: str
    name: str
    kind: str  # PERSON, ORG, GPE, NORP, ...
    country: str | None = None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO-style actor code: USAGOV, RUSGOV, IGOUNO
    sector: str | None = None  # PLOVER/CAMEO sector: GOV, MIL, REB, ...
    role: str | None = None  # office held on the article's date
    mentions: list[TextSpan] = field(default_factory=list)
    evidence: str = ""


@dataclass
class TimeExpression:
    """A TIMEX3 temporal expression normalised against the publication date."""

    id: str
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None
    evidence: str = ""


@dataclass
class Source(TextSpan):
    """The source of an attribution, linked to an entity when it is known."""

    entity: str | None = None
    anonymous: bool = False
    descriptor: dict[str, Any] | None = None


@dataclass
class Attribution:
    """Who said or claimed what: cue, source and content (PolNeAR's sense)."""

    id: str
    kind: str  # direct, indirect, mixed
    cue: TextSpan
    content: TextSpan
    source: Source | None = None
    parent: str | None = None
    evidence: str = ""


@dataclass
class ActorRef:
    """One side of an event: the entity and its code."""

    entity: str | None
    code: str | None
    text: str | None = None


@dataclass
class Event:
    """A coded interaction between two actors."""

    id: str
    trigger: TextSpan
    cameo: str
    plover: str | None
    goldstein: float | None
    quad_class: int | None
    source: ActorRef
    target: ActorRef | None = None
    plover_mode: str | None = None
    time: str | None = None
    date: str | None = None
    date_source: str = "published"  # text | published | none
    modality: str = "asserted"  # asserted, negated, planned, threatened, hypothetical, questioned
    attribution: str | None = None
    evidence: str = ""


@dataclass
class Deadline:
    """A dated commitment or ultimatum, and whether it has passed on the article's date."""

    id: str
    start: int
    end: int
    text: str
    time: str | None
    date: str | None
    about: str
    status: str  # upcoming, passed, unknown
    attaches_to: str | None = None  # an event or entity id
    evidence: str = ""


@dataclass
class SourcingProfile:
    """How an article is sourced: distinct sources, named vs anonymous, the most cited."""

    sources: int = 0
    named: int = 0
    anonymous: int = 0
    named_share: float | None = None
    top_sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Article:
    """An article as read: its text and what we know about it."""

    text: str
    id: str = ""
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.text_sha256[:16]

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "outlet": self.outlet,
            "source": self.source,
            "text_sha256": self.text_sha256,
            "chars": len(self.text),
        }


@dataclass
class Analysis:
    """Everything eventwire found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    sourcing: SourcingProfile = field(default_factory=SourcingProfile)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        article = self.article.to_dict()
        if include_text:
            article["text"] = self.article.text
        return {
            "schema": SCHEMA_ID,
            "article": article,
            "entities": [asdict(e) for e in self.entities],
            "times": [asdict(t) for t in self.times],
            "attributions": [asdict(a) for a in self.attributions],
            "events": [asdict(e) for e in self.events],
            "deadlines": [asdict(d) for d in self.deadlines],
            "sourcing": asdict(self.sourcing),
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Analysis:
        """Rebuild an Analysis from its JSON form (stores, exports and workers pass records as JSON)."""
        art = record["article"]
        article = Article(text=art.get("text") or "", id=art["id"], title=art.get("title"),
                          published=date.fromisoformat(art["published"]) if art.get("published") else None,
                          url=art.get("url"), outlet=art.get("outlet"), source=art.get("source") or "")

        def span(d: dict[str, Any]) -> TextSpan:
            return TextSpan(d["start"], d["end"], d["text"])

        return cls(
            article=article,
            entities=[Entity(**{**e, "mentions": [span(m) for m in e.get("mentions", [])]})
                      for e in record.get("entities", [])],
            times=[TimeExpression(**t) for t in record.get("times", [])],
            attributions=[Attribution(**{**a, "cue": span(a["cue"]), "content": span(a["content"]),
                                         "source": Source(**a["source"]) if a.get("source") else None})
                          for a in record.get("attributions", [])],
            events=[Event(**{**v, "trigger": span(v["trigger"]), "source": ActorRef(**v["source"]),
                             "target": ActorRef(**v["target"]) if v.get("target") else None})
                    for v in record.get("events", [])],
            deadlines=[Deadline(**d) for d in record.get("deadlines", [])],
            sourcing=SourcingProfile(**record["sourcing"]) if record.get("sourcing") else SourcingProfile(),
        )


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the analysis record, shipped in the package."""
    return json.loads(files("eventwire").joinpath("schema/analysis.schema.json").read_text("utf-8"))


def offset_errors(record: dict[str, Any], text: str) -> list[str]:
    """Every span of a record whose offsets do not cut its own text out of the article."""
    problems = []

    def check(where: str, span: dict[str, Any] | None) -> None:
        if span and text[span["start"]:span["end"]] != span["text"]:
            problems.append(f"{where}: [{span['start']}:{span['end']}] is not {span['text']!r}")

    for e in record["entities"]:
        for m in e["mentions"]:
            check(f"entity {e['id']}", m)
    for t in record["times"]:
        check(f"time {t['id']}", t)
    for a in record["attributions"]:
        for part in ("cue", "source", "content"):
            check(f"attribution {a['id']} {part}", a[part])
    for v in record["events"]:
        check(f"event {v['id']}", v["trigger"])
    for d in record["deadlines"]:
        check(f"deadline {d['id']}", d)
    return problems
