"""Every read the pages and the API make, as functions of a cursor returning plain dicts.

Pages and API share these, so what a page shows is exactly what its endpoint returns.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

from eventwire.store import ANNOTATION_COUNTS
from eventwire.web.annotate import sentence
from eventwire.web.filters import EVENT_SORTS, EVENTS_FROM, ON_ARTICLE, EventFilter, Page, order_by
from eventwire.web.labels import cameo_name, quad_name

Cursor = duckdb.DuckDBPyConnection

EVENT_COLUMNS = """
e.article_id, e.id, e.day, e.date, e.cameo, e.plover, e.plover_mode, e.goldstein, e.quad_class,
e.source_code, e.source_text, e.source_country, e.target_code, e.target_text, e.target_country,
e.trigger_text, e.trigger_start, e.trigger_end, e.modality, e.date_source, e.attribution,
e.according_to, e.source_anonymous AS anonymous, e.evidence
"""  # the source's words and anonymity are on the event row (derived at ingest): no join to attributions


def fetch(cur: Cursor, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows as dicts keyed by column name."""
    res = cur.execute(sql, params or [])
    names = [d[0] for d in res.description]
    return [dict(zip(names, row)) for row in res.fetchall()]


def scalar(cur: Cursor, sql: str, params: list[Any] | None = None) -> Any:
    row = cur.execute(sql, params or []).fetchone()
    return row[0] if row else None


def texts(cur: Cursor, article_ids: set[str]) -> dict[str, str]:
    """Full texts of a few articles (to cut sentences out of)."""
    if not article_ids:
        return {}
    return dict(cur.execute("SELECT id, text FROM articles WHERE list_contains(?, id)", [sorted(article_ids)]).fetchall())


def _articles_of(cur: Cursor, article_ids: set[str]) -> dict[str, tuple[Any, ...]]:
    """Title, date, outlet and text of a few articles, by id: one look-up for everything a page shows
    (DuckDB joined the page's rows to articles slowly)."""
    if not article_ids:
        return {}
    return {r[0]: r[1:] for r in cur.execute("SELECT id, title, published, outlet, text FROM articles "
                                             "WHERE list_contains(?, id)", [sorted(article_ids)]).fetchall()}


def _dress_events(rows: list[dict[str, Any]], articles: dict[str, tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Add each event's article (title, date, outlet), the names of its codes and the sentence it was coded from."""
    for r in rows:
        title, published, outlet, body = articles[r["article_id"]]
        evidence = r.pop("evidence")  # the article's columns come before it, as they always have
        r.update(article_title=title, published=published, outlet=outlet, evidence=evidence,
                 cameo_name=cameo_name(r["cameo"]), quad_name=quad_name(r["quad_class"]),
                 sentence=sentence(body, r["trigger_start"], r["trigger_end"]) if body else None)
    return rows


def _picked_sql(f: EventFilter, sort: str, seek: tuple[str, list[Any]] = ("TRUE", [])) -> tuple[str, list[Any]]:
    """The filtered events' row ids and sort values, in order (joining articles only to sort on their
    date). Rows are picked on these alone, then only the picked rows are read in full: sorting whole
    rows to skip most of them made deep pages slow (DuckDB does this itself for a LIMIT, not an OFFSET)."""
    where, params = f.where()
    where, params = f"{where} AND {seek[0]}", [*params, *seek[1]]
    # ties broken by insertion order (rowid): comparing (article_id, id) strings made deep pages slow
    order = order_by(sort, EVENT_SORTS, "e.rowid")
    key = sort.lstrip("-")
    joins = ON_ARTICLE if key == "published" else ""
    return f"SELECT e.rowid AS row_key, {EVENT_SORTS[key]} AS sort_key {EVENTS_FROM} {joins} WHERE {where} {order}", params


def _events_sql(f: EventFilter, sort: str) -> tuple[str, list[Any]]:
    """Every filtered event in full, in order (downloads)."""
    picked, params = _picked_sql(f, sort)
    outer = order_by(sort, {sort.lstrip("-"): "k.sort_key"}, "k.row_key")
    return f"SELECT {EVENT_COLUMNS} FROM events e JOIN ({picked}) k ON k.row_key = e.rowid {outer}", params


#: From this offset on, a page first counts the rows per sort value (see :func:`_seek`).
SEEK_FROM = 1000


def _seek(cur: Cursor, f: EventFilter, sort: str, page: Page) -> tuple[tuple[str, list[Any]], int]:
    """A deep page: keep only the rows whose sort value the page falls in, and the offset among them.

    Sorting a million rows to skip most of them was the cost of deep pages; counting per sort value
    is cheap, and the page then sorts the few values it shows (same rows, same order).
    """
    column = EVENT_SORTS[sort.lstrip("-")]
    if page.offset < SEEK_FROM or not column.startswith("e."):
        return ("TRUE", []), page.offset
    where, params = f.where()
    groups = cur.execute(f"SELECT {column}, count(*) {EVENTS_FROM} WHERE {where} GROUP BY 1 "
                         f"ORDER BY 1 {'DESC' if sort.startswith('-') else 'ASC'} NULLS LAST", params).fetchall()
    start = skipped = 0
    chosen: list[Any] = []
    for value, n in groups:
        if start + n <= page.offset:
            skipped = start + n
        elif start < page.offset + page.per_page:
            chosen.append(value)
        else:
            break
        start += n
    values = [v for v in chosen if v is not None]
    term = f"(list_contains(?, {column}){f' OR {column} IS NULL' if len(values) < len(chosen) else ''})"
    return (term, [values]), page.offset - skipped


def _page_keys(cur: Cursor, f: EventFilter, page: Page, sort: str) -> list[int]:
    """The row ids of one page of the filtered events, in order."""
    seek, offset = _seek(cur, f, sort, page)
    picked, params = _picked_sql(f, sort, seek)
    return [r[0] for r in cur.execute(f"{picked} LIMIT ? OFFSET ?", [*params, page.per_page, offset]).fetchall()]


def _read_events(cur: Cursor, *pages: list[int]) -> list[list[dict[str, Any]]]:
    """The events of each list of row ids, as stored, in that order: one read for them all (a page's
    rows lie anywhere in the table; DuckDB finds a list of row ids cheaply, not a join to them)."""
    wanted = sorted({i for keys in pages for i in keys})
    if not wanted:
        return [[] for _ in pages]
    res = cur.execute(f"SELECT e.rowid, {EVENT_COLUMNS} FROM events e WHERE e.rowid = ANY(?)", [wanted])
    names = [d[0] for d in res.description][1:]
    found = {r[0]: r[1:] for r in res.fetchall()}
    return [[dict(zip(names, found[i])) for i in keys] for keys in pages]


def _event_page(cur: Cursor, f: EventFilter, page: Page, sort: str) -> dict[str, Any]:
    """One page of the filtered events as stored (not yet dressed), with the total."""
    where, params = f.where()
    total = scalar(cur, f"SELECT count(*) {EVENTS_FROM} WHERE {where}", params)
    [rows] = _read_events(cur, _page_keys(cur, f, page, sort))
    return {"total": total, "page": page.page, "per_page": page.per_page, "items": rows}


def events(cur: Cursor, f: EventFilter, page: Page, sort: str = "-date") -> dict[str, Any]:
    """One page of the filtered events, with the total."""
    found = _event_page(cur, f, page, sort)
    _dress_events(found["items"], _articles_of(cur, {r["article_id"] for r in found["items"]}))
    return found


def event_batches(cur: Cursor, f: EventFilter, sort: str = "-date", size: int = 2000):  # type: ignore[no-untyped-def]
    """Every filtered event, in batches (for downloads of any size)."""
    sql, params = _events_sql(f, sort)
    res = cur.execute(sql, params)
    names = [d[0] for d in res.description]
    reader = cur.cursor()  # a second cursor: the first is busy streaming
    try:
        while batch := res.fetchmany(size):
            rows = [dict(zip(names, row)) for row in batch]
            yield _dress_events(rows, _articles_of(reader, {r["article_id"] for r in rows}))
    finally:
        reader.close()


def facets(cur: Cursor) -> dict[str, list[Any]]:
    """The values the filter menus offer: what the store actually holds."""
    return {
        "plover": [r[0] for r in cur.execute("SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY 1").fetchall()],
        "modality": [r[0] for r in cur.execute("SELECT DISTINCT modality FROM events WHERE modality IS NOT NULL ORDER BY 1").fetchall()],
        "outlets": [r[0] for r in cur.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1").fetchall()],
    }


# --- articles -------------------------------------------------------------------------------------

def articles(cur: Cursor, page: Page, q: str | None = None, outlet: str | None = None,
             date_from: date | None = None, date_to: date | None = None) -> dict[str, Any]:
    """Articles, newest first, with their annotation counts."""
    terms, params = ["TRUE"], []
    if q:
        terms.append("contains(lower(concat_ws(' ', title, outlet, source, id)), lower(?))")
        params.append(q.strip())
    if outlet:
        terms.append("outlet = ?")
        params.append(outlet)
    if date_from:
        terms.append("published >= ?")
        params.append(date_from)
    if date_to:
        terms.append("published <= ?")
        params.append(date_to)
    where = " AND ".join(terms)
    total = scalar(cur, f"SELECT count(*) FROM articles WHERE {where}", params)
    # each article's annotation counts are kept on it at ingest (store.ANNOTATION_COUNTS)
    counts = ", ".join(f"{ANNOTATION_COUNTS[t]} AS {t}" for t in ("events", "attributions", "deadlines", "entities"))
    rows = fetch(cur, f"SELECT id, title, published, url, outlet, source, chars, ingested_at, {counts} FROM articles "
                      f"WHERE {where} ORDER BY published DESC NULLS LAST, ingested_at DESC, id LIMIT ? OFFSET ?",
                 [*params, page.per_page, page.offset])
    return {"total": total, "page": page.page, "per_page": page.per_page, "items": rows}


def article(cur: Cursor, article_id: str) -> dict[str, Any] | None:
    """One article: metadata, text and its analysis record."""
    rows = fetch(cur, "SELECT id, title, published, url, outlet, source, chars, text_sha256, ingested_at, text, "
                      "analysis FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    row = rows[0]
    row["analysis"] = json.loads(row["analysis"])
    return row


# --- actors ---------------------------------------------------------------------------------------

ACTOR_KEY = "coalesce(code, name)"


def actors(cur: Cursor, page: Page, q: str | None = None, country: str | None = None) -> dict[str, Any]:
    """Actors across the store (keyed by code, or name when uncoded) with how often they appear."""
    terms, params = ["TRUE"], []
    if q:
        terms.append("(contains(lower(name), lower(?)) OR starts_with(upper(coalesce(code, '')), upper(?)))")
        params += [q.strip(), q.strip()]
    if country:
        terms.append("country = ?")
        params.append(country.upper())
    where = " AND ".join(terms)
    # first_of_key marks one row per article and actor, so counting articles needs no count(DISTINCT);
    # the names (most frequent spelling) are worked out for the page's actors only
    total = scalar(cur, f"SELECT count(DISTINCT {ACTOR_KEY}) FROM entities WHERE {where}", params)
    ranked = cur.execute(f"SELECT {ACTOR_KEY} AS key, count(*) AS articles FROM entities WHERE {where} AND first_of_key "
                         f"GROUP BY 1 ORDER BY articles DESC, key LIMIT ? OFFSET ?",
                         [*params, page.per_page, page.offset]).fetchall()
    keys = [k for k, _ in ranked]
    named = {r["key"]: r for r in fetch(
        cur, f"SELECT {ACTOR_KEY} AS key, mode(name) AS name, any_value(code) AS code, mode(country) AS country, "
             f"mode(kind) AS kind FROM entities WHERE {where} AND list_contains(?, {ACTOR_KEY}) GROUP BY 1",
        [*params, keys])}
    rows = [{**named[k], "articles": n} for k, n in ranked]
    # events per side from the counts kept per actor and article at ingest (store.ACTOR_KEYS)
    sides = {k: (s, t) for k, s, t in cur.execute(
        "SELECT actor_key, sum(as_source)::BIGINT, sum(as_target)::BIGINT FROM actor_articles "
        "WHERE list_contains(?, actor_key) GROUP BY 1", [keys]).fetchall()}
    for r in rows:
        r["as_source"], r["as_target"] = sides.get(r["key"], (0, 0))
    return {"total": total, "page": page.page, "per_page": page.per_page, "items": rows}


def entities(cur: Cursor, page: Page, q: str | None = None, code: str | None = None, kind: str | None = None,
             article_id: str | None = None) -> dict[str, Any]:
    """Entities as found in each article: one row per article and actor."""
    terms, params = ["TRUE"], []
    for term, value in (("contains(lower(name), lower(?))", q), ("starts_with(upper(coalesce(code, '')), upper(?))", code),
                        ("kind = ?", kind), ("article_id = ?", article_id)):
        if value:
            terms.append(term)
            params.append(value)
    where = " AND ".join(terms)
    total = scalar(cur, f"SELECT count(*) FROM entities WHERE {where}", params)
    rows = fetch(cur, f"SELECT * FROM entities WHERE {where} ORDER BY article_id, id LIMIT ? OFFSET ?",
                 [*params, page.per_page, page.offset])
    return {"total": total, "page": page.page, "per_page": page.per_page, "items": rows}


def _newest(cur: Cursor, table: str, key_column: str, key: str, columns: str, tiebreak: str, limit: int,
            dates: list[date] | None) -> list[dict[str, Any]]:
    """The ``limit`` newest rows of ``table`` with ``key_column = key``, given the ``limit`` newest
    dates of the articles holding such rows.

    Rows carry their article's date (``published``, copied at ingest). The articles from the oldest of
    those dates on hold at least ``limit`` rows, so the newest rows are among theirs: only those are
    sorted, not every row of a busy actor (same rows, same order). With fewer dated articles than
    ``limit``, every row is read (undated ones sort last).
    """
    since, params = ("published >= ?", [dates[-1]]) if dates and len(dates) == limit else ("TRUE", [])
    return fetch(cur, f"SELECT {columns}, published FROM {table} WHERE {key_column} = ? AND {since} "
                      f"ORDER BY published DESC NULLS LAST, {tiebreak} LIMIT ?", [key, *params, limit])


def actor(cur: Cursor, key: str, limit: int = 25) -> dict[str, Any] | None:
    """Everything about one actor: names and roles, mentions, events either side, quotes."""
    match = "(en.code = ? OR (en.code IS NULL AND en.name = ?))"
    # first_of_variant marks one row per article and name variant: articles counted without count(DISTINCT)
    names = fetch(cur, f"SELECT en.name, en.kind, en.country, en.code, en.sector, en.role, "
                       f"count(*) FILTER (WHERE en.first_of_variant) AS articles FROM entities en WHERE {match} "
                       f"GROUP BY ALL ORDER BY articles DESC, en.name LIMIT 50", [key, key])
    if not names:
        return None
    # the actor's totals, and the newest dates of the articles naming and quoting it, from the counts
    # kept per actor and article at ingest (store.ACTOR_KEYS): one small read instead of a scan per table
    mention_total, quote_total, source_total, target_total, mention_dates, quote_dates = cur.execute(
        "SELECT " + ", ".join(f"coalesce(sum({c}), 0)::BIGINT" for c in ("mentions", "quotes", "as_source", "as_target"))
        + ", max(published, ?) FILTER (WHERE mentions > 0), max(published, ?) FILTER (WHERE quotes > 0) "
        "FROM actor_articles WHERE actor_key = ?", [limit, limit, key]).fetchone()
    # mentions and attributions carry their actor's key and article date (derived at ingest): no joins
    mentions = _newest(cur, "mentions", "actor_key", key, 'article_id, entity_id, start, "end", text',
                       "article_id, start", limit, mention_dates)
    quotes = _newest(cur, "attributions", "source_key", key, "article_id, id, kind, cue_text, source_text, content_text",
                     "article_id, id", limit, quote_dates)
    first = Page(page=1, per_page=limit)
    sides = _read_events(cur, _page_keys(cur, EventFilter(source_actor=key), first, "-date"),
                         _page_keys(cur, EventFilter(target_actor=key), first, "-date"))
    as_source, as_target = ({"total": total, "page": 1, "per_page": limit, "items": rows}
                            for total, rows in zip((source_total, target_total), sides))
    articles = _articles_of(cur, {r["article_id"] for r in (*mentions, *quotes, *as_source["items"],
                                                            *as_target["items"])})  # one look-up for the page
    for r in (*mentions, *quotes):
        r["article_title"] = articles[r["article_id"]][0]
        r["published"] = r.pop("published")  # after the title, as the API has always listed them
    for m in mentions:
        m["sentence"] = sentence(articles[m["article_id"]][3], m["start"], m["end"])
    _dress_events(as_source["items"], articles)
    _dress_events(as_target["items"], articles)
    return {
        "key": key, "names": names, "mentions": {"total": mention_total, "items": mentions},
        "as_source": as_source, "as_target": as_target, "quotes": {"total": quote_total, "items": quotes},
    }


def network(cur: Cursor, f: EventFilter, limit: int = 120) -> dict[str, Any]:
    """Who acts on whom: the heaviest directed edges, with event counts and mean Goldstein scores."""
    where, params = f.where()
    edges = fetch(cur, f"SELECT coalesce(e.source_code, e.source_text) AS source, "
                       f"coalesce(e.target_code, e.target_text) AS target, count(*) AS events, "
                       f"round(avg(e.goldstein), 2) AS goldstein {EVENTS_FROM} WHERE {where} "
                       f"AND coalesce(e.source_code, e.source_text) IS NOT NULL "
                       f"AND coalesce(e.target_code, e.target_text) IS NOT NULL "
                       f"AND coalesce(e.source_code, e.source_text) <> coalesce(e.target_code, e.target_text) "
                       f"GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?", [*params, limit])
    keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    names = dict(cur.execute(f"SELECT {ACTOR_KEY}, mode(name) FROM entities WHERE list_contains(?, {ACTOR_KEY}) "
                             "GROUP BY 1", [keys]).fetchall())
    weight: dict[str, int] = {}
    for e in edges:
        weight[e["source"]] = weight.get(e["source"], 0) + e["events"]
        weight[e["target"]] = weight.get(e["target"], 0) + e["events"]
    nodes = [{"id": k, "name": names.get(k) or k, "events": weight[k]} for k in keys]
    return {"nodes": nodes, "edges": edges}


# --- time -----------------------------------------------------------------------------------------

def _columns(cur: Cursor, sql: str, params: list[Any]) -> dict[str, list[Any]]:
    """A result as one list per column: compact JSON for charts."""
    res = cur.execute(sql, params)
    names = [d[0] for d in res.description]
    rows = res.fetchall()
    return {name: [r[i] for r in rows] for i, name in enumerate(names)}


def timeline(cur: Cursor, f: EventFilter, limit: int = 1000) -> dict[str, Any]:
    """Daily event counts by quad class, the latest individual events, and deadlines in the period.

    Columns come back as lists (``{"day": [...], "events": [...]}``) to keep chart data small.
    """
    where, params = f.where()
    daily = _columns(cur, f"SELECT strftime(day, '%Y-%m-%d') AS day, quad_class, events FROM (SELECT e.day, "
                          f"e.quad_class, count(*) AS events {EVENTS_FROM} WHERE {where} AND e.day IS NOT NULL "
                          f"GROUP BY ALL) ORDER BY 1, 2", params)  # format the few groups, not every row
    # the daily counts tell from which day on the latest ``limit`` events lie: only those days are sorted
    since, latest = "-infinity", 0
    for day, n in sorted(zip(daily["day"], daily["events"]), reverse=True):  # ISO days sort as dates
        since, latest = day, latest + n
        if latest >= limit:
            break
    points = _columns(cur, f"SELECT e.article_id, e.id, strftime(e.day, '%Y-%m-%d') AS day, e.cameo, e.goldstein, "
                           f"e.quad_class, coalesce(e.source_code, e.source_text) AS source, "
                           f"coalesce(e.target_code, e.target_text) AS target, e.modality {EVENTS_FROM} "
                           f"WHERE {where} AND e.day >= CAST(? AS DATE) ORDER BY e.day DESC, e.article_id, e.id "
                           f"LIMIT ?",
                      [*params, since, limit])
    points["cameo_name"] = [cameo_name(c) for c in points["cameo"]]
    dterms, dparams = ["d.day IS NOT NULL"], []
    for sql_term, value in (("d.day >= ?", f.date_from), ("d.day <= ?", f.date_to), ("d.article_id = ?", f.article)):
        if value:
            dterms.append(sql_term)
            dparams.append(value)
    deadlines = _columns(cur, f"SELECT d.article_id, d.id, strftime(d.day, '%Y-%m-%d') AS day, d.text, d.about "
                              f"FROM deadlines d WHERE {' AND '.join(dterms)} ORDER BY d.day DESC LIMIT ?",
                         [*dparams, limit])
    return {"total": sum(daily["events"]), "shown": len(points["id"]), "daily": daily, "points": points,
            "deadlines": deadlines, "limit": limit}


def deadlines(cur: Cursor, page: Page, when: str, as_of: date, q: str | None = None) -> dict[str, Any]:
    """Deadlines upcoming or passed on ``as_of`` (or undated), with the article behind each."""
    terms = {"upcoming": "d.day >= ?", "passed": "d.day < ?", "undated": "d.day IS NULL AND ? IS NOT NULL"}
    where, params = terms[when], [as_of]
    if q:
        where += " AND contains(lower(concat_ws(' ', d.text, d.about, ar.title)), lower(?))"
        params.append(q.strip())
    base = "FROM deadlines d JOIN articles ar ON ar.id = d.article_id"
    counted = base if q else "FROM deadlines d"  # a deadline's article is stored with it: join to search titles
    total = scalar(cur, f"SELECT count(*) {counted} WHERE {where}", params)
    order = "d.day ASC" if when == "upcoming" else "d.day DESC NULLS LAST"
    if when != "undated":  # the page ends on its last row's day: only deadlines up to it are joined and sorted
        last = scalar(cur, f"SELECT d.day {counted} WHERE {where} ORDER BY {order} LIMIT 1 OFFSET ?",
                      [*params, page.offset + page.per_page - 1])
        if last is not None:
            where, params = f"{where} AND d.day {'<=' if when == 'upcoming' else '>='} ?", [*params, last]
    rows = fetch(cur, f"SELECT d.article_id, d.id, d.day, d.date, d.text, d.about, d.status, d.attaches_to, "
                      f"d.start, d.\"end\", d.evidence, ar.title AS article_title, ar.published, ar.outlet "
                      f"{base} WHERE {where} ORDER BY {order}, ar.published DESC, d.article_id, d.id "
                      f"LIMIT ? OFFSET ?", [*params, page.per_page, page.offset])
    bodies = texts(cur, {r["article_id"] for r in rows})
    for r in rows:
        r["sentence"] = sentence(bodies.get(r["article_id"], ""), r["start"], r["end"])
    return {"total": total, "page": page.page, "per_page": page.per_page, "items": rows,
            "when": when, "as_of": as_of}


def deadline_counts(cur: Cursor, as_of: date, q: str | None = None) -> dict[str, int]:
    """How many deadlines each tab of the deadlines page holds."""
    source, where, params = "deadlines d", "TRUE", []
    if q:  # the article is joined only to search its title
        source = "deadlines d JOIN articles ar ON ar.id = d.article_id"
        where, params = "contains(lower(concat_ws(' ', d.text, d.about, ar.title)), lower(?))", [q.strip()]
    row = cur.execute(f"SELECT count(*) FILTER (WHERE d.day >= ?), count(*) FILTER (WHERE d.day < ?), "
                      f"count(*) FILTER (WHERE d.day IS NULL) FROM {source} WHERE {where}",
                      [as_of, as_of, *params]).fetchone()
    return dict(zip(("upcoming", "passed", "undated"), row))


def newest_published(cur: Cursor) -> date | None:
    return scalar(cur, "SELECT max(published) FROM articles")


# --- sources --------------------------------------------------------------------------------------

def attributions(cur: Cursor, page: Page, anonymous: bool | None = None, q: str | None = None,
                 article_id: str | None = None) -> dict[str, Any]:
    """Who said what: attributions with their source and article."""
    terms, params = ["TRUE"], []
    if anonymous is not None:
        terms.append("a.anonymous = ?")
        params.append(anonymous)
    if q:
        terms.append("contains(lower(concat_ws(' ', a.source_text, a.content_text, a.cue_text)), lower(?))")
        params.append(q.strip())
    if article_id:
        terms.append("a.article_id = ?")
        params.append(article_id)
    where = " AND ".join(terms)
    base = "FROM attributions a JOIN articles ar ON ar.id = a.article_id"
    total = scalar(cur, f"SELECT count(*) {base} WHERE {where}", params)
    rows = fetch(cur, f"SELECT a.article_id, a.id, a.kind, a.cue_text, a.source_text, a.source_entity, a.anonymous, "
                      f"a.descriptor, a.content_text, a.parent, a.evidence, ar.title AS article_title, ar.published, "
                      f"ar.outlet {base} WHERE {where} ORDER BY ar.published DESC NULLS LAST, a.article_id, a.id "
                      f"LIMIT ? OFFSET ?", [*params, page.per_page, page.offset])
    for r in rows:
        r["descriptor"] = json.loads(r["descriptor"]) if r["descriptor"] else None
    return {"total": total, "page": page.page, "per_page": page.per_page, "items": rows}


def sources(cur: Cursor, date_from: date | None = None, date_to: date | None = None,
            outlet: str | None = None, limit: int = 25) -> dict[str, Any]:
    """Named vs anonymous sourcing over time and per outlet; the most cited sources and descriptors.

    Reads the counts the store derives at ingest (citations per article, each source's name and its
    first citation in an article), so the page needs no join unless it filters on the article.
    """
    terms, params = [], []
    for sql, value in (("published >= ?", date_from), ("published <= ?", date_to), ("outlet = ?", outlet)):
        if value:
            terms.append(sql)
            params.append(value)
    on_articles = " AND ".join(terms) or "TRUE"
    share = ("coalesce(sum(named_citations), 0)::BIGINT AS named, "
             "coalesce(sum(anonymous_citations), 0)::BIGINT AS anonymous")
    cited = "named_citations + anonymous_citations > 0"
    monthly = fetch(cur, f"SELECT strftime(month, '%Y-%m') AS month, named, anonymous FROM (SELECT "
                         f"date_trunc('month', published) AS month, {share} FROM articles WHERE {on_articles} "
                         f"AND published IS NOT NULL AND {cited} GROUP BY 1) ORDER BY 1", params)
    outlets = fetch(cur, f"SELECT coalesce(outlet, '(no outlet)') AS outlet, {share}, count(*) AS articles "
                         f"FROM articles WHERE {on_articles} AND {cited} GROUP BY 1 ORDER BY named + anonymous DESC, 1 "
                         f"LIMIT 50", params)
    joins = "FROM attributions a" + (" JOIN articles ar ON ar.id = a.article_id" if terms else "")
    base = f"{joins} WHERE a.source_text IS NOT NULL" + "".join(f" AND ar.{t}" for t in terms)
    named = fetch(cur, f"SELECT a.source_name AS source, any_value(a.source_code) AS code, count(*) AS citations, "
                       f"count(*) FILTER (WHERE a.first_of_source) AS articles {base} AND NOT a.anonymous "
                       f"GROUP BY 1 ORDER BY citations DESC, 1 LIMIT ?", [*params, limit])
    # grouping by the descriptor's JSON text is cheap; its few distinct values are parsed here
    described: dict[tuple[Any, ...], dict[str, Any]] = {}
    for text, n, example in cur.execute(f"SELECT a.descriptor, count(*), any_value(a.source_text) {base} "
                                        f"AND a.anonymous GROUP BY 1", params).fetchall():
        d = json.loads(text) if text else {}
        key = (d.get("rank"), d.get("affiliation"), d.get("role"))
        row = described.setdefault(key, {"rank": key[0], "affiliation": key[1], "role": key[2], "citations": 0,
                                         "example": example})
        row["citations"] += n
    descriptors = sorted(described.values(), key=lambda r: (-r["citations"], str(r["affiliation"]), str(r["role"]),
                                                            str(r["rank"])))[:limit]
    totals = fetch(cur, f"SELECT {share} FROM articles WHERE {on_articles}", params)[0]
    return {"totals": totals, "monthly": monthly, "outlets": outlets, "named_sources": named,
            "anonymous_descriptors": descriptors}


# --- whole store ----------------------------------------------------------------------------------

def stats(cur: Cursor) -> dict[str, Any]:
    """What the store holds: rows per table, date range, events by quad class and PLOVER type."""
    counts = {t: scalar(cur, f"SELECT count(*) FROM {t}")
              for t in ("articles", "entities", "mentions", "times", "attributions", "events", "deadlines")}
    first, last = cur.execute("SELECT min(published), max(published) FROM articles").fetchone()
    quads = fetch(cur, "SELECT quad_class, count(*) AS events FROM events GROUP BY 1 ORDER BY 1")
    for q in quads:
        q["name"] = quad_name(q["quad_class"])
    plover = fetch(cur, "SELECT plover, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30")
    sourcing = fetch(cur, "SELECT count(*) FILTER (WHERE NOT anonymous) AS named, "
                          "count(*) FILTER (WHERE anonymous) AS anonymous FROM attributions")[0]
    return {"counts": counts, "published": {"first": first, "last": last}, "quad_classes": quads,
            "plover": plover, "attributions": sourcing}
