"""TempEval-3 scoring of the time tagger against TimeML (.tml) gold files.

The gold text is the plain text of each ``<TEXT>`` element (tags stripped), tagged with the
``<DCT>`` as publication date, so the figures measure exactly what users get from raw text.
Figures follow TempEval-3: strict (same extent) and relaxed (overlapping) extent P/R/F1, type and
value accuracy over relaxed matches, and value F1 = value accuracy x relaxed F1.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.analysis import TimeExpression


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimeMLDoc:
    """One TimeML document: its plain text, creation date and gold TIMEX3s."""

    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _parse_dct(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def read_tml(path: Path) -> TimeMLDoc:
    """Strip the inline tags of a .tml file's <TEXT>, keeping the offsets of each TIMEX3."""
    root = ET.parse(path).getroot()
    dct_el = root.find("./DCT/TIMEX3")
    dct = _parse_dct(dct_el.get("value") if dct_el is not None else None)
    text_el = root.find("./TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3":
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(start, length, text, el.get("type", ""), el.get("value", ""), el.get("mod"))
            )

    if text_el is not None:
        walk(text_el)
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(name=path.stem, text="".join(parts), dct=dct, timexes=timexes)


def read_gold(gold_dir: Path) -> list[TimeMLDoc]:
    """All .tml files under a folder (recursively), each document once even if copied twice."""
    docs: dict[str, TimeMLDoc] = {}
    for path in sorted(gold_dir.rglob("*.tml")):
        docs.setdefault(path.name, read_tml(path))
    return list(docs.values())


def canonical_value(value: str) -> str:
    """One spelling per TIMEX3 value, so that "2000-W7" (as some gold files write it) equals "2000-W07"."""
    return re.sub(r"-W(\d)(?=$|-)", r"-W0\1", value)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Sequence[GoldTimex]], pred: Sequence[Sequence[TimeExpression]]) -> dict[str, Any]:
    """TempEval-3 extent, type and value figures (percentages) over parallel document lists."""
    n_gold = n_pred = strict = rel_gold = rel_pred = type_ok = value_ok = pairs = 0
    for gdoc, pdoc in zip(gold, pred, strict=True):
        n_gold += len(gdoc)
        n_pred += len(pdoc)
        spans = {(p.start, p.end) for p in pdoc}
        strict += sum((g.start, g.end) in spans for g in gdoc)
        rel_pred += sum(any(p.start < g.end and g.start < p.end for g in gdoc) for p in pdoc)
        for g in gdoc:
            overlapping = [p for p in pdoc if p.start < g.end and g.start < p.end]
            if not overlapping:
                continue
            rel_gold += 1
            best = max(overlapping, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
            pairs += 1
            type_ok += best.type == g.type
            value_ok += canonical_value(best.value) == canonical_value(g.value)
    sp, sr = strict / max(n_pred, 1), strict / max(n_gold, 1)
    rp, rr = rel_pred / max(n_pred, 1), rel_gold / max(n_gold, 1)
    relaxed_f1 = _f1(rp, rr)
    value_acc = value_ok / max(pairs, 1)
    figures = {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": _f1(sp, sr),
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": relaxed_f1,
        "type_accuracy": type_ok / max(pairs, 1), "value_accuracy": value_acc,
        "value_f1": value_acc * relaxed_f1,
    }  # fmt: skip
    result: dict[str, Any] = {k: round(100 * v, 2) for k, v in figures.items()}
    result.update(documents=len(gold), gold=n_gold, predicted=n_pred)
    return result


def tag_documents(docs: Iterable[TimeMLDoc], nlp: Any | None = None) -> list[list[TimeExpression]]:
    """Run the time tagger on each document's plain text, anchored on its DCT."""
    from eventwire.analysis import Article
    from eventwire.pipeline import build_nlp, make_doc

    nlp = nlp or build_nlp(components=("eventwire_times",))
    docs = list(docs)
    inputs = (make_doc(nlp, Article(text=d.text, id=d.name, published=d.dct)) for d in docs)
    return [list(doc._.times or []) for doc in nlp.pipe(inputs, batch_size=16)]


def evaluate_times(gold_dir: Path, nlp: Any | None = None) -> dict[str, Any]:
    """Read the gold folder, tag its texts and score them."""
    docs = read_gold(gold_dir)
    return score([d.timexes for d in docs], tag_documents(docs, nlp))


def format_report(figures: dict[str, Any]) -> str:
    """The figures as a small table, in TempEval-3's order."""
    rows = [
        ("strict", "strict_precision", "strict_recall", "strict_f1"),
        ("relaxed", "relaxed_precision", "relaxed_recall", "relaxed_f1"),
    ]
    lines = [f"{'extent':<10}{'P':>8}{'R':>8}{'F1':>8}"]
    lines += [f"{name:<10}{figures[p]:>8.2f}{figures[r]:>8.2f}{figures[f]:>8.2f}" for name, p, r, f in rows]
    lines.append(f"type accuracy  {figures['type_accuracy']:.2f}")
    lines.append(f"value accuracy {figures['value_accuracy']:.2f}")
    lines.append(f"value F1       {figures['value_f1']:.2f}")
    lines.append(f"({figures['documents']} documents, {figures['gold']} gold, {figures['predicted']} predicted)")
    return "\n".join(lines)
