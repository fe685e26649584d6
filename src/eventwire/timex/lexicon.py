"""The time lexicon (month and weekday names, numbers, units, holidays, cue words), read once."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def lexicon() -> dict[str, Any]:
    """knowledge/data/time/lexicon.json as a dict (cached for the process)."""
    path = resources.files("eventwire.knowledge").joinpath("data/time/lexicon.json")
    return json.loads(path.read_text(encoding="utf-8"))


def alternation(words: object) -> str:
    """A regex alternation of words, longest first so that the longest reading wins."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def number_value(text: str) -> float | None:
    """The value of a quantity written in digits or words ("15", "fifteen", "twenty-four", "a")."""
    words = lexicon()["cardinals"]
    t = re.sub(r"\s+", " ", text.lower().strip())
    t = re.sub(r"\s+and a half$|\s+1/2$", ".5", t)
    half = t.endswith(".5") and not t[:-2].replace(",", "").isdigit()
    if half:
        t = t[:-2]
    if t in ("a", "an", "one", "a single", "single"):
        value: float | None = 1.0
    elif re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        value = float(t.replace(",", ""))
    elif t in words:
        value = float(words[t])
    else:
        parts = re.split(r"[- ]", t)
        value = float(sum(words.get(p, 0) for p in parts)) if all(p in words for p in parts) else None
    if value is not None and half:
        value += 0.5
    return value
