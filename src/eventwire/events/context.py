"""When an event happened and whose account it rests on.

Date: the times component's ``governing_time(doc, start, end)`` when it exists, else a time
expression attached to the trigger's clause; failing both, the publication date. A month-dated
event takes the exact day of the same actors' event in that month (``refine_dates``).
Attribution: the innermost attribution whose content contains the trigger; a reporting verb's
own content (``reported_content``) is what was said, not whom it was said to.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from eventwire.analysis import Attribution, Event, TimeExpression

_DATE = re.compile(r"^\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?")  # a day, month, ISO week or year
_CLIMB = frozenset({"xcomp", "pcomp", "prep", "acomp", "conj", "dep", "dobj", "pobj", "attr"})


def _helper() -> Callable[[Doc, int, int], TimeExpression | None] | None:
    try:
        from eventwire.components.times import governing_time  # type: ignore[attr-defined]
    except ImportError:
        return None
    return governing_time  # type: ignore[no-any-return]


def _clause(trigger: Token) -> set[int]:
    """The trigger and the verbs/nouns it hangs from within its clause."""
    chain, tok = {trigger.i}, trigger
    while tok.dep_ in _CLIMB and tok.head is not tok:
        tok = tok.head
        chain.add(tok.i)
    return chain


def _attached_time(doc: Doc, trigger: Token) -> TimeExpression | None:
    chain = _clause(trigger)
    sent = trigger.sent
    for time in doc._.times or []:
        if not (sent.start_char <= time.start < sent.end_char):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(4):  # the time's head: "on March 20th" -> on -> verb
            if tok.head.i in chain:
                return time
            if tok.head is tok:
                break
            tok = tok.head
    return None


def event_date(doc: Doc, trigger: Token) -> tuple[str | None, str | None, str]:
    """(time id, ISO date, week (2018-W19), month or year, date_source: text | published | none)."""
    helper = _helper()
    time = helper(doc, trigger.idx, trigger.idx + len(trigger.text)) if helper else None
    if time is None:
        time = _attached_time(doc, trigger)
    if time is not None:
        m = _DATE.match(time.value or "")
        if m:
            return time.id, m.group(0), "text"
    published = doc._.published
    if published is not None:
        return None, published.isoformat(), "published"
    return None, None, "none"


def attribution_of(doc: Doc, start: int) -> str | None:
    """The innermost attribution whose content covers a character offset."""
    around: list[Attribution] = [
        a for a in doc._.attributions or [] if a.content.start <= start < a.content.end
    ]
    if not around:
        return None
    return min(around, key=lambda a: a.content.end - a.content.start).id


def reported_content(trigger: Token) -> frozenset[int]:
    """Character offsets of the tokens a reporting verb reports ("told me that Y ..."): its
    clausal complements, when an attribution takes this trigger as its cue. (Only the clauses: an
    object the attribution stage took for content, as in "called the minister", stays.)"""
    cues = [a for a in trigger.doc._.attributions or [] if a.cue.start <= trigger.idx < a.cue.end]
    if not cues:
        return frozenset()
    clauses = (t for c in trigger.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree)
    return frozenset(t.idx for t in clauses if any(a.content.start <= t.idx < a.content.end for a in cues))


def _pair(event: Event) -> frozenset[str | None]:
    return frozenset((r.entity or r.code) if r else None for r in (event.source, event.target))


def refine_dates(events: list[Event]) -> list[Event]:
    """Give an event the text dates only to a month or year ("In March, X congratulated Y") the
    exact day of an event between the same actors within that period ("X's call with Y on March
    20th"), when the text names exactly one such day: most likely the same occurrence."""
    exact = [e for e in events if e.date_source == "text" and e.date and len(e.date) == 10]
    for event in events:
        if event.date_source != "text" or not event.date or len(event.date) == 10:
            continue
        same = [e for e in exact if _pair(e) == _pair(event) and e.date.startswith(event.date)]  # type: ignore[union-attr]
        if len({e.date for e in same}) == 1:
            event.evidence += f"; date {same[0].date} from {same[0].id} (same actors within {event.date})"
            event.date, event.time = same[0].date, same[0].time
    return events
