"""PETRARCH-format verb pattern dictionaries, read as they are and indexed by verb lemma.

The format (PETRARCH2's ``CAMEO.2.0.txt``, the validation suite's verbs file, eventwire's own
nominal-event file): ``&NAME`` synonym sets with ``+MEMBER`` lines; ``--- NAME [code] ---`` verb
blocks listing verbs (``EXPEL {EXPELS EXPELLED}``, ``+KICK_OUT``, an optional ``[code]`` per verb)
and patterns ``- PRE * POST [code]``. In patterns ``*`` is the verb, ``$``/``+``/``%`` mark the
source, target and a compound actor, ``&NAME`` a synonym set, ``_`` joins words that must be
adjacent (a space allows words in between), ``(...)`` and ``{...}`` group a phrase. ``[a:b]``
codes the event a source->target and b target->source; ``[---]`` suppresses coding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

MARKERS = ("$", "+", "%")
_CODE = re.compile(r"^\d{2,4}[A-Z]?$")
_HEADER = re.compile(r"^---+\s*(\S+)\s*\[([^\]]*)\]\s*---")
_BRACKET = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True, eq=False)
class Words:
    """The word sequences an item may match (one for a word, many for a synset), indexed by first
    word so a token is tried only against the alternatives that can start with it."""

    seqs: tuple[tuple[str, ...], ...]
    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, seqs: tuple[tuple[str, ...], ...]) -> "Words":
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for seq in sorted(set(seqs), key=len, reverse=True):  # longest first
            by_first.setdefault(seq[0], []).append(seq)
        return cls(seqs, {k: tuple(v) for k, v in by_first.items()})


#: An item of a pattern: the words it may match, or a one-character actor marker ("$", "+", "%").
Item = Words | str
#: Items that must match adjacent tokens.
Unit = tuple[Item, ...]


@dataclass(frozen=True)
class Code:
    """A pattern's coding: the event source->target, the reverse event, or a suppression."""

    forward: str | None
    reverse: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.forward is None and self.reverse is None


@dataclass(frozen=True)
class Pattern:
    """One ``- PRE * POST [code]`` line of a verb block."""

    pre: tuple[Unit, ...]  # units before the verb, in text order
    post: tuple[Unit, ...]  # units after the verb, in text order
    pre_attached: bool  # the last pre unit ends right before the verb ("FAILED_TO_*")
    post_attached: bool  # the first post unit starts right after it ("*_OUT")
    code: Code
    text: str
    words: int  # how many words it needs: more words, more specific
    #: For each word item before/after the verb, the words it can start with: a pattern whose
    #: sets do not all meet the sentence's words cannot match (a cheap filter before matching).
    need_pre: tuple[frozenset[str], ...] = ()
    need_post: tuple[frozenset[str], ...] = ()
    compound: bool = False  # ``%`` before the verb: a compound source ("Gondor and Osgiliath agree")
    compound_target: bool = False  # ``%`` after it: a compound target ("agrees with Gondor and Osgiliath")


@dataclass
class Block:
    """A verb family: its default code and the patterns that refine it."""

    name: str
    code: Code
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Verb:
    """One verb of a block: its lemma, the words a phrasal form needs, a code of its own."""

    lemma: str
    block: Block
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    code: Code | None = None
    source: str = ""  # the dictionary's name, for evidence
    word: str = ""  # the verb as the dictionary lists it (EXPEL for "expelled"), for evidence

    @property
    def default_code(self) -> Code:
        return self.code or self.block.code


@dataclass
class VerbDictionary:
    """Verbs indexed by lower-case lemma and by their irregular forms."""

    index: dict[str, list[Verb]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def lists(self, word: str) -> bool:
        """Whether ``lookup`` finds anything under this lemma or form."""
        return word.lower() in self.index

    def lookup(self, lemma: str, form: str) -> list[Verb]:
        found = list(self.index.get(lemma.lower(), []))
        keys = {(id(v.block), v.word) for v in found}
        if form.lower() != lemma.lower():
            found += [v for v in self.index.get(form.lower(), []) if (id(v.block), v.word) not in keys]
        return found

    def extend(self, other: "VerbDictionary") -> "VerbDictionary":
        """A dictionary with other's verbs consulted alongside this one's."""
        merged = VerbDictionary({k: list(v) for k, v in self.index.items()}, self.blocks + other.blocks)
        for key, verbs in other.index.items():
            merged.index.setdefault(key, []).extend(verbs)
        return merged


def parse_code(text: str) -> Code | None:
    """``042:043`` -> forward and reverse; ``---`` -> suppression; None for codes not usable."""
    forward, _, reverse = text.strip().partition(":")
    forward, reverse = forward.strip(), reverse.strip()
    if forward in ("", "---") and reverse in ("", "---"):
        return Code(None) if forward == "---" or reverse == "---" else None
    ok = [c for c in (forward, reverse) if c and c != "---"]
    if not all(_CODE.match(c) for c in ok):
        return None
    return Code(forward if _CODE.match(forward) else None, reverse if _CODE.match(reverse) else None)


def _needed(units: list[Unit]) -> tuple[frozenset[str], ...]:
    """Each word item's possible first words, smallest sets first (they reject soonest)."""
    sets = {frozenset(i.by_first) for u in units for i in u if isinstance(i, Words)}
    return tuple(sorted(sets, key=len))


def _strip_comment(line: str) -> str:
    # '#' starts a comment except inside a code such as [###] (junk codes are dropped later).
    out, depth = [], 0
    for ch in line:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            break
        out.append(ch)
    return "".join(out).rstrip()


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[_\s]+", text.upper()) if w)


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.raw_synsets: dict[str, list[str]] = {}
        self.blocks: list[tuple[Block, list[str], list[str]]] = []  # block, verb lines, pattern lines
        self._read(text)
        self.synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
        self.compiled: dict[str, Words] = {}

    def _read(self, text: str) -> None:
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        synset: list[str] | None = None
        block: tuple[Block, list[str], list[str]] | None = None
        for raw in text.splitlines():
            line = _strip_comment(raw).strip()
            if not line or line.startswith("~") or line.startswith("<"):
                synset = None if not line else synset
                continue
            if line.startswith("&"):
                synset = self.raw_synsets.setdefault(line.split()[0][1:].rstrip("_").upper(), [])
                continue
            if synset is not None and line.startswith("+"):
                synset.append(line[1:].strip())
                continue
            synset = None
            header = _HEADER.match(line)
            if header:
                code = parse_code(header.group(2)) or Code(None)
                block = (Block(header.group(1).upper(), code), [], [])
                self.blocks.append(block)
            elif block is not None and line.startswith("-"):
                block[2].append(line[1:].strip())
            elif block is not None:
                block[1].append(line)

    def expand(self, name: str, seen: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
        """A synset's members as word sequences, nested synsets expanded."""
        key = name.rstrip("_").upper()
        if key in self.synsets:
            return self.synsets[key]
        out: list[tuple[str, ...]] = []
        for member in self.raw_synsets.get(key, []):
            if member.startswith("&") and member not in seen:
                out.extend(self.expand(member[1:], seen | {member}))
            elif member and not member.startswith("&"):
                out.append(_words(member))
        result = tuple(sorted(set(out), key=len, reverse=True))
        self.synsets[key] = result
        return result

    def unit(self, token: str) -> Unit:
        items: list[Item] = []
        for piece in token.split("_"):
            if not piece or piece == "^":  # "^" (TABARI's skip) needs no word of its own
                continue
            if piece in MARKERS:
                items.append(piece)
            elif piece.startswith("&"):
                key = piece[1:].rstrip("_").upper()
                if key not in self.compiled:  # an unknown synset never matches
                    self.compiled[key] = Words.of(self.expand(key) or (("\x00",),))
                items.append(self.compiled[key])
            else:
                items.append(Words.of(tuple((w,) for w in piece.upper().split("/"))))
        return tuple(items)

    def pattern(self, line: str) -> Pattern | None:
        m = _BRACKET.search(line)
        if not m:
            return None
        code = parse_code(m.group(1))
        body = re.sub(r"[(){}]", " ", line[: m.start()])
        if code is None or "*" not in body:
            return None
        tokens = body.split()
        pre: list[Unit] = []
        post: list[Unit] = []
        pre_att = post_att = False
        seen_verb = False
        for tok in tokens:
            if "*" in tok:
                left, _, right = tok.partition("*")
                if left.strip("_"):
                    pre.append(self.unit(left))
                    pre_att = left.endswith("_")
                if right.strip("_"):
                    post.append(self.unit(right))
                    post_att = right.startswith("_")
                seen_verb = True
            else:
                (post if seen_verb else pre).append(self.unit(tok))
        words = sum(1 for u in pre + post for i in u if i not in MARKERS)
        return Pattern(tuple(pre), tuple(post), pre_att, post_att, code, " ".join(line[: m.end()].split()),
                       words, _needed(pre), _needed(post), any("%" in unit for unit in pre),
                       any("%" in unit for unit in post))

    def verbs(self, block: Block, line: str) -> list[Verb]:
        m = _BRACKET.search(line)
        own = parse_code(m.group(1)) if m else None
        forms_m = re.search(r"\{([^}]*)\}", line)
        head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
        if not head:
            return []
        base = self._verb(block, head[0], own, "")
        out = [base]
        for form in (forms_m.group(1).split() if forms_m else []):
            out.append(self._verb(block, form, own, base.word))
        return out

    def _verb(self, block: Block, word: str, code: Code | None, base: str) -> Verb:
        parts = [p for p in word.split("_") if p]
        idx = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
        lemma = parts[idx].lstrip("+")
        return Verb(lemma.lower(), block, tuple(p.upper() for p in parts[:idx]),
                    tuple(p.upper() for p in parts[idx + 1 :]), code, self.name, base or lemma.upper())

    def dictionary(self) -> VerbDictionary:
        vd = VerbDictionary()
        for block, verb_lines, pattern_lines in self.blocks:
            block.patterns = [p for p in map(self.pattern, pattern_lines) if p is not None]
            vd.blocks.append(block)
            for line in verb_lines:
                for verb in self.verbs(block, line):
                    vd.index.setdefault(verb.lemma, []).append(verb)
        return vd


def read_verb_dictionary(text: str, name: str) -> VerbDictionary:
    """Parse PETRARCH verb-dictionary text; ``name`` goes into evidence strings."""
    return _Reader(text, name).dictionary()


@lru_cache(maxsize=16)
def load_verb_dictionary(path: str) -> VerbDictionary:
    """A verb dictionary file, read once per process."""
    p = Path(path)
    return read_verb_dictionary(p.read_text("utf-8", errors="replace"), p.name.removesuffix(".txt"))


def packaged(name: str) -> str:
    """Path of a dictionary shipped in ``knowledge/data/verbs/``."""
    return str(resources.files("eventwire.knowledge").joinpath("data", "verbs", name))


#: eventwire's default verbs: PETRARCH2's CAMEO verbs, then our refinements for news usage.
DEFAULT_VERB_FILES = ("CAMEO.2.0.txt", "eventwire.verbs.txt")
#: eventwire's nominal events ("the invitation to Putin"), in the same format.
DEFAULT_NOMINAL_FILES = ("eventwire.nominals.txt",)


@lru_cache(maxsize=4)
def load_verbs(paths: tuple[str, ...]) -> VerbDictionary:
    """Several dictionaries consulted together, in order."""
    merged = VerbDictionary()
    for path in paths:
        merged = merged.extend(load_verb_dictionary(path))
    return merged
