"""The fast attribute ruler and lemmatizer give exactly what spaCy's own components give."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from eventwire.pipeline import MODEL
from eventwire.speedups import accelerate

TEXTS = [
    "There are three ministers who were told that the talks had been going well, weren't they?",
    "The envoy gets what he wants; she got nothing.  As usual, officials said it's over.\n\nWe'll see.",
    '"I won\'t sign," the president told reporters on Monday, as protesters gathered outside.',
    "Neither of them has said whether the sanctions, imposed in 2014, would be lifted soon.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


def test_accelerated_model_annotates_exactly_like_the_stock_one() -> None:
    stock = spacy.load(MODEL)
    fast = accelerate(spacy.load(MODEL))
    for _ in range(2):  # the second pass runs from the caches
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS)):
            assert np.array_equal(a.to_array(ATTRS), b.to_array(ATTRS)), a.text
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
