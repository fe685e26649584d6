"""The small word tables event coding needs (modality cues, light and joining verbs), read once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire.knowledge").joinpath("data", "events", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, dict[str, str]]:
    """kind (aux, mark, governor) -> word -> modality."""
    table: dict[str, dict[str, str]] = {}
    for kind, word, modality in _rows("modality.tsv"):
        table.setdefault(kind, {})[word] = modality
    return table


@lru_cache(maxsize=1)
def verb_roles() -> dict[str, frozenset[str]]:
    """kind (light, joiner) -> lemmas."""
    table: dict[str, set[str]] = {}
    for kind, lemma in _rows("roles.tsv"):
        table.setdefault(kind, set()).add(lemma)
    return {k: frozenset(v) for k, v in table.items()}
