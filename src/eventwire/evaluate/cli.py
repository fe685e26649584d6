"""`eventwire evaluate ...`: one command per gold format; the scorers live beside this module."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

app = typer.Typer(help="Score eventwire against gold data (PolNeAR, TimeML, PETRARCH records, actors).",
                  no_args_is_help=True)

JsonOption = typer.Option(None, "--json", help="Also write the figures to this JSON file")


def scored(score: Callable[[], Any], json_out: Path | None) -> Any:
    """Run a scorer; a missing or unreadable gold path is one line on stderr, not a traceback.

    The figures (``to_dict()`` when the scorer returns an object) also go to ``json_out``.
    """
    try:
        with Console(stderr=True).status("scoring against the gold data (the whole pipeline runs on every text)"):
            result = score()
    except (OSError, ValueError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    if json_out:
        figures = result.to_dict() if hasattr(result, "to_dict") else result
        json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return result


@app.command("attributions")
def attributions(
    gold: Path = typer.Option(..., "--gold", help="PolNeAR-style folder with text/ and attributions/"),
    json_out: Path | None = JsonOption,
) -> None:
    """Per-role (source, cue, content) exact and overlap P/R/F1 and relation F1 on PolNeAR BRAT data."""
    from eventwire.evaluate.attributions import evaluate

    scores = scored(lambda: evaluate(gold), json_out).to_dict()
    typer.echo(f"{scores['articles']} articles, {scores['gold_attributions']} gold attributions, "
               f"{scores['predicted_attributions']} predicted")
    typer.echo(f"{'role':<10}{'exact P':>9}{'R':>7}{'F1':>7}{'overlap P':>12}{'R':>7}{'F1':>7}")
    for role in ("source", "cue", "content"):
        e, o = scores["exact"][role], scores["overlap"][role]
        typer.echo(f"{role:<10}{e['p']:>9}{e['r']:>7}{e['f1']:>7}{o['p']:>12}{o['r']:>7}{o['f1']:>7}")
    for name in ("relation", "relation_exact"):
        r = scores[name]
        typer.echo(f"{name:<16}P {r['p']}  R {r['r']}  F1 {r['f1']}")


@app.command("events")
def events(
    gold: Path = typer.Option(..., "--gold", help="PETRARCH validation records (.xml)"),
    dictionaries: Path = typer.Option(..., "--dictionaries", help="Folder with PETRARCH actors/agents/verbs/discards"),
    json_out: Path | None = JsonOption,
    show_failures: bool = typer.Option(False, "--failures", help="List the records that do not pass"),
) -> None:
    """Share of PETRARCH records whose expected codings are all produced, and triple P/R/F1."""
    from eventwire.evaluate.events import evaluate as evaluate_events

    scores = scored(lambda: evaluate_events(gold, dictionaries), json_out)
    figures = scores.to_dict()
    typer.echo(f"{figures['records']} records ({figures['excluded']} input-error records left out)")
    typer.echo(f"records passing: {figures['passed']} ({figures['pass_rate']}%), "
               f"exactly right: {figures['exact']} ({figures['exact_rate']}%)")
    typer.echo(f"triples: P {figures['precision']}  R {figures['recall']}  F1 {figures['f1']}")
    if show_failures:
        for f in scores.failures:
            typer.echo(f"{f['id']}: expected {f['expected']} got {f['got']}")


@app.command("actors")
def actors(
    gold: Path = typer.Option(..., "--gold", help="Hand-checked actor mentions (JSONL: doc, published, start, end, code, name)"),
    texts: Path | None = typer.Option(None, "--texts", help="Folder with the documents' .txt (default: PolNeAR dev)"),
    json_out: Path | None = JsonOption,
    show_errors: bool = typer.Option(False, "--errors", help="List the mentions resolved wrongly"),
) -> None:
    """Share of gold actor mentions resolved to the right code and canonical name."""
    from eventwire.evaluate.actors import DEFAULT_TEXTS, evaluate

    scores = scored(lambda: evaluate(gold, texts or DEFAULT_TEXTS), json_out).to_dict()
    typer.echo(f"{scores['mentions']} mentions: code {scores['code_accuracy']}%  name {scores['name_accuracy']}%  "
               f"both {scores['both_accuracy']}%")
    if show_errors:
        for err in scores["errors"]:
            typer.echo(f"  {err['doc']}@{err['start']} {err['mention']!r}: expected {err['expected']} got {err['got']}")


@app.command("times")
def times(
    gold: Path = typer.Option(..., "--gold", help="Folder of TimeML .tml files (DCT + inline TIMEX3)"),
    json_out: Path | None = JsonOption,
) -> None:
    """TempEval-3 figures: strict/relaxed extent P/R/F1, type and value accuracy, value F1."""
    from eventwire.evaluate.times import evaluate_times, format_report

    if not gold.is_dir() or not any(gold.rglob("*.tml")):
        typer.echo(f"error: no .tml files under {gold}", err=True)
        raise typer.Exit(2)
    typer.echo(format_report(scored(lambda: evaluate_times(gold), json_out)))
