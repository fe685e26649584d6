"""EventCoder: finds event triggers, codes them with verb/noun patterns and fills in the rest."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from eventwire.analysis import ActorRef, Event, TextSpan
from eventwire.events import roles
from eventwire.events.actors import ActorIndex
from eventwire.events.context import attribution_of, event_date, refine_dates, reported_content
from eventwire.events.lexicon import verb_roles
from eventwire.events.modality import modality
from eventwire.events.patterns import DocWords, Match, best_match
from eventwire.knowledge import cameo
from eventwire.knowledge.verbs import VerbDictionary

_NOUNS = ("NOUN", "PROPN")


@dataclass
class _Coded:
    trigger: Token
    match: Match
    pairs: list[tuple[ActorRef, ActorRef]]


class EventCoder:
    """Codes a parsed Doc's events against a verb dictionary and a nominal-event dictionary."""

    def __init__(self, verbs: VerbDictionary, nominals: VerbDictionary | None = None) -> None:
        self.verbs = verbs
        self.nominals = nominals or VerbDictionary()

    def __call__(self, doc: Doc) -> list[Event]:
        index = ActorIndex(doc)
        if not index.by_token and index._entity_at is None:
            return []
        sentences = index.busy_sentences()
        words = DocWords(doc, sentences)
        coded: list[_Coded] = []
        used: set[int] = set()
        positions = [i for sent in sentences for i in range(sent.start, sent.end)]
        for tok in (doc[i] for i in _listed(doc, positions, self.verbs)):
            if _is_verb(tok) and not _is_joiner(tok):
                found = self._verb(tok, index, words)
                if found:
                    coded.append(found)
                    used |= found.match.used
        for tok in (doc[i] for i in _listed(doc, positions, self.nominals)):
            if tok.pos_ in _NOUNS and tok.i not in used:
                found = self._noun(tok, index, words)
                if found:
                    coded.append(found)
        coded.sort(key=lambda c: c.trigger.i)
        return refine_dates(self._events(doc, coded))

    def _verb(self, tok: Token, index: ActorIndex, words: DocWords) -> _Coded | None:
        candidates = self.verbs.lookup(tok.lemma_, tok.text)
        if not candidates:
            return None
        sources = _actors_of(index, roles.verb_source_heads(tok)) or _actors_of(
            index, roles.reported_subject(tok))
        match = best_match(candidates, tok, words, compound=len(sources) > 1)
        if match is None:
            return None
        if "$" in match.markers:
            sources = index.first_actors(_from(tok, match.markers["$"]), set())
        skip = {s.entity for s in sources if s.entity}
        passive = roles.passive_target(tok)
        said = reported_content(tok)  # "X told me that Y ...": Y is what was said, not to whom
        if "+" in match.markers:
            targets = index.first_actors(_from(tok, match.markers["+"]), skip)
        elif passive is not None:
            targets = [t for t in index.actors(passive) if t.entity not in skip]
        else:
            targets = index.first_actors([t for t in words.phrase(tok) if t.idx not in said], skip)
        return _pairs(tok, match, sources, targets, pairwise=not said)

    def _noun(self, tok: Token, index: ActorIndex, words: DocWords) -> _Coded | None:
        candidates = self.nominals.lookup(tok.lemma_, tok.text)
        match = best_match(candidates, tok, words) if candidates else None
        if match is None:
            return None
        sources: list[ActorRef] = []
        for head in roles.noun_source_heads(tok):
            sources = index.actors(head)
            if sources:
                break
        skip = {s.entity for s in sources if s.entity}
        targets = index.first_actors(words.phrase(tok), skip)
        if not targets and roles.is_light_object(tok):  # "made a proposal to France"
            targets = index.first_actors(words.phrase(tok.head), skip)
        return _pairs(tok, match, sources, targets)

    def _events(self, doc: Doc, coded: list[_Coded]) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[int, str | None, str | None, str]] = set()  # trigger, source, target, event
        for c in coded:
            mood, cue = modality(c.trigger)
            time, date, date_source = event_date(doc, c.trigger)
            trigger = TextSpan(c.trigger.idx, c.trigger.idx + len(c.trigger.text), c.trigger.text)
            attribution = attribution_of(doc, trigger.start)
            for src, tgt in c.pairs:
                for code, a, b in ((c.match.code.forward, src, tgt), (c.match.code.reverse, tgt, src)):
                    key = (c.trigger.i, f"{a.entity}:{a.code}", f"{b.entity}:{b.code}", code or "")
                    if code is None or key in seen or a.code == b.code:  # an actor with itself: no event
                        continue
                    seen.add(key)
                    plover = cameo.plover(code)
                    evidence = c.match.evidence + (f"; modality cue '{cue}'" if cue else "")
                    events.append(Event(
                        id=f"V{len(events) + 1}", trigger=trigger, cameo=code,
                        plover=plover.type if plover else None, goldstein=cameo.goldstein(code),
                        quad_class=cameo.quad_class(code), source=a, target=b,
                        plover_mode=plover.mode if plover else None, time=time, date=date,
                        date_source=date_source, modality=mood, attribution=attribution,
                        evidence=evidence))
        return events


def _listed(doc: Doc, positions: list[int], dictionary: VerbDictionary) -> list[int]:
    """The positions whose lemma or form the dictionary has an entry for (what its ``lookup``
    reads), found over arrays: most tokens have none, and need no Token object."""
    if not positions:
        return []
    words = doc.to_array([LEMMA, LOWER])[positions]
    ids, at = np.unique(words, return_inverse=True)
    strings = doc.vocab.strings
    known = np.array([dictionary.lists(strings[i]) for i in ids.tolist()], dtype=bool)
    hits = known[at.ravel()].reshape(words.shape).any(axis=1)
    return [positions[k] for k in np.flatnonzero(hits).tolist()]


def _is_verb(tok: Token) -> bool:
    """A verb that can trigger an event: not an auxiliary, nor a participle used as a preposition
    ("according to", "given the allegations")."""
    return (tok.pos_ == "VERB" or tok.tag_.startswith("VB")) and tok.dep_ not in ("aux", "auxpass", "prep")


def _is_joiner(tok: Token) -> bool:
    """ "joined X in expelling": the joining is not an event of its own."""
    return tok.lemma_ in verb_roles().get("joiner", ()) and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" for g in c.children)
        for c in tok.children)


def _from(tok: Token, position: int) -> list[Token]:
    """Sentence tokens from a marker's position on (a marker before the verb looks back to it)."""
    sent = tok.sent
    return [t for t in sent if t.i >= position]


def _actors_of(index: ActorIndex, heads: list[Token]) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for head in heads:
        refs.extend(r for r in index.actors(head) if (r.entity, r.code) not in {(x.entity, x.code) for x in refs})
    return refs


def _pairs(tok: Token, match: Match, sources: list[ActorRef], targets: list[ActorRef],
           pairwise: bool = True) -> _Coded | None:
    if sources and targets:
        pairs = [(s, t) for s in sources for t in targets if s.entity != t.entity]
    elif len(sources) > 1 and pairwise:  # "Gondor and Osgiliath renewed ties": each with the other
        pairs = [(s, t) for s in sources for t in sources if s.entity != t.entity]
    else:
        return None
    return _Coded(tok, match, pairs) if pairs else None
