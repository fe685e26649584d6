"""The eventwire_events component (placeholder until its issue lands: leaves an empty result)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import eventwire.extensions  # noqa: F401


@Language.factory("eventwire_events")
def make_component(nlp: Language, name: str) -> "Component":
    return Component()


class Component:
    def __call__(self, doc: Doc) -> Doc:
        if doc._.events is None:
            doc._.events = []
        return doc
