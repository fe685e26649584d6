"""The eventwire_attributions component: who said or claimed what, with sources understood.

A small trained tagger (PolNeAR) marks cue/source/content spans; rules pair quotations with their
speakers, handle colon-introduced and nested attributions, and parse anonymous-source descriptors.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

import eventwire.extensions  # noqa: F401
from eventwire.attribution.assemble import assemble
from eventwire.attribution.extract import Extractor, to_attributions
from eventwire.attribution.model import MODEL_DIR, load_tagger, tag
from eventwire.attribution.quotes import find_quotes
from eventwire.attribution.sourcing import profile


@Language.factory("eventwire_attributions", default_config={"model": "", "use_model": True})
def make_component(nlp: Language, name: str, model: str, use_model: bool) -> "Component":
    return Component(model or str(MODEL_DIR), use_model)


class Component:
    """Fills ``doc._.attributions`` and ``doc._.sourcing``."""

    def __init__(self, model: str, use_model: bool = True) -> None:
        if use_model and not (Path(model) / "meta.json").is_file():
            raise ValueError(f"attribution model not found at {model} (run `make train-attributions`)")
        self.tagger = load_tagger(model) if use_model else None

    def __call__(self, doc: Doc) -> Doc:
        tagged = tag(doc, self.tagger) if self.tagger is not None and len(doc) else []
        extractor = Extractor(doc, find_quotes(doc.text), doc._.entities)
        records = extractor.run(assemble(doc, tagged))
        doc._.attributions = to_attributions(extractor, records)
        doc._.sourcing = profile(doc._.attributions, doc._.entities)
        return doc
