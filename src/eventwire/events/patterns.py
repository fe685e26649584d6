"""Matching PETRARCH verb patterns against the dependency parse around a trigger token.

Words after ``*`` are looked for in the trigger's own phrase (its dependency subtree, without the
subject and without other clauses), words before it in the sentence before the trigger. A space
in a pattern lets other words come between; ``_`` does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from eventwire.knowledge.verbs import MARKERS, Code, Pattern, Unit, Verb

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
        return f"{self.verb.source} {self.verb.lemma.upper()}: {where}"


def _code_text(code: Code) -> str:
    return f"{code.forward or '---'}" + (f":{code.reverse}" if code.reverse else "")


@lru_cache(maxsize=8192)
def _forms(word: str) -> frozenset[str]:
    forms = {word, word + "S", word + "ES", word + "D", word + "ED", word + "ING"}
    if word.endswith("Y"):
        forms.add(word[:-1] + "IES")
    if word.endswith("S"):
        forms.add(word[:-1])
    return frozenset(forms)


def word_matches(word: str, tok: Token) -> bool:
    text = tok.text.upper()
    return text == word or tok.lemma_.upper() == word or text in _forms(word)


def phrase(trigger: Token) -> list[Token]:
    """The trigger's own phrase after it, in text order."""
    out: list[Token] = []
    stack = [c for c in trigger.children if c.dep_ not in _OUTSIDE and c.i > trigger.i]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)


def _match_unit(unit: Unit, doc, start: int, allowed: set[int]) -> tuple[int, dict[str, int]] | None:  # type: ignore[no-untyped-def]
    i, markers = start, {}
    for item in unit:
        if isinstance(item, str):
            markers[item] = i
            continue
        for alt in item:
            if all(i + k in allowed and word_matches(w, doc[i + k]) for k, w in enumerate(alt)):
                i += len(alt)
                break
        else:
            return None
    return i, markers


def _match_post(pattern: Pattern, trigger: Token, scope: list[Token], allowed: set[int]):  # type: ignore[no-untyped-def]
    doc, pos, markers, used = trigger.doc, trigger.i + 1, {}, set()
    starts = [t.i for t in scope]
    for n, unit in enumerate(pattern.post):
        candidates = [pos] if (n == 0 and pattern.post_attached) else [s for s in starts if s >= pos] or [pos]
        for s in candidates:
            hit = _match_unit(unit, doc, s, allowed)
            if hit:
                used.update(range(s, hit[0]))
                pos, markers = hit[0], {**markers, **hit[1]}
                break
        else:
            return None
    return markers, used


def _match_pre(pattern: Pattern, trigger: Token) -> tuple[dict[str, int], set[int]] | None:
    doc, limit, markers, used = trigger.doc, trigger.i, {}, set()
    first = trigger.sent.start
    allowed = set(range(first, trigger.i))
    for n, unit in enumerate(reversed(pattern.pre)):
        found = None
        for s in range(limit - 1, first - 1, -1):
            hit = _match_unit(unit, doc, s, allowed)
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


def best_match(verbs: list[Verb], trigger: Token, compound: bool = False) -> Match | None:
    """The most specific pattern of the candidate verbs; on a tie the later dictionary wins.
    Patterns marked ``%`` (a compound actor) apply only when the source is compound, and then
    count as one word more specific."""
    scope = phrase(trigger)
    allowed = {t.i for t in scope}
    best: tuple[int, int, Match] | None = None
    for rank, verb in enumerate(verbs):
        if (verb.before or verb.after) and not _phrasal_ok(verb, trigger):
            continue
        bonus = len(verb.before) + len(verb.after)
        found = Match(verb, verb.default_code, None, bonus)
        for pattern in verb.block.patterns:
            extra = 1 if pattern.compound else 0
            if (pattern.compound and not compound) or pattern.words + bonus + extra <= found.words:
                continue
            post = _match_post(pattern, trigger, scope, allowed)
            pre = _match_pre(pattern, trigger) if post is not None else None
            if post is not None and pre is not None:
                found = Match(verb, pattern.code, pattern, pattern.words + bonus + extra,
                              {**pre[0], **post[0]}, pre[1] | post[1])
        key = (found.words, rank)
        if best is None or key >= best[:2]:
            best = (found.words, rank, found)
    if best is None or best[2].code.suppressed:
        return None
    return best[2]


__all__ = ["MARKERS", "Match", "best_match", "phrase", "word_matches"]
