"""Turning knowledge-base matches and spaCy's NER into one entity per real-world actor.

Order of evidence: names from the knowledge base beat spaCy's labels (so "Trump" tagged ORG is
still the person); titles next to a name or in apposition belong to that name, otherwise they
are resolved to whoever held the office on the article's date; agent words ("officials",
"a counterpart") take their country or organisation from a modifier in their noun phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from eventwire.analysis import Entity, TextSpan
from eventwire.knowledge.actors_kb import Actor, KnowledgeBase, code_country, code_sector, join_code
from eventwire.knowledge.actors_match import (
    HONORIFICS,
    Match,
    noun_phrase,
    office_on,
    scan,
    single_word_ok,
)

NOT_CURRENT = {"former", "then", "ex", "late", "previous", "past", "future", "next", "incoming", "outgoing"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
#: Honorifics that say what office an otherwise unknown person holds (in the default country).
LEGISLATORS = {"sen.": "LEG", "senator": "LEG", "rep.": "LEG", "congressman": "LEG", "congresswoman": "LEG",
               "gov.": "GOV", "governor": "GOV"}
GENDERED = {"mr": "M", "mr.": "M", "mrs": "F", "mrs.": "F", "ms": "F", "ms.": "F"}
INDEFINITE = {"a", "an", "any", "every", "each", "another", "no", "some", "other"}


@dataclass
class Draft:
    """An entity while it is being assembled: mentions are token ranges."""

    key: str
    name: str
    kind: str
    code: str | None
    role: str | None
    evidence: str
    gender: str | None = None
    surname: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


class EntityBuilder:
    """Builds the entities of one Doc (or of one span of it, for ``resolve_actor``)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, default_country: str) -> None:
        self.doc = doc
        self.kb = kb
        self.day: date | None = doc._.published
        self.default_country = default_country
        self.drafts: dict[str, Draft] = {}
        self.taken: set[int] = set()

    # -- entry points ------------------------------------------------------------------------
    def run(self, start: int = 0, end: int | None = None) -> list[Draft]:
        matches = scan(self.doc, self.kb, start, end)
        named = {a.actor for m in matches if m.kind == "alias" and m.end - m.start > 1 for a in m.aliases}
        consumed: set[int] = set()
        for pos, match in enumerate(matches):
            if pos in consumed:
                continue
            if match.kind == "alias":
                self._alias(match, named, matches, pos, consumed)
            elif match.kind == "title":
                self._title(match, matches, pos, consumed)
            else:
                self._agent(match, matches, pos)
        self._ner(start, len(self.doc) if end is None else end)
        return sorted((d for d in self.drafts.values() if d.mentions), key=lambda d: min(d.mentions))

    def entities(self) -> tuple[list[Entity], dict[str, str]]:
        """The entities, numbered in order of first mention, and the genders known for them."""
        out, genders = [], {}
        for number, draft in enumerate(self.run(), 1):
            out.append(self.to_entity(draft, f"E{number}"))
            if draft.gender:
                genders[out[-1].id] = draft.gender
        return out, genders

    def to_entity(self, draft: Draft, ident: str) -> Entity:
        mentions = [self._text_span(s, e) for s, e in sorted(set(draft.mentions))]
        return Entity(
            id=ident, name=draft.name, kind=draft.kind, country=code_country(draft.code), code=draft.code,
            sector=code_sector(draft.code), role=draft.role, mentions=mentions, evidence=draft.evidence,
        )

    # -- helpers -----------------------------------------------------------------------------
    def _text_span(self, start: int, end: int) -> TextSpan:
        span = self.doc[start:end]
        return TextSpan(span.start_char, span.end_char, span.text)

    def _add(self, key: str, start: int, end: int, **make: object) -> Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = Draft(key=key, **make)  # type: ignore[arg-type]
        if not any(i in self.taken for i in range(start, end)):
            draft.mentions.append((start, end))
            self.taken.update(range(start, end))
        return draft

    def _add_actor(self, index: int, start: int, end: int, evidence: str) -> Draft:
        actor: Actor = self.kb.actors[index]
        code, role = actor.on(self.day)
        surname = actor.name.split()[-1].lower() if actor.kind == "PERSON" else None
        return self._add(actor.key, start, end, name=actor.name, kind=actor.kind, code=code, role=role,
                         evidence=evidence, gender=actor.gender, surname=surname)

    def _pick(self, match: Match, named: set[int]) -> int | None:
        usable = [a for a in match.aliases
                  if single_word_ok(self.doc, match, a, a.actor in named, self.kb.actors[a.actor].active(self.day),
                                    self.kb.actors[a.actor].kind == "PERSON")]
        return self.kb.best_alias(usable, self.day).actor if usable else None

    def _modifies_next(self, match: Match, matches: list[Match], pos: int) -> Match | None:
        """The title or agent whose noun phrase this match sits in ("Russian diplomats")."""
        if pos + 1 >= len(matches):
            return None
        nxt = matches[pos + 1]
        if nxt.kind == "alias" or nxt.start - match.end > 5:
            return None
        head = self.doc[nxt.start:nxt.end].root
        inside = head.left_edge.i <= match.start and all(
            self.doc[i].pos_ in ("ADJ", "NOUN", "PROPN", "PART", "PUNCT", "ADV")
            for i in range(match.end, nxt.start))
        return nxt if inside else None

    # -- the three kinds of match ------------------------------------------------------------
    def _alias(self, match: Match, named: set[int], matches: list[Match], pos: int, consumed: set[int]) -> None:
        index = self._pick(match, named)
        if index is None:
            return
        actor = self.kb.actors[index]
        how = next(a.how for a in match.aliases if a.actor == index)
        target = self._modifies_next(match, matches, pos)
        if target is not None and actor.kind == "PERSON" and target.kind == "agent":
            consumed.add(pos + 1)  # "Clinton spokesman", "Trump aides": people acting for this person
            self._add_actor(index, match.start, match.end, f"kb:{how}")
            self._agent(target, matches, pos + 1, modifier=actor.on(self.day)[0])
            return
        if target is not None and actor.kind != "PERSON":
            consumed.add(pos + 1)
            code = self._scope_code(index)
            if target.kind == "title":
                self._title(target, matches, pos + 1, consumed, scope=code)
            else:
                self._agent(target, matches, pos + 1, modifier=actor.on(self.day)[0])
            if how != "name" or not self._possessive(match):
                return  # "Russian diplomats", "Kremlin adviser": the modifier is not itself an actor here
        if how == "demonym" and self.doc[match.start:match.end].root.pos_ not in ("NOUN", "PROPN"):
            return  # "Russian oil": an adjective, not an actor
        self._add_actor(index, match.start, match.end, f"kb:{how}")

    def _possessive(self, match: Match) -> bool:
        return match.end < len(self.doc) and self.doc[match.end].lower_ in ("'s", "’s", "'", "’")

    def _title(self, match: Match, matches: list[Match], pos: int, consumed: set[int],
               scope: str | None = None) -> None:
        doc = self.doc
        phrase = noun_phrase(doc, match.start, match.end)
        before = {t.lower_ for t in doc[max(0, phrase.start - 2):match.start]}
        if before & NOT_CURRENT or doc[match.end - 1].tag_ in ("NNS", "NNPS"):
            return
        det = doc[phrase.start - 1].lower_ if phrase.start > 0 else ""
        if det in INDEFINITE or any(t.lower_ in INDEFINITE for t in phrase):
            return
        # "the Secretary of Commerce, Wilbur Ross" / "President Trump" / "Lavrov, Russia's minister"
        person = self._neighbour_person(match, matches, pos)
        if person is not None:
            index, apposition = person
            self._add_actor(index, phrase.start, match.end, "apposition" if apposition else "title + name")
            return
        scope = scope or self._scope_after(match, matches, pos, consumed) or self._title_scope(match)
        if scope is None:
            return
        held = office_on(self.kb, scope, match.titles, self.day)
        if held is not None:
            self._add_actor(held[0], phrase.start, match.end, "title on date")
            return
        sector = match.titles[0].sector
        code = scope if scope.startswith("IGO") else join_code(scope, sector)
        text = doc[phrase.start:match.end].text
        self._add(f"generic:{code}:{text.lower()}", phrase.start, match.end, name=text, kind="PERSON",
                  code=code, role=text, evidence="title without holder")

    def _title_scope(self, match: Match) -> str | None:
        """Without a country in the phrase: the title's own country, else the default country."""
        scopes = {t.scope for t in match.titles}
        if len(scopes) == 1 and None not in scopes:
            return next(iter(scopes))  # type: ignore[return-value]
        return self.default_country if None in scopes else None

    def _scope_code(self, index: int) -> str | None:
        """The scope a country, government or organisation gives a title: RUS, IGONAT, USAEDU."""
        actor = self.kb.actors[index]
        code = actor.on(self.day)[0]
        if code and actor.kind in ("GPE", "LOC") or (code and code.endswith("GOV") and len(code) == 6):
            return code[:3] if code else None
        return code

    def _scope_after(self, match: Match, matches: list[Match], pos: int, consumed: set[int]) -> str | None:
        """"the President of the United States": the country comes after "of"."""
        if pos + 1 < len(matches) and match.end < len(self.doc) and self.doc[match.end].lower_ == "of":
            nxt = matches[pos + 1]
            gap = [t for t in self.doc[match.end + 1:nxt.start] if t.lower_ != "the"]
            if nxt.kind == "alias" and not gap:
                index = self._pick(nxt, set())
                if index is not None and self.kb.actors[index].kind != "PERSON":
                    return self._scope_code(index)
        return None

    def _neighbour_person(self, match: Match, matches: list[Match], pos: int) -> tuple[int, bool] | None:
        doc = self.doc
        for other, after in ((pos + 1, True), (pos - 1, False)):
            if not 0 <= other < len(matches) or matches[other].kind != "alias":
                continue
            cand = matches[other]
            index = self._pick(cand, set())
            if index is None or self.kb.actors[index].kind != "PERSON":
                continue
            if after:
                between = [t.text for t in doc[match.end:cand.start] if t.lower_ not in HONORIFICS]
                if not between:
                    return index, False
                if between == [","]:
                    return index, True
            else:
                between = [t.text for t in doc[cand.end:noun_phrase(doc, match.start, match.end).start]]
                if between and between[0] == "," and all(t in (",", "the", "'s", "’s") or t[:1].isupper()
                                                          for t in between):
                    return index, True
        return None

    def _agent(self, match: Match, matches: list[Match], pos: int, modifier: str | None = None) -> None:
        doc = self.doc
        phrase = noun_phrase(doc, match.start, match.end)
        if modifier is None:
            modifier = self._possessor_code(phrase) or self._post_modifier_code(match, matches, pos)
        if modifier is None:
            return
        code, prefix = match.agent  # type: ignore[misc]
        full = join_code(modifier, code, prefix)
        country = code_country(full)
        if country and any(t.lower_ in NOT_CURRENT for t in phrase):
            full = f"{country}ELI"  # "former U.S. officials" no longer act for the government
        text = phrase.text
        kind = "GROUP" if doc[match.end - 1].tag_ in ("NNS", "NNPS") else "PERSON"
        self._add(f"generic:{full}:{text.lower()}", phrase.start, phrase.end, name=text, kind=kind,
                  code=full, role=None, evidence="modifier + agent")

    def _post_modifier_code(self, match: Match, matches: list[Match], pos: int) -> str | None:
        """"soldiers from Gondor", "activists of Amnesty International": the country or
        organisation after of/in/from (the first one, when several are coordinated)."""
        head = self.doc[match.start:match.end].root
        objects = {o.i for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "in", "from")
                   for o in p.children if o.dep_ == "pobj"}
        for nxt in matches[pos + 1:pos + 3]:
            if nxt.kind == "alias" and any(nxt.start <= i < nxt.end for i in objects):
                index = self._pick(nxt, set())
                if index is not None and self.kb.actors[index].kind != "PERSON":
                    return self._scope_code(index)
        return None

    def _possessor_code(self, phrase: Span) -> str | None:
        """"Trump's national-security team": the possessor's code, when an entity already has it."""
        for token in phrase:
            if token.dep_ == "poss":
                for draft in self.drafts.values():
                    if any(s <= token.i < e for s, e in draft.mentions) and draft.code:
                        return draft.code
        return None

    # -- spaCy's entities the knowledge base does not know -----------------------------------
    def _ner(self, start: int, end: int) -> None:
        surnames = {d.surname: d for d in self.drafts.values() if d.surname}
        for ent in self.doc.ents:
            if ent.start < start or ent.end > end or ent.label_ not in NAME_LABELS:
                continue
            if any(i in self.taken for i in range(ent.start, ent.end)):
                continue
            words = [t for t in ent if t.lower_ not in HONORIFICS and t.text not in ("'s", "’s")]
            if not words:
                continue
            last = words[-1].lower_
            if last in surnames and len(words) <= 2:
                draft = surnames[last]
                self._add(draft.key, words[0].i, words[-1].i + 1, name=draft.name, kind=draft.kind, code=None,
                          role=None, evidence="surname")
                continue
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            if ent.label_ == "ORG":
                if tuple(t.lower_ for t in words) in self.kb.agents:
                    continue  # "his Administration": a common noun spaCy took for a name
                self._add(f"org:{ent.text.lower()}", ent.start, ent.end, name=ent.text, kind="ORG", code=None,
                          role=None, evidence="ner:ORG")
                continue
            name = " ".join(t.text for t in words)
            code, described = self._apposition(ent)
            before = self.doc[ent.start - 1].lower_ if ent.start else ""
            if code is None and before in LEGISLATORS:
                code = f"{self.default_country}{LEGISLATORS[before]}"
            gender = GENDERED.get(ent[0].lower_) or GENDERED.get(before)
            draft = self._add(f"person:{name.lower()}", words[0].i, words[-1].i + 1, name=name, kind="PERSON",
                              code=code, role=None, evidence="ner:PERSON", surname=last, gender=gender)
            if described is not None:
                self._absorb(draft, described)
            surnames[last] = draft

    def _absorb(self, draft: Draft, described: Span) -> None:
        """The apposition's own generic entity is the same person: move its mentions over."""
        for key, other in list(self.drafts.items()):
            if key.startswith("generic:") and all(described.start <= s and e <= described.end
                                                  for s, e in other.mentions):
                draft.mentions.extend(other.mentions)
                del self.drafts[key]

    def _apposition(self, ent: Span) -> tuple[str | None, Span | None]:
        """Code from an apposition ("Damon Wilson, a former National Security Council official") or
        from the words before the name ("MSNBC host Chris Matthews")."""
        described_spans = [self.doc[c.left_edge.i:c.right_edge.i + 1] for c in ent.root.children if c.dep_ == "appos"]
        lefts = [c.left_edge.i for c in ent.root.lefts if c.i < ent.start and c.dep_ == "compound"]
        if lefts:
            described_spans.append(self.doc[min(lefts):ent.start])
        for described in described_spans:
            inner = EntityBuilder(self.doc, self.kb, self.default_country)
            codes = [d.code for d in inner.run(described.start, described.end)
                     if d.code and d.key.startswith("generic:")]
            if codes:
                return codes[0], (described if described.start > ent.start else None)
        return None, None
