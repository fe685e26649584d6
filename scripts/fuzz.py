"""The long fuzz run: the properties of tests/test_fuzz.py with many examples, then the big inputs.

    .venv/bin/python scripts/fuzz.py                 # 1,000 examples per property
    .venv/bin/python scripts/fuzz.py --examples 200 --skip-large

Part 1 runs tests/test_fuzz.py under pytest with EVENTWIRE_FUZZ_EXAMPLES examples per property
(random bytes as .txt/.html/.jsonl, JSONL of wrong types, dates, the bounded tokenizer, whole
analyses checked for exact offsets, schema and storability) and counts the inputs hypothesis
tried. Part 2 feeds the inputs too large for a test through `eventwire analyze`, each in its own
process with a wall-clock bound: a 10 MB single-line text, a 100,000-character sentence without
punctuation, 100,000 emoji, 100,000 nested <div>s, a 10 MB JSONL line. Each must end with records
or one-line errors naming the input, never a traceback or a hang. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES_LINE = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid test cases")
WORDS = "the minister said talks with Russia would continue over several weeks in Geneva".split()


def run_properties(examples: int) -> tuple[bool, int, str]:
    """pytest over the properties; returns (passed, inputs tried, the summary line)."""
    env = {**os.environ, "EVENTWIRE_FUZZ_EXAMPLES": str(examples)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         str(ROOT / "tests" / "test_fuzz.py")], cwd=ROOT, env=env, capture_output=True, text=True)
    tried = sum(int(p) + int(f) for p, f, _ in EXAMPLES_LINE.findall(result.stdout))
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]
    if result.returncode:
        print(result.stdout[-4000:])
    return result.returncode == 0, tried, summary


def large_inputs(folder: Path) -> dict[str, Path]:
    """The inputs too big for the test suite, written once."""
    files = {
        "10 MB single line": ("one-line.txt", ("Russia warned Ukraine " * 500_000)[:10_000_000]),
        "100,000-char sentence, no punctuation": ("sentence.txt", " ".join(WORDS * 1000)[:100_000]),
        "100,000 emoji": ("emoji.txt", "😀" * 100_000),
        "100,000 dollar signs": ("dollars.txt", "Russia said " + "$" * 100_000),
        "100,000 nested divs": ("nested.html", "<div>" * 100_000 + "Seoul invited Tokyo." + "</div>" * 100_000),
        "malformed HTML": ("broken.html", "<html><body><p>Seoul <b>invited<p>Tokyo <script>x</script><![CDATA[ <"),
        "10 MB JSONL line": ("big.jsonl", json.dumps({"id": "big", "text": "Seoul invited Tokyo. " * 480_000}) + "\n"),
        "mixed encodings": ("mixed.txt", None),
    }
    paths = {}
    for label, (name, text) in files.items():
        path = folder / name
        if text is None:  # UTF-8, then Latin-1, then Windows-1252 bytes in one file
            path.write_bytes("Moscow said “talks” on Monday. ".encode() + "Genève déclaré".encode("latin-1")
                             + "—".encode("cp1252"))
        else:
            path.write_text(text, encoding="utf-8")
        paths[label] = path
    return paths


def run_large(folder: Path, timeout: float) -> tuple[bool, list[str]]:
    ok = True
    lines = []
    for label, path in large_inputs(folder).items():
        start = time.monotonic()
        try:
            result = subprocess.run([sys.executable, "-c", "from eventwire.cli import main; main()", "analyze",
                                     str(path), "--format", "jsonl"], capture_output=True, text=True,
                                    timeout=timeout)
        except subprocess.TimeoutExpired:
            ok = False
            lines.append(f"FAIL {label}: no answer within {timeout:g} s")
            continue
        seconds = time.monotonic() - start
        errors = [line for line in result.stderr.strip().splitlines() if line.strip()]
        records = result.stdout.strip().splitlines()
        clean = result.returncode in (0, 1) and "Traceback" not in result.stderr and all(
            line.startswith("error: ") and str(path) in line for line in errors)
        ok &= clean
        outcome = f"{len(records)} record(s)" if records else (errors[0][:150] if errors else "nothing")
        lines.append(f"{'ok  ' if clean else 'FAIL'} {label}: {seconds:.1f} s, exit {result.returncode}, {outcome}")
    return ok, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000, help="Examples per property.")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--timeout", type=float, default=300.0, help="Seconds one large input may take.")
    args = parser.parse_args()
    start = time.monotonic()
    passed, tried, summary = run_properties(args.examples)
    print(f"properties: {tried:,} generated inputs, {summary} ({time.monotonic() - start:.0f} s)")
    large_ok = True
    if not args.skip_large:
        with tempfile.TemporaryDirectory(prefix="eventwire-fuzz-") as tmp:
            large_ok, lines = run_large(Path(tmp), args.timeout)
        print("\n".join(lines))
    return 0 if passed and large_ok else 1


if __name__ == "__main__":
    sys.exit(main())
