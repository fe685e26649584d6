"""Matching PETRARCH verb patterns against the dependency parse around a trigger token.

Words after ``*`` are looked for in the trigger's own phrase (its dependency subtree, without the
subject and without other clauses), words before it in the sentence before the trigger. A space
in a pattern lets other words come between; ``_`` does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc, Span, Token

from eventwire.knowledge.verbs import MARKERS, Code, Pattern, Unit, Verb, Words

#: Children that start another participant or clause: not part of the trigger's own phrase.
_OUTSIDE = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "advcl", "conj", "cc",
                      "parataxis", "punct", "mark", "expl", "aux", "auxpass", "neg", "agent"})
#: Deeper down, clauses that are events of their own (a verb's own complement clause stays:
#: PETRARCH reads "Arnor believes Dagolath can cope" as Arnor -> Dagolath).
_CLAUSES = frozenset({"ccomp", "advcl", "parataxis", "relcl"})


@dataclass
class Match:
    """The pattern (or the verb's default) that codes a trigger, and where its markers point."""

    verb: Verb
    code: Code
    pattern: Pattern | None
    words: int
    markers: dict[str, int] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # token indices of matched words

    @property
    def evidence(self) -> str:
        where = self.pattern.text if self.pattern else f"* [{_code_text(self.code)}] (default)"
        return f"{self.verb.source} {self.verb.word}: {where}"


def _code_text(code: Code) -> str:
    return f"{code.forward or '---'}" + (f":{code.reverse}" if code.reverse else "")


def keys(tok: Token) -> frozenset[str]:
    """Every pattern word this token can match: itself, its lemma, and its stem before a regular
    inflection (S, ES, D, ED, ING, IES), so DIPLOMAT matches "diplomats"."""
    return _keys(tok.text, tok.lemma_)


@lru_cache(maxsize=65536)
def _keys(text: str, lemma: str) -> frozenset[str]:
    text = text.upper()
    out = {text, lemma.upper(), text + "S"}
    for suffix, back in (("S", ""), ("ES", ""), ("D", ""), ("ED", ""), ("ING", ""), ("IES", "Y")):
        if text.endswith(suffix):
            out.add(text[: -len(suffix)] + back)
    return frozenset(out)


class DocWords:
    """What matching needs of one Doc, computed once: every token's keys and each trigger's phrase.
    Made per call, so a coder shared between threads keeps no per-Doc state."""

    def __init__(self, doc: Doc, sentences: Iterable[Span]) -> None:
        self.keys: list[frozenset[str]] = [frozenset()] * len(doc)  # only the sentences coded need them
        #: token -> the first token of its sentence (``Token.sent`` walks the parse on every call)
        self.sent_start: dict[int, int] = {}
        bounds = [(s.start, s.end) for s in sentences]
        positions = [i for start, end in bounds for i in range(start, end)]
        if positions:  # token strings over arrays: no Token object per token
            ids = doc.to_array([ORTH, LEMMA])[positions].tolist()
            strings = doc.vocab.strings
            for i, (orth, lemma) in zip(positions, ids):
                self.keys[i] = _keys(strings[orth], strings[lemma])
        for start, end in bounds:
            self.sent_start.update(dict.fromkeys(range(start, end), start))
        self._phrases: dict[int, list[Token]] = {}

    def phrase(self, trigger: Token) -> list[Token]:
        found = self._phrases.get(trigger.i)
        if found is None:
            found = self._phrases[trigger.i] = phrase(trigger)
        return found


def phrase(trigger: Token) -> list[Token]:
    """The trigger's own phrase after it, in text order."""
    out: list[Token] = []
    stack = [c for c in trigger.children if c.dep_ not in _OUTSIDE and c.i > trigger.i]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)


def _match_words(item: Words, tk: list[frozenset[str]], i: int, allowed: set[int]) -> int:
    """How many tokens from i the longest of the item's alternatives covers (0: none matches)."""
    if i not in allowed:
        return 0
    best = 0
    for key in tk[i]:
        for alt in item.by_first.get(key, ()):  # longest first
            if len(alt) <= best:
                break
            if all(i + k in allowed and w in tk[i + k] for k, w in enumerate(alt[1:], 1)):
                best = len(alt)
                break
    return best


def _match_unit(unit: Unit, tk: list[frozenset[str]], start: int, allowed: set[int]) -> tuple[int, dict[str, int]] | None:
    i, markers = start, {}
    for item in unit:
        if isinstance(item, str):
            markers[item] = i
            continue
        n = _match_words(item, tk, i, allowed)
        if not n:
            return None
        i += n
    return i, markers


def _match_post(pattern: Pattern, trigger: Token, scope: list[Token], allowed: set[int], tk: list[frozenset[str]]):  # type: ignore[no-untyped-def]
    pos, markers, used = trigger.i + 1, {}, set()
    starts = [t.i for t in scope]
    for n, unit in enumerate(pattern.post):
        candidates = [pos] if (n == 0 and pattern.post_attached) else [s for s in starts if s >= pos] or [pos]
        for s in candidates:
            hit = _match_unit(unit, tk, s, allowed)
            if hit:
                used.update(range(s, hit[0]))
                pos, markers = hit[0], {**markers, **hit[1]}
                break
        else:
            return None
    return markers, used


def _match_pre(pattern: Pattern, trigger: Token, tk: list[frozenset[str]], first: int) -> tuple[dict[str, int], set[int]] | None:
    limit, markers, used = trigger.i, {}, set()
    allowed = set(range(first, trigger.i))
    for n, unit in enumerate(reversed(pattern.pre)):
        found = None
        for s in range(limit - 1, first - 1, -1):
            hit = _match_unit(unit, tk, s, allowed)
            if hit and hit[0] <= limit and (n or not pattern.pre_attached or hit[0] == limit):
                found = (s, hit)
                break
        if found is None:
            return None
        s, (end, m) = found
        used.update(range(s, end))
        limit, markers = s, {**markers, **m}
    return markers, used


def _phrasal_ok(verb: Verb, trigger: Token) -> bool:
    """A phrasal verb ("KICK_OUT") needs its other words right next to the trigger or as particles."""
    doc = trigger.doc
    near = {t.text.upper() for t in doc[trigger.i + 1 : trigger.i + 4]}
    near |= {c.text.upper() for c in trigger.children if c.dep_ == "prt"}
    before = [t.text.upper() for t in doc[max(0, trigger.i - len(verb.before)) : trigger.i]]
    return all(w in near for w in verb.after) and (not verb.before or before == list(verb.before))


def _compound_at(doc: Doc, position: int, allowed: set[int]) -> bool:
    """Whether the first noun from a marker's position on is coordinated ("the Philippines and France")."""
    noun = next((doc[i] for i in sorted(allowed) if i >= position and doc[i].pos_ in ("NOUN", "PROPN")), None)
    return noun is not None and any(c.dep_ == "conj" for c in noun.children)


def _meets(needs: tuple[frozenset[str], ...], present: set[str]) -> bool:
    return all(not need.isdisjoint(present) for need in needs)


def best_match(verbs: list[Verb], trigger: Token, words: DocWords, compound: bool = False) -> Match | None:
    """The most specific pattern of the candidate verbs; on a tie the later dictionary wins.
    Patterns marked ``%`` (a compound actor) apply only when the source (``%`` before the verb)
    or the phrase at the marker (after it) is compound, and then count as one word more specific."""
    tk = words.keys
    scope = words.phrase(trigger)
    allowed = {t.i for t in scope}
    post_keys = set().union(*(tk[t.i] for t in scope))
    first = words.sent_start.get(trigger.i)
    if first is None:
        first = trigger.sent.start
    pre_keys = set().union(*tk[first : trigger.i])
    best: tuple[int, int, Match] | None = None
    for rank, verb in enumerate(verbs):
        if (verb.before or verb.after) and not _phrasal_ok(verb, trigger):
            continue
        bonus = len(verb.before) + len(verb.after)
        found = Match(verb, verb.default_code, None, bonus)
        for pattern in verb.block.patterns:
            extra = 1 if pattern.compound or pattern.compound_target else 0
            if (pattern.compound and not compound) or pattern.words + bonus + extra <= found.words:
                continue
            if not (_meets(pattern.need_post, post_keys) and _meets(pattern.need_pre, pre_keys)):
                continue
            post = _match_post(pattern, trigger, scope, allowed, tk)
            if post is not None and pattern.compound_target and not _compound_at(trigger.doc, post[0]["%"], allowed):
                continue
            pre = _match_pre(pattern, trigger, tk, first) if post is not None else None
            if post is not None and pre is not None:
                found = Match(verb, pattern.code, pattern, pattern.words + bonus + extra,
                              {**pre[0], **post[0]}, pre[1] | post[1])
        key = (found.words, rank)
        if best is None or key >= best[:2]:
            best = (found.words, rank, found)
    if best is None or best[2].code.suppressed:
        return None
    return best[2]


__all__ = ["MARKERS", "DocWords", "Match", "best_match", "keys", "phrase"]
