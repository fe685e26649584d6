"""The actor knowledge base: countries, organisations, people with dated offices, agents, titles.

Everything comes from data files (``knowledge/data/``) or PETRARCH-format dictionaries and is
indexed once by normalised word sequences, so the component only does dictionary look-ups.
"""

from __future__ import annotations

import csv
import gc
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.knowledge.petrarch_actors import (
    DatedCode,
    DictActor,
    dictionary_files,
    dotless,
    is_agent_dictionary,
    normalize_phrase,
    parse_actor_dictionary,
    parse_agent_dictionary,
)

DATA = Path(__file__).resolve().parent / "data"
#: Sector codes that are not countries but whose holders still are "government" etc.
IGO_PREFIXES = ("IGO", "NGO", "MNC", "NGM", "IMG", "UIS", "INS")

Words = tuple[str, ...]
#: The office "leader" stands for whichever office leads a country (leaders.tsv).
LEADER = "leader"
#: Agent entries ending in a preposition ("EMBASSY_IN") would swallow the next word of a phrase.
DANGLING = {"in", "of", "to", "for", "at", "on", "from", "with", "by"}


#: Sectors of offices of state: having held one makes a person an elite (ELI) whatever job
#: they hold later (the judging convention of ``eventwire.evaluate.actors``).
OFFICES_OF_STATE = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "ELI"})
#: Sectors of private jobs (media, business, academia, civil society, churches, unions).
PRIVATE_SECTORS = frozenset({"MED", "JRN", "BUS", "EDU", "NGO", "LAB", "REL", "HLH"})


@dataclass(frozen=True)
class Tenure:
    """A code (and the office behind it, when known) held between two dates."""

    code: str
    start: date | None = None
    end: date | None = None
    role: str | None = None
    office: str | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Actor:
    """A real-world actor the knowledge base knows: person, organisation, country or government."""

    key: str
    name: str
    kind: str
    tenures: list[Tenure] = field(default_factory=list)
    default: str | None = None  # code when no dated tenure applies
    gender: str | None = None
    curated: bool = False  # from eventwire's own tables rather than a converted dictionary
    vintage: date | None = None  # open-ended tenures are only known up to this day (see load_phoenix)

    def _holds(self, tenure: Tenure, day: date) -> bool:
        """Whether a tenure is known to cover the day: an open-ended one only up to the vintage."""
        if self.vintage is not None and tenure.end is None and tenure.start is not None and day > self.vintage:
            return False
        return tenure.covers(day)

    def on(self, day: date | None) -> tuple[str | None, str | None]:
        """(code, role) on a date: the covering tenure, else the default, else 'former' office;
        after the vintage an open-ended tenure tells only the country (the role is unknown)."""
        if day is not None:
            covering = [t for t in self.tenures if self._holds(t, day)]
            if covering:
                # an office outranks a candidacy held at the same time (a governor running for VP)
                best = max(covering, key=lambda t: (not t.code.endswith("ELI"), t.start or date.min))
                served = [t for t in self.tenures if t.end is not None and t.end <= day
                          and code_sector(t.code) in OFFICES_OF_STATE]
                if served and code_sector(best.code) in PRIVATE_SECTORS and code_country(best.code):
                    # a past office of state outranks a private job: a former adviser now on TV is ELI
                    last = max(served, key=lambda t: t.end or date.min)
                    return f"{code_country(best.code)}ELI", f"former {last.role}" if last.role else best.role
                return best.code, best.role
        if self.default:
            return self.default, None
        stale = [t for t in self.tenures if day is not None and t.covers(day)]
        if stale:
            return code_country(stale[0].code) or stale[0].code, None
        past = [t for t in self.tenures if day is not None and t.end is not None and t.end <= day]
        if past:
            # a former office of state makes an elite; a former anchor stays media
            state = [t for t in past if code_sector(t.code) not in PRIVATE_SECTORS]
            last = max(state or past, key=lambda t: t.end or date.min)
            country = code_country(last.code)
            former = f"former {last.role}" if last.role else None
            return (f"{country}ELI" if country and state else last.code), former
        if self.tenures:
            return code_country(self.tenures[0].code), None
        return None, None

    def active(self, day: date | None) -> bool:
        return day is not None and any(self._holds(t, day) for t in self.tenures)

    def last_end(self, day: date | None) -> date:
        ends = [t.end or date.max for t in self.tenures if day is None or (t.start or date.min) <= day]
        return max(ends, default=date.min)


def undotted(words: Words) -> Words:
    """Words of a converted phrase indexed as the scan reads them ("u.n." as ``un``)."""
    if not any("." in w or "'" in w or "’" in w for w in words):
        return words
    return tuple(part for w in words for part in dotless(w))


def code_country(code: str | None) -> str | None:
    """The country part of a CAMEO-style code, or None for IGOs and unknown actors."""
    if not code or len(code) < 3 or code.startswith(("---", *IGO_PREFIXES)):
        return None
    head = code[:3]
    return head if head.isalpha() and head.isupper() else None


def code_sector(code: str | None) -> str | None:
    """The sector part: ``RUSGOV`` -> GOV, ``IGOUNO`` -> IGO, ``USA`` -> None."""
    if not code:
        return None
    if code.startswith(IGO_PREFIXES):
        return code[:3]
    return code[3:6] or None


def join_code(actor: str | None, agent: str, prefix: bool = False) -> str:
    """Combine an actor code and an agent code as PETRARCH does, without doubling a sector."""
    if prefix:
        return agent + (actor or "")  # "MSF" alone is an NGO, not "NGO---"
    base = actor or "---"
    return base + agent if len(base) <= 3 else base  # an actor with a sector keeps it


@dataclass(frozen=True)
class Alias:
    """What a word sequence can refer to: an actor and how it names it."""

    actor: int  # index into KnowledgeBase.actors
    how: str  # name, surname, demonym, seat


@dataclass(frozen=True)
class Agent:
    code: str
    prefix: bool = False


@dataclass(frozen=True)
class Title:
    office: str
    scope: str | None  # the only country/organisation this title is used for; None: any; "+": any named
    sector: str


class KnowledgeBase:
    """Actors, aliases, agents and titles, indexed by normalised word tuples."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.aliases: dict[Words, list[Alias]] = defaultdict(list)
        self.agents: dict[Words, Agent] = {}
        self.titles: dict[Words, list[Title]] = defaultdict(list)
        self.holders: dict[tuple[str, str], list[tuple[Tenure, int]]] = defaultdict(list)
        self.by_key: dict[str, int] = {}
        self.country_actor: dict[str, int] = {}
        self.government_actor: dict[str, int] = {}
        self.max_len: dict[str, int] = {}
        #: scope -> the offices "the leader" of that country names, in order ("*": any other)
        self.leader_offices: dict[str, list[str]] = {}
        #: words in an unknown organisation's name -> its sector ("Institute" -> EDU)
        self.org_heads: dict[str, str] = {}
        #: given names -> the gender they are used for ("lester" -> M), for unknown people
        self.first_names: dict[str, str] = {}

    # -- building -------------------------------------------------------------------------
    def add_actor(self, actor: Actor) -> int:
        if actor.key in self.by_key:
            return self.by_key[actor.key]
        self.actors.append(actor)
        self.by_key[actor.key] = len(self.actors) - 1
        return len(self.actors) - 1

    def add_alias(self, phrase: str, actor: int, how: str = "name") -> None:
        self.add_words(tuple(normalize_phrase(phrase).split()), actor, how)

    def add_words(self, words: Words, actor: int, how: str = "name") -> None:
        words = undotted(words)
        if len(words) > 1 and words[0] == "the":  # "the Kremlin": the article is not part of the name
            words = words[1:]
        if not words:
            return
        entry = Alias(actor, how)
        if entry not in self.aliases[words]:
            self.aliases[words].append(entry)
        self._grow(words)

    def add_agent(self, phrase: str, code: str, prefix: bool = False) -> None:
        words = tuple(normalize_phrase(phrase).split())
        if words and words[-1] not in DANGLING:
            self.agents[words] = Agent(code, prefix)
            self._grow(words)

    def add_title(self, phrase: str, title: Title) -> None:
        words = tuple(normalize_phrase(phrase).split())
        if words and title not in self.titles[words]:
            self.titles[words].append(title)
            self._grow(words)

    def _grow(self, words: Words) -> None:
        if len(words) > self.max_len.get(words[0], 0):
            self.max_len[words[0]] = len(words)

    # -- queries --------------------------------------------------------------------------
    def holder(self, scope: str, office: str, day: date | None) -> tuple[int, Tenure] | None:
        """Who held an office of a country/organisation on a date (the latest-started one)."""
        if day is None:
            return None
        if office == LEADER:
            for real in self.leader_offices.get(scope) or self.leader_offices.get("*", []):
                held = self.holder(scope, real, day)
                if held:
                    return held
            return None
        found = [(t, i) for t, i in self.holders.get((scope, office), ()) if t.covers(day)]
        if not found:
            return None
        tenure, actor = max(found, key=lambda p: p[0].start or date.min)
        return actor, tenure

    def best_alias(self, aliases: list[Alias], day: date | None) -> Alias:
        """Among homonyms prefer the one in office on the date, then curated, then most recent;
        a converted Phoenix entry yields where one of our institutions has the same name (its dated
        codes would otherwise win: "Islamic State" is IMGMOSISI, not Phoenix's IMGMUSISI)."""
        ours = any(self.actors[a.actor].curated and self.actors[a.actor].kind != "PERSON" for a in aliases)
        return max(
            aliases,
            key=lambda a: (
                not (ours and self.actors[a.actor].key.startswith("phoenix:")),
                self.actors[a.actor].active(day),
                self.actors[a.actor].curated,
                self.actors[a.actor].last_end(day),
            ),
        )


# -- loading ------------------------------------------------------------------------------
def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _date(cell: str | None) -> date | None:
    return date.fromisoformat(cell) if cell and cell.strip() else None


def load_countries(kb: KnowledgeBase, path: Path) -> None:
    """Countries and regions: names, demonyms and seats of government (metonyms for GOV)."""
    for row in _rows(path):
        code, name = row["code"], row["name"]
        kind = "LOC" if row.get("kind") == "region" else "GPE"
        country = kb.add_actor(Actor(f"country:{code}", name, kind, default=code, curated=True))
        kb.country_actor[code] = country
        for alias in [name, *_split(row["aliases"])]:
            kb.add_alias(alias, country)
        demonyms = _split(row["demonyms"])
        for demonym in demonyms:
            kb.add_alias(demonym, country, "demonym")
        gov_name = f"{demonyms[0]} government" if demonyms else f"Government of {name}"
        government = kb.add_actor(Actor(f"gov:{code}", gov_name, "ORG", default=f"{code}GOV", curated=True))
        kb.government_actor[code] = government
        for seat in _split(row["seats"]):
            kb.add_alias(seat, government, "seat")


def load_places(kb: KnowledgeBase, path: Path) -> None:
    """Places inside a country (US states...): coded with their country, named as themselves."""
    for row in _rows(path):
        place = kb.add_actor(Actor(f"place:{row['country']}:{row['name']}", row["name"], "GPE",
                                   default=row["country"], curated=True))
        for alias in [row["name"], *_split(row["aliases"])]:
            kb.add_alias(alias, place)


def load_leaders(kb: KnowledgeBase, path: Path) -> None:
    for row in _rows(path):
        kb.leader_offices[row["scope"]] = _split(row["offices"])


def load_orgs(kb: KnowledgeBase, path: Path) -> None:
    for row in _rows(path):
        key = f"org:{row['code']}:{row['name']}"
        actor = kb.add_actor(Actor(key, row["name"], "ORG", default=row["code"], curated=True))
        for alias in [row["name"], *_split(row["aliases"])]:
            kb.add_alias(alias, actor)


def load_org_heads(kb: KnowledgeBase, path: Path) -> None:
    for row in _rows(path):
        kb.org_heads[row["word"]] = row["sector"]


def load_first_names(kb: KnowledgeBase, path: Path) -> None:
    kb.first_names.update((row["name"], row["gender"]) for row in _rows(path))


def load_offices(kb: KnowledgeBase, path: Path) -> dict[str, str]:
    """Titles of offices; returns office -> sector, used to code the roles that fill them."""
    sectors: dict[str, str] = {}
    for row in _rows(path):
        scope = None if row["scope"] == "*" else row["scope"]  # "+" stays: a country must be named
        sectors[row["office"]] = row["sector"]
        for phrase in _split(row["titles"]):
            kb.add_title(phrase, Title(row["office"], scope, row["sector"]))
    return sectors


def load_people(kb: KnowledgeBase, people: Path, roles: Path, sectors: dict[str, str]) -> None:
    """People (with aliases and gender) and their dated roles; surnames become weak aliases."""
    for row in _rows(people):
        name = row["name"]
        actor = kb.add_actor(Actor(f"person:{name}", name, "PERSON", gender=row["gender"] or None, curated=True))
        for alias in [name, *_split(row["aliases"])]:
            kb.add_alias(alias, actor)
        surname = row.get("surname") or name.split()[-1]
        if surname != "-":
            kb.add_alias(surname, actor, "surname")
    for row in _rows(roles):
        actor = kb.by_key.get(f"person:{row['name']}")
        assert actor is not None, f"roles.tsv names an unknown person: {row['name']}"
        scope, office = row["scope"], row["office"]
        sector = sectors.get(office, "GOV")
        # an organisation's own office keeps its code (IGONAT, a party's chair USAPTYDEM); a party's
        # nominee is a person of the party's country (USAPTYREP nominee -> USAELI)
        code = scope if scope.startswith(IGO_PREFIXES) or code_sector(scope) == sector else scope[:3] + sector
        tenure = Tenure(code, _date(row["start"]), _date(row["end"]), row["role"] or None, office)
        kb.actors[actor].tenures.append(tenure)
        kb.holders[(scope, office)].append((tenure, actor))


def load_agents_table(kb: KnowledgeBase, path: Path) -> None:
    for row in _rows(path):
        code = row["code"]
        kb.add_agent(row["phrase"], code.strip("~"), prefix=code.endswith("~") and not code.startswith("~"))


def _dict_actor(phrases: list[str], codes: list[DatedCode], source: str) -> Actor:
    dated = [Tenure(c.code, c.start, c.end) for c in codes if c.start or c.end]
    default = next((c.code for c in codes if not (c.start or c.end)), None)
    # people's codes always carry a sector (RUSGOV, RUSELI); dated plain country codes are places
    person = bool(dated) and all(len(c.code) > 3 for c in codes)
    return Actor(f"{source}:{phrases[0]}", phrases[0].title(), "PERSON" if person else "ORG", dated, default)


def _curated_person(kb: KnowledgeBase, phrases: list[str]) -> int | None:
    """The curated person a dictionary entry names by a full (multi-word) name, if any."""
    for phrase in phrases:
        words = tuple(phrase.split())
        if len(words) < 2:
            continue
        for alias in kb.aliases.get(words, ()):
            actor = kb.actors[alias.actor]
            if alias.how == "name" and actor.curated and actor.kind == "PERSON":
                return alias.actor
    return None


def add_dict_actors(kb: KnowledgeBase, entries: Iterable[DictActor], source: str) -> None:
    """Add dictionary entries; an entry naming a curated person only lends it its aliases."""
    for entry in entries:
        curated = _curated_person(kb, entry.phrases)
        actor = curated if curated is not None else kb.add_actor(_dict_actor(entry.phrases, entry.codes, source))
        for phrase in entry.phrases:
            kb.add_words(tuple(phrase.split()), actor)


def load_phoenix(kb: KnowledgeBase, path: Path) -> None:
    """Phoenix people and institutions, converted once to JSON with normalised phrases.

    The Phoenix dictionaries stopped being maintained around 2015-2016, so a person's last code
    is often open-ended although the person has long changed office. Their vintage is computed
    here as the latest start date in the data (2015-02-17 for the bundled conversion): nobody
    recorded a change after it, so an open-ended code is trusted up to that day only and tells
    just the country afterwards. Computed rather than a constant so that a re-conversion of
    newer dictionaries moves it. User-supplied PETRARCH dictionaries (``load_dictionaries``) are
    the user's knowledge and get no such cut.
    """
    entries = json.loads(path.read_text(encoding="utf-8"))
    vintage = _date(max((s for _, codes in entries for _, s, _ in codes if s), default=""))
    added: list[Actor] = []
    for phrases, codes in entries:
        curated = _curated_person(kb, phrases)
        if curated is None:
            # Phoenix writes some Muslim armed groups IMGMUS..., CAMEO and our tables IMGMOS...
            dated = [DatedCode(c.replace("IMGMUS", "IMGMOS", 1), _date(s), _date(e)) for c, s, e in codes]
            curated = kb.add_actor(_dict_actor(phrases, dated, "phoenix"))
            added.append(kb.actors[curated])
        for phrase in phrases:
            words = tuple(phrase.split())
            if len(words) == 2 and words[0] == "the" and words[1] in kb.org_heads:
                continue  # "the foundation" (a synonym of El Rukn): a description, not a name
            kb.add_words(words, curated)
    for actor in added:
        actor.vintage = vintage


def load_agents_json(kb: KnowledgeBase, path: Path) -> None:
    for phrase, code, prefix in json.loads(path.read_text(encoding="utf-8")):
        words = undotted(tuple(phrase.split()))
        if words[-1] not in DANGLING:
            kb.agents[words] = Agent(code, bool(prefix))
            kb._grow(words)


def load_dictionaries(kb: KnowledgeBase, paths: Iterable[str | Path]) -> None:
    """PETRARCH-format actor and agent dictionaries (files or directories)."""
    for path in dictionary_files(paths):
        text = path.read_text(encoding="utf-8", errors="replace")
        if is_agent_dictionary(path, text):
            for agent in parse_agent_dictionary(text):
                kb.add_agent(agent.phrase, agent.code, agent.prefix)
        else:
            add_dict_actors(kb, parse_actor_dictionary(text), f"dict:{path.name}")


def build_kb(dictionaries: Iterable[str | Path] = (), replace_default: bool = False) -> KnowledgeBase:
    """Our tables (unless replaced) plus any PETRARCH dictionaries, later ones extending earlier.

    The garbage collector is paused while building: tens of thousands of small objects would
    otherwise trigger repeated full collections that cost more than the building itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_kb(dictionaries, replace_default)
    finally:
        if was_enabled:
            gc.enable()


def _build_kb(dictionaries: Iterable[str | Path], replace_default: bool) -> KnowledgeBase:
    kb = KnowledgeBase()
    if not replace_default:  # our titles too: a replacing dictionary's agents say what "minister" is
        sectors = load_offices(kb, DATA / "offices.tsv")
        load_leaders(kb, DATA / "leaders.tsv")
        load_countries(kb, DATA / "countries.tsv")
        load_places(kb, DATA / "places.tsv")
        load_orgs(kb, DATA / "orgs.tsv")
        load_org_heads(kb, DATA / "org_heads.tsv")
        load_first_names(kb, DATA / "first_names.tsv")
        load_people(kb, DATA / "people.tsv", DATA / "roles.tsv", sectors)
        load_phoenix(kb, DATA / "phoenix_actors.json")
        load_agents_json(kb, DATA / "agents_cameo.json")
        load_agents_table(kb, DATA / "agents.tsv")
    load_dictionaries(kb, dictionaries)
    return kb


@lru_cache(maxsize=8)
def cached_kb(dictionaries: tuple[str, ...] = (), replace_default: bool = False) -> KnowledgeBase:
    """The knowledge base, built once per process for each dictionary configuration."""
    return build_kb(dictionaries, replace_default)


def convert_phoenix(actor_files: Iterable[Path], agent_files: Iterable[Path], target: Path) -> int:
    """Convert Phoenix/PLOVER dictionaries into our JSON: people and institutions, not places.

    Plain three-letter codes without dates are places and country names, which our country table
    covers; everything dated (people) or with a sector (institutions) is kept. Agents from later
    files override earlier ones. Run once when the source dictionaries change (``python -m
    eventwire.knowledge.actors_convert``).
    """
    out = []
    for source in actor_files:
        for entry in parse_actor_dictionary(source.read_text(encoding="utf-8", errors="replace")):
            keep = any(c.start or c.end or len(c.code) > 3 for c in entry.codes)
            codes = [c for c in entry.codes if re.fullmatch(r"[A-Z]{3,}", c.code)]
            if keep and codes:
                out.append([entry.phrases, [[c.code, _iso(c.start), _iso(c.end)] for c in codes]])
    (target / "phoenix_actors.json").write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    agents: dict[str, list] = {}
    for source in agent_files:
        for agent in parse_agent_dictionary(source.read_text(encoding="utf-8", errors="replace")):
            agents[agent.phrase] = [agent.phrase, agent.code, int(agent.prefix)]
    (target / "agents_cameo.json").write_text(json.dumps(list(agents.values())), encoding="utf-8")
    return len(out)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
