"""An event's modality from the words that govern its trigger.

Questioned (the sentence asks it) beats negated, threatened, hypothetical and planned; an event
with none of these cues is asserted. Cues are data: ``knowledge/data/events/modality.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.lexicon import modality_cues

ORDER = ("questioned", "negated", "threatened", "hypothetical", "planned")
#: Dependencies climbed from a trigger to the words that govern it.
_UP = frozenset({"xcomp", "ccomp", "pcomp", "prep", "acl", "advcl", "acomp", "nsubj", "nsubjpass",
                 "dobj", "pobj", "attr", "conj", "relcl", "compound"})


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _is_question(tok: Token) -> bool:
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in "\"'”’)"), None)
    return last is not None and last.text == "?"


def modality(trigger: Token) -> tuple[str, str]:
    """(modality, the cue that decided it)."""
    if _is_question(trigger):
        return "questioned", "question mark"
    cues = modality_cues()
    found: dict[str, str] = {}
    tok, own_clause = trigger, True
    for _ in range(6):
        for c in tok.children:
            if c.dep_ == "neg" and own_clause:
                found.setdefault("negated", c.text)
            elif c.dep_ in ("aux", "auxpass") and own_clause and c.lower_ in cues.get("aux", {}):
                found.setdefault(cues["aux"][c.lower_], c.text)
            elif c.dep_ == "mark" and c.lower_ in cues.get("mark", {}):
                found.setdefault(cues["mark"][c.lower_], c.text)
        if tok is not trigger and tok.lemma_.lower() in cues.get("governor", {}):
            found.setdefault(cues["governor"][tok.lemma_.lower()], tok.text)
            break
        if tok.dep_ not in _UP or tok.head is tok:
            break
        if tok.dep_ in ("ccomp", "relcl", "advcl") or (tok.dep_ == "conj" and tok.tag_ in _FINITE):
            own_clause = False  # a finite conjunct ("would respond and summoned") has its own auxiliaries
        tok = tok.head
    for name in ORDER:
        if name in found:
            return name, found[name]
    return "asserted", ""
