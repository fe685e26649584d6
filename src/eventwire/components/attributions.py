"""The eventwire_attributions component: who said or claimed what, with sources understood.

A small trained tagger (PolNeAR) marks cue/source/content spans; rules pair quotations with their
speakers, handle colon-introduced and nested attributions, and parse anonymous-source descriptors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

import eventwire.extensions  # noqa: F401
from eventwire.attribution.assemble import assemble
from eventwire.attribution.extract import Extractor, to_attributions
from eventwire.attribution.model import MODEL_DIR, load_tagger, tag, tag_many
from eventwire.attribution.quotes import find_quotes
from eventwire.attribution.sourcing import profile

#: Where ``prepare`` leaves a Doc's tagged spans for ``__call__``.
_TAGS_KEY = ("eventwire", "attribution_tags")


@Language.factory("eventwire_attributions", default_config={"model": "", "use_model": True})
def make_component(nlp: Language, name: str, model: str, use_model: bool) -> "Component":
    return Component(model or str(MODEL_DIR), use_model)


class Component:
    """Fills ``doc._.attributions`` and ``doc._.sourcing``."""

    def __init__(self, model: str, use_model: bool = True) -> None:
        if use_model and not (Path(model) / "meta.json").is_file():
            raise ValueError(f"attribution model not found at {model} (run `make train-attributions`)")
        self.tagger = load_tagger(model) if use_model else None

    def prepare(self, docs: list[Doc]) -> None:
        """Run the tagger over a batch of Docs ahead of ``__call__``: its matrices filled a batch at
        a time cost less than one Doc at a time, while the rules still run (and fail) per article."""
        if self.tagger is not None:
            for doc, spans in zip(docs, tag_many(docs, self.tagger), strict=True):
                doc.user_data[_TAGS_KEY] = spans

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for chunk in minibatch(docs, batch_size):
            self.prepare(chunk)
            yield from map(self, chunk)

    def __call__(self, doc: Doc) -> Doc:
        tagged = doc.user_data.pop(_TAGS_KEY, None)
        if tagged is None:
            tagged = tag(doc, self.tagger) if self.tagger is not None else []
        extractor = Extractor(doc, find_quotes(doc.text), doc._.entities)
        records = extractor.run(assemble(doc, tagged))
        doc._.attributions = to_attributions(extractor, records)
        doc._.sourcing = profile(doc._.attributions, doc._.entities)
        return doc
