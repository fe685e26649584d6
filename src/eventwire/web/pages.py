"""HTML pages: the same queries as the API, rendered through autoescaped templates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventwire.web import queries, sql
from eventwire.web.analyse import UploadError
from eventwire.web.annotate import describe, marks, segments, sentence_bounds
from eventwire.web.api import Cur, Db, Filters, Paging, Sort, Text, When, analyse_upload
from eventwire.web.db import Database
from eventwire.web.filters import Page
from eventwire.web.render import article_url, templates

router = APIRouter(include_in_schema=False)

OptionalDay = Annotated[date | None, Query()]
Outlet = Annotated[str | None, Query(max_length=200)]
SQL_EXAMPLES = [
    "SELECT plover, quad_class, count(*) AS events FROM events GROUP BY ALL ORDER BY events DESC",
    "SELECT source_text, count(*) AS citations FROM attributions WHERE anonymous GROUP BY 1 ORDER BY 2 DESC LIMIT 20",
    "SELECT a.title, d.date, d.about FROM deadlines d JOIN articles a ON a.id = d.article_id ORDER BY d.date",
]


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def facets(db: Database, cur: Any) -> dict[str, list[Any]]:
    return db.memo("facets", lambda: queries.facets(cur))


def _blank(value: str | None) -> str | None:
    return value if value and value.strip() else None


@router.get("/")
def home(request: Request, db: Db, cur: Cur) -> HTMLResponse:
    stats = db.memo("stats", lambda: queries.stats(cur))
    latest = queries.articles(cur, Page(page=1, per_page=8))
    return page(request, "home.html", stats=stats, latest=latest)


@router.get("/articles")
def articles(request: Request, db: Db, cur: Cur, paging: Paging, q: Text = None, outlet: Outlet = None,
             date_from: OptionalDay = None, date_to: OptionalDay = None) -> HTMLResponse:
    result = queries.articles(cur, paging, _blank(q), _blank(outlet), date_from, date_to)
    return page(request, "articles.html", result=result, outlets=facets(db, cur)["outlets"],
                form={"q": q or "", "outlet": outlet or "", "date_from": date_from, "date_to": date_to})


def article_view(record: dict[str, Any], text: str, focus: str | None, at: int | None) -> dict[str, Any]:
    """What the article template needs: highlighted segments, annotation details, the focused sentence."""
    spans = marks(record)
    target = None
    if focus:
        target = next(((s, e) for s, e, _, ref in sorted(spans) if ref == focus and _ not in ("claim", "quote")),
                      None) or next(((s, e) for s, e, _, ref in sorted(spans) if ref == focus), None)
    elif at is not None and 0 <= at < len(text):
        target = (at, at + 1)
    if target:
        s, e = sentence_bounds(text, *target)
        spans.append((s, e, "focus", "focus"))
    return {"segments": segments(text, spans), "details": describe(record), "focused": target is not None}


@router.get("/articles/{article_id}")
def article(request: Request, cur: Cur, article_id: str,
            focus: Annotated[str | None, Query(max_length=40)] = None,
            at: Annotated[int | None, Query(ge=0)] = None) -> HTMLResponse:
    row = queries.article(cur, article_id)
    if row is None:
        raise HTTPException(404, f"There is no article {article_id!r} in this store.")
    record = row["analysis"]
    return page(request, "article.html", art=row, record=record, stored=True,
                **article_view(record, row["text"], focus, at))


@router.get("/events")
def events(request: Request, db: Db, cur: Cur, filters: Filters, paging: Paging, sort: Sort = "-date") -> HTMLResponse:
    result = queries.events(cur, filters, paging, sort)
    return page(request, "events.html", result=result, f=filters, sort=sort, facets=facets(db, cur))


@router.get("/timeline")
def timeline(request: Request, db: Db, cur: Cur, filters: Filters) -> HTMLResponse:
    data = queries.timeline(cur, filters)
    return page(request, "timeline.html", data=data, f=filters, facets=facets(db, cur))


@router.get("/network")
def network(request: Request, db: Db, cur: Cur, filters: Filters,
            limit: Annotated[int, Query(ge=5, le=400)] = 80) -> HTMLResponse:
    data = queries.network(cur, filters, limit)
    return page(request, "network.html", data=data, f=filters, limit=limit, facets=facets(db, cur))


@router.get("/actors")
def actors(request: Request, cur: Cur, paging: Paging, q: Text = None,
           country: Annotated[str | None, Query(max_length=3)] = None) -> HTMLResponse:
    result = queries.actors(cur, paging, _blank(q), _blank(country))
    return page(request, "actors.html", result=result, form={"q": q or "", "country": country or ""})


@router.get("/actors/{key:path}")
def actor(request: Request, cur: Cur, key: str) -> HTMLResponse:
    found = queries.actor(cur, key)
    if found is None:
        raise HTTPException(404, f"There is no actor {key!r} in this store.")
    return page(request, "actor.html", actor=found)


@router.get("/sources")
def sources(request: Request, db: Db, cur: Cur, date_from: OptionalDay = None, date_to: OptionalDay = None,
            outlet: Outlet = None) -> HTMLResponse:
    data = db.memo(("sources", date_from, date_to, _blank(outlet)),
                   lambda: queries.sources(cur, date_from, date_to, _blank(outlet)))
    return page(request, "sources.html", data=data, outlets=facets(db, cur)["outlets"],
                form={"date_from": date_from, "date_to": date_to, "outlet": outlet or ""})


@router.get("/deadlines")
def deadlines(request: Request, db: Db, cur: Cur, paging: Paging, when: When = "upcoming", as_of: OptionalDay = None,
              q: Text = None) -> HTMLResponse:
    newest = queries.newest_published(cur)
    day = as_of or newest or date.today()
    result = queries.deadlines(cur, paging, when, day, _blank(q))
    counts = queries.deadline_counts(cur, day, _blank(q))
    return page(request, "deadlines.html", result=result, counts=counts, newest=newest, today=date.today(),
                form={"q": q or "", "as_of": day})


@router.get("/analyse")
def analyse_form(request: Request) -> HTMLResponse:
    return page(request, "analyse.html", error=None, form={})


@router.post("/analyse")
def analyse(request: Request, text: Annotated[str | None, Form()] = None,
            file: Annotated[UploadFile | None, File()] = None,
            title: Annotated[str | None, Form(max_length=500)] = None,
            published: Annotated[str | None, Form()] = None,
            store: Annotated[bool, Form()] = False) -> Response:
    form = {"text": text or "", "title": title or "", "published": published or "", "store": store}
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        return templates.TemplateResponse(request, "analyse.html", {"error": "published: use YYYY-MM-DD",
                                                                   "form": form}, status_code=400)
    try:
        analysis = analyse_upload(request, text, file, _blank(title), day, store)
    except UploadError as exc:
        return templates.TemplateResponse(request, "analyse.html", {"error": str(exc), "form": form},
                                          status_code=400)
    if store:
        return RedirectResponse(article_url(analysis.article.id), status_code=303)
    record = analysis.to_dict()
    art = {**record["article"], "text": analysis.article.text}
    return page(request, "article.html", art=art, record=record, stored=False,
                **article_view(record, analysis.article.text, None, None))


@router.get("/sql")
def sql_page(request: Request, db: Db, _: Cur, q: Annotated[str | None, Query(alias="sql", max_length=20_000)] = None
             ) -> HTMLResponse:
    result, error = None, None
    if q and q.strip():
        try:
            result = sql.run(db.path, q, request.app.state.sql_max_rows, request.app.state.sql_timeout_s,
                             request.app.state.sql_memory_mb)
        except sql.SQLRefused as exc:
            error = str(exc)
    return page(request, "sql.html", sql=q or "", result=result, error=error, examples=SQL_EXAMPLES)
