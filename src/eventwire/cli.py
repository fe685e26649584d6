"""The eventwire command line: one command per job, named with a verb."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire import export as exporters
from eventwire.analysis import Analysis, Article
from eventwire.article import DEFAULT_MAX_CHARS, BadInput, InputError, parse_published, read_inputs
from eventwire.evaluate.cli import app as evaluate_app
from eventwire.limits import DEFAULT_TIME_LIMIT, AnalysisError, Limits
from eventwire.parquet import write_parquet
from eventwire.store import DEFAULT_DB, Store, StoreError, upgrade_store

app = typer.Typer(
    help="eventwire: who did what to whom, when, and according to whom — from news text.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(evaluate_app, name="evaluate")
out = Console()
err = Console(stderr=True, soft_wrap=True)

SAMPLES = Path(__file__).parent / "samples"

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that give none.")
]
DictionariesOption = Annotated[
    list[Path] | None,
    typer.Option("--dictionaries", help="PETRARCH-format actor/agent dictionaries (file or folder) to add."),
]
MaxCharsOption = Annotated[int, typer.Option("--max-chars", min=1, help="Refuse articles longer than this.")]
TimeLimitOption = Annotated[float, typer.Option(
    "--time-limit", min=0, help="Seconds the eventwire stages may spend on one article (0: no limit).")]
FastOption = Annotated[
    bool, typer.Option("--fast", help="Parse only sentences with attribution cues or quotes (about 2x faster).")
]


def fail(message: str, code: int = 1) -> None:
    """A user-facing error: one line on stderr, then exit."""
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def pipeline_config(dictionaries: list[Path] | None) -> dict[str, Any] | None:
    """Component config for the options given (extra actor dictionaries)."""
    if not dictionaries:
        return None
    return {"eventwire_actors": {"dictionaries": [str(p) for p in dictionaries]}}


def pipeline_for(
    dictionaries: list[Path] | None, fast: bool = False, max_chars: int = DEFAULT_MAX_CHARS,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Any:
    """The analysis pipeline, with extra actor dictionaries when asked, bounded per article."""
    from eventwire.pipeline import Pipeline

    limits = Limits(max_chars=max_chars, time_limit=time_limit or None)
    return Pipeline(config=pipeline_config(dictionaries), fast=fast, limits=limits)


def published_option(value: str | None) -> date | None:
    try:
        return parse_published(value)
    except BadInput as exc:
        fail(f"--published: {exc}", 2)
    return None


class InputTally:
    """Reports unreadable inputs on one line each and remembers that some failed."""

    def __init__(self) -> None:
        self.failed = 0
        self.read = 0

    def articles(self, results: Iterable[Article | InputError]) -> Iterator[Article]:
        for result in results:
            if isinstance(result, InputError):
                self.failed += 1
                err.print(f"[red]error:[/red] {escape(str(result))}", highlight=False)
            else:
                self.read += 1
                yield result

    def analysis_failed(self, error: AnalysisError) -> None:
        """An article read but not analysed: one line, and the batch goes on."""
        self.failed += 1
        err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False)


def progress(console: Console = err) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


def summary_table(analysis: Analysis) -> Table:
    """A human summary of one analysis: counts, then the main annotations."""
    table = Table(expand=False)
    table.add_column("kind", style="bold")
    table.add_column("text")
    table.add_column("resolved")
    for e in analysis.entities:
        table.add_row("actor", e.name, " ".join(x for x in (e.code, e.role) if x) + f"  ×{len(e.mentions)}")
    for t in analysis.times:
        table.add_row("time", t.text, f"{t.type} {t.value}" + (f" {t.mod}" if t.mod else ""))
    for a in analysis.attributions:
        who = a.source.text if a.source else "?"
        if a.source and a.source.anonymous:
            who += " (anonymous)"
        table.add_row(f"{a.kind} quote" if a.kind == "direct" else "attribution",
                      _clip(a.content.text), f"{who} — {a.cue.text}")
    for v in analysis.events:
        src = v.source.code or v.source.text or "?"
        tgt = (v.target.code or v.target.text or "?") if v.target else "—"
        table.add_row("event", v.trigger.text, f"{src} → {tgt} CAMEO {v.cameo} {v.plover or ''} {v.date or ''} {v.modality}")
    for d in analysis.deadlines:
        table.add_row("deadline", d.text, f"{d.date} {d.status}: {_clip(d.about, 50)}")
    return table


def show_summary(console: Console, analysis: Analysis) -> None:
    """The article's title on its own line (never wrapped into a cell), then its summary table."""
    art = analysis.article
    console.print(f"\n[bold]{escape(art.title or art.id)}[/bold]  [dim]{escape(Path(art.source).name or art.id)}, "
                  f"published {art.published or 'unknown'}[/dim]", soft_wrap=True)
    console.print(summary_table(analysis))


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), folders, or - for stdin.")],
    published: PublishedOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json, jsonl or table.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    include_text: Annotated[bool, typer.Option("--include-text", help="Put the article text in the record.")] = False,
    dictionaries: DictionariesOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    fast: FastOption = False,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
) -> None:
    """Analyse articles and print their analysis records (one JSON object, or JSONL for several)."""
    if format not in ("json", "jsonl", "table"):
        fail(f"--format must be json, jsonl or table, not {format!r}", 2)
    tally = InputTally()
    articles = list(tally.articles(read_inputs(paths, published_option(published), max_chars)))
    pipeline = pipeline_for(dictionaries, fast, max_chars, time_limit)
    records: list[Analysis] = []
    with progress() as bar:
        task = bar.add_task("analysing", total=len(articles))
        for analysis in pipeline.analyze_many(articles, tally.analysis_failed):
            records.append(analysis)
            bar.advance(task)
    if format == "table":
        console = Console(file=output.open("w", encoding="utf-8"), width=160) if output else out
        for analysis in records:
            show_summary(console, analysis)
    else:
        dicts = [a.to_dict(include_text=include_text) for a in records]
        if format == "json" and len(dicts) == 1:
            text = json.dumps(dicts[0], ensure_ascii=False, indent=2) + "\n"
        else:
            text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if tally.failed:
        raise typer.Exit(1)


def ingest_articles(
    articles: Iterable[Article], db: Path, pipeline: Any, batch_size: int, total: int | None = None,
    keep: list[Analysis] | None = None, tally: InputTally | None = None,
) -> tuple[int, int]:
    """Analyse and store articles one transaction per batch; returns (stored, unchanged).

    ``keep`` collects the analyses for callers that show them afterwards; ``tally`` reports the
    articles that could not be analysed (one line each) while the others are stored. Without
    ``keep``, articles already stored with the same text are not analysed again, so a run after a
    kill resumes where the last committed batch ended.
    """
    stored = unchanged = 0
    try:
        store = Store(db)
    except StoreError as exc:
        fail(str(exc))
    with store, progress() as bar:
        task = bar.add_task("ingesting", total=total)
        if keep is None:
            articles = list(articles)
            known = store.known(a.id for a in articles)
            todo = [a for a in articles if known.get(a.id) != a.text_sha256]
            unchanged = len(articles) - len(todo)
            bar.advance(task, unchanged)
            articles = todo
        batch: list[Analysis] = []
        for analysis in pipeline.analyze_many(articles, (tally or InputTally()).analysis_failed):
            batch.append(analysis)
            if keep is not None:
                keep.append(analysis)
            if len(batch) >= batch_size:
                added, same = store.ingest(batch)
                stored, unchanged = stored + added, unchanged + same
                bar.advance(task, len(batch))
                batch = []
        if batch:
            added, same = store.ingest(batch)
            stored, unchanged = stored + added, unchanged + same
            bar.advance(task, len(batch))
    return stored, unchanged


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), folders, or - for stdin.")],
    db: DbOption = Path(DEFAULT_DB),
    published: PublishedOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per transaction.")] = 32,
    dictionaries: DictionariesOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    fast: FastOption = False,
    time_limit: TimeLimitOption = DEFAULT_TIME_LIMIT,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Analyse in this many local worker processes (Dask), writing Parquet too.")] = None,
    cluster: Annotated[str | None, typer.Option(
        "--cluster", help="Analyse on an existing Dask scheduler, e.g. tcp://10.0.0.5:8786.")] = None,
    parquet_dir: Annotated[Path | None, typer.Option(
        "--parquet-dir", help="Parquet dataset folder for --workers/--cluster (default: DB with .parquet).")] = None,
    partition_size: Annotated[int, typer.Option(
        "--partition-size", min=1, help="Articles per partition with --workers/--cluster.")] = 64,
) -> None:
    """Analyse articles into the DuckDB store; rerunning it on the same input changes nothing.

    With --workers or --cluster the input is cut into partitions analysed in parallel; each is
    written as Parquet and stored, and a rerun after a kill skips the partitions already done.
    """
    tally = InputTally()
    articles = list(tally.articles(read_inputs(paths, published_option(published), max_chars)))
    if workers or cluster:
        from eventwire.distributed import ingest_parallel

        try:
            stored, unchanged = ingest_parallel(
                articles, db, parquet_dir or db.with_suffix(".parquet"), pipeline_config(dictionaries), fast,
                Limits(max_chars=max_chars, time_limit=time_limit or None), workers, cluster, partition_size, progress(), tally.analysis_failed,
            )
        except (StoreError, OSError, AnalysisError) as exc:
            fail(str(exc))
    else:
        pipeline = pipeline_for(dictionaries, fast, max_chars, time_limit)
        stored, unchanged = ingest_articles(articles, db, pipeline, batch_size, len(articles), tally=tally)
    err.print(f"{db}: {stored} article(s) stored, {unchanged} already there, {tally.failed} input(s) failed")
    if tally.failed:
        raise typer.Exit(1)


def open_store(db: Path) -> Store:
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        fail(str(exc))
        raise


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the store's tables (read-only).")],
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run read-only SQL over the store: articles, entities, mentions, times, attributions, events, deadlines."""
    import duckdb

    if format not in ("table", "csv", "json"):
        fail(f"--format must be table, csv or json, not {format!r}", 2)
    with open_store(db) as store:
        try:
            columns, rows = store.query(sql)
        except duckdb.Error as exc:
            fail(f"query failed: {str(exc).splitlines()[0]}")
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "json":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row)), default=str, ensure_ascii=False) + "\n")
    else:
        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)


@app.command()
def stats(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Show what the store holds: rows per table, events by quad class and by source."""
    with open_store(db) as store:
        counts = store.stats()
        quads = store.query("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1")[1]
        anon = store.query("SELECT anonymous, count(*) FROM attributions GROUP BY 1 ORDER BY 1")[1]
    table = Table("table", "rows", title=f"{db}")
    for name, n in counts.items():
        table.add_row(name, f"{n:,}")
    out.print(table)
    if quads:
        out.print("events by quad class: " + ", ".join(f"{q}: {n}" for q, n in quads))
    if anon:
        out.print("attributions: " + ", ".join(f"{'anonymous' if a else 'named'}: {n}" for a, n in anon if a is not None))


@app.command()
def demo(
    db: DbOption = Path(DEFAULT_DB),
    batch_size: Annotated[int, typer.Option("--batch-size")] = 8,
) -> None:
    """Analyse the bundled sample articles into the store and show what was found."""
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    tally = InputTally()
    articles = list(tally.articles(read_inputs(files)))
    analyses: list[Analysis] = []
    stored, unchanged = ingest_articles(articles, db, pipeline_for(None), batch_size, len(articles), analyses)
    for analysis in analyses:
        show_summary(out, analysis)
    err.print(f"{db}: {stored} sample article(s) stored, {unchanged} already there")
    stats(db)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Explore the store in a browser (articles, events, timeline, network, sources, deadlines) and over a JSON API."""
    import uvicorn

    from eventwire.web import create_app

    try:
        upgrade_store(db)
        web_app = create_app(db)
    except StoreError as exc:
        fail(str(exc))
    err.print(f"serving {db} on http://{host}:{port}  (API docs: /docs; Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


#: format -> writer(records, output) -> count; "-" is stdout where the format allows it.
EXPORTERS = {
    "jsonl": exporters.write_jsonl,
    "gdelt": lambda records, output: exporters.write_gdelt(records, output, header=True),
    "plover": exporters.write_plover,
    "parquet": write_parquet,
}


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="Output format.")] = "jsonl",
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file; - for stdout.")] = Path("-"),
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export the store's analysis records for other tools."""
    if format not in EXPORTERS:
        fail(f"--format must be one of {', '.join(sorted(EXPORTERS))}, not {format!r}", 2)
    with open_store(db) as store:
        try:
            count = EXPORTERS[format](store.analyses(), output)
        except ValueError as exc:
            fail(str(exc), 2)
    err.print(f"exported {count} record(s) as {format}")


def main() -> None:
    app()
