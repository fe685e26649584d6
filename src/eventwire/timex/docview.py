"""Token lookups by character offset for one Doc, and the tokens that can anchor a time expression."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from spacy.attrs import DEP, IDX, LOWER, TAG
from spacy.tokens import Doc, Token

from eventwire.timex.lexicon import lexicon

_NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"}
_TITLE_ENTS = {"WORK_OF_ART"}
_DIGITS = re.compile(r"\d+")


def annotated(doc: Doc, attr: int) -> bool:
    """Whether a Doc carries an annotation (spaCy's has_annotation walks every token; this does not)."""
    return len(doc) > 0 and bool(doc.to_array(attr).any())


class DocView:
    """Token lookups by character offset, built once per Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens at every access
        self.starts = doc.to_array(IDX).astype(np.int64) if len(doc) else np.zeros(0, dtype=np.int64)
        self.tagged, self.parsed = annotated(doc, TAG), annotated(doc, DEP)
        self.names: list[tuple[int, int, str]] = [
            (e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _NAME_ENTS
        ]
        self.titles = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _TITLE_ENTS]
        for entity in doc._.entities or []:
            if getattr(entity, "kind", "") in ("PERSON", "ORG"):
                self.names += [(m.start, m.end, entity.kind) for m in entity.mentions]

    def token_index(self, char: int) -> int:
        return max(0, int(np.searchsorted(self.starts, char, side="right")) - 1)

    def triggers(self) -> list[tuple[int, int]]:
        """(token index, char offset) of what can anchor a temporal expression: lexicon words and
        digits (a digit run inside a token, as in "mid-1996", is its own offset)."""
        lower = self.doc.to_array(LOWER) if len(self.doc) else np.zeros(0, dtype=np.uint64)
        is_trigger = np.isin(lower, _hashes_for(self.doc.vocab.strings, _trigger_words()))
        self.can_start = is_trigger | np.isin(lower, _hashes_for(self.doc.vocab.strings, _starter_words()))
        words = np.flatnonzero(is_trigger)
        found = {(int(i), int(self.starts[i])) for i in words}
        digit_starts = [m.start() for m in _DIGITS.finditer(self.text)]
        for i, char in zip(np.searchsorted(self.starts, digit_starts, side="right") - 1, digit_starts, strict=True):
            found.add((int(i), int(char)))
            self.can_start[i] = True
        return sorted(found)

    def token(self, char: int) -> Token:
        return self.doc[self.token_index(char)]

    def in_title(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.titles)

    def in_name(self, start: int, end: int, people: bool = True) -> bool:
        return any(s <= start and end <= e and (people or kind != "PERSON") for s, e, kind in self.names)

    def prev(self, char: int) -> Token | None:
        i = self.token_index(char)
        return self.doc[i - 1] if i > 0 else None

    def next(self, char: int) -> Token | None:
        i = self.token_index(char)
        return self.doc[i + 1] if i + 1 < len(self.doc) else None


@cache
def _trigger_words() -> frozenset[str]:
    """Every content word of the lexicon (function words like "the" or "last" never anchor)."""
    lex = lexicon()
    keys = ("months", "weekdays", "units", "unit_plurals", "seasons", "parts_of_day", "clock_words",
            "day_words", "references", "set_adverbs", "holidays", "time_zones")  # fmt: skip
    words = {w for k in keys for entry in lex[k] for w in re.split(r"[\s-]+", entry)}
    words |= {w + "." for w in lex["months"]} | {w + "." for w in lex["weekdays"]}
    words |= set(lex["extra_triggers"])
    return frozenset(words - set(lex["non_triggers"]))


@cache
def _starter_words() -> frozenset[str]:
    """Words that can open an expression before its anchor ("the past two years", "a week ago")."""
    lex = lexicon()
    keys = ("cardinals", "ordinals", "vague_quantities", "modifiers", "approximators", "references", "rule_starters")
    return frozenset(re.split(r"[\s-]+", entry)[0] for k in keys for entry in lex[k])


@cache
def _hashes_for(strings: object, words: frozenset[str]) -> np.ndarray:
    return np.array([strings[w] for w in words], dtype=np.uint64)  # type: ignore[index]
