"""The cue and source-descriptor lexicon (knowledge/data/cues.json), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    first_person: frozenset[str]
    evidential_adverbs: frozenset[str]  # "allegedly": a cue without a source in the text
    recipient_verbs: frozenset[str]  # "X was told ...": X heard it, neither source nor content
    raising_verbs: frozenset[str]  # "X seems to ...": X is the content
    experiencer_verbs: frozenset[str]  # "X was incensed": X is still the source
    poll_words: frozenset[str]  # "In the latest poll, ...": the poll speaks
    not_speaker_labels: frozenset[str]  # "UPDATE:" and the like open no transcript turn
    count: dict[str, Any]
    rank: frozenset[str]
    role: frozenset[str]
    affiliation_words: frozenset[str]

    def is_cue_verb(self, lemma: str) -> bool:
        return lemma in self.speech_verbs or lemma in self.belief_verbs


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    path = resources.files("eventwire.knowledge") / "data" / "cues.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    desc = raw["source_descriptor"]
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
        belief_verbs=frozenset(raw["belief_verbs"]),
        first_person=frozenset(raw["first_person"]),
        not_speaker_labels=frozenset(raw["not_speaker_labels"]),
        poll_words=frozenset(raw["poll_words"]),
        raising_verbs=frozenset(raw["raising_verbs"]),
        recipient_verbs=frozenset(raw["recipient_verbs"]),
        evidential_adverbs=frozenset(raw["evidential_adverbs"]),
        experiencer_verbs=frozenset(raw["experiencer_verbs"]),
        count=dict(desc["count"]),
        rank=frozenset(desc["rank"]),
        role=frozenset(desc["role"]),
        affiliation_words=frozenset(desc["affiliation_words"]),
    )
