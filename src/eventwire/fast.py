"""Fast mode: spaCy's statistical components run only on the sentences where eventwire can use them.

Tagging, parsing and NER are most of the cost of an analysis, but only sentences with an
attribution cue or a quote mark need them for the attribution stage, which needs them most. Fast
mode splits sentences by rule, picks the candidate sentences with array lookups over the tokens
(no per-token Python), runs the model's components on those sentences only, and writes their
annotations back into the full Doc, so the eventwire components see one Doc with exact offsets as
always. Sentences left out get a flat parse (one tree per sentence, labelled ``dep``), lowercase
lemmas and no entities.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.attrs import (
    DEP, ENT_IOB, ENT_TYPE, HEAD, IS_LEFT_PUNCT, IS_PUNCT, IS_QUOTE, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS,
    SPACY, TAG,
)
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

#: Annotations copied from the parsed candidate sentences into the full Doc.
COPIED = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
IOB_IN, IOB_OUT, IOB_BEGIN = 1, 2, 3


def _data(*parts: str) -> dict:  # type: ignore[type-arg]
    return json.loads((resources.files("eventwire.knowledge") / "data").joinpath(*parts).read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def candidate_words(signals: tuple[str, ...] | None = None) -> frozenset[str]:
    """Lowercase words that make a sentence worth parsing: the union of the ``signals`` lists
    of data/fast/candidates.json (its own ``signals`` when None); ``time:KEY`` entries name the
    words of a key of the time lexicon, so the two never drift apart."""
    data = _data("fast", "candidates.json")
    words: set[str] = set()
    for signal in signals or tuple(data["signals"]):
        for entry in data[signal]:
            if entry.startswith("time:"):
                words.update(w for w in _data("time", "lexicon.json")[entry[5:]] if " " not in w)
            else:
                words.add(entry)
    return frozenset(w.lower() for w in words)


def model_pipes(nlp: Language) -> list[str]:
    """The spaCy model's own components (everything that is not an eventwire stage)."""
    return [name for name in nlp.pipe_names if not name.startswith("eventwire_")]


def sentence_ids(doc: Doc, enders: np.ndarray) -> np.ndarray:
    """Sentence number per token, split like spaCy's Sentencizer, plus at line breaks.

    A sentence starts at the first non-punctuation token after a sentence-final mark or a
    newline; vectorised, since a Python loop over tokens costs as much as the tagger.
    """
    punct, space, quote, left, trailing = doc.to_array([IS_PUNCT, IS_SPACE, IS_QUOTE, IS_LEFT_PUNCT, SPACY]).astype(bool).T
    # an opening mark (a quote or bracket after a space, before a word) starts the next sentence
    opener = (quote | left) & np.concatenate(([True], trailing[:-1] | space[:-1])) & ~trailing
    glue = (punct | space) & ~opener  # stays with the sentence before it
    orth = doc.to_array(ORTH)
    ends = np.isin(orth, enders)
    spaces = np.flatnonzero(space)
    ends[spaces] = [("\n" in doc[i].text) for i in spaces.tolist()]
    before = np.cumsum(ends) - ends  # sentence ends strictly before each token
    words = np.flatnonzero(~glue)
    starts = np.zeros(len(doc), dtype=np.int64)
    starts[words[1:]] = before[words[1:]] > before[words[:-1]]
    return np.cumsum(starts)


class FastAnnotator:
    """Runs ``nlp``'s model components on candidate sentences only and merges the results back."""

    def __init__(
        self, nlp: Language, window: int = 0, batch_size: int = 64, signals: tuple[str, ...] | None = None
    ) -> None:
        self.nlp = nlp
        self.window = window
        self.batch_size = batch_size
        self.skip = [name for name in nlp.pipe_names if name not in model_pipes(nlp)]
        strings = nlp.vocab.strings
        self.words = np.array(sorted(strings.add(w) for w in candidate_words(signals)), dtype=np.uint64)
        self.enders = np.array(sorted(strings.add(c) for c in Sentencizer.default_punct_chars), dtype=np.uint64)
        self.dep, self.root = strings.add("dep"), strings.add("ROOT")

    def candidate_mask(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """(sentence id per token, whether each token's sentence is a candidate)."""
        sent = sentence_ids(doc, self.enders)
        arr = doc.to_array([LOWER, IS_QUOTE])
        hit = np.isin(arr[:, 0], self.words) | arr[:, 1].astype(bool)
        chosen = np.bincount(sent, weights=hit, minlength=int(sent[-1]) + 1) > 0
        for _ in range(self.window):
            chosen = chosen | np.concatenate(([False], chosen[:-1])) | np.concatenate((chosen[1:], [False]))
        return sent, chosen[sent]

    def __call__(self, docs: Sequence[Doc]) -> list[Doc]:
        """Annotate ``docs`` in place (as the model's components would, on candidate sentences)."""
        plans = [self._plan(doc) for doc in docs if len(doc)]
        subs = self.nlp.pipe((sub for *_, sub in plans), disable=self.skip, batch_size=self.batch_size)
        for (doc, sent, idx, _), sub in zip(plans, subs):
            self._merge(doc, sent, idx, sub)
        return list(docs)

    def _plan(self, doc: Doc) -> tuple[Doc, np.ndarray, np.ndarray, Doc]:
        sent, mask = self.candidate_mask(doc)
        idx = np.flatnonzero(mask)
        tokens = [doc[i] for i in idx.tolist()]
        starts = [True] + [bool(a + 1 != b or sent[a] != sent[b]) or None for a, b in zip(idx[:-1], idx[1:])]
        sub = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
                  sent_starts=starts if tokens else None)
        return doc, sent, idx, sub

    def _merge(self, doc: Doc, sent: np.ndarray, idx: np.ndarray, sub: Doc) -> None:
        n = len(doc)
        positions = np.arange(n, dtype=np.int64)
        first = np.searchsorted(sent, sent, side="left")  # each token's sentence start
        heads = first - positions
        out = np.zeros((n, len(COPIED)), dtype=np.uint64)
        out[:, COPIED.index(LEMMA)] = doc.to_array(LOWER)
        out[:, COPIED.index(DEP)] = np.where(heads == 0, self.root, self.dep)
        out[:, COPIED.index(HEAD)] = heads.astype(np.uint64)
        out[:, COPIED.index(ENT_IOB)] = IOB_OUT
        if len(idx):
            got = sub.to_array(COPIED)
            rel = got[:, COPIED.index(HEAD)].astype(np.int64)
            absolute = idx[np.arange(len(idx)) + rel]
            got[:, COPIED.index(HEAD)] = (absolute - idx).astype(np.uint64)
            iob = got[:, COPIED.index(ENT_IOB)]
            gap = np.concatenate(([True], idx[1:] != idx[:-1] + 1))
            iob[(iob == IOB_IN) & gap] = IOB_BEGIN  # an entity cut by a skipped sentence starts again
            out[idx] = got
        doc.from_array(COPIED, out)


class FastLanguage:
    """``nlp`` in fast mode, for code written against a Language: ``make_doc`` and ``pipe``."""

    def __init__(self, nlp: Language, window: int = 0, signals: tuple[str, ...] | None = None) -> None:
        self.nlp = nlp
        self.annotator = FastAnnotator(nlp, window, signals=signals)
        self.stages = model_pipes(nlp)  # disabled in the second pass: the annotator ran them

    def make_doc(self, text: str) -> Doc:
        return self.nlp.make_doc(text)

    def pipe(self, inputs: Iterable[str | Doc], batch_size: int = 16) -> Iterator[Doc]:
        """Docs annotated in fast mode, then through the eventwire components, in input order."""
        from eventwire.pipeline import batched

        for chunk in batched(inputs, batch_size):
            docs = self.annotator([d if isinstance(d, Doc) else self.nlp.make_doc(d) for d in chunk])
            yield from self.nlp.pipe(docs, disable=self.stages, batch_size=batch_size)

    def __call__(self, text: str | Doc) -> Doc:
        return next(self.pipe([text]))
