"""Fast mode's trade-off: speed against attribution and time F1, for a few choices of signals.

    .venv/bin/python benchmarks/fast_mode.py [--timeml-docs 80] [--markdown benchmarks/fast_mode.md]

Attributions are scored on PolNeAR dev (`eventwire evaluate attributions`' scorer), times on
TimeBank/AQUAINT (`eventwire evaluate times`' scorer, first ``--timeml-docs`` documents), each with
the pipeline those commands use, run in full and in fast mode. "model share" is the share of tokens
that fast mode sends through the tagger/parser/NER; "speed-up" is the full run's time over the
fast run's, on the same documents in the same process (so mostly free of the machine's load).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from eventwire.evaluate.attributions import evaluate as evaluate_attributions
from eventwire.evaluate.times import read_gold, score, tag_documents
from eventwire.fast import FastLanguage
from eventwire.pipeline import build_nlp

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
POLNEAR_DEV = EVAL / "polnear" / "dev"
TIMEML = EVAL / "timeml" / "TBAQ-cleaned"
#: name -> (signals, window): the candidate word lists, and how many sentences around a candidate go too.
VARIANTS: dict[str, tuple[tuple[str, ...], int] | None] = {
    "full": None,
    "fast: cues": (("cues",), 0),
    "fast: cues, 1 sentence around": (("cues",), 1),
    "fast: cues + PolNeAR-train cue words": (("cues", "cues_polnear"), 0),
    "fast: cues + time words": (("cues", "time"), 0),
}


def model_share(fast: FastLanguage, texts: list[str]) -> float:
    docs = [fast.make_doc(t) for t in texts]
    chosen = sum(int(fast.annotator.candidate_mask(d)[1].sum()) for d in docs if len(d))
    return chosen / max(1, sum(len(d) for d in docs))


def run(timeml_docs: int) -> list[dict[str, Any]]:
    attr_nlp = build_nlp(components=("eventwire_attributions",))
    time_nlp = build_nlp(components=("eventwire_times",))
    tml = read_gold(TIMEML)[:timeml_docs]
    polnear_texts = [p.read_text(encoding="utf-8") for p in sorted((POLNEAR_DEV / "text").glob("*.txt"))]
    rows = []
    for name, variant in VARIANTS.items():
        signals, window = variant or ((), 0)
        a_nlp: Any = attr_nlp if variant is None else FastLanguage(attr_nlp, window, signals)
        t_nlp: Any = time_nlp if variant is None else FastLanguage(time_nlp, window, signals)
        started = time.perf_counter()
        attr = evaluate_attributions(POLNEAR_DEV, a_nlp).to_dict()
        attr_s = time.perf_counter() - started
        started = time.perf_counter()
        times = score([d.timexes for d in tml], tag_documents(tml, t_nlp))
        time_s = time.perf_counter() - started
        row = {
            "variant": name, "attr_seconds": attr_s, "time_seconds": time_s,
            "model_share": 1.0 if variant is None else model_share(a_nlp, polnear_texts),
            "source_f1": attr["exact"]["source"]["f1"], "cue_f1": attr["exact"]["cue"]["f1"],
            "content_f1": attr["exact"]["content"]["f1"], "content_overlap_f1": attr["overlap"]["content"]["f1"],
            "relation_f1": attr["relation"]["f1"], "timex_relaxed_f1": times["relaxed_f1"],
            "timex_value_f1": times["value_f1"],
        }
        rows.append(row)
        print(f"  {name}: attributions {attr_s:.0f} s, times {time_s:.0f} s", file=sys.stderr, flush=True)
    return rows


SCORES = ("source_f1", "cue_f1", "content_f1", "content_overlap_f1", "relation_f1", "timex_relaxed_f1", "timex_value_f1")


def table(rows: list[dict[str, Any]]) -> str:
    full = rows[0]
    head = ("| variant | model share | speed-up (attributions) | speed-up (times) | source F1 | cue F1 | "
            "content F1 | content overlap F1 | relation F1 | timex relaxed F1 | timex value F1 |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        cells = [r["variant"], f"{100 * r['model_share']:.0f}%", f"{full['attr_seconds'] / r['attr_seconds']:.2f}x",
                 f"{full['time_seconds'] / r['time_seconds']:.2f}x"]
        for key in SCORES:
            delta = r[key] - full[key]
            cells.append(f"{r[key]:.1f}" + ("" if r is full else f" ({delta:+.1f})"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeml-docs", type=int, default=80, help="TimeML documents to score (of 256).")
    ap.add_argument("--markdown", type=Path, help="Write the table (and how it was made) here.")
    ap.add_argument("--json", type=Path, help="Write the figures here.")
    args = ap.parse_args()
    rows = run(args.timeml_docs)
    text = table(rows)
    print(text)
    if args.markdown:
        args.markdown.write_text(
            "# Fast mode: speed against F1\n\n"
            f"PolNeAR dev (84 articles) for attributions, the first {args.timeml_docs} TimeBank/AQUAINT documents "
            "for times; F1 in points, change against the full pipeline in brackets. Made by "
            "`benchmarks/fast_mode.py`.\n\n" + text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
