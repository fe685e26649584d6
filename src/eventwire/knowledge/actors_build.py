"""Turning knowledge-base matches and spaCy's NER into one entity per real-world actor.

Order of evidence: names from the knowledge base beat spaCy's labels (so "Trump" tagged ORG is
still the person), but a name the article itself spells out beats a knowledge-base surname
("Laura Bush" is not George W. Bush; "Ed Schultz" is not Debbie Wasserman Schultz); a
knowledge-base name inside a longer name is no mention of it ("New Jersey", "the American
Enterprise Institute"). Titles next to a name or in apposition belong to that name, otherwise they
are resolved to whoever held the office on the article's date; agent words ("officials",
"a counterpart") take their country or organisation from a modifier in their noun phrase. The
words before a person's name ("Democratic nominee", "NYPD Commissioner") are part of the
mention of that person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.analysis import Entity, TextSpan
from eventwire.knowledge.actors_kb import (
    OFFICES_OF_STATE,
    PRIVATE_SECTORS,
    Actor,
    Alias,
    KnowledgeBase,
    code_country,
    code_sector,
    join_code,
)
from eventwire.knowledge.actors_match import (
    ANY_NAMED,
    HONORIFICS,
    Match,
    TokenView,
    noun_phrase,
    office_on,
    scan,
    single_word_ok,
)

NOT_CURRENT = {"former", "then", "ex", "late", "previous", "past", "future", "next", "incoming", "outgoing",
               "retired", "onetime", "one-time"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
#: Honorifics that say what office an otherwise unknown person holds (in the default country).
LEGISLATORS = {"sen.": "LEG", "senator": "LEG", "rep.": "LEG", "congressman": "LEG", "congresswoman": "LEG",
               "sens.": "LEG", "senators": "LEG", "reps.": "LEG", "justice": "JUD", "judge": "JUD",
               "del.": "LEG", "delegate": "LEG", "representative": "LEG",
               "gov.": "GOV", "governor": "GOV"}
GENDERED = {"mr": "M", "mr.": "M", "mrs": "F", "mrs.": "F", "ms": "F", "ms.": "F"}
INDEFINITE = {"a", "an", "any", "every", "each", "another", "no", "some", "other"}
POSSESSIVE = ("'s", "’s", "'", "’")
#: Prepositions after an agent that name whom it acts for ("a senior official with the FBI").
AFFILIATION = ("of", "in", "from", "for", "with", "at")
#: Dependencies of the words before a name that describe the person ("Democratic nominee X").
DESCRIBING = {"compound", "amod", "nmod", "punct", "npadvmod", "nummod"}
#: Offices whose holders articles call by surname without introducing them (offices.tsv ids).
PROMINENT = {"head_of_state", "head_of_government", "supreme_leader", "presidential_nominee"}
#: Verbs of a relative clause that give a person's role ("who served as U.S. ambassador").
ROLE_VERBS = {"serve", "be", "work", "act"}
#: "(D-Mont.)", "(R-Tex)": a member of Congress's party and state after the name.
_STATE = r"[A-Z][A-Za-z.]{1,6}\)"
PARTY_STATE = re.compile(r"\s*\([DRI]-" + _STATE)
#: ... and "(Fla.)", the state alone.
STATE_NOTE = re.compile(r"\((?:[DRI]-)?" + _STATE)
#: Group nouns that name the organisation before them ("the Islamic State terrorist group").
SELF_NOUNS = {"group", "organization", "organisation", "movement", "network"}
#: Sectors of jobs an unnamed employer gives no country for in an apposition ("Alan Cole, an
#: economist at a think tank", "a lawyer for the outlets, David Schulz"): the default country's;
#: office words ("director", "adviser") and "a man" stay uncoded (the office may be anyone's).
PRIVATE_JOBS = PRIVATE_SECTORS | {"JUD", "ELI"}
#: Agent sectors whose country modifier is a subject, not an employer ("a Korea scholar").
TOPICAL = {"EDU", "JRN", "MED"}
#: Agent words that make a leader's name the country's government ("the Obama administration").
GOVERNMENTS = {"administration", "government", "regime", "cabinet"}
#: Agent words that make a person's name their campaign organisation ("the Clinton campaign").
CAMPAIGNS = {"campaign"}
#: Possessive pronouns that say whose an agent phrase is ("his advisers").
OWNING = {"his", "her", "its", "their"}
#: Sectors of agents a party adjective only describes ("Republican lawmakers": USALEG, "a
#: Democratic tax consultant": USABUS); "Republican officials" stay the party's.
PARTISAN_JOBS = {"LEG", "BUS", "EDU", "MED", "JRN", "JUD", "LAB", "REL", "CVL", "COP", "MIL"}
#: Words of a job at an organisation that are no agents of their own ("head of the Tax Policy Center").
JOB_WORDS = {"head", "president", "associate", "founder", "co-founder", "member", "partner", "executive", "chief"}
#: Parts of speech that end a noun phrase on its left.
CLAUSE_POS = {"VERB", "AUX", "SCONJ", "ADP", "CCONJ", "PUNCT", "PRON", "PART"}
#: Words that count a group rather than describe it.
QUANTIFIERS = {"most", "many", "some", "few", "several", "all", "both", "more", "fewer", "other", "such"}
#: Nouns by which a domestic story calls its own country ("the nation", "this country").
HOMELAND = {"nation", "country"}
#: Singular nouns that name a group ("the police", "the audience").
COLLECTIVE = {"police", "audience", "crowd", "public"}
#: Share of an article's country-coded mentions that makes it about the default country.
DOMESTIC = 0.8
#: A middle initial ("G.", "E") and the suffixes of a person's name.
NAME_INITIAL = re.compile(r"[A-Z]\.?")
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: Verbs by which a person leads an organisation ("Luis Rubio, who heads the X Institute").
LEADS = {"head", "lead", "run", "direct", "chair", "found", "manage", "helm"}


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
    known: bool = False  # a knowledge-base actor (its code and name are not the text's)


class EntityBuilder:
    """Builds the entities of one Doc (or of one span of it, for ``resolve_actor``)."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, default_country: str, view: TokenView | None = None,
                 first_names: dict[str, set[str]] | None = None, bare_agents: bool = False,
                 descriptor: bool = False, bare_sectors: frozenset[str] | None = None) -> None:
        self.doc = doc
        self.bare_agents = bare_agents  # code agents without a country with the default one
        self.bare_sectors = bare_sectors  # ... only agents of these sectors (None: all)
        self.descriptor = descriptor  # reading the words before a name: every agent word describes it
        self.kb = kb
        self.view = view or TokenView(doc)
        self.day: date | None = doc._.published
        self.default_country = default_country
        self.drafts: dict[str, Draft] = {}
        self.taken: set[int] = set()
        self.matched: set[int] = set()
        self.consumed: set[int] = set()  # positions of matches already used by an earlier one
        self.bounds = (0, len(doc))  # the token range :meth:`run` covers
        self.best: dict[tuple[Alias, ...], int] = {}  # homonyms -> the actor they name on the date
        self.known: dict[int, bool] = {}  # actor -> in office on the date, or a leader by then
        self.first_names = self._article_first_names() if first_names is None else first_names
        self.members: list[tuple[int, int, int]] = []  # party-noun phrases and the person they describe
        self.titled: list[tuple[Draft, int]] = []  # titles without holder right before a name
        #: agent phrases a possessive pronoun owns ("his advisers"): draft key -> (pronoun token,
        #: agent code, prefix); coreference codes them once it knows whose they are
        self.owned: dict[str, tuple[int, str, bool]] = {}
        self.countries_named: set[str] = set()  # countries the text names (set by run)
        self.full_at: dict[int, list[int]] = {}  # actor -> where the text names them in full, as subject (run)

    # -- entry points ------------------------------------------------------------------------
    def run(self, start: int = 0, end: int | None = None) -> list[Draft]:
        self.bounds = (start, len(self.doc) if end is None else end)
        matches = [m for m in scan(self.doc, self.kb, start, end, self.view) if not self._agent_in_name(m)]
        self.matched = {i for m in matches for i in range(m.start, m.end)}
        named = {a.actor for m in matches if m.kind == "alias" and m.end - m.start > 1 for a in m.aliases}
        self.full_at = {}
        for m in matches:
            if m.kind == "alias" and m.end - m.start > 1 and \
                    self.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass"):
                for a in m.aliases:
                    self.full_at.setdefault(a.actor, []).append(m.start)
        actors = self.kb.actors
        self.countries_named = {actors[a.actor].default[:3] for m in matches if m.kind == "alias" for a in m.aliases
                                if actors[a.actor].key.startswith(("country:", "gov:")) and actors[a.actor].default}
        # a country is also in the text through its leaders ("Putin made an offer ... Lavrov said")
        self.countries_named |= {code_country(actors[a.actor].on(self.day)[0]) or "" for m in matches
                                 if m.kind == "alias" for a in m.aliases
                                 if actors[a.actor].kind == "PERSON" and self._prominent(actors[a.actor])}
        consumed = self.consumed = set()
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
        self._acronyms(start, len(self.doc) if end is None else end)
        self._bare_surnames(start, len(self.doc) if end is None else end)
        self._first_names_only()
        self._attach_members()
        self._titled_names()
        self._stated_roles()
        self._apposed_descriptions()
        self._descriptors()
        self._towns()
        self._home_places()
        self._employer_possessors()
        if start == 0 and end is None and not self.bare_agents:
            self._bare_groups(matches)
        return sorted((d for d in self.drafts.values() if d.mentions), key=lambda d: min(d.mentions))

    def entities(self) -> tuple[list[Entity], dict[str, str], dict[str, tuple[int, str, bool]]]:
        """The entities, numbered in order of first mention, the genders known for them, and the
        agent phrases a pronoun owns (entity id -> pronoun offset, agent code, prefix)."""
        out, genders, owned = [], {}, {}
        for number, draft in enumerate(self.run(), 1):
            out.append(self.to_entity(draft, f"E{number}"))
            if draft.gender:
                genders[out[-1].id] = draft.gender
            if draft.key in self.owned:
                token, code, prefix = self.owned[draft.key]
                owned[out[-1].id] = (self.doc[token].idx, code, prefix)
        return out, genders, owned

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
        surname = _key(actor.name.split()[-1].lower()) if actor.kind == "PERSON" else None
        if actor.kind == "PERSON" and end - start > 1:
            end = self._rest_of_name(start, end)
        name = actor.name
        if not actor.curated and actor.kind != "PERSON" and actor.key not in self.drafts:
            # converted dictionaries name institutions by an entry's first phrase ("Washington
            # Based Think Tank" for the Center for American Progress): the text names them better
            name = _without_article(self.doc[start:end])
        return self._add(actor.key, start, end, name=name, kind=actor.kind, code=code, role=role,
                         evidence=evidence, gender=actor.gender, surname=surname, known=True)

    def _rest_of_name(self, start: int, end: int) -> int:
        """A known full name followed by more of the same name ("Ildefonso Guajardo Villarreal":
        a second surname) covers the whole name spaCy found."""
        span = self.view.ent_span.get(start)
        if span is None or span[1] <= end or self.view.ent_type[start] != "PERSON":
            return end
        rest = range(end, span[1])
        if all(self.view.pos[i] == "PROPN" and self.view.upper[i] and i not in self.matched for i in rest):
            return span[1]
        return end

    def _article_first_names(self) -> dict[str, set[str]]:
        """Surname -> first words of the people the article names in full (from spaCy's NER)."""
        out: dict[str, set[str]] = {}
        for ent in self.view.ents:
            if ent.label_ == "PERSON":
                words = _name_words(ent)
                if len(words) >= 2:
                    out.setdefault(_key(words[-1].lower_), set()).add(words[0].lower_)
        return out

    def _other_person(self, surname: str, full_name: str) -> bool:
        """The article names someone else with this surname ("Ivanka Trump", "Ed Schultz")."""
        first = full_name.lower()[:1]  # initials and spellings vary ("H. R.", "Francois"): compare initials
        return any(f[:1] != first for f in self.first_names.get(surname, ()))

    def _prominent(self, actor: Actor, ever: bool = False) -> bool:
        """Leaders and nominees go by their surname alone even where a relative is named in full
        ("Melania Trump ... Trump said"); anyone else is introduced by full name first. Former
        leaders ("Obama" in 2018) keep the first privilege."""
        day = self.day
        return day is not None and any(
            t.office in PROMINENT and (t.covers(day) or ever and (t.start or date.min) <= day) for t in actor.tenures)

    def _pick(self, match: Match, named: set[int]) -> int | None:
        usable = tuple(a for a in match.aliases if self._usable(match, a, named))
        if not usable:
            return None
        if match.end - match.start == 1:
            recent = self._named_last(usable, match.start)
            if recent is not None:
                return recent
        best = self.best.get(usable)  # the same homonyms recur through an article
        if best is None:
            best = self.best[usable] = self.kb.best_alias(list(usable), self.day).actor
        return best

    def _named_last(self, usable: tuple[Alias, ...], at: int) -> int | None:
        """Of leaders who share a surname ("Former President Bill Clinton called ... for his wife
        Hillary Clinton ... Clinton said"), the one last named in full as a subject before the
        surname: the article's topic; relatives who never led ("Ivanka Trump") do not compete."""
        last = {a.actor: max((s for s in self.full_at.get(a.actor, ()) if s < at), default=-1) for a in usable
                if len(usable) > 1 and self._prominent(self.kb.actors[a.actor], ever=True)}
        named = [actor for actor, start in last.items() if start >= 0]
        return max(named, key=last.__getitem__) if named else None

    def _usable(self, match: Match, alias: Alias, named: set[int]) -> bool:
        actor = self.kb.actors[alias.actor]
        person = actor.kind == "PERSON"
        known = self.known.get(alias.actor)
        if known is None:
            known = self.known[alias.actor] = actor.active(self.day) or self._prominent(actor, ever=True)
        if not single_word_ok(self.doc, match, alias, alias.actor in named, known, person,
                              headline=match.start in self.view.headline):  # "Derelict Obama and Clinton"
            return False
        if self._inside_longer_name(match, person, actor.kind == "ORG"):
            return False
        if person and match.end - match.start == 1:
            prev = self.view.lower[match.start - 1] if match.start else ""
            if actor.gender and GENDERED.get(prev, actor.gender) != actor.gender:
                return False  # "Mr. Schultz" is not Debbie Wasserman Schultz
            if match.start and match.start not in self.view.headline and self.view.upper[match.start - 1] and \
                    self.view.pos[match.start - 1] == "PROPN" and \
                    prev in self.first_names.get(_key(self.view.lower[match.start]), ()) and \
                    prev != actor.name.split()[0].lower():
                return False  # "Melania Trump" where spaCy saw no name: not Donald Trump
            if alias.actor not in named and not self._prominent(actor) and \
                    self._other_person(self.view.lower[match.start], actor.name):
                return False
            country = code_country(actor.on(self.day)[0])
            if known and alias.actor not in named and not self._prominent(actor) and country and \
                    country != self.default_country and country not in self.countries_named:
                return False  # "told Fox": not Britain's trade minister where Britain is not in the text
        if not person and match.end - match.start == 1 and actor.kind == "GPE" and \
                _key(self.view.lower[match.start]) in self.first_names and \
                (self.view.ent_type[match.start] == "PERSON" or self.doc[match.start].dep_ in ("nsubj", "nsubjpass")):
            return False  # "Jordan said" after "Rep. Jim Jordan": the person, not the country
        return True

    def _inside_longer_name(self, match: Match, person: bool, org: bool = False) -> bool:
        """An alias inside a longer name spaCy found, whose other capitalised words no dictionary
        knows ("Voice of America", "Chuck Jordan", "Trump Tower"; people's names inside other
        people's names are left to the first-name rules)."""
        if org and match.end - match.start == 1 and self._named_after(match.end):
            return True  # "the Commission on Presidential Debates" is not the European Commission
        span = self.view.ent_span.get(match.start)
        if span is None or (span[0] >= match.start and span[1] <= match.end) or self._possessive(match):
            return False  # "Trump’s Inauguration": a possessor, not part of a longer name
        if match.start in self.view.headline:
            return False  # "Obama Power Plant Rules Face Key Test": a title-case headline, not a name
        if org and match.end == span[1] and match.end - match.start > 1:
            return False  # "the Urban-Brookings Tax Policy Center": the known organisation, with a modifier
        if person and self.view.ent_type[match.start] == "PERSON":
            return False
        return any(self.view.upper[i] and i not in self.matched and self.view.lower[i] not in HONORIFICS
                   and self.view.lower[i] != "the" for i in range(span[0], span[1]) if not match.start <= i < match.end)

    def _named_after(self, end: int) -> bool:
        """A name goes on after a one-word organisation ("Commission on Presidential Debates",
        "Committee for a Responsible Federal Budget"): "on/for/of", maybe an article, then a
        capitalised word no dictionary knows and that is no date ("the Commission on Tuesday")."""
        view, i = self.view, end + 1
        if end >= len(self.doc) or view.lower[end] not in ("on", "for", "of"):
            return False
        while i < len(self.doc) and view.lower[i] in ("a", "an", "the"):
            i += 1
        return i < len(self.doc) and view.upper[i] and i not in self.matched and \
            view.ent_type[i] not in ("DATE", "TIME", "GPE") and view.pos[i] in ("PROPN", "ADJ", "NOUN")

    def _modifies_next(self, match: Match, matches: list[Match], pos: int) -> Match | None:
        """The title or agent whose noun phrase this match sits in ("Russian diplomats")."""
        if pos + 1 >= len(matches):
            return None
        nxt = matches[pos + 1]
        if nxt.kind == "alias" or nxt.start - match.end > 5:
            return None
        doc = self.doc
        head = doc[nxt.start:nxt.end].root
        between_ok = all(self.view.pos[i] in ("ADJ", "NOUN", "PROPN", "PART", "PUNCT", "ADV")
                         or self.view.lower[i] == "based" for i in range(match.end, nxt.start))  # "Washington-based"
        if head.left_edge.i <= match.start and between_ok:
            return nxt
        # "U.S. Air Force Gen. X": the parser may hang both on the name; an adjacent left modifier
        # still makes one phrase
        root = doc[match.start:match.end].root
        if nxt.start == match.end and root.dep_ in ("compound", "amod") and nxt.start <= root.head.i < nxt.end + 6:
            return nxt
        return None

    # -- the three kinds of match ------------------------------------------------------------
    def _alias(self, match: Match, named: set[int], matches: list[Match], pos: int, consumed: set[int]) -> None:
        index = self._pick(match, named)
        if index is None:
            return
        actor = self.kb.actors[index]
        how = next(a.how for a in match.aliases if a.actor == index)
        if actor.kind == "PERSON" and match.end - match.start > 1 and self.view.lower[match.end - 1] in GOVERNMENTS:
            government = self._led_government(actor, Match(match.end - 1, match.end, "agent"))
            if government is not None:  # a dictionary's "Obama administration" is the government
                self._add_actor(government, match.start, match.end, "leader + administration")
                return
        target = self._modifies_next(match, matches, pos)
        outer = self._prefix_agent(match, matches, pos) if actor.kind != "PERSON" else None
        if target is not None and actor.kind == "PERSON" and target.kind == "agent":
            consumed.add(pos + 1)  # "Clinton spokesman", "Trump's team": people acting for this person
            government = self._led_government(actor, target)
            if government is not None:  # "the Obama administration", "the Bush government"
                self._add_actor(government, match.start, target.end, "leader + administration")
                return
            if self.view.lower[target.end - 1] in CAMPAIGNS and target.end - target.start == 1 and \
                    self.doc[target.start].dep_ not in ("compound", "amod"):  # not "campaign spokesman X"
                self._campaign(actor, match, target, how)
                return
            self._add_actor(index, match.start, match.end, f"kb:{how}")
            after = match.end + (1 if self._possessive(match) else 0)
            self._agent(target, matches, pos + 1, modifier=actor.on(self.day)[0], after=after)
            return
        if target is not None and actor.kind != "PERSON":
            consumed.add(pos + 1)
            code = self._scope_code(index)
            if target.kind == "title":
                # "Democratic Party Chairman", "DNC Chair": the party's own; "Republican": an affiliation
                self._title(target, matches, pos + 1, consumed, scope=code, party_org=self._party_org(match),
                            modifier=match.start)
            else:
                sector = target.agent[0] if target.agent else ""
                if actor.kind == "ORG" and self.view.lower[target.end - 1] in SELF_NOUNS and \
                        len(actor.on(self.day)[0] or "") > 3:  # not a country's ("Gondor's opposition group")
                    # "the Islamic State terrorist group": the organisation itself
                    self._add_actor(index, match.start, target.end, f"kb:{how}")
                    return
                # "Asia director for the NSC", "a Korea scholar at CSIS": a portfolio, not an employer
                region = actor.kind == "LOC" or how == "name" and actor.kind == "GPE" and sector in TOPICAL
                own = actor.on(self.day)[0]
                if own and actor.key.startswith("gov:"):
                    own = own[:3]  # "a Moscow lawyer", "Kremlin advisers": the country, the agent's sector
                self._agent(target, matches, pos + 1, modifier=None if region else own,
                            fallback=own if region else None, outer=outer)
            if how != "name" or not self._possessive(match):
                return  # "Russian diplomats", "Kremlin adviser": the modifier is not itself an actor here
        if outer is not None:  # "MSF Arnor": the organisation's branch in that country
            code = outer.agent[0] + (actor.on(self.day)[0] or "")  # type: ignore[index]
            text = self.doc[outer.start:match.end].text
            self._add(f"generic:{code}:{text.lower()}", outer.start, match.end, name=text, kind="ORG",
                      code=code, role=None, evidence="prefix agent + name")
            return
        if how == "demonym" and self.doc[match.start:match.end].root.pos_ not in ("NOUN", "PROPN"):
            return  # "Russian oil": an adjective, not an actor
        if how == "demonym" and self._names_next(match):
            return  # "the East European Coalition": part of a name nothing knows
        if self._party_member(index, match):
            return  # "Schiff, the top Democrat on the committee": the person, not the party
        self._add_actor(index, match.start, match.end, f"kb:{how}")

    def _party_org(self, match: Match) -> bool:
        """A party named as an organisation ("Democratic Party", "DNC", "GOP"), not an adjective."""
        return match.end - match.start > 1 or self.doc[match.start].text.isupper()

    def _led_government(self, actor: Actor, target: Match) -> int | None:
        """The government a head of state or government led ("the Obama administration" is the
        American government, not Obama), when the agent word names a government."""
        if self.view.lower[target.end - 1] not in GOVERNMENTS or target.end - target.start > 1:
            return None
        day = self.day or date.max
        led = [t for t in actor.tenures if t.office in PROMINENT and t.office != "presidential_nominee"
               and (t.start or date.min) <= day]
        country = code_country(max(led, key=lambda t: t.start or date.min).code) if led else None
        return self.kb.government_actor.get(country) if country else None

    def _campaign(self, actor: Actor, match: Match, target: Match, how: str) -> None:
        """"the Clinton campaign" is one actor, the campaign organisation, coded as an elite of the
        candidate's country and named after the candidate; "Hillary Clinton's campaign" keeps her
        own mention beside it."""
        start = target.start
        if self._possessive(match):
            self._add_actor(self.kb.by_key[actor.key], match.start, match.end, f"kb:{how}")
        else:
            start = match.start
        name, code = campaign_of(actor.name, actor.on(self.day)[0], self.default_country)
        self._add(f"generic:campaign:{actor.key}", start, target.end, name=name, kind="ORG", code=code,
                  role=None, evidence="candidate + campaign")

    def _names_next(self, match: Match) -> bool:
        """A demonym inside a longer capitalised name that nothing knows ("Central and East
        European Coalition", "Mexican Institute of Competitiveness"): not the country."""
        nxt = match.end
        if nxt >= len(self.doc) or not self.view.upper[nxt] or nxt in self.matched:
            return False
        token = self.doc[match.end - 1]
        run = nxt  # the capitalised words that follow ("Action Forum")
        while run + 1 < len(self.doc) and self.view.upper[run + 1] and self.view.pos[run + 1] == "PROPN":
            run += 1
        return self.view.pos[nxt] == "PROPN" and any(nxt <= a.i <= run for a in token.ancestors) \
            and self.view.ent_type[nxt] not in ("PERSON", "GPE", "NORP")

    def _party_member(self, index: int, match: Match) -> bool:
        """A singular party noun heading a phrase in apposition to a person ("Adam Schiff, the top
        Democrat on the committee") is that person: the mention goes to them once they exist."""
        code = self.kb.actors[index].on(self.day)[0] or ""
        if "PTY" not in code or match.end - match.start > 1 or self.view.tag[match.start] not in ("NN", "NNP"):
            return False
        token = self.doc[match.start]
        if token.dep_ != "appos" or self.view.ent_type[token.head.i] != "PERSON":
            return False
        phrase = noun_phrase(self.doc, match.start, match.end)
        self.members.append((phrase.start, match.end, token.head.i))
        return True

    def _prefix_agent(self, match: Match, matches: list[Match], pos: int) -> Match | None:
        """A prefix agent (``[NGO~]``) written right before a name and modifying it ("MSF Arnor")."""
        prev = matches[pos - 1] if pos > 0 else None
        if prev is None or prev.kind != "agent" or not prev.agent[1] or prev.end != match.start:  # type: ignore[index]
            return None
        root = self.doc[prev.start:prev.end].root
        return prev if root.dep_ in ("compound", "amod", "nmod") else None

    def _possessive(self, match: Match) -> bool:
        return match.end < len(self.doc) and self.view.lower[match.end] in POSSESSIVE

    def _title(self, match: Match, matches: list[Match], pos: int, consumed: set[int],
               scope: str | None = None, party_org: bool = False, modifier: int | None = None) -> None:
        doc = self.doc
        phrase = noun_phrase(doc, match.start, match.end)
        if modifier is not None and modifier < phrase.start:
            phrase = doc[modifier:phrase.end]  # "The GOP presidential nominee": the modifier is part of it
        before = set(self.view.lower[max(0, phrase.start - 2):match.start])
        if self.view.tag[match.end - 1] in ("NNS", "NNPS"):
            return
        det = self.view.lower[phrase.start - 1] if phrase.start > 0 else ""
        if before & NOT_CURRENT or det in INDEFINITE or \
                any(self.view.lower[i] in INDEFINITE for i in range(phrase.start, phrase.end)):
            self._not_the_holder(match, matches, pos, consumed, scope, past=bool(before & NOT_CURRENT))
            return
        # "the Secretary of Commerce, Wilbur Ross" / "President Trump" / "Lavrov, Russia's minister"
        person = self._neighbour_person(match, matches, pos)
        if person is not None:
            index, apposition = person
            self._add_actor(index, phrase.start, match.end, "apposition" if apposition else "title + name")
            return
        scope = (scope or self._scope_after(match, matches, pos, consumed)
                 or self._post_modifier_code(match, matches, pos) or self._of_unknown(match, matches, pos)
                 or self._title_scope(match))
        if scope is None or scope == "-":
            return
        root = doc[match.start:match.end].root
        describes = root.dep_ == "appos" and self.view.ent_type[root.head.i] == "PERSON" \
            or self._of_place(match, matches, pos)  # "the attorney general of Oklahoma": a state's office
        # "Aung San, the Burmese leader who ...": a description of that person, not the office holder
        held = None if describes else office_on(self.kb, scope, match.titles, self.day)
        name = self._name_after(match)
        if held is not None and name is not None and \
                _key(self.kb.actors[held[0]].name.split()[-1].lower()) != name[0]:
            held = None  # "Deputy Attorney General Sally Yates": her title, not the holder's
        if held is not None:
            self._add_actor(held[0], phrase.start, match.end, "title on date")
            return
        if scope[3:6] == "PTY" and code_country(scope) and not party_org:
            scope = scope[:3]  # "the Republican attorney general": no party office, the country's sector
        sector = match.titles[0].sector
        code = scope if scope.startswith("IGO") else join_code(scope, sector)
        owned = [i for i in range(phrase.start, match.start) if i in self.taken]
        first = max(owned) + 1 if owned else phrase.start  # "Ohio Democratic Party Chairman": Ohio is Ohio
        text = doc[first:match.end].text
        draft = self._add(f"generic:{code}:{text.lower()}", first, match.end, name=text, kind="PERSON",
                          code=code, role=text, evidence="title without holder")
        if name is not None:
            self.titled.append((draft, name[1]))

    def _not_the_holder(self, match: Match, matches: list[Match], pos: int, consumed: set[int],
                        scope: str | None, past: bool) -> None:
        """"a former Mexican foreign minister", "a U.S. ambassador": someone with (or who had) that
        kind of office, not the office holder on the date; coded only when the text names the
        country or organisation (ELI once the office is past). A name next to the title gets it
        through the name's own rules ("former President Obama")."""
        person = self._neighbour_person(match, matches, pos)
        if person is not None:  # "Clinton, the former secretary of State": a mention of her
            phrase = noun_phrase(self.doc, match.start, match.end)
            self._add_actor(person[0], phrase.start, match.end, "apposition" if person[1] else "title + name")
            return
        scopes = {t.scope for t in match.titles}
        own = next(iter(scopes)) if len(scopes) == 1 and None not in scopes and ANY_NAMED not in scopes else None
        scope = scope or self._scope_after(match, matches, pos, consumed) \
            or self._post_modifier_code(match, matches, pos) or own
        if scope is None:
            return
        phrase = noun_phrase(self.doc, match.start, match.end)
        code = scope if scope.startswith("IGO") else join_code(scope, match.titles[0].sector)
        if past and code_country(code):
            code = f"{code_country(code)}ELI"
        text = self.doc[phrase.start:match.end].text
        self._add(f"generic:{code}:{text.lower()}", phrase.start, match.end, name=text, kind="PERSON",
                  code=code, role=text, evidence="title, not the holder")

    def _of_unknown(self, match: Match, matches: list[Match], pos: int) -> str | None:
        """"-" (no scope) for "president of the American Action Forum": a title of an organisation
        the knowledge base does not know is not the country's office."""
        i = match.end
        if i + 1 >= len(self.doc) or self.view.lower[i] != "of":
            return None
        j = i + 2 if self.view.lower[i + 1] == "the" else i + 1
        known = pos + 1 < len(matches) and matches[pos + 1].start == j and not self._names_next(matches[pos + 1])
        return "-" if j < len(self.doc) and self.view.upper[j] and not known else None

    def _name_after(self, match: Match) -> tuple[str, int] | None:
        """The surname and first token of a person's name right after a title (honorifics between
        allowed)."""
        i = match.end
        while i < len(self.doc) and self.view.lower[i] in HONORIFICS:
            i += 1
        span = self.view.ent_span.get(i)
        if span is None or self.view.ent_type[i] != "PERSON" or not self.view.upper[i]:
            return None
        return _key(self.view.lower[span[1] - 1]), i

    def _of_place(self, match: Match, matches: list[Match], pos: int) -> bool:
        """Whether "of" after a title names a place inside a country (a US state): its office is
        not the country's ("the attorney general of Oklahoma" is not the US Attorney General)."""
        if match.end >= len(self.doc) or self.view.lower[match.end] != "of" or pos + 1 >= len(matches):
            return False
        nxt = matches[pos + 1]
        gap = [w for w in self.view.lower[match.end + 1:nxt.start] if w != "the"]
        return nxt.kind == "alias" and not gap and any(self.kb.actors[a.actor].key.startswith("place:")
                                                       for a in nxt.aliases)

    def _title_scope(self, match: Match) -> str | None:
        """Without a country in the phrase: the title's own country, else the default country."""
        scopes = {t.scope for t in match.titles}
        if len(scopes) == 1 and None not in scopes and ANY_NAMED not in scopes:
            # "the chairman" is Kim Jong Un only where North Korea is named
            only: str = next(iter(scopes))  # type: ignore[assignment]
            return only if only in self.countries_named or only == self.default_country else None
        return self.default_country if None in scopes and ANY_NAMED not in scopes else None

    def _scope_code(self, index: int) -> str | None:
        """The scope a country, government or organisation gives a title: RUS, IGONAT, USAEDU."""
        actor = self.kb.actors[index]
        code = actor.on(self.day)[0]
        if code and actor.kind in ("GPE", "LOC") or (code and code.endswith("GOV") and len(code) == 6):
            return code[:3] if code else None
        return code

    def _scope_after(self, match: Match, matches: list[Match], pos: int, consumed: set[int]) -> str | None:
        """"the President of the United States": the country comes after "of"."""
        if pos + 1 < len(matches) and match.end < len(self.doc) and self.view.lower[match.end] == "of":
            nxt = matches[pos + 1]
            gap = [w for w in self.view.lower[match.end + 1:nxt.start] if w != "the"]
            if nxt.kind == "alias" and not gap and not self._names_next(nxt):  # "of the American Action Forum"
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
                if between and between[0] == "," and all(t in (",", "the", *POSSESSIVE) or t[:1].isupper()
                                                          for t in between):
                    return index, True
        return None

    def _agent(self, match: Match, matches: list[Match], pos: int, modifier: str | None = None,
               after: int = 0, fallback: str | None = None, outer: Match | None = None) -> None:
        doc = self.doc
        end = match.end
        nxt = matches[pos + 1] if pos + 1 < len(matches) else None
        if nxt is not None and nxt.kind == "agent" and nxt.start == end and \
                nxt.start <= doc[match.start:end].root.head.i < nxt.end:
            end = nxt.end  # "intelligence officials": one phrase, coded by its narrower first word
            self.consumed.add(pos + 1)
        phrase = named = noun_phrase(doc, match.start, end)
        if after > phrase.start:  # the modifier is an actor of its own ("Trump's team"), named with it
            phrase = doc[min(after, match.start):phrase.end]
        modifiers = [modifier] if modifier is not None else []
        if modifier is None:
            possessor = self._possessor_code(phrase)
            modifiers = [possessor] if possessor else self._post_modifier_codes(match, matches, pos)
            modifier = next(iter(modifiers), None) or fallback
        root = doc[match.start:end].root
        if modifier is None:
            national = "federal" in self.view.lower[phrase.start:match.start]  # "federal prosecutors"
            bare = self.bare_agents and (self.bare_sectors is None or code_sector(
                join_code(self.default_country, *match.agent)) in self.bare_sectors)  # type: ignore[misc]
            if not (bare or national) or not self.descriptor and \
                    root.dep_ in ("compound", "amod") and not match.start <= root.head.i < end:
                person = self._person_at(root.head.i) if root.dep_ == "appos" else None
                if person is not None:  # "Clinton, the former secretary of State": a mention of her
                    self._add(person.key, phrase.start, phrase.end)
                elif root.dep_ not in ("compound", "amod"):
                    self._owned_agent(match, phrase, end)
                return  # "student visas": an agent word that only describes something else
            modifier = self.default_country  # "a senior official": PETRARCH's "---GOV"; the federal state
        code, prefix = match.agent  # type: ignore[misc]
        # "the ambassadors of Arnor and Gondor" act for each ("ARNGOV/GONGOV", one code per actor)
        full = "/".join(join_code(m, code, prefix) for m in modifiers) if len(modifiers) > 1 else \
            join_code(modifier, code, prefix)
        if code_sector(modifier) == "PTY" and not prefix and code.lstrip("~")[:3] in PARTISAN_JOBS:
            full = f"{code_country(modifier)}{code.lstrip('~')}"  # "Republican lawmakers" are legislators
        if outer is not None:  # "an MSF Arnor diplomat": NGO + ARNGOV
            full = outer.agent[0] + full  # type: ignore[index]
        country = code_country(full)
        if country and any(self.view.lower[i] in NOT_CURRENT for i in range(phrase.start, phrase.end)):
            full = f"{country}ELI"  # "former U.S. officials" no longer act for the government
        owned = [i for i in range(phrase.start, match.start) if i in self.taken]
        if owned:  # "Ithilen's awful and evil minister": the possessor keeps its own mention
            first = max(owned) + 1
            while first < match.start and self.view.lower[first] in POSSESSIVE:
                first += 1
            phrase = doc[first:phrase.end]
        text = named.text if named.start < phrase.start and named.end == phrase.end else phrase.text
        kind = "GROUP" if self.view.tag[end - 1] in ("NNS", "NNPS") else "PERSON"
        self._add(f"generic:{full}:{text.lower()}", phrase.start, phrase.end, name=text, kind=kind,
                  code=full, role=None, evidence="modifier + agent")

    def _bare_groups(self, matches: list[Match]) -> None:
        """"voters", "companies", "police", "lawmakers": a plural group noun no country, owner or
        organisation claims is the default country's ("USACVL" in American news), once every
        other rule has had its say, and only in an article about that country (four in five of
        the coded mentions): in a story about Moscow and London "two senior officials" may be
        anyone's. A singular "a senior official" stays uncoded, and refugees are rarely local."""
        countries = [code_country(d.code) for d in self.drafts.values() for _ in d.mentions if code_country(d.code)]
        if not countries or countries.count(self.default_country) < DOMESTIC * len(countries):
            return
        for match in matches:
            if match.kind != "agent" or any(i in self.taken for i in range(match.start, match.end)):
                continue
            root = self.doc[match.start:match.end].root
            if self.view.tag[root.i] not in ("NNS", "NNPS") and self.view.lower[root.i] not in COLLECTIVE or \
                    root.dep_ in ("compound", "amod", "appos", "attr") or root.i != match.end - 1:
                continue
            code = join_code(self.default_country, *match.agent)  # type: ignore[misc]
            if code_sector(code) in ("REF", "NON", "IGO", "UNK"):
                continue
            phrase = noun_phrase(self.doc, match.start, match.end)
            start = root.i  # the phrase's own words only ("as do Fortune 500 companies": no "as do")
            while start > phrase.start and (self.view.pos[start - 1] not in CLAUSE_POS or self.view.lower[start - 1] in (
                    "of", "-") or self.doc[start - 1].dep_ in ("amod", "compound", "npadvmod")):
                start -= 1
            phrase = self.doc[start:phrase.end]
            if any(i in self.taken for i in range(phrase.start, phrase.end)):
                phrase = self.doc[match.start:match.end]
            # named by the noun and its describing words, not its quantity ("Nearly eight of 10 voters": voters)
            first = root.i
            while first > phrase.start and self._describes_group(first - 1):
                first -= 1
            name = self.doc[first:root.i + 1].text
            self._add(f"generic:{code}:{name.lower()}", phrase.start, phrase.end, name=name,
                      kind="GROUP", code=code, role=None, evidence="agent + default country")
        home = self.kb.country_actor.get(self.default_country)
        for i in [i for i, w in enumerate(self.view.lower) if w in HOMELAND and i not in self.taken]:
            token = self.doc[i]  # "the nation's racial struggles", "in love with this country"
            if home is not None and token.dep_ != "compound" and any(
                    c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "our") for c in token.children):
                self._add_actor(home, i, i + 1, "the nation: the default country")

    def _describes_group(self, i: int) -> bool:
        """A word that says what kind of group it is ("college-educated white", "Fortune 500"), not
        how many of it ("most", "nearly eight of 10")."""
        token, view = self.doc[i], self.view
        if view.tag[i] in ("JJS", "DT", "PDT") or view.lower[i] in QUANTIFIERS:
            return False
        if view.tag[i] == "CD":  # "Fortune 500": a number inside a name
            return i > 0 and view.pos[i - 1] == "PROPN"
        return (token.dep_ in ("amod", "compound", "npadvmod") or view.lower[i] == "-") and token.head.i > i

    def _owned_agent(self, match: Match, phrase: Span, end: int) -> None:
        """"his advisers", "her press secretary": an agent phrase whose owner is a pronoun is an
        actor, uncoded until coreference says whose the pronoun is."""
        owner = next((t for t in self.doc[end - 1].children if t.dep_ == "poss" and t.lower_ in OWNING), None)
        if owner is None or owner.i < phrase.start or any(i in self.taken for i in range(phrase.start, phrase.end)):
            return
        key = f"generic:owned:{phrase.start}"
        kind = "GROUP" if self.view.tag[end - 1] in ("NNS", "NNPS") else "PERSON"
        self._add(key, phrase.start, phrase.end, name=phrase.text, kind=kind, code=None, role=None,
                  evidence="pronoun owner + agent")
        self.owned[key] = (owner.i, *match.agent)  # type: ignore[misc]

    def _person_at(self, token: int) -> Draft | None:
        """The person entity with a mention at a token, if one was found already."""
        return next((d for d in self._named_people() if any(s <= token < e for s, e in d.mentions)), None)

    def _named_people(self) -> list[Draft]:
        """The people found so far by name or title, not as agent phrases ("a senior official")."""
        return [d for d in self.drafts.values() if d.kind == "PERSON" and not d.key.startswith("generic:")]

    def _post_modifier_code(self, match: Match, matches: list[Match], pos: int) -> str | None:
        """"soldiers from Gondor", "a senior official with the FBI": the country or organisation
        after the preposition (the first one, when several are coordinated)."""
        return next(iter(self._post_modifier_codes(match, matches, pos)), None)

    def _post_modifier_codes(self, match: Match, matches: list[Match], pos: int) -> list[str]:
        """The codes of the countries or organisations after the preposition, each of several
        coordinated ones ("the ambassadors of Arnor, Osgiliath and Gondor")."""
        head = self.doc[match.start:match.end].root
        objects = {o.i for p in head.children if p.dep_ == "prep" and p.lower_ in AFFILIATION
                   for o in p.children if o.dep_ == "pobj"}
        stack = list(objects)
        while stack:  # "Arnor, Osgiliath and Gondor": conjuncts hang on each other
            for conj in (c for c in self.doc[stack.pop()].children if c.dep_ == "conj"):
                objects.add(conj.i)
                stack.append(conj.i)
        codes = self._object_codes(objects, matches, pos)
        if not codes:  # "co-director of the Program at the Carnegie Endowment": one level deeper
            deeper = {o.i for i in objects for p in self.doc[i].children if p.dep_ == "prep"
                      and p.lower_ in AFFILIATION for o in p.children if o.dep_ == "pobj"}
            codes = self._object_codes(deeper, matches, pos, employers=True)
        return codes

    def _object_codes(self, objects: set[int], matches: list[Match], pos: int, employers: bool = False) -> list[str]:
        """Codes of the actors among ``objects``; with ``employers`` organisations only (a place
        deeper in the phrase is where, not for whom: "an advocate for human rights in Burma")."""
        codes: list[str] = []
        # the object's own modifiers count ("the director of the VOA Eurasian division")
        spans = [(self.doc[i].left_edge.i, i) for i in objects]
        for nxt in matches[pos + 1:pos + 4 + len(objects)]:
            if nxt.kind == "alias" and any(lo <= nxt.start <= i for lo, i in spans):
                index = self._pick(nxt, set())
                kind = self.kb.actors[index].kind if index is not None else "PERSON"
                code = self._scope_code(index) if kind != "PERSON" and not (employers and kind in ("GPE", "LOC")) \
                    and not (employers and self.kb.actors[index].key.startswith("gov:")) else None
                if code and code not in codes:
                    codes.append(code)
        return codes

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
        # full names first, so that "De Blasio" in a headline finds the "Bill de Blasio" below it
        inside = [e for e in self.view.ents if e.start >= start and e.end <= end and e.label_ in NAME_LABELS]
        for ent in sorted(_split_possessors(inside, self.view.lower), key=lambda e: e.label_ != "PERSON" or len(e) < 2):
            if any(i in self.taken for i in range(ent.start, ent.end)):
                continue
            words = _name_words(ent)
            if not words:
                continue
            last = _key(words[-1].lower_)
            if last in surnames and self._same_person(surnames[last], words):
                draft = surnames[last]
                self._add(draft.key, words[0].i, words[-1].i + 1, name=draft.name, kind=draft.kind, code=None,
                          role=None, evidence="surname")
                continue
            if ent.label_ == "PERSON" or self._personal_name(words):
                known = self._known_variant(words)
                if known is not None:  # "Charles E. Grassley", "John G. Roberts Jr."
                    draft = self._add_actor(known, words[0].i, words[-1].i + 1, "kb:name without initials")
                    surnames[last] = draft
                    continue
                surnames[last] = self._person(ent, words)
            elif ent.label_ == "ORG":
                self._organisation(ent, words)

    def _agent_in_name(self, match: Match) -> bool:
        """A capitalised agent word inside an organisation's name spaCy found ("the University of
        Michigan", "the Tulsa Police Department") is part of that name, not an agent phrase."""
        if match.kind != "agent" or not self.view.upper[match.start] or self.doc[match.start].is_sent_start:
            return False
        span = self.view.ent_span.get(match.start)
        if span is None or self.view.ent_type[match.start] != "ORG" or span[1] - span[0] <= match.end - match.start:
            return False
        # "Calenardhon Ministry", "MSF Arnor diplomat": a country or agent before it codes it, as PETRARCH does
        return match.start > span[0] and self.view.lower[match.start - 1] in ("the", "of", "for")

    def _known_variant(self, words: list[Token]) -> int | None:
        """The knowledge base's person a full name names once middle initials and "Jr." are left
        out ("John G. Roberts Jr." is John Roberts), when exactly one person has that name."""
        kept = [t.lower_ for t in words if not (NAME_INITIAL.fullmatch(t.text) or t.lower_.rstrip(".") in SUFFIXES
                                                or t.text == ",")]
        if len(kept) < 2 or len(kept) == len(words):
            return None
        people = {a.actor for a in self.kb.aliases.get(tuple(kept), ()) if a.how == "name"
                  and self.kb.actors[a.actor].kind == "PERSON"}
        return people.pop() if len(people) == 1 else None

    def _personal_name(self, words: list[Token]) -> bool:
        """A name spaCy labelled otherwise that is a person's ("Lester Holt" tagged ORG): two to
        four capitalised words, the first a given name, none a word of organisation names or
        known to the dictionaries ("Victoria Institute", "Jordan Valley" stay what they were)."""
        if not 2 <= len(words) <= 4 or words[0].lower_ not in self.kb.first_names:
            return False
        return all(t.text[:1].isupper() and not t.text.isupper() and t.i not in self.matched
                   and t.lower_ not in self.kb.org_heads and t.pos_ == "PROPN" for t in words)

    def _acronyms(self, start: int, end: int) -> None:
        """"the Alliance to Reclaim Our Schools (AROS)": capitals in brackets that spell the
        initials of the name before them stand for that organisation through the rest of the
        article; the organisation is made from the name if no one found it yet."""
        doc, lower = self.doc, self.view.lower
        defined: dict[str, Draft] = {}
        brackets = [b + 1 for b in range(start, end - 2) if lower[b] == "(" and lower[b + 2] == ")"]
        for i in brackets:
            if not doc[i].text.isupper() or not 2 <= len(doc[i]) <= 8:
                continue
            first = self._spelled_by(doc[i].text, i - 1)
            if first is None:
                continue
            owner = next((d for d in self.drafts.values() if d.kind == "ORG" and any(
                s <= i - 2 < e or s == i for s, e in d.mentions)), None)
            name = doc[first:i - 1].text
            if owner is None or owner.name == doc[i].text:
                span = doc[first:i - 1]
                owner = self._add(f"org:{name.lower()}", first, i - 1, name=name, kind="ORG",
                                  code=self._organisation_code(span, list(span)), role=None,
                                  evidence="name + acronym")
            defined[lower[i]] = owner
        for i in [i for i in range(start, end) if lower[i] in defined]:
            draft = defined[lower[i]]
            if doc[i].text.isupper():
                for other in self.drafts.values():  # spaCy's own entity for the letters
                    if other is not draft and (i, i + 1) in other.mentions:
                        other.mentions.remove((i, i + 1))
                        self.taken.discard(i)
                self._add(draft.key, i, i + 1)

    def _spelled_by(self, letters: str, bracket: int) -> int | None:
        """Where the capitalised words before ``bracket`` whose initials spell ``letters`` begin
        (small words such as "to" or "of" are skipped), or None."""
        i, want = bracket - 1, list(letters)
        while want and i >= 0 and bracket - i <= 2 * len(letters) + 2:
            word = self.doc[i].text
            if word[:1].isupper():
                if word[0] != want[-1]:
                    return None
                want.pop()
            elif word not in ("to", "of", "for", "on", "and", "the", "in", "&"):
                return None
            i -= 1
        return i + 1 if not want else None

    def _bare_surnames(self, start: int, end: int) -> None:
        """A capitalised word that is the surname of someone the article named in full is that
        person even where spaCy tagged no name ("Chaffetz declined", "Pagliano invoked")."""
        owners: dict[str, list[Draft]] = {}
        for draft in self.drafts.values():
            if draft.kind == "PERSON" and draft.surname and not draft.key.startswith("generic:") and " " in draft.name:
                owners.setdefault(draft.surname, []).append(draft)
        if not owners:
            return
        lower, upper, pos = self.view.lower, self.view.upper, self.view.pos
        for i in range(start, end):
            if not upper[i] or i in self.taken or pos[i] not in ("PROPN", "NOUN", "ADJ", "VERB"):
                continue
            drafts = owners.get(_key(lower[i]))
            span = self.view.ent_span.get(i)
            if drafts and len(drafts) > 1:  # "Trump" with Ivana Trump named too: the leader or nominee
                drafts = [d for d in drafts if d.known and self._prominent(self.kb.actors[self.kb.by_key[d.key]])]
            if drafts and len(drafts) == 1 and (span is None or span[1] - span[0] == 1):
                self._add(drafts[0].key, i, i + 1)

    def _first_names_only(self) -> None:
        """"his wife, Heidi" and later "Heidi Cruz": a lone first name of exactly one person the
        article names in full is that person."""
        full: dict[str, list[Draft]] = {}
        for draft in self.drafts.values():
            if draft.kind == "PERSON" and " " in draft.name and not draft.key.startswith("generic:"):
                full.setdefault(draft.name.split()[0].lower(), []).append(draft)
        for key, draft in list(self.drafts.items()):
            if draft.kind != "PERSON" or draft.known or " " in draft.name or not key.startswith("person:"):
                continue
            owners = full.get(draft.name.lower(), [])
            if len(owners) == 1 and draft.mentions:
                owners[0].mentions.extend(draft.mentions)
                del self.drafts[key]

    def _same_person(self, draft: Draft, words: list[Token]) -> bool:
        """"Bush", "George Bush" after George W. Bush, "De Blasio" with Bill de Blasio, "Holtz-Eakin"
        (three tokens, one word) after Douglas Holtz-Eakin; not "Laura Bush"."""
        said = [_key(w) for w in self.view.text[words[0].idx:words[-1].idx + len(words[-1])].lower().split()]
        known = [_key(w) for w in draft.name.lower().split()]
        if len(said) == 1 or said == known[-len(said):]:
            return True
        # "George Bush", and spellings of a known person's first name ("Francois Hollande")
        return said[0][:1] == known[0][:1] and (len(said) == 2 or draft.known)

    def _organisation(self, ent: Span, words: list[Token]) -> None:
        if tuple(t.lower_ for t in words) in self.kb.agents:
            return  # "his Administration": a common noun spaCy took for a name
        name = self.doc[words[0].i:words[-1].i + 1].text
        for draft in self.drafts.values():  # "The Times" after "The New York Times"
            if draft.kind == "ORG" and len(draft.name) > len(name) and draft.name.endswith(f" {name}"):
                self._add(draft.key, words[0].i, words[-1].i + 1)
                return
        code = self._organisation_code(ent, words)
        if words[0].text == "The" and words[0].is_sent_start and len(words) > 1 and code_sector(code) != "MED":
            name = name[4:]  # "The Tax Foundation estimates": capitalised by the sentence ("The Atlantic" keeps it)
        self._add(f"org:{name.lower()}", ent.start, ent.end, name=name, kind="ORG", code=code,
                  role=None, evidence="ner:ORG + name words" if code else "ner:ORG")

    def _organisation_code(self, ent: Span, words: list[Token]) -> str | None:
        """An unknown organisation's code from its name: the sector from a word such as
        "Institute" or "Police" (org_heads.tsv), the country from a place named in it ("Rhode
        Island School of Design") or right after it ("... in Mexico City"); a demonym in the name
        is no evidence ("Russian Heritage Institute" may well be American). Else uncoded."""
        for match in scan(self.doc, self.kb, words[0].i, words[-1].i + 1, self.view):
            actor = self.kb.actors[self.kb.best_alias(match.aliases, self.day).actor] if match.kind == "alias" \
                else None
            if actor is not None and actor.kind == "ORG" and match.start == words[0].i:
                code = actor.on(self.day)[0]
                if code and len(code) > 3:
                    return code  # "DNC Rules Committee", "Harvard Law School": a body of a known one
        lower = [t.lower_ for t in words]
        cut = next((n for n, w in enumerate(lower) if w in ("of", "for", "on", "at")), len(lower))
        sector = next((self.kb.org_heads[w] for w in lower[:cut] if w in self.kb.org_heads), None)
        if sector is None:
            return None
        after = ent.end + (1 if ent.end < len(self.doc) and self.view.lower[ent.end] in ("in", "at") else 0)
        for start, stop in ((ent.start, ent.end), (after, min(after + 4, len(self.doc)))):
            if start == ent.end:
                continue  # nothing right after the name says where it is
            for match in scan(self.doc, self.kb, start, stop, self.view):
                if match.kind != "alias" or (start == after and match.start > after + 1):
                    continue
                best = self.kb.best_alias(match.aliases, self.day)
                actor = self.kb.actors[best.actor]
                if best.how == "demonym":
                    continue
                country = code_country(actor.on(self.day)[0])
                if country and (actor.kind in ("GPE", "LOC") or actor.key.startswith("gov:")):
                    return f"{country}{sector}"
        return f"{self.default_country}{sector}"

    def _person(self, ent: Span, words: list[Token]) -> Draft:
        name = self.view.text[words[0].idx:words[-1].idx + len(words[-1])] if len(words) > 1 else words[0].text
        if "\n" in name or len(name) > 4 * len(" ".join(t.text for t in words)):
            name = " ".join(t.text for t in words)  # words that are not one stretch of text
        code, described = self._description(ent)
        before = self.view.lower[ent.start - 1] if ent.start else ""
        if self.view.lower[ent.start] in LEGISLATORS:
            before = self.view.lower[ent.start]  # spaCy took "Sens." into the name
        first = _first_conjunct(ent.root)
        if first.i < ent.start and first.i in self.view.ent_span:  # "Senators X and Y": Y too
            start = self.view.ent_span[first.i][0]
            before = self.view.lower[start - 1] if start else ""
        if PARTY_STATE.match(self.view.text, ent.end_char) and before not in LEGISLATORS:
            before = "rep."  # "Jon Tester (D-Mont.)": a member of Congress
        if before in LEGISLATORS and not (code or "").endswith("ELI"):
            # "Rep. X, an advocate for ...": the office the honorific names wins; "Former Gov. X": ELI
            past = any(w in NOT_CURRENT for w in self.view.lower[max(0, ent.start - 4):ent.start])
            code = f"{code_country(code) or self.default_country}{'ELI' if past else LEGISLATORS[before]}"
        gender = GENDERED.get(ent[0].lower_) or GENDERED.get(before) or (
            self.kb.first_names.get(words[0].lower_) if len(words) > 1 else None)
        draft = self._add(f"person:{name.lower()}", words[0].i, words[-1].i + 1, name=name, kind="PERSON",
                          code=code, role=None, evidence="ner:PERSON", surname=_key(words[-1].lower_), gender=gender)
        if described is not None and self.view.ent_type[described.root.i] != "ORG":  # an employer is no role
            draft.role = draft.role or _without_article(self.doc[described.start:described.root.i + 1])
            self._absorb(draft, described)
        return draft

    def _stated_roles(self) -> None:
        """A known person whose role on the date the KB does not know (a Phoenix code past the
        dictionaries' vintage, no curated role) takes the title the text gives them, read the way
        an unknown person's is ("Portugal's foreign minister, Augusto Santos Silva"), in the
        person's own country rather than the default one."""
        for draft in list(self.drafts.values()):  # absorbing drops generic drafts
            if not (draft.mentions and draft.known and draft.kind == "PERSON" and draft.role is None and len(draft.code or "") == 3):
                continue
            for start, end in list(draft.mentions):
                code, described = self._description(self.doc[start:end], draft.code)
                if code is not None and described is not None:
                    draft.code = code
                    draft.role = _without_article(self.doc[described.start:described.root.i + 1])
                    self._absorb(draft, described)
                    break

    def _apposed_descriptions(self) -> None:
        """"Ildefonso Guajardo, the Mexican secretary of the economy": a description in apposition
        to a person's name is a mention of that person, not an actor of its own."""
        owner = {i: d for d in self.drafts.values() if d.key.startswith("generic:") for s, e in d.mentions
                 for i in range(s, e)}
        if not owner:
            return
        for draft in self._named_people():
            for start, end in list(draft.mentions):
                head = self.doc[start:end].root
                while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
                    head = head.head  # "Guajardo" hangs on "Villarreal"
                for child in head.children:
                    other = owner.get(child.i)
                    if child.dep_ == "appos" and other is not None and other.kind == "PERSON" and other.mentions:
                        draft.mentions.extend(other.mentions)
                        other.mentions = []

    def _titled_names(self) -> None:
        """"Republican Secretary of State Jon Husted": a title right before a name is that
        person's, whatever the parse made of it; the person takes its code if the KB has none."""
        for title, at in self.titled:
            person = next((d for d in self.drafts.values() if d.kind == "PERSON" and d is not title
                           and not d.key.startswith("generic:") and any(s <= at < e for s, e in d.mentions)), None)
            if person is None or not title.mentions:
                continue
            if person.code is None or person.known and len(person.code) == 3:
                person.code, person.role = title.code, person.role or title.role
            person.mentions.extend(title.mentions)
            title.mentions = []

    def _attach_members(self) -> None:
        """Party-noun appositions join the person they describe (see :meth:`_party_member`)."""
        for start, end, head in self.members:
            person = next((d for d in self.drafts.values() if d.kind == "PERSON"
                           and any(s <= head < e for s, e in d.mentions)), None)
            if person is not None:
                self._add(person.key, start, end)

    def _absorb(self, draft: Draft, described: Span) -> None:
        """The description's own generic entity is the same person: move its mentions over (the
        one at the description's head or its conjuncts, not other actors inside it: "director of
        the Institute at New York University's law school")."""
        heads = {described.root.i, *(c.i for c in described.root.children if c.dep_ == "conj")}
        for key, other in list(self.drafts.items()):
            if key.startswith("generic:") and other.mentions and all(
                    described.start <= s and e <= described.end for s, e in other.mentions) and any(
                    s <= h < e for s, e in other.mentions for h in heads):
                draft.mentions.extend(other.mentions)
                del self.drafts[key]

    def _description(self, ent: Span, country: str | None = None) -> tuple[str | None, Span | None]:
        """Code (and the words giving it) from what the text says of an unknown person: an
        apposition ("Damon Wilson, a former National Security Council official"), the words before
        the name ("MSNBC host Chris Matthews", "police Chief Chuck Jordan") or a relative clause
        ("Derek Mitchell, who served as U.S. ambassador")."""
        doc, root = self.doc, ent.root
        candidates: list[tuple[Span, bool]] = [
            (doc[c.left_edge.i:c.right_edge.i + 1], False) for c in root.children if c.dep_ == "appos"]
        lefts = [c.left_edge.i for c in root.lefts if c.i < ent.start and c.dep_ in ("compound", "amod")]
        before_name = doc[min(lefts):ent.start] if lefts else None
        if before_name is not None:
            candidates.append((before_name, False))
        first = _first_conjunct(root)  # "two Vermont developers, Ariel Quiros and William Stenger"
        if first.dep_ == "appos" and first.head.i < ent.start:
            candidates.append((doc[first.head.left_edge.i:min(ent.start, first.left_edge.i)], False))
        # "Luis Rubio, who heads the Center of ...": the organisation's code is the person's
        clauses = [(c, o) for c in root.children if c.dep_ == "relcl" and c.lemma_ in LEADS
                   for o in c.children if o.dep_ == "dobj"]
        employers = [doc[o.left_edge.i:o.right_edge.i + 1] for _, o in clauses]
        candidates += [(span, c.tag_ == "VBD") for span, (c, _) in zip(employers, clauses)]
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":  # "X is the former mayor of Y"
            candidates += [(doc[c.left_edge.i:c.right_edge.i + 1], False) for c in root.head.children
                           if c.dep_ == "attr" and c.i > root.i]
        # "Lester Holt of NBC News", "NBC's Matt Lauer": whom the person works for
        if ent.end + 1 < len(doc) and self.view.lower[ent.end] == "of":
            employers.append(doc[ent.end + 1:min(ent.end + 6, len(doc))])
        employers += [doc[c.i:c.i + 1] for c in root.children if c.dep_ == "poss" and c.i < ent.start]
        candidates += [(span, False) for span in employers[len(clauses):]]
        # "James Acton, a physicist who is co-director of ...": the description's own clause too
        heads = [root, *(c for c in root.children if c.dep_ == "appos")]
        for clause in (c for h in heads for c in h.children if c.dep_ == "relcl" and c.lemma_ in ROLE_VERBS):
            roles = [c for c in clause.children if c.dep_ == "attr"]
            roles += [o for p in clause.children if p.dep_ == "prep" and p.lower_ == "as"
                      for o in p.children if o.dep_ == "pobj"]
            candidates += [(doc[r.left_edge.i:r.right_edge.i + 1], clause.tag_ == "VBD") for r in roles]
        # a description is read inside the span this builder covers: the span of a nested builder
        # only shrinks, so two names in apposition to each other cannot describe each other forever
        low, high = self.bounds
        for described, past in candidates:
            if described.start < low or described.end > high:
                continue
            # a known person's own country codes a bare agent ("the court's chief judge": USAJUD)
            # and so does the default country the words right before a name ("billionaire Tom Steyer")
            inner = EntityBuilder(doc, self.kb, country or self.default_country, self.view, self.first_names,
                                  bare_agents=True, descriptor=described is before_name,
                                  bare_sectors=None if country is not None or described is before_name
                                  else PRIVATE_JOBS)  # same Doc
            drafts = inner.run(described.start, described.end)
            coded = [d for d in drafts if d.code and (
                d.key.startswith("generic:") or d.kind == "ORG" and described in employers
                and min(d.mentions)[0] <= described.start + 1)
                and (country is None and described is not before_name
                     or any(s <= described.root.i < e for s, e in d.mentions))]
            if not coded:  # "director of the Institute for Policy Integrity": the employer's code
                coded = self._employers(described, drafts)
            if coded:
                # "the RT host and former MSNBC personality": "former" is the second role's only;
                # but a past office of state outranks a current job ("a senior fellow at the
                # Hoover Institution and a former ambassador" is a former official, ELI)
                roles = [(d.code or "", past or self._past(d, described)) for d in coded]
                code, past = next(((c, p) for c, p in roles if p and code_sector(c) in OFFICES_OF_STATE), roles[0])
                if past and code_country(code):
                    code = f"{code_country(code)}ELI"  # "who served as": no longer in office
                return code, described
        return None, None

    def _employers(self, described: Span, drafts: list[Draft]) -> list[Draft]:
        """Coded organisations a description names after a role word, in an "of/at/for/with"
        phrase ("director of the Institute ...", "a physicist who is co-director of the Program
        at the Carnegie Endowment"): whom the person works for."""
        lower = self.view.lower
        roles = [i for i in range(described.start, described.end) if (lower[i],) in self.kb.agents
                 or (lower[i],) in self.kb.titles or lower[i] in JOB_WORDS]
        if not roles:
            return []
        out = []
        for draft in drafts:
            if draft.kind != "ORG" or not draft.code or not draft.mentions:
                continue
            first = min(draft.mentions)[0]
            head = self.doc[first:max(e for _, e in draft.mentions)].root
            if first > roles[0] and head.dep_ == "pobj" and head.head.lower_ in AFFILIATION:
                out.append(draft)
        return out

    def _past(self, draft: Draft, described: Span) -> bool:
        """Whether a role in a description is marked as past ("former", "ex-", "retired")."""
        last = max(e for _, e in draft.mentions)
        if any(w in NOT_CURRENT for w in self.view.lower[described.start:last]):
            return True
        token = self.doc[min(draft.mentions)[0]]  # "an economist who served as director of the CBO"
        while described.start <= token.head.i < described.end and token.head.i != token.i:
            token = token.head
            if token.tag_ == "VBD" and token.lemma_ in ROLE_VERBS:
                return True
        return False

    # -- the words before a person's name belong to its mention ------------------------------
    def _descriptors(self) -> None:
        """"Democratic candidate Hillary Clinton", "Retired U.S. Air Force Gen. Norman Ham": the
        modifiers of the name, up to a determiner or another person, are part of the mention."""
        owner = {i: d for d in self.drafts.values() for s, e in d.mentions for i in range(s, e)}
        for draft in [d for d in self.drafts.values() if d.kind == "PERSON" and d.mentions]:
            for start, end in list(draft.mentions):
                first = self._descriptor_start(start, end, owner)
                if first == start:
                    continue
                # the nearest describing word with a sector codes the person: "Ohio Democratic Party
                # Chairman David Pepper" is the party's, not Ohio's
                near = [owner[i] for i in range(start - 1, first - 1, -1) if i in owner]
                others = [o for o in {id(o): o for o in near}.values()
                          if not (o is draft or o.kind == "PERSON" and o.known)]
                for other in others:
                    other.mentions = [(s, e) for s, e in other.mentions if not first <= s < start]
                if not draft.known and draft.code is None and others:
                    draft.code = max(others, key=lambda o: len(o.code or "") > 3).code
                if draft.known and len(draft.code or "") == 3 and \
                        any(w in NOT_CURRENT for w in self.view.lower[first:start]):
                    draft.code = f"{draft.code}ELI"  # "Retired Lt. Gen. Michael Flynn" before his office
                draft.mentions = [(s, e) for s, e in draft.mentions if not (first <= s and e <= end)]
                draft.mentions.append((first, end))
                for i in range(first, start):
                    owner[i] = draft
                    self.taken.add(i)

    def _home_places(self) -> None:
        """"Senator John McCain of Arizona", "President Xi Jinping of China", "Sen. Marco Rubio
        (Fla.)", "Claire McCaskill (D-Mo.)": a place in an "of" phrase or a party-and-state note
        right after a person's name says where the person is from or whom they represent; it is
        part of that person's mention, not an actor of its own ("Lester Holt of NBC News" keeps
        NBC; in "Pruitt, the attorney general of Oklahoma" the place belongs to the office)."""
        places = {s: (d, e) for d in self.drafts.values() if d.kind in ("GPE", "LOC") for s, e in d.mentions}
        for draft in self._named_people():
            for start, end in list(draft.mentions):
                stop = self._state_note(end)
                if end + 1 < len(self.doc) and self.view.lower[end] == "of" and end + 1 in places \
                        and start <= self.doc[end].head.i < end and self.doc[end].head.pos_ == "PROPN":
                    place, stop = places.pop(end + 1)
                    place.mentions.remove((end + 1, stop))
                if stop > end:
                    for inner in [s for s in places if end <= s < stop]:  # "(Fla.)": Florida is his state here
                        place, last = places.pop(inner)
                        place.mentions.remove((inner, last))
                    self._regrow(draft, (start, end), (start, stop))

    def _towns(self) -> None:
        """"Bridgeport, Conn.", "HEMPSTEAD, N.Y. —": a capitalised name right before a comma and a
        state the knowledge base knows is a town of that state's country (datelines, hometowns)."""
        view = self.view
        states = [(d, s) for d in self.drafts.values() if d.key.startswith("place:") and code_country(d.code)
                  for s, _ in d.mentions if s >= 2 and view.lower[s - 1] == ","]  # a state, not a country
        for state, at in states:
            end = at - 1
            country = code_country(state.code)
            # "Paris, Texas", "HEMPSTEAD, N.Y.": a name something else took (a foreign capital, an
            # unknown organisation) is the town
            other = next(((d, m) for d in self.drafts.values() for m in d.mentions if m[1] == end and d is not state
                          and (d.code is None or d.kind in ("GPE", "LOC") or d.key.startswith("gov:"))
                          and code_country(d.code) != country), None)
            if other is not None and other[0].kind != "PERSON":
                other[0].mentions.remove(other[1])
                self.taken.difference_update(range(*other[1]))
            start = end
            while start > max(0, end - 3) and view.upper[start - 1] and self.doc[start - 1].pos_ == "PROPN" \
                    and start - 1 not in self.taken and "\n" not in self.doc[start - 1].text:
                start -= 1
            if start == end:
                continue
            name = self.doc[start:end].text
            name = name.title() if name.isupper() else name
            self._add(f"town:{name.lower()}", start, end, name=name, kind="GPE", code=code_country(state.code),
                      role=None, evidence="town, state")

    def _employer_possessors(self) -> None:
        """"NBC's Lester Holt", "Fox News' Megyn Kelly": an organisation's possessive right before
        a person's name says whom the person works for, and belongs to that person's mention
        (a person's possessive, "Trump's running mate Mike Pence", stays that person's own)."""
        ends = {e: (d, s) for d in self.drafts.values() if d.kind == "ORG" for s, e in d.mentions}
        for draft in self._named_people():
            for start, end in list(draft.mentions):
                owner = ends.get(start - 1) if start >= 2 and self.view.lower[start - 1] in POSSESSIVE else None
                if owner is not None and (start - 1, end) not in draft.mentions:
                    org, first = owner
                    org.mentions.remove((first, start - 1))
                    self._regrow(draft, (start, end), (first, end))
                    del ends[start - 1]
                    if draft.code is None and not draft.known and org.code:
                        draft.code = org.code  # "NBC's Dante Chinni" works for NBC: USAMED

    def _regrow(self, draft: Draft, mention: tuple[int, int], grown: tuple[int, int]) -> None:
        """Replace one of a draft's mentions by a longer one around it (the words it took over
        belonged to other drafts, which the caller has let go of them)."""
        draft.mentions.remove(mention)
        draft.mentions.append(grown)
        self.taken.update(range(*grown))

    def _state_note(self, end: int) -> int:
        """The end of a "(D-Mo.)" or "(Fla.)" right after a name, else ``end``."""
        close = next((i for i in range(end + 1, min(end + 6, len(self.doc))) if self.view.lower[i] == ")"), None)
        if end >= len(self.doc) or self.view.lower[end] != "(" or close is None:
            return end
        note = self.view.text[self.doc[end].idx:self.doc[close].idx + 1]
        return close + 1 if STATE_NOTE.fullmatch(note) else end

    def _descriptor_start(self, start: int, end: int, owner: dict[int, Draft]) -> int:
        doc = self.doc
        root = doc[start:end].root
        if root.pos_ != "PROPN":
            return start
        first = start
        while first > 0:
            token = doc[first - 1]
            other = owner.get(first - 1)
            if other is not None and other.kind == "PERSON" and other.known:
                break  # "Clinton spokesman Jesse Lehrich": Clinton is someone else
            inside = first - 1 < token.head.i < end and token.dep_ in DESCRIBING
            if not inside or token.lower_ in POSSESSIVE or token.dep_ == "punct" and token.text != "-":
                break
            if token.text.endswith(".") and len(token) > 1 and token.lower_ not in HONORIFICS \
                    and self.view.upper[first]:
                break  # "... by the U.S. Trump signed off": perhaps a sentence the parser ran on
            first -= 1
        while first < start and doc[first].dep_ == "punct":
            first += 1
        return first


def _name_words(ent: Span) -> list[Token]:
    """The words of a name: no honorifics or possessive, no leading "the" of an organisation,
    and a person's name begins with a proper noun ("Will Trump ...?" in a headline is Trump)."""
    heading = [t.i for t in ent if t.text == ":" or "\n" in t.text]  # "Interests: The Council"
    words = [t for t in ent if t.lower_ not in HONORIFICS and t.text not in POSSESSIVE
             and (not heading or t.i > heading[-1])]
    if words and words[0].text == "the" and ent.label_ == "ORG":
        words = words[1:]
    while ent.label_ == "PERSON" and words and words[0].pos_ != "PROPN":
        words = words[1:]
    return words


def campaign_of(candidate: str, code: str | None, default_country: str) -> tuple[str, str]:
    """Name and code of a candidate's campaign: "Clinton campaign", an elite (ELI) of the
    candidate's country."""
    return f"{candidate.split()[-1]} campaign", f"{code_country(code) or default_country}ELI"


def _split_possessors(ents: list[Span], lower: list[str]) -> list[Span]:
    """spaCy's organisation names split at a possessive inside them ("Alphabet Inc's Google")."""
    out: list[Span] = []
    for ent in ents:
        cuts = [i for i in range(ent.start + 1, ent.end - 1) if lower[i] in ("'s", "’s")] if ent.label_ == "ORG" else []
        bounds = [ent.start, *[c for cut in cuts for c in (cut, cut + 1)], ent.end]
        out += [ent] if not cuts else [Span(ent.doc, a, b, label=ent.label_) for a, b in zip(bounds[::2], bounds[1::2])]
    return out


def _first_conjunct(token: Token) -> Token:
    """The first of coordinated words ("X and Y": X for Y)."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _key(word: str) -> str:
    """A word as a surname key: typographic apostrophes as plain ones ("O’Neill" = "O'Neill")."""
    return word.replace("’", "'")


def _without_article(span: Span) -> str:
    """A name without a leading lower-case article ("the Center for American Progress")."""
    words = span.text.split(" ", 1)
    return words[1] if len(words) == 2 and words[0] in ("the", "a", "an") else span.text
