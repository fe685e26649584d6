"""The eventwire_deadlines component: dated commitments and ultimatums on ``doc._.deadlines``.

A deadline is a cue ("deadline", "ultimatum", "expires", "must decide by", "now set for") paired
with the date expression it names, in the same sentence: the time just before a cue noun ("a May
12th deadline", "the midnight deadline") or soon after the cue ("the next deadline for steel
tariffs, now set for June 1st"). What it is about comes from the cue's "for/on/to ..." phrase or
the verb it constrains; it attaches to the event on that verb, else to an entity named there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from spacy.attrs import DEP, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import eventwire.extensions  # noqa: F401
from eventwire.analysis import Deadline, TimeExpression
from eventwire.timex.docview import annotated

_DATE_PART = re.compile(r"^[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?(?=$|T)")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’')]*|$)")
_BEFORE_NOUN_GAP = 25  # chars between a time and the cue noun it modifies ("a May 12th deadline")
_AFTER_CUE_GAP = 90  # chars from a cue to the time it names ("deadline for ..., now set for June 1st")
_ABOUT_WORDS = 10


@cache
def cues() -> dict[str, object]:
    path = resources.files("eventwire.knowledge").joinpath("data/time/deadlines.json")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _cue_regex() -> re.Pattern[str]:
    lex = cues()
    nouns = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(lex["nouns"], key=len, reverse=True))  # type: ignore[arg-type]
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(lex["verbs"], key=len, reverse=True))  # type: ignore[arg-type]
    return re.compile(
        rf"\b(?:(?P<noun>{nouns})(?![\w-])|(?P<verb>(?:{verbs})\w*(?:\s+\w+)?\s+(?:by|until|till|on|for|before|at|than)))\b",
        re.IGNORECASE,
    )


@Language.factory("eventwire_deadlines")
def make_component(nlp: Language, name: str) -> DeadlinesComponent:
    return DeadlinesComponent()


class DeadlinesComponent:
    """Finds deadlines and whether they have passed on the publication date."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.deadlines = find_deadlines(doc)
        return doc


@dataclass
class _Cue:
    start: int
    end: int
    noun: bool


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    if annotated(doc, DEP) or int((doc.to_array(SENT_START) == 1).sum()) > 1:
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def deadline_date(value: str) -> str | None:
    """The calendar part of a TIMEX3 value: 2018-05-12, 2018-05, XXXX-05-12 (None for references)."""
    m = _DATE_PART.match(value)
    return m.group(0) if m else None


def deadline_status(value: str | None, published: date | None) -> str:
    """upcoming when the deadline's last day is on or after publication, passed before it."""
    if value is None or published is None or "X" in value:
        return "unknown"
    parts = [int(p) for p in value.split("-")]
    y, m, d = parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else None
    if d is None:
        end = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
    else:
        end = date(y, m, d).toordinal()
    return "upcoming" if end >= published.toordinal() else "passed"


def _pair(text: str, cue: _Cue, times: list[TimeExpression]) -> TimeExpression | None:
    """The time a cue names: just before a cue noun, else the first one after the cue."""
    if cue.noun:
        before = [t for t in times if 0 <= cue.start - t.end <= _BEFORE_NOUN_GAP]
        before = [t for t in before if not re.search(r"[,;.]", text[t.end : cue.start])]
        if before:
            return max(before, key=lambda t: t.end)
    after = [t for t in times if 0 <= t.start - cue.end <= _AFTER_CUE_GAP]
    return min(after, key=lambda t: t.start) if after else None


def _trim(text: str, tokens: list[Token]) -> str:
    words: list[Token] = []
    for t in tokens:
        if (t.is_punct and t.text != "-" and words) or t.dep_ in ("relcl", "acl", "appos") or len(words) >= _ABOUT_WORDS:
            break
        if not t.is_punct or t.text == "-":
            words.append(t)
    if not words:
        return ""
    return text[words[0].idx : words[-1].idx + len(words[-1].text)]


def _about_phrase(
    text: str, span: Span | None, cue: _Cue, end: int, dated: bool, parsed: bool
) -> tuple[str, Token | None]:
    """What the deadline is about, and the verb it constrains when there is one."""
    if cue.noun:
        m = re.match(r"\s+(?:for|on|to|over|of)\s+([^,.;:()]+)", text[cue.end :])
        if m and not re.match(r"\s*(?:the\s+)?(?:\d|midnight|noon)", m.group(1)):
            phrase = " ".join(m.group(1).split()[:_ABOUT_WORDS]).rstrip()
            return phrase, None
    if span is not None and parsed and not dated and cue.noun:
        return _trim(text, list(span.root.subtree)), None
    if span is not None and parsed:
        verb = span.root
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd")]
            if objects:
                first = objects[0]
                return verb.text + " " + _trim(text, list(first.subtree)), verb
            return verb.text, verb
    start = max(0, text.rfind(" ", 0, max(0, cue.start - 40)))
    return " ".join(text[start:end].split()[:_ABOUT_WORDS]), None


def _attach(doc: Doc, verb: Token | None, sentence: tuple[int, int], cue: _Cue, about_end: int) -> str | None:
    events = doc._.events or []
    if verb is not None:
        for event in events:
            if event.trigger.start <= verb.idx < event.trigger.end:
                return event.id
    in_sentence = [e for e in events if sentence[0] <= e.trigger.start < sentence[1]]
    if in_sentence:
        return min(in_sentence, key=lambda e: abs(e.trigger.start - cue.start)).id
    for entity in doc._.entities or []:
        for mention in entity.mentions:
            if sentence[0] <= mention.start < sentence[1]:
                return entity.id
    return None


def _undated_ok(doc: Doc, text: str, cue: _Cue, parsed: bool) -> bool:
    """An undated "extension" or "ultimatum" counts only as a noun of its own ("another extension")."""
    word = text[cue.start : cue.end].lower()
    if word not in cues()["undated_nouns"]:  # type: ignore[operator]
        return False
    span = doc.char_span(cue.start, cue.end)
    if span is None or not parsed:
        return False
    head = span[-1]
    return head.dep_ != "compound" and any(c.dep_ == "det" for c in head.children)


def find_deadlines(doc: Doc) -> list[Deadline]:
    """Deadlines of a Doc whose times are already tagged (``doc._.times``)."""
    text = doc.text
    times = [t for t in doc._.times or [] if t.type in ("DATE", "TIME") and deadline_date(t.value)]
    published = doc._.published
    parsed = annotated(doc, DEP)
    found: list[Deadline] = []
    used: set[str] = set()
    for sentence in _sentences(doc, text):
        s_times = [t for t in times if sentence[0] <= t.start < sentence[1]]
        for m in _cue_regex().finditer(text, sentence[0], sentence[1]):
            cue = _Cue(m.start(), m.end(), m.group("noun") is not None)
            time = _pair(text, cue, s_times)
            if time is not None and time.id in used:
                continue
            if time is None and not _undated_ok(doc, text, cue, parsed):
                continue
            start, end = (min(cue.start, time.start), max(cue.end, time.end)) if time else (cue.start, cue.end)
            span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
            about, verb = _about_phrase(text, span, cue, end, time is not None, parsed)
            value = deadline_date(time.value) if time else None
            found.append(
                Deadline(
                    id=f"D{len(found) + 1}", start=start, end=end, text=text[start:end],
                    time=time.id if time else None, date=value, about=about,
                    status=deadline_status(value, published),
                    attaches_to=_attach(doc, verb, sentence, cue, end),
                    evidence=f"deadline cue '{m.group(0).lower()}'" + (f" + {time.id}" if time else " (undated)"),
                )
            )  # fmt: skip
            if time is not None:
                used.add(time.id)
    return found
