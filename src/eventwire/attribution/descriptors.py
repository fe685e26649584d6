"""Understands a source span: named or anonymous, and the descriptor of an anonymous source.

"Several former U.S. officials who follow Russia closely" -> count=several, rank=former,
affiliation=U.S., role=official, access="who follow Russia closely".
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from eventwire.attribution.lexicon import lexicon

_PERSONAL = {"PERSON"}
_ACCESS_DEPS = {"relcl", "acl", "amod", "prep"}


def span_head(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the last such for flat spans)."""
    heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    return heads[0] if heads else span.root


def _role_head(span: Span) -> Token | None:
    """The descriptor noun: the span head, or the noun after "of" in "dozens of officials"."""
    lex = lexicon()
    head = span_head(span)
    if head.lemma_.lower() in lex.role:
        return head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.lemma_.lower() in lex.role and span.start <= obj.i < span.end:
                    return obj
    return None


def is_named(span: Span) -> bool:
    """A source is named when it contains a personal name or its head is a proper noun."""
    if any(t.ent_type_ in _PERSONAL for t in span):  # token attrs: Span.ents walks the whole Doc
        return True
    head = span_head(span)
    return head.pos_ == "PROPN"


def describe(span: Span) -> dict[str, Any] | None:
    """The parsed descriptor of an anonymous source, or None when the span is not one."""
    lex = lexicon()
    noun = _role_head(span)
    if noun is None or is_named(span):
        return None
    desc: dict[str, Any] = {"count": None, "rank": None, "affiliation": None, "role": noun.lemma_.lower(),
                            "access": None}
    head = span_head(span)
    first = span[0].lower_
    two = " ".join(t.lower_ for t in span[:2])
    if two in lex.count:
        desc["count"] = lex.count[two]
    elif first in lex.count:
        desc["count"] = lex.count[first]
    elif head is not noun and head.lower_ in lex.count:
        desc["count"] = lex.count[head.lower_]
    for child in noun.children:
        if child.dep_ == "nummod" and child.lower_ in lex.count:
            desc["count"] = lex.count[child.lower_]
    modifiers = [t for t in span if t.i < noun.i and t.head.i <= noun.i and t.i > span.start - 1]
    ranks = [t.lower_ for t in modifiers if t.lower_ in lex.rank]
    desc["rank"] = " ".join(ranks) or None
    affiliation = [t for t in modifiers if _is_affiliation(t)]
    if affiliation:
        desc["affiliation"] = span.doc[affiliation[0].i : affiliation[-1].i + 1].text
    access = [c for c in noun.children if c.i > noun.i and c.dep_ in _ACCESS_DEPS and c.i < span.end]
    if access:
        last = max(t.i for c in access for t in c.subtree if t.i < span.end)
        desc["access"] = span.doc[access[0].left_edge.i : last + 1].text.strip(" ,")
    return desc


def _is_affiliation(token: Token) -> bool:
    lex = lexicon()
    if token.lower_ in lex.rank or token.lower_ in lex.count or token.dep_ in {"det", "nummod", "punct"}:
        return False
    return token.pos_ in {"PROPN"} or token.ent_type_ in {"NORP", "GPE", "ORG"} or (
        token.lower_ in lex.affiliation_words
    ) or (token.text[:1].isupper() and token.pos_ == "ADJ")
