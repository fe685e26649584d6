"""The eventwire_events component: CAMEO/PLOVER events on ``doc._.events``.

Config: ``verbs`` (PETRARCH-format verb dictionary paths) extend eventwire's default verbs
(PETRARCH2's CAMEO.2.0 plus our refinements), or replace them with ``replace_default``;
``nominals`` (same format, nouns) replace the default nominal events when given.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import eventwire.extensions  # noqa: F401
from eventwire.events.coder import EventCoder
from eventwire.knowledge.verbs import DEFAULT_NOMINAL_FILES, DEFAULT_VERB_FILES, load_verbs, packaged


@Language.factory(
    "eventwire_events",
    default_config={"verbs": [], "replace_default": False, "nominals": None},
)
def make_component(
    nlp: Language, name: str, verbs: list[str], replace_default: bool, nominals: list[str] | None
) -> "Component":
    default = [] if replace_default else [packaged(f) for f in DEFAULT_VERB_FILES]
    nominal_files = nominals if nominals is not None else [packaged(f) for f in DEFAULT_NOMINAL_FILES]
    return Component(EventCoder(load_verbs(tuple(default + list(verbs))), load_verbs(tuple(nominal_files))))


class Component:
    def __init__(self, coder: EventCoder) -> None:
        self.coder = coder

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.coder(doc)
        return doc
