"""The eventwire_coref component: pronouns and definite descriptions joined to earlier entities.

Rules over the dependency parse (coreferee, the one maintained spaCy library for this, needs
model downloads and older spaCy versions). A pronoun goes to the nearest gender-compatible person,
preferring subjects in its own sentence, then the subjects of the sentences before it, and never
to a co-argument of its own verb ("X told him": him is not X). A definite description ("the
diplomat", "the adviser") goes to the latest entity whose name ends in the same noun. Inside a
direct quotation a third-person pronoun is never the speaker of the quotation (the speaker would
say "I"): in “He returned to this topic,” Lavrov said, "He" is someone else.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import DEP, IDX, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

import eventwire.extensions  # noqa: F401
from eventwire.analysis import Entity, TextSpan
from eventwire.components.actors import GENDER_KEY, INDEX_KEY
from eventwire.knowledge.actors_match import token_strings

PRONOUNS = {"he": "M", "him": "M", "his": "M", "himself": "M", "she": "F", "her": "F", "hers": "F", "herself": "F"}
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "iobj", "dative", "pobj", "obj"}
LOOKBACK = 3  # sentences
#: Direct quotations: curly, straight and doubled-apostrophe quotes (a paragraph at most).
QUOTE = re.compile(r"“[^“”]{1,3000}”|\"[^\"\n]{1,3000}\"|''(?:(?!'')[^\n]){1,3000}''")
SPEECH = {"say", "tell", "add", "write", "recall", "explain", "note", "ask", "insist", "argue", "claim",
          "warn", "declare", "state", "continue", "reply", "respond", "recount", "complain"}


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
        # token attributes read once as plain lists: Token objects only for the tokens that matter
        lower, pos, tag, dep, lemma = token_strings(doc, [LOWER, POS, TAG, DEP, LEMMA])
        idx = doc.to_array(IDX).tolist()
        sentence_of = {s.start: n for n, s in enumerate(doc.sents)}
        sent_index = [0] * len(doc)
        current = 0
        for i in range(len(doc)):
            current = sentence_of.get(i, current)
            sent_index[i] = current
        people: list[Candidate] = []
        added: dict[str, list[TextSpan]] = {}
        owner: dict[int, Entity] = {}
        for entity in doc._.entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for i in range(span.start, span.end) if span is not None else ():
                    owner.setdefault(i, entity)
        quotes = self._quotes(doc, idx, lemma, owner, sent_index)
        quote_starts = [q[0] for q in quotes]
        named = [(e.name.lower(), e) for e in doc._.entities]
        for i in range(len(doc)):
            entity = owner.get(i)
            if entity is not None:
                if entity.kind == "PERSON" and dep[i] != "compound":
                    people.append(Candidate(entity, doc[i], sent_index[i]))
                continue
            gender = PRONOUNS.get(lower[i])
            if gender is not None:
                token = doc[i]
                q = bisect_right(quote_starts, idx[i]) - 1
                speaker = quotes[q][2] if q >= 0 and idx[i] < quotes[q][1] else None
                found = self._antecedent(token, gender, people, genders, sent_index[i], speaker)
            elif pos[i] == "NOUN" and tag[i] == "NN" and self._definite(token := doc[i]):
                found = self._described(named, lower[i], idx[i])
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
            # "The European diplomat", "The Trump official" (the article may precede a possessor);
            # any of its mentions ("Senator from Texas" ... "the senator")
            spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in entity.mentions[:3]]
            definite = any(span is not None and any(
                c.dep_ == "det" and c.lower_ == "the" for t in (span.root, span[0]) for c in t.children)
                for span in spans)
            head = entity.name.split()[-1].lower()
            same = [k for k in kept if definite and k.evidence == entity.evidence == "modifier + agent"
                    and k.code == entity.code and k.name.split()[-1].lower() == head]
            if definite and entity.kind == "PERSON" and entity.evidence in ("title without holder", "modifier + agent"):
                # "Mayor Bill de Blasio" ... "the mayor", "Ted Cruz" (Senator from Texas) ... "the
                # senator": the latest person the article gave that title
                same = [k for k in kept if k.kind == "PERSON" and k.code == entity.code
                        and head in (k.role or "").lower().split()] or same
            if same:
                same[-1].mentions = sorted(same[-1].mentions + entity.mentions, key=lambda m: m.start)
            else:
                kept.append(entity)
        return kept

    @staticmethod
    def _quotes(doc: Doc, starts: list[int], lemma: list[str], owner: dict[int, Entity],
                sent_index: list[int]) -> list[tuple[int, int, Entity | None]]:
        """Direct quotations (start, end character) and their speakers: the subject of a speech verb
        outside the quotation in the sentences where it begins or ends ("…,” Lavrov said)."""
        found = [(m.start(), m.end()) for m in QUOTE.finditer(doc.text)]
        if not found:
            return []
        by_sentence: dict[int, list[Token]] = {}
        for i, word in enumerate(lemma):
            if word in SPEECH:
                by_sentence.setdefault(sent_index[i], []).append(doc[i])
        out = []
        for start, end in found:
            around = {sent_index[max(0, bisect_right(starts, c) - 1)] for c in (start, end - 1)}
            speaker = None
            for n in sorted(around):
                for verb in by_sentence.get(n, ()):
                    if not start <= verb.idx < end:
                        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
                        speaker = owner.get(subject.i) if subject is not None else None
                        if speaker is not None:
                            break
                if speaker is not None:
                    break
            out.append((start, end, speaker))
        return out

    def _antecedent(self, pronoun: Token, gender: str, people: list[Candidate], genders: dict[str, str],
                    sentence: int, speaker: Entity | None = None) -> Entity | None:
        recent = []  # people are in text order: the last few sentences' are at the end
        for c in reversed(people):
            if sentence - c.sentence > LOOKBACK:
                break
            recent.append(c)
        usable = [c for c in reversed(recent)
                  if genders.get(c.entity.id, gender) == gender
                  and c.entity is not speaker and not self._coargument(pronoun, c.token)]
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
    def _described(named: list[tuple[str, Entity]], word: str, at: int) -> Entity | None:
        """"the adviser" -> the latest entity mentioned before it whose name ends in "adviser", or
        the latest person whose role has that word ("the senator": United States Senator from
        Texas) (``named``: each entity with its lower-case name)."""
        best: tuple[int, Entity] | None = None
        for name, entity in named:
            role = (entity.role or "").lower().split() if entity.kind == "PERSON" else ()
            if not name.endswith(word) and word not in role:
                continue
            earlier = [m.start for m in entity.mentions if m.end <= at]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), entity)
        return best[1] if best else None
