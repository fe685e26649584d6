"""The tense of the clause around a temporal expression, which picks between its readings.

With a dependency parse the clause's verb is found by climbing from the expression's head; with
only a tagger (the fast mode) the nearest verb in the sentence stands in for it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.timex.lexicon import lexicon
from eventwire.timex.resolve import FUTURE, PAST, PLUPERFECT, PRESENT

_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"}


def _future_words() -> set[str]:
    return set(lexicon()["future_auxiliaries"])


def _future_governors() -> set[str]:
    return set(lexicon()["future_governors"])


def verb_tense(verb: Token, auxes: list[Token]) -> str | None:
    """Tense of a verb group from its auxiliaries and tag."""
    words = [a.lower_ for a in auxes]
    tags = [a.tag_ for a in auxes]
    if verb.tag_ == "VBN" and "had" in words:
        return PLUPERFECT  # "had been scheduled", "had planned": the plan is the story's past
    if verb.lemma_ in _future_governors():
        return FUTURE
    if verb.tag_ == "VBN" and any(w in ("has", "have", "'ve", "having") for w in words):
        return PAST
    if any(w in _future_words() for w in words):
        return FUTURE
    if "MD" in tags:
        return None  # "could", "must", "should": no tense of their own
    if "to" in words and (verb.tag_ == "VB" or _mistagged_infinitive(verb)):
        # "set to resume Monday", "is to meet Friday": a plan; otherwise the governing verb decides
        if verb.head.lemma_ not in lexicon()["infinitive_future_heads"]:
            return None
        return PLUPERFECT if _pluperfect(verb.head) else FUTURE
    if verb.tag_ == "VBD" or "VBD" in tags or (verb.tag_ == "VBN" and not auxes):
        return PAST
    if verb.tag_ in ("VBZ", "VBP") or "VBZ" in tags or "VBP" in tags:
        return PRESENT
    return None


def _mistagged_infinitive(token: Token) -> bool:
    """ "due to end on Wednesday": the small model tags "end" as a noun, but "to" still marks it."""
    return token.tag_ not in _VERB_TAGS and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _pluperfect(head: Token) -> bool:
    """ "had been due to", "had been scheduled to": a plan of the story's past."""
    verb = head if head.tag_ in _VERB_TAGS else head.head  # "due" hangs from "been"
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)


def _parsed_tense(token: Token) -> str | None:
    for _ in range(4):
        verb = token
        while (verb.tag_ not in _VERB_TAGS and not _mistagged_infinitive(verb)) or verb.dep_ in ("aux", "auxpass"):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") or c.tag_ in ("MD", "TO")]
        tense = verb_tense(verb, auxes)
        if tense is not None:
            return tense
        if verb.head.i == verb.i:
            return None
        token = verb.head
    return None


def _window_tense(doc: Doc, start: int, end: int) -> str | None:
    """Nearest verb group in the sentence (tagger only)."""
    sent_start, sent_end = max(0, start - 15), min(len(doc), end + 15)
    order = sorted(range(sent_start, sent_end), key=lambda i: min(abs(i - start), abs(i - end + 1)))
    for i in order:
        if start <= i < end or doc[i].tag_ not in _VERB_TAGS or doc[i].tag_ == "MD":
            continue
        auxes = [t for t in doc[max(sent_start, i - 3) : i] if t.tag_ in _VERB_TAGS or t.lower_ == "to"]
        tense = verb_tense(doc[i], auxes)
        if tense is not None:
            return tense
    return None


def tense_at(doc: Doc, start: int, end: int, parsed: bool) -> str | None:
    """Tense governing tokens [start, end) of a tagged Doc: past, present, future, pluperfect or None."""
    if parsed:
        span = doc[start:end]
        return _parsed_tense(span.root)
    return _window_tense(doc, start, end)
