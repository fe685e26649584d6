"""A minimal PETRARCH actor/agent dictionary coder, used by ``eventwire evaluate events`` when the
actors component cannot load PETRARCH-format dictionaries itself.

Actors: ``NAME [CODE]`` with ``+SYNONYM`` lines, dated codes (``[HOB < 950601]``,
``[HOBGOV 19950601 - 19990815]``) and compound codes (``[ELR/GAL]``). Agents: ``NAME {PLURALS}
[~GOV]`` (suffix) or ``[NGO~]`` (prefix), combined with a country in the same noun phrase, else
with ``---``. Matching is longest-first over token texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Token

from eventwire.analysis import Entity, TextSpan

_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class _Entry:
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # code, from, to (YYYYMMDD)

    def codes_on(self, day: str) -> list[str]:
        """The codes on a day: a dated code in force, else every plain one ("[FRO/BIL/SAM]")."""
        dated = [c for c, lo, hi in self.codes if (lo or hi) and (lo or "0") <= day <= (hi or "9")]
        plain = [c for c, lo, hi in self.codes if not lo and not hi]
        return [c for c in (dated[:1] or plain) if c != "---"]


def _day(text: str) -> str:
    text = text.strip()
    return ("19" + text if int(text[:2]) > 30 else "20" + text) if len(text) == 6 else text


def _parse_code(body: str) -> tuple[str, str, str]:
    body = body.strip()
    m = re.match(r"^(\S+)\s*([<>])\s*(\d+)$", body)
    if m:
        day = _day(m.group(3))
        return (m.group(1), "", day) if m.group(2) == "<" else (m.group(1), day, "")
    m = re.match(r"^(\S+)\s+(\d+)\s*-\s*(\d+)$", body)
    if m:
        return m.group(1), _day(m.group(2)), _day(m.group(3))
    return body.split()[0] if body else "---", "", ""


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[_\s]+", text.strip().upper()) if w)


def _lines(path: str) -> list[str]:
    text = re.sub(r"<!?\s*--.*?-->", "", Path(path).read_text("utf-8", errors="replace"), flags=re.S)
    return [re.sub(r"#.*", "", line).rstrip() for line in text.splitlines()]


class PetrarchActors:
    """Actor and agent phrases -> codes, from PETRARCH dictionary files."""

    def __init__(self, actor_files: list[str], agent_files: list[str]) -> None:
        self.actors: dict[tuple[str, ...], _Entry] = {}
        self.agents: dict[tuple[str, ...], str] = {}
        for path in actor_files:
            self._read_actors(path)
        for path in agent_files:
            self._read_agents(path)
        self.longest = max(map(len, [*self.actors, *self.agents]), default=1)

    def _read_actors(self, path: str) -> None:
        entry: _Entry | None = None
        for line in _lines(path):
            if not line.strip():
                continue
            codes = [_parse_code(c) for b in _CODE.findall(line) for c in [b]]
            name = _CODE.sub("", line).strip()
            if line[0].isspace() or not name:
                if entry is not None:
                    entry.codes.extend((c, lo, hi) for code, lo, hi in codes for c in code.split("/"))
                continue
            if name.startswith("+") and entry is not None:
                self.actors.setdefault(_phrase(name[1:]), entry)
                continue
            entry = _Entry([(c, lo, hi) for code, lo, hi in codes for c in code.split("/")])
            self.actors.setdefault(_phrase(name), entry)

    def _read_agents(self, path: str) -> None:
        macros: dict[str, list[str]] = {}
        for line in _lines(path):
            m = re.match(r"^\s*(![A-Z]+!)\s*=\s*(.*)$", line)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            code = _CODE.search(line)
            if not code or not line.strip():
                continue
            plurals = re.search(r"\{([^}]*)\}", line)
            name = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", line).strip()
            names = [name]
            for macro, words in macros.items():
                if macro in name:
                    names = [name.replace(macro, w) for w in words]
            names += plurals.group(1).split() if plurals else [n + "S" for n in names]
            for n in names:
                self.agents.setdefault(_phrase(n), code.group(1).replace(" ", ""))

    def _find(self, words: list[str], i: int) -> tuple[int, str, object] | None:
        for n in range(min(self.longest, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            if key in self.actors:
                return n, "actor", self.actors[key]
            if key in self.agents:
                return n, "agent", self.agents[key]
        return None

    def entities(self, doc: Doc, day: date | None) -> list[Entity]:
        """Entities with PETRARCH codes for a parsed Doc (codes chosen for the given date)."""
        when = day.strftime("%Y%m%d") if day else "99999999"
        words: list[str] = []
        owner: list[int] = []  # token index of each word ("Dol_Amroth" gives two words)
        for t in doc:
            for w in _phrase(t.text) or ("",):
                words.append(w if w in ("U.S.", "U.N.", "K.U.") else w.rstrip("."))
                owner.append(t.i)
        found: list[tuple[int, int, str, str]] = []  # start, end (tokens), kind, code
        i = 0
        while i < len(words):
            hit = self._find(words, i)
            if hit is None:
                i += 1
                continue
            n, kind, value = hit
            codes = value.codes_on(when) if kind == "actor" else [value]  # type: ignore[union-attr]
            found.extend((owner[i], owner[i + n - 1] + 1, kind, code) for code in codes)
            i += n
        return self._combine(doc, found)

    def _combine(self, doc: Doc, found: list[tuple[int, int, str, str]]) -> list[Entity]:
        actors = [f for f in found if f[2] == "actor"]
        used: set[int] = set()
        spans: list[tuple[int, int, str]] = []
        for start, end, kind, code in found:
            if kind != "agent":
                continue
            head = doc[start:end].root
            country = _country_for(head, actors, used)
            agent = code.strip("~")
            if country is None:
                spans.append((start, end, "---" + agent if code.startswith("~") else agent + "---"))
                continue
            full = _join(country[3], agent, code.startswith("~"))
            spans.append((start, end, full))
            for other in _in_phrase(head, actors, used):  # "Bree Prime Minister Romendacil": all one
                used.add(other[0])
                spans.append((other[0], other[1], full))
        spans += [(s, e, c) for s, e, _, c in actors if s not in used]
        by_code: dict[str, Entity] = {}
        for s, e, code in sorted(spans):
            span = doc[s:e]
            ent = by_code.setdefault(code, Entity(id=f"E{len(by_code) + 1}", name=span.text, kind="ACTOR",
                                                  code=code, evidence="PETRARCH dictionary"))
            ent.mentions.append(TextSpan(span.start_char, span.end_char, span.text))
        return list(by_code.values())


def _join(country: str, agent: str, suffix: bool) -> str:
    """Country and agent codes together, without doubling an agent the actor already has."""
    if suffix:
        return country if country.endswith(agent) else country + agent
    return country if country.startswith(agent) else agent + country


def _in_phrase(head: Token, actors: list[tuple[int, int, str, str]], used: set[int]):  # type: ignore[no-untyped-def]
    """Actors in the agent's noun phrase: "Gondor's government", "Arnor cleric", "activists in
    Arnor", "ambassadors of Arnor", "Bree Prime Minister Romendacil"."""
    np = {t.i for t in head.subtree} | {t.i for t in head.head.subtree if head.dep_ == "compound"}
    return [a for a in actors if a[0] not in used and any(i in np for i in range(a[0], a[1]))]


def _country_for(head: Token, actors: list[tuple[int, int, str, str]], used: set[int]):  # type: ignore[no-untyped-def]
    found = _in_phrase(head, actors, used)
    return found[0] if found else None
