"""Readers for PETRARCH/TABARI actor and agent dictionaries, so users can bring their own.

Actor dictionaries list a primary phrase, ``+synonym`` lines and code lines such as
``[RUSGOV 20040309-20120507]``, ``[HOB <950601]`` or ``[HOBREB >990816]`` (date-restricted codes).
Agent dictionaries map role words to a sector code that is joined to an actor code:
``[~GOV]`` appends it (RUS + GOV), ``[IGO~]`` prepends it. Words are joined by ``_`` or spaces;
PETRARCH does no stemming, so a trailing ``_`` is only a terminator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass(frozen=True)
class DatedCode:
    """A code valid from ``start`` up to, not including, ``end`` (either may be open), the
    convention of the knowledge base's tenures."""

    code: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class DictActor:
    """One actor entry: its phrases (primary first) and its (dated) codes."""

    phrases: list[str]
    codes: list[DatedCode] = field(default_factory=list)


@dataclass(frozen=True)
class DictAgent:
    """One agent phrase and the code it adds to an actor (``~GOV`` suffix or ``IGO~`` prefix)."""

    phrase: str
    code: str
    prefix: bool


def _strip_comments(text: str) -> str:
    return _COMMENT_BLOCK.sub(" ", text)


def _clean_line(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


_INITIALISM = re.compile(r"(?:[a-z]\.-?){2,}[a-z]?|[a-z]\.(?:-?[a-z]\.)+[a-z]?")


def dotless(word: str) -> list[str]:
    """A lower-case word as the knowledge base indexes it: dotted initialisms lose their dots, so
    "W.T.O." is "WTO" and "U.N." is "UN" ("a.f.l.-c.i.o." -> ``afl cio``, like "AFL-CIO"); a
    possessive is its own word, as spaCy splits it ("people's" -> ``people 's``)."""
    if word.endswith(("'s", "’s")):
        return [*dotless(word[:-2]), "'s"] if len(word) > 2 else ["'s"]
    if "." not in word or not _INITIALISM.fullmatch(word):
        return [word]
    return [part for part in word.replace(".", "").split("-") if part]


def normalize_phrase(raw: str) -> str:
    """``PRESIDENT_VLADIMIR_PUTIN_`` -> ``president vladimir putin``: the form phrases are indexed by."""
    words = [w for w in re.split(r"[_\s]+|(?<=\w)-(?=\w)", raw.strip().lower()) if w]
    return " ".join(part for w in words for part in dotless(w))


def parse_date(raw: str) -> date | None:
    """PETRARCH dates are YYYYMMDD or YYMMDD (years < 30 are 20YY); malformed ones are ignored."""
    digits = raw.strip()
    try:
        if len(digits) == 8:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            yy = int(digits[:2])
            return date(2000 + yy if yy < 30 else 1900 + yy, int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return None


def parse_code(block: str) -> DatedCode | None:
    """``RUSGOV 20040309-20120507`` / ``HOB <950601`` / ``HOBREB > 990816`` / ``USA``.

    ``<D`` ends before D; a range ``A-B`` includes its last day B, so its end is the day after."""
    body = block.strip()
    if not body:
        return None
    match = re.match(r"^([^\s<>\d][^\s<>]*)?\s*(.*)$", body)
    assert match is not None
    code, rest = (match.group(1) or "---"), match.group(2).replace(" ", "")
    if not rest:
        return DatedCode(code)
    if rest.startswith("<"):
        return DatedCode(code, end=parse_date(rest[1:]))
    if rest.startswith(">"):
        return DatedCode(code, start=parse_date(rest[1:]))
    if "-" in rest:
        lo, hi = rest.split("-", 1)
        last = parse_date(hi)
        return DatedCode(code, start=parse_date(lo), end=last + timedelta(days=1) if last else None)
    return DatedCode(code)


def parse_actor_dictionary(text: str) -> list[DictActor]:
    """Parse an actor dictionary's text into entries, keeping the order of the file."""
    entries: list[DictActor] = []
    current: DictActor | None = None
    for raw in _strip_comments(text).splitlines():
        line = _clean_line(raw)
        if not line.strip():
            continue
        head = line.split("[", 1)[0]
        codes = [c for c in (parse_code(b) for b in _CODE_BLOCK.findall(line)) if c is not None]
        if line[0] in " \t" or line.lstrip().startswith("["):
            if current is not None:
                current.codes.extend(codes)
            continue
        if line.startswith("+"):
            phrase = normalize_phrase(head[1:])
            if current is not None and phrase:
                current.phrases.append(phrase)
                current.codes.extend(codes)
            continue
        phrase = normalize_phrase(head)
        if phrase:
            current = DictActor([phrase], codes)
            entries.append(current)
    return entries


def _plurals(phrase: str) -> list[str]:
    """PETRARCH forms regular plurals of agent nouns itself: the last word gets -s/-es/-ies."""
    words = phrase.split(" ")
    last = words[-1]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return [" ".join(words[:-1] + [plural])]


def parse_agent_dictionary(text: str) -> list[DictAgent]:
    """Parse an agent dictionary, expanding ``!MACRO!`` substitutions and regular plurals."""
    macros: dict[str, list[str]] = {}
    agents: list[DictAgent] = []
    for raw in _strip_comments(text).splitlines():
        line = _clean_line(raw).strip()
        if not line:
            continue
        macro = _MACRO.match(line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        blocks = _CODE_BLOCK.findall(line)
        if not blocks:
            continue
        code = blocks[-1].strip().replace(" ", "")
        head = line.split("[", 1)[0]
        explicit = re.search(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", " ", head)
        prefix = code.endswith("~") and not code.startswith("~")
        code = code.strip("~")
        for variant in _expand_macros(head, macros):
            phrase = normalize_phrase(variant)
            if not phrase:
                continue
            forms = [phrase]
            if explicit is None:
                forms += _plurals(phrase)
            else:
                forms += [normalize_phrase(p) for p in explicit.group(1).split(",") if p.strip()]
            agents.extend(DictAgent(f, code, prefix) for f in forms)
    return agents


def _expand_macros(head: str, macros: dict[str, list[str]]) -> Iterator[str]:
    found = re.search(r"![A-Z]+!", head)
    if not found or found.group(0) not in macros:
        yield head.replace(found.group(0), " ") if found else head
        return
    for word in macros[found.group(0)]:
        yield from _expand_macros(head.replace(found.group(0), "_" + word, 1), macros)


def is_agent_dictionary(path: Path, text: str) -> bool:
    """Agent files name themselves ``*agents*`` or code everything with a ``~``."""
    if "agent" in path.name.lower():
        return True
    blocks = _CODE_BLOCK.findall(text[:20000])
    return bool(blocks) and all("~" in b for b in blocks)


def dictionary_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into their dictionary files (actor/agent ``.txt``), keeping file order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(
                p for p in path.iterdir()
                if p.suffix == ".txt" and ("actor" in p.name.lower() or "agent" in p.name.lower())
            )
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"actor dictionary not found: {path}")
    return files
