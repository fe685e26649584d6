"""The eventwire_times component: TIMEX3 expressions on ``doc._.times``, and the event-dating helper.

``governing_time(doc, start, end)`` tells later stages (events, deadlines) which time expression
governs a stretch of text: one in the same clause first, then one in the same sentence. The index
it needs is built once per Doc and kept in ``doc.user_data``, so each call costs a few lookups.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import DEP, IDX
from spacy.language import Language
from spacy.tokens import Doc, Token

import eventwire.extensions  # noqa: F401
from eventwire.analysis import TimeExpression
from eventwire.timex import prepare, tag_times
from eventwire.timex.docview import annotated

_INDEX_KEY = "eventwire.times.index"
_CALENDAR = re.compile(r"^(?:\d{4}|XXXX)")  # values that name a day, week, month...: not "PRESENT_REF"
_NOUN_MODIFIER = {"compound", "amod", "poss", "nmod", "nummod"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "csubj", "parataxis", "pcomp"}
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s|\s[—–]\s")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+")


@Language.factory("eventwire_times")
def make_component(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


class TimesComponent:
    """Tags and normalises temporal expressions against ``doc._.published``."""

    def __init__(self) -> None:
        prepare()  # the grammar is compiled once, with the pipeline, not on the first Doc

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = tag_times(doc, doc._.published)
        doc.user_data.pop(_INDEX_KEY, None)
        return doc


@dataclass
class _Index:
    times: list[TimeExpression]
    clauses: list[tuple[int, int]]  # per time: (sentence key, clause key)
    modifiers: list[bool]  # per time: it qualifies a noun ("a May 12th deadline") rather than the clause
    starts: list[int]  # token start offsets (for char -> token)
    parsed: bool
    clause_breaks: list[int]
    sentence_breaks: list[int]


def _clause_head(token: Token) -> int:
    """The verb heading the clause a token belongs to (xcomp and aux verbs fold into their head)."""
    t = token
    for _ in range(64):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS:
            return t.i
        if t.head.i == t.i:
            return t.i
        t = t.head
    return t.i


def _root(doc: Doc, idx: _Index, start: int, end: int) -> Token:
    i = max(0, bisect_right(idx.starts, start) - 1)
    j = max(i, bisect_right(idx.starts, max(start, end - 1)) - 1)
    return doc[i : j + 1].root


def _keys(doc: Doc, idx: _Index, start: int, end: int) -> tuple[int, int]:
    if idx.parsed:
        root = _root(doc, idx, start, end)
        return root.sent.start, _clause_head(root)
    sentence = bisect_right(idx.sentence_breaks, start)
    return sentence, bisect_right(idx.clause_breaks, start)


def _index(doc: Doc) -> _Index:
    cached = doc.user_data.get(_INDEX_KEY)
    if cached is not None:
        return cached
    times = [t for t in doc._.times or [] if t.type in ("DATE", "TIME") and _CALENDAR.match(t.value)]
    text = doc.text
    idx = _Index(
        times=times, clauses=[], modifiers=[], starts=doc.to_array(IDX).tolist(), parsed=annotated(doc, DEP),
        clause_breaks=[m.end() for m in _CLAUSE_BREAK.finditer(text)],
        sentence_breaks=[m.end() for m in _SENTENCE_BREAK.finditer(text)],
    )  # fmt: skip
    idx.clause_breaks = sorted(set(idx.clause_breaks) | set(idx.sentence_breaks))
    idx.clauses = [_keys(doc, idx, t.start, t.end) for t in times]
    idx.modifiers = [idx.parsed and _root(doc, idx, t.start, t.end).dep_ in _NOUN_MODIFIER for t in times]
    doc.user_data[_INDEX_KEY] = idx
    return idx


def governing_time(doc: Doc, start: int, end: int) -> TimeExpression | None:
    """The DATE/TIME expression that dates the text in [start, end): same clause, else same sentence.

    Among several candidates the nearest one wins. Durations, sets and references ("now",
    "recently") never date an event.
    """
    if not doc._.times:
        return None
    idx = _index(doc)
    if not idx.times:
        return None
    sentence, clause = _keys(doc, idx, start, end)

    def distance(t: TimeExpression) -> int:
        return max(t.start - end, start - t.end, 0)

    same_clause = [
        (modifier, t) for t, k, modifier in zip(idx.times, idx.clauses, idx.modifiers, strict=True)
        if k == (sentence, clause)
    ]  # fmt: skip
    if same_clause:  # an adverbial time ("Next week, ... he may decide") beats one inside a noun phrase
        return min(same_clause, key=lambda mt: (mt[0], distance(mt[1])))[1]
    same_sentence = [t for t, k in zip(idx.times, idx.clauses, strict=True) if k[0] == sentence]
    return min(same_sentence, key=distance) if same_sentence else None
