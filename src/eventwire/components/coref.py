"""The eventwire_coref component: pronouns and definite descriptions joined to earlier entities.

Rules over the dependency parse (coreferee, the one maintained spaCy library for this, needs
model downloads and older spaCy versions). A pronoun goes to the most salient gender-compatible
person of the last sentences, never to a co-argument of its own verb ("X told him": him is not X;
"Campaigning against X, he ...": he is not X), nor to NER debris or a bare role noun ("to be
president"). A definite description ("the diplomat", "the adviser") goes to the latest entity whose
name, role or mentions have the same noun and its proper-noun modifiers. Inside a
direct quotation a third-person pronoun is never the speaker of the quotation (the speaker would
say "I"): in “He returned to this topic,” Lavrov said, "He" is someone else; and a pronoun outside a
quotation is never a person the quotation names (“I love Larry,” he said: he is not Larry).

Candidates are ranked by salience in the manner of Lappin and Leass (1994): each mention scores for
recency, grammatical role (subject > object > oblique) and being a head noun outside an adverbial
phrase, halved per sentence back, and an entity sums its best mention per sentence, so the
article's topic outranks a name met once in a fronted phrase; indefinite descriptions rank low
(Mitkov 1998) and the subject of a reporting verb leads for a pronoun in its complement ("X said he").
"it/its" and "they/their" go to the subject of a country, government or organisation in the same or
the sentence before (never people; "it" only as a subject and not expletive, "their" not after a
coordinated subject); "he/she" to people. A possessive pronoun opening a mention ("his secretary
of state") is cut off and resolved on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import DEP, IDX, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

import eventwire.extensions  # noqa: F401
from eventwire.analysis import Entity, TextSpan
from eventwire.components.actors import GENDER_KEY, INDEX_KEY, OWNED_KEY
from eventwire.knowledge.actors_build import GENDERED, campaign_of
from eventwire.knowledge.actors_kb import code_country, code_sector, join_code
from eventwire.knowledge.actors_match import token_strings
from eventwire.timex.lexicon import lexicon

PRONOUNS = {"he": "M", "him": "M", "his": "M", "himself": "M", "she": "F", "her": "F", "hers": "F", "herself": "F"}
#: Pronouns for collective actors: countries, governments, organisations ("its", "their").
GROUP_PRONOUNS = {"it", "its", "itself", "they", "them", "their", "themselves"}
#: Verbs whose subject "it" is mostly expletive ("it seems", "it is fair to say").
EXPLETIVE_HEADS = {"be", "seem", "appear", "feel", "look", "sound", "take", "happen", "remain", "matter", "come",
                   "prove"}
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}
GROUP_LOOKBACK = 1  # sentences
#: Lappin-Leass salience weights.
ROLE_WEIGHT = {"nsubj": 80, "nsubjpass": 80, "dobj": 50, "obj": 50, "dative": 40, "iobj": 40, "pobj": 40}
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "iobj", "dative", "pobj", "obj"}
LOOKBACK = 3  # sentences
#: Salience lost by a person a quotation names, for a pronoun outside it (not its own reporting verb's subject).
QUOTED_PENALTY = 150
#: Verbs of saying and thinking whose subject a pronoun in their complement clause mostly refers to.
REPORTING = {"say", "tell", "add", "write", "recall", "explain", "note", "insist", "argue", "claim", "warn",
             "declare", "state", "think", "believe", "hope", "expect", "fear", "promise", "acknowledge"}
#: Direct quotations: curly, straight and doubled-apostrophe quotes (a paragraph at most).
QUOTE = re.compile(r"“[^“”]{1,3000}”|\"[^\"\n]{1,3000}\"|''(?:(?!'')[^\n]){1,3000}''")
SPEECH = {"say", "tell", "add", "write", "recall", "explain", "note", "ask", "insist", "argue", "claim",
          "warn", "declare", "state", "continue", "reply", "respond", "recount", "complain"}


@Language.factory("eventwire_coref")
def make_component(nlp: Language, name: str) -> Coreference:
    return Coreference()


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """Times of day and day words from the time lexicon: a clause whose "it" takes one ("it was
    approaching midnight", "it was already evening") speaks of the time, not of an actor."""
    lex = lexicon()
    return frozenset(w for key in ("parts_of_day", "clock_words", "day_words") for w in lex[key])


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
        genders = dict(doc.user_data.get(GENDER_KEY) or {})
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
        groups: list[Candidate] = []
        added: dict[str, list[TextSpan]] = {}
        owner: dict[int, Entity] = {}
        text = doc.text
        for entity in doc._.entities:
            entity.mentions = [self._without_possessor(doc, m, text) for m in entity.mentions]
            for mention in entity.mentions:
                honorific = GENDERED.get(mention.text.split(" ", 1)[0].lower())
                if honorific and entity.kind == "PERSON":
                    genders.setdefault(entity.id, honorific)  # "Officer Dana X" ... "Ms. X"
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                for i in range(span.start, span.end) if span is not None else ():
                    owner.setdefault(i, entity)
        quotes = self._quotes(doc, idx, lemma, owner, sent_index)
        quote_starts = [q[0] for q in quotes]
        # each entity with its lower-case name and the words of its mentions ("presidential candidate X")
        named = [(e.name.lower(), {w for m in e.mentions for w in m.text.lower().split()}, e)
                 for e in doc._.entities]
        for i in range(len(doc)):
            entity = owner.get(i)
            if entity is not None:
                if dep[i] != "compound" and self._named(entity) and not (tag[i] == "NN" and self._bare(doc[i])):
                    (people if entity.kind == "PERSON" else groups).append(Candidate(entity, doc[i], sent_index[i]))
                continue
            gender = PRONOUNS.get(lower[i]) or ("N" if lower[i] in GROUP_PRONOUNS else None)
            if gender is not None:
                token = doc[i]
                q = bisect_right(quote_starts, idx[i]) - 1
                inside = q >= 0 and idx[i] < quotes[q][1]
                speaker = quotes[q][2] if inside else None
                # outside any quotation, people a quotation names are not candidates
                quoted = None if inside else (quote_starts, quotes)
                if gender == "N":
                    found = None if self._expletive(token) or self._coordinated(token) else self._antecedent(
                        token, gender, groups, {}, sent_index[i], speaker, quoted, GROUP_LOOKBACK)
                else:
                    found = self._antecedent(token, gender, people, genders, sent_index[i], speaker, quoted)
                    if found is not None:
                        genders.setdefault(found.id, gender)  # "he refused to follow her orders": not him
            elif pos[i] == "NOUN" and tag[i] == "NN" and self._definite(token := doc[i]):
                found = self._described(named, lower[i], idx[i],
                                        {t.lower_ for t in token.lefts if t.pos_ == "PROPN"})
            else:
                continue
            if found is not None:
                span = doc[token.left_edge.i:token.i + 1] if gender is None else doc[token.i:token.i + 1]
                added.setdefault(found.id, []).append(TextSpan(span.start_char, span.end_char, span.text))
                (people if found.kind == "PERSON" else groups).append(Candidate(found, token, sent_index[token.i]))
        for entity in doc._.entities:
            if entity.id in added:
                entity.mentions = sorted(entity.mentions + added[entity.id], key=lambda m: m.start)
        self._code_owned(doc, added)
        doc._.entities = self._merge_definites(doc)
        doc.user_data.pop(INDEX_KEY, None)
        return doc

    @staticmethod
    def _code_owned(doc: Doc, added: dict[str, list[TextSpan]]) -> None:
        """"his advisers" act for whoever "his" is: Obama's are USAGOV, a candidate's USAELI."""
        owned = doc.user_data.get(OWNED_KEY) or {}
        if not owned:
            return
        by_id = {e.id: e for e in doc._.entities}
        whose = {m.start: by_id[i] for i, spans in added.items() for m in spans}
        for ident, (offset, code, prefix) in owned.items():
            owner, entity = whose.get(offset), by_id.get(ident)
            if owner is not None and owner.code and entity is not None and entity.code is None:
                entity.code = join_code(owner.code, code, prefix)
                if owner.kind == "PERSON" and entity.name.lower().endswith(" campaign"):
                    # "his campaign": the candidate's campaign organisation, as "the Trump campaign" is
                    entity.name, entity.code = campaign_of(owner.name, owner.code, code_country(owner.code) or "")
                entity.country, entity.sector = code_country(entity.code), code_sector(entity.code)

    @staticmethod
    def _without_possessor(doc: Doc, mention: TextSpan, text: str) -> TextSpan:
        """"his secretary of state": "his" is a mention of its own (of the president), not Kerry's."""
        if mention.text.split(" ", 1)[0].lower() not in POSSESSIVE_PRONOUNS:
            return mention
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) < 2 or span[0].lower_ not in POSSESSIVE_PRONOUNS or span[0].dep_ != "poss":
            return mention
        start = span[1].idx
        return TextSpan(start, mention.end, text[start:mention.end])  # doc.text is rebuilt on each access

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
        outside the quotation in the sentences where it begins or ends ("…,” Lavrov said), else the
        speaker of a quotation that ended in the sentence before."""
        found = [(m.start(), m.end()) for m in QUOTE.finditer(doc.text)]
        if not found:
            return []
        by_sentence: dict[int, list[Token]] = {}
        for i, word in enumerate(lemma):
            if word in SPEECH:
                by_sentence.setdefault(sent_index[i], []).append(doc[i])
        out: list[tuple[int, int, Entity | None]] = []
        previous = -2
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
            if speaker is None and out and out[-1][2] is not None and min(around) - previous <= 1:
                speaker = out[-1][2]  # “...,” Graham said. “But ...”: a quotation continued by its speaker
            previous = max(around)
            out.append((start, end, speaker))
        return out

    def _antecedent(self, pronoun: Token, gender: str, people: list[Candidate], genders: dict[str, str],
                    sentence: int, speaker: Entity | None = None, quoted: tuple | None = None,
                    lookback: int = LOOKBACK) -> Entity | None:
        """The most salient compatible candidate of the last few sentences (ties: the latest)."""
        # "“I love Larry,” he said": the subject of a reporting verb is never a person the quotation names
        reporter = pronoun.dep_ in SUBJECTS and pronoun.head.lemma_ in REPORTING
        best: dict[str, float] = {}  # (entity id, sentence) -> its best mention's score
        order: dict[str, int] = {}
        entities: dict[str, Entity] = {}
        for n, c in enumerate(reversed(people)):  # people are in text order: the latest at the end
            back = sentence - c.sentence
            if back > lookback:
                break
            in_quote = self._in_quote(c.token.idx, quoted)
            if (genders.get(c.entity.id, gender) != gender or c.entity is speaker
                    or self._coargument(pronoun, c.token) or in_quote and reporter
                    or (gender == "N" and not self._number_agrees(pronoun, c))):
                continue
            key = f"{c.entity.id}@{c.sentence}"
            # a person a quotation names is far less likely picked up outside it than one the narration names
            score = self._salience(c.token, pronoun) - (QUOTED_PENALTY if in_quote else 0)
            best[key] = max(best.get(key, 0.0), score / 2 ** back)
            order.setdefault(c.entity.id, -n)
            entities[c.entity.id] = c.entity
        totals: dict[str, float] = {}
        for key, score in best.items():
            ident = key.rsplit("@", 1)[0]
            totals[ident] = totals.get(ident, 0.0) + score
        if not totals:
            return None
        return entities[max(totals, key=lambda e: (totals[e], order[e]))]

    @staticmethod
    def _salience(token: Token, pronoun: Token) -> float:
        """Lappin-Leass factors of one mention: recency, role, head noun, non-adverbial, parallel role."""
        head = token
        while head.dep_ == "conj" and head.head is not head:  # "Stein and her aide": conjuncts share a role
            head = head.head
        dep = head.dep_
        score = 100 + ROLE_WEIGHT.get(dep, 0)
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            score -= 80  # an indefinite description introduces, it is rarely what a pronoun picks up (Mitkov)
        if dep not in ("poss", "amod", "nmod"):
            score += 80  # a head noun, not a possessor or modifier inside another noun phrase
        if not Coreference._adverbial(head):
            score += 50  # not inside an adverbial phrase ("Campaigning against X", "More than X, ...")
        if (dep in SUBJECTS) == (pronoun.dep_ in SUBJECTS) and dep in SUBJECTS:
            score += 35  # parallel roles
            if pronoun.head.dep_ == "ccomp" and pronoun.head.head == token.head and token.head.lemma_ in REPORTING:
                score += 100  # "X said he would ...": the reporting subject (Hobbs' first proposal)
        return score

    @staticmethod
    def _adverbial(token: Token) -> bool:
        """Inside a prepositional or adverbial phrase that modifies a verb (up to its clause)."""
        while token.dep_ not in SUBJECTS and token.dep_ not in ("ROOT", "dobj", "obj") and token.head is not token:
            if token.dep_ in ("prep", "advmod", "npadvmod", "advcl") and token.head.pos_ in ("VERB", "AUX"):
                return True
            token = token.head
        return False

    @staticmethod
    def _bare(token: Token) -> bool:
        """A singular common noun without a determiner names a role, it refers to nobody to pick up
        later: "if he gets to be president", "campaigning for president"."""
        return not any(c.dep_ in ("det", "poss") for c in token.children)

    @staticmethod
    def _in_quote(at: int, quoted: tuple | None) -> bool:
        if quoted is None:
            return False
        starts, quotes = quoted
        q = bisect_right(starts, at) - 1
        return q >= 0 and at < quotes[q][1]

    @staticmethod
    def _named(entity: Entity) -> bool:
        """NER garbage ("Meh", "W]e") and lone lower-case words are nobody to refer back to."""
        words = entity.name.split()
        if len(words) == 1 and words[0].islower() and not (entity.kind == "GROUP" and entity.code):
            return False  # "campaign", "reporter": a bare noun, not an actor a pronoun picks up ("voters" is)
        return entity.code is not None or (
            any(w[:1].isupper() for w in words) and all(w.replace(".", "").replace("-", "").replace("'", "")
                                                     .isalpha() for w in words))

    @staticmethod
    def _number_agrees(pronoun: Token, candidate: Candidate) -> bool:
        """"it/its" and "they/their" refer to collective actors with a code: countries, governments,
        organisations (news uses both numbers for them); "they" also to an unnamed group ("officials").
        Only a subject is picked up ("Kiribati is buying land for the day its own land ..."): "it" is
        far more often a thing or an event, and "they" after "A, B and C" is all of them, not C."""
        entity, token = candidate.entity, candidate.token
        if entity.code is None or token.dep_ not in SUBJECTS or any(c.dep_ == "conj" for c in token.children):
            return False
        if pronoun.lower_.startswith("it") and token.tag_ == "NNS":
            return False  # "it" is not "senior officials"
        return entity.kind != "PERSON" or pronoun.lower_ in ("they", "them", "their", "themselves") and \
            entity.name.split()[-1].lower().endswith("s")

    @staticmethod
    def _coordinated(token: Token) -> bool:
        """"Merkel and Macron sealed their deal": "their" is the pair, no single actor."""
        if token.lower_ not in ("they", "them", "their", "themselves"):
            return False
        verb = token.head.head if token.dep_ in ("poss", "pobj") else token.head
        return any(c.dep_ in SUBJECTS and any(g.dep_ == "conj" for g in c.children) for c in verb.children)

    @staticmethod
    def _expletive(token: Token) -> bool:
        """"it" that refers to no actor: "it is fair to say", "it seems", "it was unlikely to work"."""
        if token.dep_ == "expl" or (token.lower_ == "it" and token.dep_ not in SUBJECTS):
            return True  # "do something about it", "as J.F.K. would have done it": a thing, not an actor
        head = token.head
        return token.lower_ == "it" and (head.lemma_ in EXPLETIVE_HEADS or head.pos_ != "VERB"
                                         or head.lower_ in ("'s", "’s")  # "make it concrete", "it’s a hope"
                                         or any(c.lower_ in _time_words() for c in head.children))  # the time

    @staticmethod
    def _coargument(pronoun: Token, other: Token) -> bool:
        """Binding: a non-reflexive object pronoun does not refer to its own verb's subject."""
        if pronoun.lower_.endswith("self") or pronoun.dep_ == "poss":
            return False
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        if pronoun.dep_ in SUBJECTS:
            # "Campaigning against X, he ...": the pronoun is the understood subject of a subjectless
            # adverbial clause of its verb, so that clause's objects are its co-arguments
            clause = other.head.head if other.dep_ == "pobj" else other.head
            return (other.dep_ in OBJECTS and clause.dep_ == "advcl" and clause.head == verb
                    and not any(c.dep_ in SUBJECTS for c in clause.children))
        return pronoun.dep_ in OBJECTS and other.head == verb and other.dep_ in SUBJECTS

    @staticmethod
    def _definite(token: Token) -> bool:
        return any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)

    @staticmethod
    def _described(named: list[tuple[str, set[str], Entity]], word: str, at: int,
                   modifiers: set[str] = frozenset()) -> Entity | None:  # type: ignore[assignment]
        """"the adviser" -> the latest entity mentioned before it whose name ends in "adviser", or
        the latest person whose role or earlier mentions have that word ("the senator": United
        States Senator from Texas; "the candidate": "presidential candidate Jill Stein"), whose words
        include the description's proper-noun modifiers (``modifiers``)."""
        best: tuple[int, Entity] | None = None
        for name, words, entity in named:
            role = (entity.role or "").lower().split() if entity.kind == "PERSON" else ()
            if not name.endswith(word) and word not in role and not (entity.kind == "PERSON" and word in words) \
                    and not (entity.kind == "ORG" and word in name and _org_head(name) == word):
                continue
            if not modifiers <= words | set(role) | set(name.split()):
                continue  # "the Green Party nominee" is not the Democratic nominee
            earlier = [m.start for m in entity.mentions if m.end <= at]
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), entity)
        return best[1] if best else None


def _org_head(name: str) -> str:
    """The noun an organisation's name is built on, which "the ..." later takes up: "museum" in
    "National Museum of African American History", "alliance" in "Alliance to Reclaim Our Schools"."""
    words = name.split()
    cut = next((n for n, w in enumerate(words) if w in ("of", "for", "on", "to", "at", "in") and n), len(words))
    return words[cut - 1]
