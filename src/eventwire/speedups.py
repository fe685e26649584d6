"""Exact speed-ups for two of spaCy's rule-based stages, which cost a fifth of a full analysis.

The attribute ruler matches 179 token patterns against every token with spaCy's Matcher, and the
lemmatizer builds a Token object per token; together they cost as much as the parser. Their results
depend only on a few attributes of each token, so:

- the attribute ruler's one-token patterns are matched once per distinct (tag, lower case, dependency,
  is-space) combination and remembered, where the lower case counts only for the few words the
  patterns test (all other words match alike); only its few multi-token patterns go through a Matcher;
  the matches are then applied in the ruler's order, the lemma, POS and morphology they set
  through one array instead of a Span and a Token object per match;
- the lemmatizer remembers its result per (text, POS, morphology), everything its rules read, and
  works over arrays; spaCy's lemmatizer runs only for combinations not seen yet, and then looks
  its candidate forms up in sets: the model ships each part of speech's known base forms as a list
  (up to 57,000 words) that every look-up scanned, 90 microseconds a new word.

The output is identical to the stock components' (tests/test_speedups.py compares every
annotation on real text).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Distinct token keys remembered by the attribute ruler's cache before it starts again.
CACHE_SIZE = 200_000


class CachedAttributeMatch:
    """Replaces ``AttributeRuler.match`` (paired with ``ArrayAttributeSetter``, which reads what it
    returns): one-token patterns from a cache, the rest by Matcher."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single = Matcher(self.vocab, validate=False)
        self.multi = Matcher(self.vocab, validate=False)
        singles = []
        for key in ruler.matcher._patterns:  # noqa: SLF001  (the ruler keeps no public list by key)
            label = self.vocab.strings[key]
            for pattern in ruler.matcher.get(label)[1]:
                (self.single if len(pattern) == 1 else self.multi).add(label, [pattern])
                singles += pattern if len(pattern) == 1 else []
        self.cache: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}
        self.lower_keys: dict[int, int] = {}
        self.words, self.regexes = _lower_tests(singles, self.vocab)

    def lower_key(self, lower: int) -> int:
        """The word itself where a one-token pattern can tell it apart, else 0: all other words
        match alike, so the cache needs one entry per tag and label for them, not one per word."""
        found = self.lower_keys.get(lower)
        if found is None:
            if len(self.lower_keys) >= CACHE_SIZE:
                self.lower_keys.clear()
            text = self.vocab.strings[lower]
            tested = self.words is None or lower in self.words or any(r.search(text) for r in self.regexes)
            found = self.lower_keys[lower] = lower if tested else 0
        return found

    def _single(self, doc: Doc, i: int, key: tuple[int, int, int, int]) -> list[tuple[int, int]]:
        """(attribute id, match id) of the one-token patterns that token ``i`` matches."""
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= CACHE_SIZE:
                self.cache.clear()
            token = Doc(self.vocab, words=[doc[i].text], spaces=[False])
            token.from_array([TAG, DEP, HEAD], np.array([[key[0], key[2], 0]], dtype=np.uint64))
            found = [(int(self.vocab.strings[m]), m) for m, _, _ in self.single(token, allow_missing=True)]
            self.cache[key] = found
        return found

    def __call__(self, doc: Doc) -> RulerMatches:
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).reshape(len(doc), 4)
        lowers, at = np.unique(rows[:, 1], return_inverse=True)
        rows[:, 1] = np.array([self.lower_key(w) for w in lowers.tolist()], dtype=np.uint64)[at.ravel()]
        keys, first, inverse = np.unique(rows, axis=0, return_index=True, return_inverse=True)
        keyed = [self._single(doc, i, tuple(key)) for i, key in zip(first.tolist(), keys.tolist(), strict=True)]
        multi = [(int(self.vocab.strings[m]), m, s, e)
                 for m, s, e in self.multi(doc, allow_missing=True, as_spans=False)]
        return RulerMatches(inverse.ravel(), keyed, sorted(multi))


class RulerMatches(NamedTuple):
    """What the attribute ruler's patterns match in a Doc: the one-token patterns once per
    distinct token key (each token's key in ``inverse``), the longer patterns as spaCy lists them."""

    inverse: np.ndarray
    keyed: list[list[tuple[int, int]]]
    multi: list[tuple[int, int, int, int]]

    def as_list(self) -> list[tuple[int, int, int, int]]:
        """The matches as ``AttributeRuler.match`` gives them: (attribute id, match id, start, end), sorted."""
        single = [(a, m, i, i + 1) for i, k in enumerate(self.inverse.tolist()) for a, m in self.keyed[k]]
        return sorted(single + self.multi)


class ArrayAttributeSetter:
    """A drop-in ``AttributeRuler.set_annotations`` for ``RulerMatches``: the lemma, POS and
    morphology each distinct token key gets are worked out once and written for all its tokens in
    one array; tokens a longer pattern also matches are redone with all their matches in rule
    order (later rules win); anything else a rule sets goes through spaCy's own setter."""

    COLUMNS = {LEMMA: 0, POS: 1, MORPH: 2}

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler

    def __call__(self, doc: Doc, found: RulerMatches) -> None:
        indices = self.ruler.indices
        if any(indices[a] not in (0, -1) for ms in found.keyed for a, _ in ms) or any(
                not s <= self._position(a, s, e) < e for a, _, s, e in found.multi):
            type(self.ruler).set_annotations(self.ruler, doc, found.as_list())  # raises spaCy's error
            return
        before = doc.to_array(list(self.COLUMNS)).reshape(len(doc), len(self.COLUMNS))
        keyed = [self._apply(ms, np.zeros(len(self.COLUMNS), dtype=np.uint64)) for ms in found.keyed]
        values, others = before.copy(), []
        if keyed:
            key_values = np.array([v for v, _, _ in keyed], dtype=np.uint64)[found.inverse]
            key_set = np.array([s for _, s, _ in keyed], dtype=bool)[found.inverse]
            values[key_set] = key_values[key_set]
            others = [(i, o) for i, k in enumerate(found.inverse.tolist()) for o in keyed[k][2]]
        redo: dict[int, list[tuple[int, int]]] = {}
        for a, m, s, e in found.multi:
            redo.setdefault(self._position(a, s, e), []).append((a, m))
        for i, ms in redo.items():
            merged = sorted(found.keyed[found.inverse[i]] + ms, key=lambda am: am[0])
            values[i], _, own = self._apply(merged, before[i].copy())
            others = [(j, o) for j, o in others if j != i] + [(i, o) for o in own]
        doc.from_array(list(self.COLUMNS), values)
        for i, attrs in others:
            set_token_attrs(doc[i], attrs)

    def _position(self, attr_id: int, start: int, end: int) -> int:
        """The token a match sets, by its rule's index (negative: from the end), as spaCy reads it."""
        index = self.ruler.indices[attr_id]
        return (start if index >= 0 else end) + index

    def _apply(
        self, matches: list[tuple[int, int]], row: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, list[dict[Any, Any]]]:
        """Apply matches (in rule order) to one token's columns: the columns, which were set, and
        the other attributes to set."""
        is_set = np.zeros(len(self.COLUMNS), dtype=bool)
        others: list[dict[Any, Any]] = []
        for attr_id, _ in matches:
            for name, value in self.ruler.attrs[attr_id].items():
                column = self.COLUMNS.get(name)
                if column is None:
                    others.append({name: value})
                else:
                    row[column], is_set[column] = value, True
        return row, is_set, others


def _lower_tests(patterns: list[dict[str, Any]], vocab: Any) -> tuple[set[int] | None, list[re.Pattern[str]]]:
    """The lower-case words (as string ids) and regular expressions the patterns test LOWER
    with; None for the words when a test of another kind ("NOT_IN", ...) makes every word count."""
    words: set[int] = set()
    regexes: list[re.Pattern[str]] = []
    for pattern in patterns:
        value = pattern.get("LOWER")
        if value is None:
            continue
        if isinstance(value, str):
            words.add(vocab.strings.add(value))
        elif isinstance(value, dict) and set(value) <= {"IN", "REGEX"}:
            words.update(vocab.strings.add(w) for w in value.get("IN", ()))
            regexes += [re.compile(value["REGEX"])] if "REGEX" in value else []
        else:
            return None, []
    return words, regexes


class ArrayLemmatizer:
    """A drop-in for ``Lemmatizer.__call__`` (installed as its ``pipe``) on arrays, not Token objects."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        #: (text, POS, morphology) -> lemma: all rule_lemmatize reads, for every POS (spaCy's own
        #: cache skips the POS it has no rules for, and those are most tokens)
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if lem.overwrite or lem.mode != "rule":
            return type(lem).__call__(lem, doc)
        if not lem._validated:  # noqa: SLF001
            lem._validate_tables()  # noqa: SLF001
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings, memo = doc.vocab.strings, self.memo
        if len(memo) >= CACHE_SIZE:
            memo.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:
                found = memo.get((orth, pos, morph))
                if found is None:
                    found = memo[orth, pos, morph] = strings.add(lem.rule_lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


def accelerate(nlp: Language) -> Language:
    """Swap in the exact fast paths for the attribute ruler and lemmatizer, where ``nlp`` has them."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = CachedAttributeMatch(ruler)
        ruler.set_annotations = ArrayAttributeSetter(ruler)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule":
            index = lemmatizer.lookups.get_table("lemma_index", {})
            for pos, forms in list(index.items()):  # only ever asked `form in index`
                index[pos] = frozenset(forms)
            fast = ArrayLemmatizer(lemmatizer)
            lemmatizer.pipe = lambda docs, batch_size=128: (fast(doc) for doc in docs)  # nlp.pipe's path
    return nlp
