"""Who does an event and to whom, from syntactic roles around the trigger.

Verbs: the subject (climbing through "to"-clauses, coordinated verbs and "joined X in ...ing"),
in passives the "by" agent as source and the subject as target. Nouns: a "by" phrase, a possessor
or modifier, or the subject of a light verb that governs them ("had a call with").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.lexicon import verb_roles

_SUBJ = ("nsubj", "csubj")
_PASSIVE = ("nsubjpass", "csubjpass")
#: Dependencies along which a subjectless verb takes its subject from the verb above it.
_CONTROL = ("xcomp", "advcl", "pcomp", "prep", "conj", "acomp", "acl", "dep")


def _child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def agent(tok: Token) -> Token | None:
    """The noun of a passive's or a nominal's "by" phrase."""
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            return _child(c, ("pobj",))
    return None


def _joined(verb: Token) -> list[Token]:
    """For "X joined Y in expelling", the joiner's object Y (also a source of expelling)."""
    prep = verb.head if verb.dep_ == "pcomp" else None
    if prep is not None and prep.lower_ == "in" and prep.head.lemma_ in verb_roles().get("joiner", ()):
        obj = _child(prep.head, ("dobj",))
        return [obj] if obj is not None else []
    return []


def verb_source_heads(verb: Token) -> list[Token]:
    """Tokens heading the source noun phrases of a verb."""
    tok, hops = verb, 0
    while hops < 5:
        deps = _SUBJ if tok is verb else _SUBJ + _PASSIVE  # "Germany is poised to expel"
        subjects = [c for c in tok.children if c.dep_ in deps]  # the parser may split a list
        if subjects:
            return [*subjects, *_joined(verb)]
        by = agent(tok)
        if by is not None:
            return [by]
        if tok.dep_ not in _CONTROL or tok.head is tok:
            break
        tok, hops = tok.head, hops + 1
    return []


def reported_subject(verb: Token) -> list[Token]:
    """For a pronoun subject in reported speech ("Ethiopia indicated it would act"), the
    reporting verb's subject: the likeliest antecedent when no coreference is known."""
    subj = _child(verb, _SUBJ)
    if subj is None or subj.pos_ != "PRON":
        return []
    tok = verb
    while tok.dep_ in ("ccomp", "conj", "xcomp") and tok.head is not tok:
        tok = tok.head
        above = _child(tok, _SUBJ)
        if above is not None and above.pos_ != "PRON":
            return [above]
    return []


def passive_target(verb: Token) -> Token | None:
    return _child(verb, _PASSIVE) if agent(verb) is not None or _child(verb, ("auxpass",)) else None


def noun_source_heads(noun: Token) -> list[Token]:
    """Tokens that may name who does a nominal event, most explicit first."""
    heads = [t for t in (agent(noun), _child(noun, ("poss",))) if t is not None]
    heads += [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
    gov = noun.head
    if noun.dep_ in ("dobj", "attr", "pobj") and gov.dep_ == "prep" and noun.dep_ == "pobj":
        gov = gov.head  # "a round of sanctions": the verb above "round"
        if gov.dep_ == "dobj":
            gov = gov.head
    if noun.dep_ in ("dobj", "attr", "pobj") and gov.lemma_ in verb_roles().get("light", ()):
        heads += verb_source_heads(gov)
    return heads


def is_light_object(noun: Token) -> bool:
    """True when a light verb governs the noun, so the noun is the event ("impose tariffs")."""
    gov = noun.head
    return noun.dep_ in ("dobj", "attr") and gov.lemma_ in verb_roles().get("light", ())
