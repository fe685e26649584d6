"""How much the attribution stage adds to spaCy's own parse of a ~3,000-word article.

Prints spaCy's time (the model's full pipeline), the attribution component's time on the parsed
doc, and their ratio (target: at most 0.25). Best of several runs, all in one process.

    .venv/bin/python benchmarks/bench_attributions.py [ARTICLE.txt]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from eventwire.pipeline import MODEL, build_nlp

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "seed-article.txt"


def article(path: Path | None) -> str:
    """About 3,000 words: the paragraphs of the given article (or the seed article), cycled."""
    paragraphs = [p for p in (path or SEED).read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    while sum(len(p.split()) for p in out) < 3000:
        out.append(paragraphs[len(out) % len(paragraphs)])
    return "\n\n".join(out)


def interleaved_best(parse, attribute, runs: int = 7) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Best time of each, runs alternating so that a busy machine slows both alike."""
    parse_times, attr_times = [], []
    for _ in range(runs):
        t = time.perf_counter()
        doc = parse()
        parse_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        attribute(doc)
        attr_times.append(time.perf_counter() - t)
    return min(parse_times), min(attr_times)


def main() -> None:
    text = article(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    nlp = spacy.load(MODEL)
    attributions = build_nlp(components=("eventwire_attributions",)).get_pipe("eventwire_attributions")
    doc = attributions(nlp(text))  # warm up: loads the tagger
    parse, attr = interleaved_best(lambda: nlp(text), attributions)
    print(f"words: {len(text.split())}  attributions: {len(doc._.attributions)}")
    print(f"spaCy parse: {parse * 1000:.0f} ms  attribution: {attr * 1000:.0f} ms  ratio: {attr / parse:.3f}")


if __name__ == "__main__":
    main()
