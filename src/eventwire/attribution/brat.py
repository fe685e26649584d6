"""Reads PolNeAR's BRAT standoff layout (``text/NAME.txt`` + ``attributions/NAME_ANNOTATOR.ann``).

Shared by the scorer and the training-data converter so that both see the gold data the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("source", "cue", "content")
_T_LINE = re.compile(r"^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")

Fragments = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    """One annotated attribution: each role is a tuple of (start, end) fragments (may be empty)."""

    id: str
    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def merge_fragments(text: str, frags: Fragments) -> Fragments:
    """Join fragments separated only by whitespace (BRAT splits spans at line breaks)."""
    out: list[list[int]] = []
    for start, end in sorted(frags):
        if out and not text[out[-1][1] : start].strip():
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def parse_ann(text: str, ann: str, name: str = "") -> GoldArticle:
    """Parse one .ann file's content against its article text."""
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            frags = tuple(tuple(map(int, p.split())) for p in m.group(3).split(";"))
            spans[m.group(1)] = (m.group(2), frags)  # type: ignore[assignment]
        elif m := _E_LINE.match(line):
            args = [tuple(a.split(":", 1)) for a in m.group(2).split() if ":" in a]
            relations.append((m.group(1), args))  # type: ignore[arg-type]
    article = GoldArticle(name=name, text=text)
    for rid, args in relations:
        gold = GoldAttribution(id=rid)
        for role, tid in args:
            key = role.rstrip("0123456789").lower()
            if key in ROLES and tid in spans:
                merged = getattr(gold, key) + spans[tid][1]
                setattr(gold, key, merge_fragments(text, merged))
        if gold.cue or gold.content:
            article.attributions.append(gold)
    return article


def read_corpus(root: Path, all_annotators: bool = False) -> list[GoldArticle]:
    """Every article under ``root`` with one annotator's file (the first in sorted order), or with
    each annotator's file as its own article (more training data where several annotated it)."""
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{root} has no text/ and attributions/ folders (PolNeAR BRAT layout)")
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann")) or sorted(ann_dir.glob(f"{txt.stem}.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        for ann in anns if all_annotators else anns[:1]:
            articles.append(parse_ann(text, ann.read_text(encoding="utf-8"), txt.stem))
    return articles
