"""`eventwire evaluate ...`: one command per gold format; the scorers live beside this module."""

from __future__ import annotations

import typer

app = typer.Typer(help="Score eventwire against gold data (PolNeAR, TimeML, PETRARCH records, actors).",
                  no_args_is_help=True)


@app.command("events")
def events(
    gold: Path = typer.Option(..., "--gold", help="PETRARCH validation records (.xml)"),
    dictionaries: Path = typer.Option(..., "--dictionaries", help="Folder with PETRARCH actors/agents/verbs/discards"),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the figures to this JSON file"),
    show_failures: bool = typer.Option(False, "--failures", help="List the records that do not pass"),
    own_actors: bool = typer.Option(False, "--own-actors",
                                    help="Code actors with the events module's minimal PETRARCH coder"),
) -> None:
    """Share of PETRARCH records whose expected codings are all produced, and triple P/R/F1."""
    import json

    from eventwire.evaluate.events import evaluate as evaluate_events

    try:
        scores = evaluate_events(gold, dictionaries, own_actors)
    except (FileNotFoundError, OSError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    figures = scores.to_dict()
    typer.echo(f"{figures['records']} records ({figures['excluded']} input-error records left out)")
    typer.echo(f"records passing: {figures['passed']} ({figures['pass_rate']}%), "
               f"exactly right: {figures['exact']} ({figures['exact_rate']}%)")
    typer.echo(f"triples: P {figures['precision']}  R {figures['recall']}  F1 {figures['f1']}")
    if show_failures:
        for f in scores.failures:
            typer.echo(f"{f['id']}: expected {f['expected']} got {f['got']}")
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
