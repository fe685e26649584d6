"""Exact speed-ups for two of spaCy's rule-based stages, which cost a fifth of a full analysis.

The attribute ruler matches 179 token patterns against every token with spaCy's Matcher, and the
lemmatizer builds a Token object per token; together they cost as much as the parser. Their results
depend only on a few attributes of each token, so:

- the attribute ruler's one-token patterns are matched once per distinct (tag, lower case, dependency,
  is-space) combination and remembered; only its few multi-token patterns go through a Matcher;
  the matches are then applied by the ruler itself, in its own order;
- the lemmatizer remembers its result per (text, POS, morphology), everything its rules read, and
  works over arrays; spaCy's lemmatizer runs only for combinations not seen yet, and then looks
  its candidate forms up in sets: the model ships each part of speech's known base forms as a list
  (up to 57,000 words) that every look-up scanned, 90 microseconds a new word.

The output is identical to the stock components' (tests/test_speedups.py compares every
annotation on real text).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

#: Distinct token keys remembered by the attribute ruler's cache before it starts again.
CACHE_SIZE = 200_000


class CachedAttributeMatch:
    """A drop-in ``AttributeRuler.match``: one-token patterns from a cache, the rest by Matcher."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single = Matcher(self.vocab, validate=False)
        self.multi = Matcher(self.vocab, validate=False)
        for key in ruler.matcher._patterns:  # noqa: SLF001  (the ruler keeps no public list by key)
            label = self.vocab.strings[key]
            for pattern in ruler.matcher.get(label)[1]:
                (self.single if len(pattern) == 1 else self.multi).add(label, [pattern])
        self.cache: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}

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
        matches = [(attr, m, i, i + 1) for i, key in enumerate(rows) for attr, m in self._single(doc, i, tuple(key))]
        matches += [(int(self.vocab.strings[m]), m, s, e)
                    for m, s, e in self.multi(doc, allow_missing=True, as_spans=False)]
        matches.sort()
        return matches


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
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule":
            index = lemmatizer.lookups.get_table("lemma_index", {})
            for pos, forms in list(index.items()):  # only ever asked `form in index`
                index[pos] = frozenset(forms)
            fast = ArrayLemmatizer(lemmatizer)
            lemmatizer.pipe = lambda docs, batch_size=128: (fast(doc) for doc in docs)  # nlp.pipe's path
    return nlp
