"""Time tagging speed on a 3,000-word article (target: under 20 ms), with and without the parser.

Run: .venv/bin/python benchmarks/bench_times.py
The spaCy analysis is done once; what is timed is eventwire's time tagging (doc._.times) alone,
then with the deadline finder. Prints the median of repeated runs in milliseconds.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

import spacy

from eventwire.components.deadlines import find_deadlines
from eventwire.pipeline import MODEL
from eventwire.timex import tag_times

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"
WORDS = 3000
RUNS = 50


def article() -> str:
    """The seed article, repeated to 3,000 words."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    out: list[str] = []
    while sum(len(p.split()) for p in out) < WORDS:
        out.append(paragraphs[len(out) % len(paragraphs)])
    return "\n\n".join(out)


def median_ms(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall-clock and CPU milliseconds (CPU time is what to compare on a busy machine)."""
    fn()  # warm up: compiles the grammar, loads the lexicon
    wall, cpu = [], []
    for _ in range(RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    text = article()
    published = date(2018, 5, 4)
    for mode, disable in (("full (parser)", []), ("fast (tagger only)", ["parser", "ner"])):
        nlp = spacy.load(MODEL, disable=disable)
        doc = nlp(text)
        doc._.published = published
        tag_wall, tag_cpu = median_ms(lambda: tag_times(doc, published))
        doc._.times = tag_times(doc, published)
        dl_wall, dl_cpu = median_ms(lambda: find_deadlines(doc))
        print(f"{mode:<20} {len(text.split())} words, {len(doc._.times)} times: "
              f"time tagging {tag_wall:.1f} ms wall / {tag_cpu:.1f} ms CPU; "
              f"deadlines {dl_wall:.1f} ms wall / {dl_cpu:.1f} ms CPU")


if __name__ == "__main__":
    main()
