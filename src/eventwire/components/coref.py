"""The eventwire_coref component: pronouns and definite descriptions joined to earlier entities.

Rules over the dependency parse (coreferee, the one maintained spaCy library for this, needs
model downloads and older spaCy versions). A pronoun goes to the nearest gender-compatible person,
preferring subjects in its own sentence, then the subjects of the sentences before it, and never
to a co-argument of its own verb ("X told him": him is not X). A definite description ("the
diplomat", "the adviser") goes to the latest entity whose name ends in the same noun.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

import eventwire.extensions  # noqa: F401
from eventwire.analysis import Entity, TextSpan
from eventwire.components.actors import GENDER_KEY, INDEX_KEY

PRONOUNS = {"he": "M", "him": "M", "his": "M", "himself": "M", "she": "F", "her": "F", "hers": "F", "herself": "F"}
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "iobj", "dative", "pobj", "obj"}
LOOKBACK = 3  # sentences


@Language.factory("eventwire_coref")
def make_component(nlp: Language, name: str) -> Coreference:
    return Coreference()


@dataclass
class Candidate:
    entity: Entity
    token: Token
    sentence: int


class Coreference:
    """Attaches pronoun and definite-description mentions to the entities they refer to."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.entities is None:
            doc._.entities = []
        if not doc._.entities:
            return doc
        genders = doc.user_data.get(GENDER_KEY) or {}
        sentence_of = {s.start: n for n, s in enumerate(doc.sents)}
        sent_index = [0] * len(doc)
        current = 0
        for token in doc:
            current = sentence_of.get(token.i, current)
            sent_index[token.i] = current
        people: list[Candidate] = []
        added: dict[str, list[TextSpan]] = {}
        owner: dict[int, Entity] = {}
        for entity in doc._.entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for i in range(span.start, span.end) if span is not None else ():
                    owner.setdefault(i, entity)
        for token in doc:
            entity = owner.get(token.i)
            if entity is not None:
                if entity.kind == "PERSON" and token.dep_ != "compound":
                    people.append(Candidate(entity, token, sent_index[token.i]))
                continue
            gender = PRONOUNS.get(token.lower_)
            if gender is not None:
                found = self._antecedent(token, gender, people, genders, sent_index[token.i])
            elif token.pos_ == "NOUN" and token.tag_ == "NN" and self._definite(token):
                found = self._described(doc, token)
            else:
                continue
            if found is not None:
                span = doc[token.left_edge.i:token.i + 1] if gender is None else doc[token.i:token.i + 1]
                added.setdefault(found.id, []).append(TextSpan(span.start_char, span.end_char, span.text))
                if found.kind == "PERSON":
                    people.append(Candidate(found, token, sent_index[token.i]))
        for entity in doc._.entities:
            if entity.id in added:
                entity.mentions = sorted(entity.mentions + added[entity.id], key=lambda m: m.start)
        doc._.entities = self._merge_definites(doc)
        doc.user_data.pop(INDEX_KEY, None)
        return doc

    @staticmethod
    def _merge_definites(doc: Doc) -> list[Entity]:
        """"a senior European diplomat" ... "The European diplomat": one unnamed actor, not two."""
        kept: list[Entity] = []
        for entity in doc._.entities:
            first = entity.mentions[0]
            span = doc.char_span(first.start, first.end, alignment_mode="expand")
            # "The European diplomat", "The Trump official" (the article may precede a possessor)
            definite = span is not None and any(
                c.dep_ == "det" and c.lower_ == "the" for t in (span.root, span[0]) for c in t.children)
            head = entity.name.split()[-1].lower()
            same = [k for k in kept if definite and k.evidence == entity.evidence == "modifier + agent"
                    and k.code == entity.code and k.name.split()[-1].lower() == head]
            if same:
                same[-1].mentions = sorted(same[-1].mentions + entity.mentions, key=lambda m: m.start)
            else:
                kept.append(entity)
        return kept

    def _antecedent(self, pronoun: Token, gender: str, people: list[Candidate], genders: dict[str, str],
                    sentence: int) -> Entity | None:
        usable = [c for c in people
                  if genders.get(c.entity.id, gender) == gender and sentence - c.sentence <= LOOKBACK
                  and not self._coargument(pronoun, c.token)]
        same = [c for c in usable if c.sentence == sentence]
        if same:
            subjects = [c for c in same if c.token.dep_ in SUBJECTS]
            return (subjects or same)[-1].entity
        for back in range(1, LOOKBACK + 1):
            earlier = [c for c in usable if c.sentence == sentence - back]
            if earlier:
                subjects = [c for c in earlier if c.token.dep_ in SUBJECTS]
                return (subjects or earlier)[0].entity
        return None

    @staticmethod
    def _coargument(pronoun: Token, other: Token) -> bool:
        """Binding: a non-reflexive object pronoun does not refer to its own verb's subject."""
        if pronoun.lower_.endswith("self") or pronoun.dep_ == "poss":
            return False
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        return pronoun.dep_ in OBJECTS and other.head == verb and other.dep_ in SUBJECTS

    @staticmethod
    def _definite(token: Token) -> bool:
        return any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)

    @staticmethod
    def _described(doc: Doc, head: Token) -> Entity | None:
        """"the adviser" -> the latest entity mentioned before it whose name ends in "adviser"."""
        best: tuple[int, Entity] | None = None
        for entity in doc._.entities:
            if not entity.name.lower().endswith(head.lower_):
                continue
            earlier = [m.start for m in entity.mentions if m.end <= head.idx]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), entity)
        return best[1] if best else None
