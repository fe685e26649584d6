"""spaCy corpus reader for the attribution tagger (loaded with ``spacy train --code``).

The converted DocBins already hold the spaCy model's tags and parse; the default reader would
re-tokenise the text and drop them, so the predicted side here is the parsed doc without entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example


@spacy.registry.readers("eventwire.parsed_corpus.v1")
def parsed_corpus(path: Path) -> Callable[[Language], Iterator[Example]]:
    def read(nlp: Language) -> Iterator[Example]:
        for ref in DocBin().from_disk(path).get_docs(nlp.vocab):
            pred = ref.copy()
            pred.set_ents([], default="missing")
            yield Example(pred, ref)

    return read
