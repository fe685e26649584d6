"""Which actors a stretch of the parse names: doc._.entities mentions mapped onto tokens.

Uses the actors component's ``entity_at(doc, start, end)`` when it exists, else the entities'
mention offsets directly; either way an actor is an ``Entity`` with a code.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventwire.analysis import ActorRef, Entity
from eventwire.knowledge.actors_kb import join_code

#: How an agent code without a country begins ("---GOV": PETRARCH's convention).
_UNPLACED = "---"
#: Children that are other participants, not part of this noun phrase.
_NOT_NP = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "ccomp"})


def _helper() -> Callable[[Doc, int, int], Entity | None] | None:
    try:
        from eventwire.components.actors import entity_at  # type: ignore[attr-defined]
    except ImportError:
        return None
    return entity_at  # type: ignore[no-any-return]


class ActorIndex:
    """Token index -> (entity, mention text) for one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.by_token: dict[int, list[tuple[Entity, str]]] = {}
        for entity in doc._.entities or []:
            if not entity.code:
                continue
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for tok in span or []:
                    self.by_token.setdefault(tok.i, []).append((entity, mention.text))
        self._entity_at = _helper() if not self.by_token else None

    def busy_sentences(self) -> list[Span]:
        """The sentences naming two different actors: only there can an event have a source and a
        target (parse trees end at the sentence), so coding need not look at the others."""
        sentences = list(self.doc.sents)
        if not self.by_token:  # actors resolved on the spot: any sentence may name two
            return sentences
        starts = [s.start for s in sentences]
        named: list[set[str]] = [set() for _ in sentences]
        for i, found in self.by_token.items():
            named[bisect_right(starts, i) - 1].update(entity.id for entity, _ in found)
        return [s for s, ids in zip(sentences, named, strict=True) if len(ids) > 1]

    def at(self, tok: Token) -> tuple[Entity, str] | None:
        found = self.by_token[tok.i][0] if tok.i in self.by_token else None
        if found is None and self._entity_at is not None:
            entity = self._entity_at(self.doc, tok.idx, tok.idx + len(tok.text))
            found = (entity, tok.text) if entity is not None and entity.code else None
        return found

    def np_actor(self, head: Token) -> tuple[Token, Entity, str] | None:
        """The actor a noun phrase names: the head's own, else the first in the phrase.

        Two refinements, since the phrase's words together say in which role the head acts: a
        modifier whose code refines the head's wins ("Gondor Prime Minister Elrond": GONGOV over
        Elrond's GON), and an agent the actors stage could not place ("---GOV") takes the
        country the same phrase names ("Gondor's Prime Minister Elrond": GON + GOV)."""
        own = self.at(head)
        found = ([(head, *own)] if own else []) + [(t, *f) for t in _np_tokens(head) for f in [self.at(t)] if f]
        if not found:
            return None
        code = found[0][1].code or ""
        finer = [f for f in found if (f[1].code or "").startswith(code) and len(f[1].code or "") > len(code)]
        if finer:
            return max(finer, key=lambda f: len(f[1].code or ""))
        placed = [f for f in found if not (f[1].code or "").startswith(_UNPLACED)]
        unplaced = [f for f in found if (f[1].code or "").startswith(_UNPLACED)]
        if placed and unplaced:
            tok, country, text = placed[0]
            agent = (unplaced[0][1].code or "")[len(_UNPLACED):]
            return tok, replace(country, code=join_code(country.code, agent)), text
        return found[0]

    def actors(self, head: Token) -> list[ActorRef]:
        """Every actor of a noun phrase and the phrases coordinated with it."""
        refs: list[ActorRef] = []
        heads = _with_conjuncts(head)
        for mod in (c for c in head.lefts if c.dep_ == "nmod"):  # "Fornost and the awful Gondor"
            heads = _with_conjuncts(mod) + heads
        for conj in heads:
            found = self.np_actor(conj)
            if found is None:
                continue
            anchor, entity, text = found
            extra = _with_conjuncts(anchor)[1:] if anchor is not conj else []
            here = self.by_token.get(anchor.i, [])
            shared = here if any(e is entity for e, _ in here) else [(entity, text)]  # "[FRO/BIL/SAM]"
            refs.extend(r for e, t in shared for r in _refs(e, t))
            refs.extend(r for f in (self.np_actor(t) for t in extra) if f for r in _refs(*f[1:]))
        return _unique(refs)

    def first_actors(self, tokens: Iterable[Token], skip: set[str]) -> list[ActorRef]:
        """The first actor met in tokens (not one of ``skip``), with those coordinated with it."""
        for tok in tokens:
            found = self.at(tok)
            if found and found[0].id not in skip:
                return [r for r in self.actors(self._mention_head(tok, found[0])) if r.entity not in skip]
        return []

    def _mention_head(self, tok: Token, entity: Entity) -> Token:
        """The syntactic head of the mention a token is part of ("Minas" -> "Tirith"), which
        carries the mention's conjuncts ("between Minas Tirith and Osgiliath")."""
        while tok.head is not tok and tok.head.i in self.by_token and \
                any(e is entity for e, _ in self.by_token[tok.head.i]) and tok.dep_ in ("compound", "flat", "nmod"):
            tok = tok.head
        return tok


def _refs(entity: Entity, text: str) -> list[ActorRef]:
    """One reference per code: a PETRARCH entry such as "[FRO/BIL/SAM]" names several actors."""
    return [ActorRef(entity=entity.id, code=code, text=text) for code in (entity.code or "").split("/") if code]


def _with_conjuncts(tok: Token) -> list[Token]:
    """A phrase and those coordinated with it ("Mordor, the Shire, Fornost and Bree": the parser
    may hang a list item as an apposition)."""
    out, stack = [tok], [tok]
    while stack:
        for c in stack.pop().children:
            if c.dep_ in ("conj", "appos") and c not in out:
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _np_tokens(head: Token) -> list[Token]:
    out, stack = [], [c for c in head.children if c.dep_ not in _NOT_NP]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _NOT_NP)
    return sorted(out, key=lambda t: t.i)


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for r in refs:
        if (r.entity, r.code) not in seen:
            seen.add((r.entity, r.code))
            out.append(r)
    return out
