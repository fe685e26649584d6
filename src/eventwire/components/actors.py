"""The eventwire_actors component: who the article's actors are, with codes and dated roles.

Fills ``doc._.entities`` with one :class:`~eventwire.analysis.Entity` per real-world actor.
Other stages find actors through :func:`entity_at` (the entity a stretch of text mentions) and
:func:`resolve_actor` (the actor any noun phrase names, even one no entity was made for).

PETRARCH dictionaries can extend or replace eventwire's knowledge base::

    build_nlp(config={"eventwire_actors": {"dictionaries": ["PETR.Validate.actors.txt"],
                                           "replace_default": True}})
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

import eventwire.extensions  # noqa: F401
from eventwire.analysis import Entity
from eventwire.knowledge.actors_build import EntityBuilder
from eventwire.knowledge.actors_kb import KnowledgeBase, cached_kb

#: Where a Doc remembers which knowledge base its actors came from (plain data, serialisable).
KB_KEY = "eventwire.actors.kb"
INDEX_KEY = "eventwire.actors.index"
#: Entity id -> "M"/"F" where known, for the coreference stage's pronouns.
GENDER_KEY = "eventwire.actors.gender"
#: Entity id -> (offset of the pronoun that owns it, agent code, prefix): "his advisers", coded
#: by the coreference stage once it knows whose they are.
OWNED_KEY = "eventwire.actors.owned"


@Language.factory(
    "eventwire_actors",
    default_config={"dictionaries": [], "replace_default": False, "default_country": "USA", "bare_agents": False},
)
def make_component(
    nlp: Language, name: str, dictionaries: list[str], replace_default: bool, default_country: str,
    bare_agents: bool,
) -> ActorResolver:
    return ActorResolver(dictionaries, replace_default, default_country, bare_agents)


class ActorResolver:
    """Resolves names, titles and agent phrases against the (dated) actor knowledge base."""

    def __init__(self, dictionaries: list[str] = (), replace_default: bool = False,  # type: ignore[assignment]
                 default_country: str = "USA", bare_agents: bool = False) -> None:
        # bare_agents: an agent phrase naming no country ("a senior official") takes the default
        # country, PETRARCH's convention (with its default "---": "---GOV"); news leaves it uncoded
        self.settings = [sorted(str(p) for p in dictionaries), bool(replace_default), default_country,
                         bool(bare_agents)]
        self.kb = kb_for(self.settings)  # loaded now, so a bad path fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[KB_KEY] = self.settings
        doc._.entities, doc.user_data[GENDER_KEY], doc.user_data[OWNED_KEY] = EntityBuilder(
            doc, self.kb, self.settings[2], bare_agents=self.settings[3]).entities()
        doc.user_data.pop(INDEX_KEY, None)
        return doc


def kb_for(settings: list) -> KnowledgeBase:
    dictionaries, replace_default = settings[:2]
    return cached_kb(tuple(dictionaries), replace_default)


def _index(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Mention starts, ends and entity positions sorted by start, cached on the Doc."""
    entities = doc._.entities or []
    size = sum(len(e.mentions) for e in entities)
    cached = doc.user_data.get(INDEX_KEY)
    if cached is not None and cached[0] == size:
        return cached[1]
    rows = sorted((m.start, m.end, n) for n, e in enumerate(entities) for m in e.mentions)
    index = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    doc.user_data[INDEX_KEY] = (size, index)
    return index


def entity_at(doc: Doc, start: int | Span, end: int | None = None) -> Entity | None:
    """The entity with a mention overlapping the characters [start, end) (or a spaCy Span).

    When several mentions overlap, the one that starts last before ``end`` wins (the innermost).
    """
    if isinstance(start, Span):
        start, end = start.start_char, start.end_char
    assert end is not None, "entity_at needs an end offset or a Span"
    starts, ends, owners = _index(doc)
    entities = doc._.entities or []
    pos = bisect_right(starts, end - 1 if end > start else start) - 1
    while pos >= 0:
        if ends[pos] > start and starts[pos] < max(end, start + 1):
            return entities[owners[pos]]
        if starts[pos] < start - 200:  # mentions are short: nothing further left can overlap
            break
        pos -= 1
    return None


def resolve_actor(doc: Doc, span: Span) -> Entity | None:
    """The actor a noun phrase names: its entity if one was found, else one resolved on the spot.

    The spot resolution uses the same knowledge base and rules as the component ("Israeli
    troops" -> ISRMIL, "the foreign minister of Russia" -> Lavrov); its id is empty because it
    is not among ``doc._.entities``.
    """
    found = entity_at(doc, span.root.idx, span.root.idx + len(span.root.text))
    if found is not None:
        return found
    settings = doc.user_data.get(KB_KEY) or [[], False, "USA"]
    builder = EntityBuilder(doc, kb_for(settings), settings[2], bare_agents=bool(settings[3:4] and settings[3]))
    drafts = builder.run(span.start, span.end)
    if not drafts:
        return None
    covering = [d for d in drafts if any(s <= span.root.i < e for s, e in d.mentions)]
    return builder.to_entity((covering or drafts)[-1], "")
