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
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Distinct token keys remembered by the attribute ruler's cache before it starts again.
CACHE_SIZE = 200_000


class CachedAttributeMatch:
    """A drop-in ``AttributeRuler.match``: one-token patterns from a cache, the rest by Matcher."""

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

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        keys = [(tag, self.lower_key(lower), dep, space) for tag, lower, dep, space in rows]
        matches = [(attr, m, i, i + 1) for i, key in enumerate(keys) for attr, m in self._single(doc, i, key)]
        matches += [(int(self.vocab.strings[m]), m, s, e)
                    for m, s, e in self.multi(doc, allow_missing=True, as_spans=False)]
        matches.sort()
        return matches


class ArrayAttributeSetter:
    """A drop-in ``AttributeRuler.set_annotations``: the lemma, POS and morphology the matches
    assign are written into one array and set in one call, instead of a Span and a Token object
    per match (a match per token); anything else a rule sets goes through spaCy's own setter.
    Matches come sorted by rule, so later rules still win."""

    COLUMNS = {LEMMA: 0, POS: 1, MORPH: 2}

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        values = doc.to_array(list(self.COLUMNS))
        others: list[tuple[int, dict[Any, Any]]] = []
        for attr_id, _, start, end in matches:
            index = self.ruler.indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:  # spaCy's own setter raises its error for this
                type(self.ruler).set_annotations(self.ruler, doc, matches)
                return
            for name, value in self.ruler.attrs[attr_id].items():
                column = self.COLUMNS.get(name)
                if column is None:
                    others.append((i, {name: value}))
                else:
                    values[i, column] = value
        doc.from_array(list(self.COLUMNS), values)
        for i, attrs in others:
            set_token_attrs(doc[i], attrs)


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
