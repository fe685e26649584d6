"""When an event happened and whose account it rests on.

Date: the times component's ``governing_time(doc, start, end)`` when it exists, else a time
expression attached to the trigger's clause; failing both, the publication date. Attribution:
the innermost attribution whose content contains the trigger.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from eventwire.analysis import Attribution, TimeExpression

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_CLIMB = frozenset({"xcomp", "pcomp", "prep", "acomp", "conj", "dobj", "pobj", "attr"})


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
    """(time id, ISO date or month/year, date_source: text | published | none)."""
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
