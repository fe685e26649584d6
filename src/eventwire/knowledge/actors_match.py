"""Finding actor mentions in a parsed Doc with the knowledge base: names, titles, agents.

The scan walks the tokens once and looks word sequences up in the knowledge base's indexes
(longest match first), so its cost grows with the text, not with the size of the dictionaries.
Token attributes are read once per Doc into plain lists (:class:`TokenView`): creating spaCy
Token objects again and again was most of the component's time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from spacy.attrs import ENT_TYPE, IDX, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Span

from eventwire.knowledge.actors_kb import Alias, KnowledgeBase, Title
from eventwire.knowledge.petrarch_actors import dotless

#: spaCy entity labels under which a capitalised word can never be an actor's name.
NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov.",
              "president", "minister", "secretary", "chancellor", "ambassador", "general", "gen.", "senator",
              "del.", "sens.", "reps.", "representative"}
SKIP = {"-", "–", "‐"}
#: Title scope: any country or organisation, provided the text names one.
ANY_NAMED = "+"


@dataclass
class Match:
    """A run of tokens [start, end) that the knowledge base recognises."""

    start: int
    end: int
    kind: str  # alias, title, agent
    aliases: list[Alias] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    agent: tuple[str, bool] | None = None


def token_strings(doc: Doc, attrs: list[int]) -> list[list[str]]:
    """Each attribute's string for every token, as one list per attribute.

    One array read and one string lookup per distinct value: no Token objects."""
    ids = doc.to_array(attrs).reshape(len(doc), len(attrs))
    distinct, where = np.unique(ids, return_inverse=True)
    strings = [doc.vocab.strings[int(h)] for h in distinct]
    return [[strings[i] for i in column] for column in where.reshape(ids.shape).T.tolist()]


class TokenView:
    """The token attributes the actor rules read, as plain lists built once per Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        orth, self.lower, self.ent_type, self.pos, self.tag = token_strings(doc, [ORTH, LOWER, ENT_TYPE, POS, TAG])
        self.upper = [t[:1].isupper() for t in orth]
        #: spaCy's entities, read once: ``doc.ents`` builds new Span objects on every access;
        #: a "work of art" with a lower-case verb is a clause spaCy took for a title after a
        #: quotation ("Trump accused Holt of being ..."; titles capitalise their verbs, "Gone with
        #: the Wind"): its names are read as any others
        kept = []
        for e in doc.ents:
            if e.label_ == "WORK_OF_ART" and any(self.tag[i].startswith("VB") and orth[i].islower()
                                                 for i in range(e.start, e.end)):
                self.ent_type[e.start:e.end] = [""] * len(e)
            else:
                kept.append(e)
        self.ents: tuple[Span, ...] = tuple(kept)
        #: token -> (start, end) of the named entity it is part of (a heading the parser glued to
        #: it, "Interests: The Human Rights Council", is not part of it)
        self.ent_span: dict[int, tuple[int, int]] = {}
        for e in self.ents:
            first = e.start
            for i in range(e.start, e.end):  # "Alphabet Inc's Google": two organisations
                if orth[i] == ":" or "\n" in orth[i] or orth[i] in ("'s", "’s") and e.label_ == "ORG":
                    first = i + 1
                self.ent_span[i] = (first, e.end)
        # "Dol_Amroth": PETRARCH-style texts join a name's words with "_", as its dictionaries do
        #: tokens of title-case lines (headlines), where every word is capitalised and spaCy's
        #: entities are unreliable
        self.headline: set[int] = set()
        starts = doc.to_array(IDX).tolist()
        self.text = doc.text  # built anew on every access of doc.text: read it once
        for line in re.finditer(r"[^\n]+", self.text):  # lines, not sentences: a headline has no full stop
            lo, hi = bisect_left(starts, line.start()), bisect_left(starts, line.end())
            words = [i for i in range(lo, hi) if orth[i].isalpha() and len(orth[i]) > 3]
            if len(words) >= 3 and sum(self.upper[i] for i in words) >= 0.8 * len(words):
                self.headline.update(range(lo, hi))
        # "W.T.O.": dotted initialisms are looked up without their dots, as the index has them
        words = [(i, key) for i, (t, w) in enumerate(zip(orth, self.lower)) if t not in SKIP
                 for part in (w.split("_") if "_" in w.strip("_") else (w,)) if part for key in dotless(part)]
        #: the words the scan looks up, and the token each comes from
        self.word_at = [i for i, _ in words]
        self.word_text = [w for _, w in words]

    def words_between(self, start: int, stop: int) -> tuple[list[int], list[str]]:
        """The tokens and words of tokens [start, stop)."""
        lo, hi = bisect_left(self.word_at, start), bisect_left(self.word_at, stop)
        return self.word_at[lo:hi], self.word_text[lo:hi]


def scan(doc: Doc, kb: KnowledgeBase, start: int = 0, end: int | None = None,
         view: TokenView | None = None) -> list[Match]:
    """Greedy longest matches of aliases, titles and agents over tokens [start, end)."""
    view = view or TokenView(doc)
    stop = len(doc) if end is None else end
    at, words = view.words_between(start, stop)
    aliases_of, titles, agents = kb.aliases, kb.titles, kb.agents
    out: list[Match] = []
    i = 0
    while i < len(words):
        limit = kb.max_len.get(words[i], 0)
        found = None
        for n in range(min(limit, len(words) - i), 0, -1):
            key = tuple(words[i:i + n])
            aliases = aliases_of.get(key)
            if aliases and _name_ok(view, at[i], at[i + n - 1] + 1) and not _title_in_disguise(kb, key, aliases):
                found = Match(at[i], at[i + n - 1] + 1, "alias", aliases=aliases)
            elif key in titles:
                found = Match(at[i], at[i + n - 1] + 1, "title", titles=titles[key])
            elif key in agents:
                agent = agents[key]
                found = Match(at[i], at[i + n - 1] + 1, "agent", agent=(agent.code, agent.prefix))
            if found:
                break
        if found:
            out.append(found)
            while i < len(words) and at[i] < found.end:
                i += 1
        else:
            i += 1
    return out


def _title_in_disguise(kb: KnowledgeBase, key: tuple[str, ...], aliases: list[Alias]) -> bool:
    """Dictionary entries such as "President of the United States" [USAGOV] are titles: let the
    title rules resolve them to the person holding the office on the date."""
    if any(kb.actors[a.actor].curated for a in aliases):
        return False
    return any(key[i:j] in kb.titles for i in range(len(key)) for j in range(i + 1, len(key) + 1))


def _name_ok(view: TokenView, start: int, end: int) -> bool:
    """Names are written with capitals, and are not part of a date ('in late May')."""
    if not any(view.upper[start:end]):
        return False
    if any(view.ent_type[i] in NOT_NAMES for i in range(start, end)):
        return False
    if end - start == 1:
        text = view.doc[start].text
        short = len(text) <= 3 and not text.isupper()
        if short and view.ent_type[start] not in NAME_ENTS and view.pos[start] != "PROPN":
            return False  # "Is", "Who", "Fed" at the start of a sentence are words, not acronyms
    return True


def single_word_ok(doc: Doc, match: Match, alias: Alias, mentioned: bool, active: bool, person: bool,
                   headline: bool = False) -> bool:
    """A bare surname names a person only when the text treats it as a name.

    It must be tagged as an entity or a proper noun, or follow an honorific or title, and the
    person must be in office on the article's date (or a leader by then) or already named in full
    in the article: "Mr. Ban" in 2016 is Ban Ki-moon, "Mr. Rubio" of a think tank is no senator.
    """
    if match.end - match.start > 1 or not person:
        return True
    token = doc[match.start]
    prev = doc[match.start - 1].lower_ if match.start > 0 else ""
    if token.ent_type_ == "PERSON" and prev not in HONORIFICS and not headline and (
        token.ent_iob_ == "I" or (match.end < len(doc) and doc[match.end].ent_iob_ == "I"
                                  and doc[match.end].pos_ == "PROPN")
    ):
        return False  # "Laura Bush", "Ivanka Trump": part of a longer name the knowledge base lacks
    as_name = token.ent_type_ in NAME_ENTS or token.pos_ == "PROPN" or prev in HONORIFICS or (
        mentioned and token.dep_ in ("nsubj", "nsubjpass") and token.text[:1].isupper())  # "Trump campaigned"
    return as_name and (mentioned or active)


def noun_phrase(doc: Doc, start: int, end: int) -> Span:
    """The smallest span from the first left dependent of the head to ``end``, without determiners."""
    head = doc[start:end].root
    # nmod: the parser hangs a list's first items on its last noun ("the U.K., U.S., and various
    # European countries"): they are other actors, not part of this phrase.
    lefts = [t.left_edge.i for t in head.lefts if t.dep_ not in ("det", "punct", "cc", "prep", "nmod")]
    first = min([start, *lefts])
    while first < start and doc[first].dep_ in ("det", "punct", "predet"):
        first += 1
    return doc[first:end]


def office_on(kb: KnowledgeBase, scope: str, titles: list[Title], day: date | None) -> tuple[int, str] | None:
    """The person who held the office a title names, for a country or organisation, on a date."""
    for title in titles:
        if title.scope not in (None, ANY_NAMED, scope):
            continue
        held = kb.holder(scope, title.office, day)
        if held:
            actor, tenure = held
            return actor, tenure.role or ""
    return None
