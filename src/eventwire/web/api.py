"""JSON endpoints: everything the pages show, for programs (documented at /docs)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from eventwire.limits import AnalysisError
from eventwire.store import StoreError
from eventwire.web import queries, sql
from eventwire.web.analyse import UploadError, article_from_upload
from eventwire.web.db import Database
from eventwire.web.filters import EventFilter, EventSort, Page

router = APIRouter(prefix="/api")

Filters = Annotated[EventFilter, Query()]
Paging = Annotated[Page, Query()]
Sort = Annotated[EventSort, Query(description="Column to sort by; a leading `-` sorts descending.")]
Text = Annotated[str | None, Query(max_length=200, description="Words to look for.")]
When = Literal["upcoming", "passed", "undated"]


class Paged(BaseModel):
    total: int = Field(description="Rows matching the filters, over all pages.")
    page: int
    per_page: int
    items: list[dict[str, Any]]


class SQLQuery(BaseModel):
    sql: str = Field(max_length=20_000, description="One SELECT over articles, entities, mentions, times, "
                                                     "attributions, events, deadlines.",
                     examples=["SELECT plover, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"])
    max_rows: int = Field(1000, ge=1, le=5000)


class SQLAnswer(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="True when the query returned more than max_rows rows.")
    elapsed_ms: float


def cursor(request: Request) -> Iterator[Any]:
    """A cursor of its own for this request."""
    with request.app.state.db.cursor() as cur:
        yield cur


def database(request: Request) -> Database:
    return request.app.state.db


Cur = Annotated[Any, Depends(cursor)]
Db = Annotated[Database, Depends(database)]


@router.get("/stats", tags=["store"])
def stats(db: Db, cur: Cur) -> dict[str, Any]:
    """Rows per table, publication date range, events by quad class and PLOVER type, named vs anonymous."""
    return db.memo("stats", lambda: queries.stats(cur))


@router.get("/articles", tags=["articles"], response_model=Paged)
def articles(cur: Cur, page: Paging, q: Text = None, outlet: Annotated[str | None, Query(max_length=200)] = None,
             date_from: date | None = None, date_to: date | None = None) -> dict[str, Any]:
    """Articles, newest first, with counts of their events, attributions, deadlines and actors."""
    return queries.articles(cur, page, q, outlet, date_from, date_to)


def _article(cur: Any, article_id: str) -> dict[str, Any]:
    row = queries.article(cur, article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id!r} in this store")
    return row


ArticleId = Annotated[str, Path(max_length=200)]


@router.get("/articles/{article_id}", tags=["articles"])
def article(cur: Cur, article_id: ArticleId) -> dict[str, Any]:
    """One article: metadata, its text, and its analysis record."""
    return _article(cur, article_id)


@router.get("/articles/{article_id}/analysis", tags=["articles"])
def article_analysis(cur: Cur, article_id: ArticleId) -> dict[str, Any]:
    """The article's analysis record (schema `eventwire.analysis/1`), as `eventwire analyze` prints it."""
    return _article(cur, article_id)["analysis"]


@router.get("/events", tags=["events"], response_model=Paged)
def events(cur: Cur, filters: Filters, page: Paging, sort: Sort = "-date") -> dict[str, Any]:
    """Coded events matching the filters, each with its article, sentence and the source it rests on."""
    return queries.events(cur, filters, page, sort)


DOWNLOAD_DROP = ("trigger_start", "trigger_end")
MAX_UPLOAD_BYTES = 8 * 2**20


def _download(request: Request, filters: EventFilter, sort: str, kind: str) -> StreamingResponse:
    db = request.app.state.db

    def lines() -> Iterator[str]:
        with db.cursor() as cur:
            header = True
            for batch in queries.event_batches(cur, filters, sort):
                rows = [{k: v for k, v in r.items() if k not in DOWNLOAD_DROP} for r in jsonable_encoder(batch)]
                if kind == "jsonl":
                    yield "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                    continue
                buf = io.StringIO()
                writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
                if header:
                    writer.writeheader()
                    header = False
                writer.writerows(rows)
                yield buf.getvalue()

    media = "text/csv; charset=utf-8" if kind == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(lines(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="events.{kind}"'})


@router.get("/events.csv", tags=["events"], response_class=StreamingResponse)
def events_csv(request: Request, filters: Filters, sort: Sort = "-date") -> StreamingResponse:
    """Every event matching the filters, as CSV (one header line; no pagination)."""
    return _download(request, filters, sort, "csv")


@router.get("/events.jsonl", tags=["events"], response_class=StreamingResponse)
def events_jsonl(request: Request, filters: Filters, sort: Sort = "-date") -> StreamingResponse:
    """Every event matching the filters, one JSON object per line (no pagination)."""
    return _download(request, filters, sort, "jsonl")


@router.get("/timeline", tags=["events"])
def timeline(cur: Cur, filters: Filters,
             limit: Annotated[int, Query(ge=1, le=10_000, description="Most individual events returned.")] = 1000
             ) -> dict[str, Any]:
    """Daily counts by quad class, the latest events and deadlines in the period, column-wise."""
    return queries.timeline(cur, filters, limit)


@router.get("/network", tags=["actors"])
def network(cur: Cur, filters: Filters,
            limit: Annotated[int, Query(ge=1, le=2000, description="Most edges returned (heaviest first).")] = 120
            ) -> dict[str, Any]:
    """Directed actor-to-actor edges: event counts and mean Goldstein score, for the filtered events."""
    return queries.network(cur, filters, limit)


@router.get("/actors", tags=["actors"], response_model=Paged)
def actors(cur: Cur, page: Paging, q: Text = None,
           country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None) -> dict[str, Any]:
    """Actors across all articles, keyed by code (or by name when uncoded), most frequent first."""
    return queries.actors(cur, page, q, country)


@router.get("/actors/{key:path}", tags=["actors"])
def actor(cur: Cur, key: Annotated[str, Path(max_length=200)],
          limit: Annotated[int, Query(ge=1, le=500)] = 25) -> dict[str, Any]:
    """One actor: names and roles, mentions, events as source and as target, quotes attributed to it."""
    found = queries.actor(cur, key, limit)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} in this store")
    return found


@router.get("/entities", tags=["actors"], response_model=Paged)
def entities(cur: Cur, page: Paging, q: Text = None,
             code: Annotated[str | None, Query(max_length=50, description="Code prefix.")] = None,
             kind: Annotated[str | None, Query(max_length=20)] = None,
             article: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    """Entities as found in each article (one row per article and actor)."""
    return queries.entities(cur, page, q, code, kind, article)


@router.get("/attributions", tags=["sources"], response_model=Paged)
def attributions(cur: Cur, page: Paging, q: Text = None, anonymous: bool | None = None,
                 article: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    """Who said or claimed what: cue, source (named or anonymous, with descriptor) and content."""
    return queries.attributions(cur, page, anonymous, q, article)


@router.get("/sources", tags=["sources"])
def sources(db: Db, cur: Cur, date_from: date | None = None, date_to: date | None = None,
            outlet: Annotated[str | None, Query(max_length=200)] = None,
            limit: Annotated[int, Query(ge=1, le=500)] = 25) -> dict[str, Any]:
    """Named vs anonymous attributions by month and outlet; most-cited named sources and anonymous descriptors."""
    return db.memo(("sources", date_from, date_to, outlet, limit),
                   lambda: queries.sources(cur, date_from, date_to, outlet, limit))


@router.get("/deadlines", tags=["deadlines"], response_model=Paged)
def deadlines(cur: Cur, page: Paging, when: When = "upcoming",
              as_of: Annotated[date | None, Query(description="Reference day; default: the newest article's.")] = None,
              q: Text = None) -> dict[str, Any]:
    """Deadlines upcoming or passed on a day (or undated), with what they are about and their article."""
    day = as_of or queries.newest_published(cur) or date.today()
    return queries.deadlines(cur, page, when, day, q)


@router.post("/sql", tags=["store"], response_model=SQLAnswer,
             responses={400: {"description": "Not a single SELECT, failed, or ran too long."}})
def run_sql(request: Request, body: SQLQuery, db: Db, _: Cur) -> dict[str, Any]:
    """Run one read-only SELECT. Writes, ATTACH, COPY and file access are refused; long or memory-hungry
    queries are stopped."""
    # the cursor is not used: holding it keeps an upload from writing the store while the query process reads it
    try:
        result = sql.run(db.path, body.sql, min(body.max_rows, request.app.state.sql_max_rows),
                         request.app.state.sql_timeout_s, request.app.state.sql_memory_mb)
    except sql.SQLRefused as exc:
        raise HTTPException(400, str(exc))
    return jsonable_encoder(result.__dict__)


@router.post("/analyse", tags=["articles"])
def analyse(request: Request, text: Annotated[str | None, Form()] = None,
            file: Annotated[UploadFile | None, File(description="A .txt or .html article.")] = None,
            title: Annotated[str | None, Form(max_length=500)] = None,
            published: Annotated[date | None, Form()] = None,
            store: Annotated[bool, Form(description="Also add it to the store.")] = False) -> dict[str, Any]:
    """Analyse pasted text or an uploaded file; returns its analysis record (and stores it when asked)."""
    try:
        analysis = analyse_upload(request, text, file, title, published, store)
    except UploadError as exc:
        raise HTTPException(400, str(exc))
    return analysis.to_dict(include_text=True)


def analyse_upload(request: Request, text: str | None, file: UploadFile | None, title: str | None,
                   published: date | None, store: bool) -> Any:
    """Read, analyse and (optionally) store one upload; shared by the page and the API."""
    data = file.file.read(MAX_UPLOAD_BYTES + 1) if file is not None and file.filename else None
    if data and len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"{file.filename}: larger than {MAX_UPLOAD_BYTES // 2**20} MiB")
    article = article_from_upload(text, file.filename if file else None, data, title, published)
    try:
        analysis = request.app.state.analyser([article])[0]
    except AnalysisError as exc:  # too large, too slow, or a stage failed: one line, not a 500
        raise UploadError(exc.message)
    if store:
        try:
            with request.app.state.db.writer() as st:
                st.ingest([analysis])
        except StoreError as exc:
            raise UploadError(f"analysed, but not stored: {exc}")
    return analysis
