"""How much event coding adds to spaCy's own time on a ~3,000-word article (target: < 15%).

Entities come from spaCy's NER (every GPE/NORP/PERSON/ORG an actor), so the coder has as many
actors to work with as a real article gives it. Run: .venv/bin/python benchmarks/bench_events.py
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import spacy

from eventwire.analysis import Entity, TextSpan
from eventwire.components.events import make_component
from eventwire.pipeline import MODEL

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"
ROUNDS = 5


def article(words: int = 3000) -> str:
    text = SEED.read_text(encoding="utf-8")
    out = text
    while len(out.split()) < words:
        out += "\n\n" + text
    return " ".join(out.split()[:words])


def main() -> None:
    nlp = spacy.load(MODEL)
    coder = make_component(nlp, "bench", [], False, None).coder
    text = article()
    spacy_s = events_s = 0.0
    n_events = 0
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        doc._.published = date(2018, 5, 4)
        doc._.entities = [Entity(id=f"E{i}", name=e.text, kind=e.label_, code=e.label_[:3],
                                 mentions=[TextSpan(e.start_char, e.end_char, e.text)])
                          for i, e in enumerate(doc.ents) if e.label_ in ("GPE", "NORP", "PERSON", "ORG")]
        t2 = time.perf_counter()
        n_events = len(coder(doc))
        t3 = time.perf_counter()
        spacy_s += t1 - t0
        events_s += t3 - t2
    print(f"words: {len(text.split())}  events: {n_events}")
    print(f"spaCy: {1000 * spacy_s / ROUNDS:.1f} ms  event coding: {1000 * events_s / ROUNDS:.1f} ms")
    print(f"ratio: {100 * events_s / spacy_s:.1f}% of spaCy's time (target < 15%)")


if __name__ == "__main__":
    main()
