"""Scores attribution extraction against PolNeAR's BRAT layout.

Per role (source, cue, content): exact-span P/R/F1, spans compared after trimming surrounding
whitespace and punctuation, and overlap P/R/F1 (a span counts when it overlaps one of the other
side). Spans are the contiguous fragments of each role, as in the BIO-chunk scoring of published
PolNeAR taggers: a content split around its cue ("A," she said, "B.") is two content fragments.
Relation level: a gold attribution is found when one predicted attribution overlaps its cue and
overlaps (or, like it, lacks) its source and its content; "exact" asks every role to match exactly.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from eventwire.analysis import Attribution
from eventwire.attribution.brat import ROLES, Fragments, GoldArticle, merge_fragments, read_corpus

Span = tuple[int, int]


def _is_trimmable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] == "P"


def trim(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace and punctuation (None when nothing is left)."""
    while start < end and _is_trimmable(text[start]):
        start += 1
    while end > start and _is_trimmable(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def _trimmed(text: str, frags: Fragments) -> list[Span]:
    return [s for a, b in frags if (s := trim(text, a, b))]


def predicted_fragments(text: str, attribution: Attribution) -> dict[str, Fragments]:
    """Each role's fragments; a content spanning its own cue or source is cut around them."""
    roles: dict[str, Fragments] = {"cue": ((attribution.cue.start, attribution.cue.end),)}
    roles["source"] = ((attribution.source.start, attribution.source.end),) if attribution.source else ()
    start, end = attribution.content.start, attribution.content.end
    holes = sorted(f for role in ("cue", "source") for f in roles[role] if start <= f[0] and f[1] <= end)
    pieces, cursor = [], start
    for a, b in holes:
        pieces.append((cursor, a))
        cursor = max(cursor, b)
    pieces.append((cursor, end))
    roles["content"] = merge_fragments(text, tuple(p for p in pieces if trim(text, *p)))
    return roles


@dataclass
class Counts:
    tp_p: int = 0  # predicted spans that match
    tp_r: int = 0  # gold spans that are matched
    pred: int = 0
    gold: int = 0

    def add(self, tp_p: int, tp_r: int, pred: int, gold: int) -> None:
        self.tp_p += tp_p
        self.tp_r += tp_r
        self.pred += pred
        self.gold += gold

    def prf(self) -> dict[str, float]:
        p = self.tp_p / self.pred if self.pred else 0.0
        r = self.tp_r / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1)}


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _any_overlap(a: list[Span], b: list[Span]) -> bool:
    return any(_overlaps(x, y) for x in a for y in b)


@dataclass
class Scores:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    relation: Counts = field(default_factory=Counts)
    relation_exact: Counts = field(default_factory=Counts)
    articles: int = 0

    def add_article(self, gold: GoldArticle, predicted: Iterable[Attribution]) -> None:
        text = gold.text
        pred_rels = [{r: _trimmed(text, f) for r, f in predicted_fragments(text, a).items()} for a in predicted]
        gold_rels = [{r: _trimmed(text, getattr(g, r)) for r in ROLES} for g in gold.attributions]
        for role in ROLES:
            p = {s for rel in pred_rels for s in rel[role]}
            g = {s for rel in gold_rels for s in rel[role]}
            self.exact[role].add(len(p & g), len(p & g), len(p), len(g))
            self.overlap[role].add(
                sum(any(_overlaps(s, t) for t in g) for s in p),
                sum(any(_overlaps(s, t) for t in p) for s in g),
                len(p),
                len(g),
            )
        for counts, match in ((self.relation, _relation_overlap), (self.relation_exact, _relation_exact)):
            found = _greedy_matches(gold_rels, pred_rels, match)
            counts.add(found, found, len(pred_rels), len(gold_rels))
        self.articles += 1

    def to_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "exact": {r: c.prf() for r, c in self.exact.items()},
            "overlap": {r: c.prf() for r, c in self.overlap.items()},
            "relation": self.relation.prf(),
            "relation_exact": self.relation_exact.prf(),
            "gold_attributions": self.relation.gold,
            "predicted_attributions": self.relation.pred,
        }


def _relation_overlap(g: dict[str, list[Span]], p: dict[str, list[Span]]) -> bool:
    if not _any_overlap(g["cue"], p["cue"]):
        return False
    return all(_any_overlap(g[r], p[r]) or not (g[r] or p[r]) for r in ("source", "content"))


def _relation_exact(g: dict[str, list[Span]], p: dict[str, list[Span]]) -> bool:
    return all(sorted(g[r]) == sorted(p[r]) for r in ROLES)


def _greedy_matches(gold: list[dict], pred: list[dict], match) -> int:  # type: ignore[type-arg, no-untyped-def]
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and match(g, p):
                used.add(i)
                break
    return len(used)


def evaluate(gold_dir: Path, nlp: Language | None = None) -> Scores:
    """Run the attribution stage over every gold article and score it."""
    from eventwire.pipeline import build_nlp

    nlp = nlp or build_nlp(components=("eventwire_attributions",))
    articles = read_corpus(gold_dir)
    scores = Scores()
    for doc, gold in zip(nlp.pipe((a.text for a in articles), batch_size=8), articles):
        scores.add_article(gold, doc._.attributions or [])
    return scores
