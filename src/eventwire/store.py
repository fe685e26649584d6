"""The embedded DuckDB store: schema, idempotent transactional ingest, read-only queries.

Every row is keyed by its article's id, so an article's annotations can be replaced or deleted as a
whole; ingest writes one batch per transaction, so a crash leaves the store as before that batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.analysis import Analysis, Attribution, Entity

DEFAULT_DB = "eventwire.duckdb"
SCHEMA_VERSION = 4

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, url VARCHAR, outlet VARCHAR,
    source VARCHAR, text_sha256 VARCHAR NOT NULL, chars INTEGER, text VARCHAR NOT NULL,
    analysis JSON NOT NULL, ingested_at TIMESTAMP DEFAULT current_timestamp,
    named_citations INTEGER, anonymous_citations INTEGER,
    entity_count INTEGER, event_count INTEGER, attribution_count INTEGER, deadline_count INTEGER);
CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR, kind VARCHAR, country VARCHAR,
    code VARCHAR, sector VARCHAR, role VARCHAR, evidence VARCHAR, first_of_key BOOLEAN, first_of_variant BOOLEAN,
    PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER,
    text VARCHAR, actor_key VARCHAR, published DATE);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, mod VARCHAR, evidence VARCHAR, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS attributions (
    article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, kind VARCHAR,
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    source_start INTEGER, source_end INTEGER, source_text VARCHAR, source_entity VARCHAR,
    anonymous BOOLEAN, descriptor JSON,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR,
    parent VARCHAR, evidence VARCHAR, source_name VARCHAR, source_code VARCHAR, first_of_source BOOLEAN,
    source_key VARCHAR, published DATE, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    cameo VARCHAR, plover VARCHAR, plover_mode VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source_entity VARCHAR, source_code VARCHAR, source_country VARCHAR, source_text VARCHAR,
    target_entity VARCHAR, target_code VARCHAR, target_country VARCHAR, target_text VARCHAR,
    time_id VARCHAR, date VARCHAR, day DATE, date_source VARCHAR, modality VARCHAR,
    attribution VARCHAR, evidence VARCHAR, source_anonymous BOOLEAN, according_to VARCHAR,
    PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS deadlines (
    article_id VARCHAR NOT NULL, id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR,
    time_id VARCHAR, date VARCHAR, day DATE, about VARCHAR, status VARCHAR, attaches_to VARCHAR,
    evidence VARCHAR, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS actor_articles (
    actor_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, published DATE, entities INTEGER,
    mentions INTEGER, quotes INTEGER, as_source INTEGER, as_target INTEGER);
"""

#: Tables that hold one article's annotations, deleted and rewritten together.
CHILD_TABLES = ("entities", "mentions", "times", "attributions", "events", "deadlines", "actor_articles")

#: ``actor_articles`` (schema 4) holds one row per article and actor key named in it: how many of the
#: article's rows of each kind carry that key. An actor's page and the actors list read their totals
#: there instead of scanning the large tables. Each count's table and key columns (the first that is
#: not NULL), as the pages match an actor:
ACTOR_KEYS = {"entities": ("entities", ("code", "name")), "mentions": ("mentions", ("actor_key",)),
              "quotes": ("attributions", ("source_key",)), "as_source": ("events", ("source_code", "source_text")),
              "as_target": ("events", ("target_code", "target_text"))}

#: Each article's number of rows in these tables, kept on the article (schema 3): the articles list
#: shows them without counting.
ANNOTATION_COUNTS = {"entities": "entity_count", "events": "event_count", "attributions": "attribution_count",
                     "deadlines": "deadline_count"}


#: What tells apart the ways an actor is named and described (the rows of an actor's page).
ENTITY_VARIANT = ("name", "kind", "country", "code", "sector", "role")


def _count_column(table: str, column: str) -> tuple[str, str, str, tuple[str, ...]]:
    """The derived column of articles holding each article's number of rows in ``table``."""
    return ("articles", column, "INTEGER",
            (f"UPDATE articles ar SET {column} = coalesce(c.n, 0) FROM articles x LEFT JOIN (SELECT article_id, "
             f"count(*) AS n FROM {table} GROUP BY 1) c ON c.article_id = x.id WHERE x.id = ar.id",))


#: Columns derived at ingest so the web pages read one table instead of joining (schema versions 2 to
#: 4): (table, column, type, SQL statements that fill it in a store written before it existed).
DERIVED_COLUMNS = (
    ("events", "according_to", "VARCHAR",  # the text search reads the source's words on the event row
     ("UPDATE events e SET according_to = a.source_text FROM attributions a "
      "WHERE a.article_id = e.article_id AND a.id = e.attribution",)),
    ("mentions", "actor_key", "VARCHAR",  # the actor's key (code, else name): an actor's page reads one table
     ("UPDATE mentions m SET actor_key = coalesce(en.code, en.name) FROM entities en "
      "WHERE en.article_id = m.article_id AND en.id = m.entity_id",)),
    ("attributions", "source_key", "VARCHAR",
     ("UPDATE attributions a SET source_key = coalesce(en.code, en.name) FROM entities en "
      "WHERE en.article_id = a.article_id AND en.id = a.source_entity",)),
    ("entities", "first_of_key", "BOOLEAN",  # counting articles per actor without count(DISTINCT)
     ("UPDATE entities en SET first_of_key = f.first FROM (SELECT article_id, id, row_number() OVER "
      "(PARTITION BY article_id, coalesce(code, name) ORDER BY id) = 1 AS first FROM entities) f "
      "WHERE f.article_id = en.article_id AND f.id = en.id",)),
    ("events", "source_anonymous", "BOOLEAN",
     ("UPDATE events e SET source_anonymous = a.anonymous FROM attributions a "
      "WHERE a.article_id = e.article_id AND a.id = e.attribution",)),
    ("attributions", "source_name", "VARCHAR",
     ("UPDATE attributions SET source_name = source_text",
      "UPDATE attributions a SET source_name = coalesce(en.name, a.source_text) FROM entities en "
      "WHERE en.article_id = a.article_id AND en.id = a.source_entity")),
    ("attributions", "source_code", "VARCHAR",
     ("UPDATE attributions a SET source_code = en.code FROM entities en "
      "WHERE en.article_id = a.article_id AND en.id = a.source_entity",)),
    ("attributions", "first_of_source", "BOOLEAN",
     ("UPDATE attributions a SET first_of_source = f.first FROM (SELECT article_id, id, row_number() OVER "
      "(PARTITION BY article_id, source_name, anonymous ORDER BY source_start, id) = 1 AS first FROM attributions) f "
      "WHERE f.article_id = a.article_id AND f.id = a.id",)),
    ("articles", "named_citations", "INTEGER",
     ("UPDATE articles ar SET named_citations = coalesce(c.n, 0) FROM articles x LEFT JOIN (SELECT article_id, "
      "count(*) AS n FROM attributions WHERE source_text IS NOT NULL AND NOT anonymous GROUP BY 1) c "
      "ON c.article_id = x.id WHERE x.id = ar.id",)),
    ("articles", "anonymous_citations", "INTEGER",
     ("UPDATE articles ar SET anonymous_citations = coalesce(c.n, 0) FROM articles x LEFT JOIN (SELECT article_id, "
      "count(*) AS n FROM attributions WHERE source_text IS NOT NULL AND anonymous GROUP BY 1) c "
      "ON c.article_id = x.id WHERE x.id = ar.id",)),
    # schema 3: the article's date on its mentions and attributions, so an actor's newest ones are
    # found in one table (an article's date changes only with its text, which rewrites every row)
    ("mentions", "published", "DATE",
     ("UPDATE mentions m SET published = ar.published FROM articles ar WHERE ar.id = m.article_id",)),
    ("attributions", "published", "DATE",
     ("UPDATE attributions a SET published = ar.published FROM articles ar WHERE ar.id = a.article_id",)),
    *(_count_column(table, column) for table, column in ANNOTATION_COUNTS.items()),
    # schema 4: one row per article and way of naming an actor (an actor's page counts articles per name)
    ("entities", "first_of_variant", "BOOLEAN",
     (f"UPDATE entities en SET first_of_variant = f.first FROM (SELECT article_id, id, row_number() OVER "
      f"(PARTITION BY article_id, {', '.join(ENTITY_VARIANT)} ORDER BY id) = 1 AS first FROM entities) f "
      f"WHERE f.article_id = en.article_id AND f.id = en.id",)),
)

#: Tables derived at ingest (schema 4), with the query that gives their rows from the other tables: it
#: fills them in a store written before they existed (after the derived columns, which it reads).
DERIVED_TABLES = {
    "actor_articles": (
        "SELECT k.actor_key, k.article_id, ar.published, "
        + ", ".join(f"count(*) FILTER (WHERE k.kind = '{kind}') AS {kind}" for kind in ACTOR_KEYS)
        + " FROM (" + " UNION ALL ".join(f"SELECT article_id, coalesce({', '.join(key)}) AS actor_key, "
                                           f"'{kind}' AS kind FROM {table}" for kind, (table, key) in ACTOR_KEYS.items())
        + ") k JOIN articles ar ON ar.id = k.article_id WHERE k.actor_key IS NOT NULL GROUP BY ALL"),
}


class StoreError(RuntimeError):
    """A store problem a user can meet (locked, unreadable, not an eventwire store)."""


def _connect(path: str | Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is in use by another eventwire process; try again when it ends")
        raise StoreError(f"{path}: cannot open the store ({str(exc).splitlines()[0]})")
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not a usable DuckDB store ({str(exc).splitlines()[0]})")


def full_day(value: str | None) -> str | None:
    """The date as a DATE column value when it names one whole day (``2018-05-12``), else None."""
    if value and len(value) == 10 and value[4] == "-" and value[:4].isdigit() and value[5:7].isdigit():
        return value
    return None


def country_of(code: str | None) -> str | None:
    """CAMEO-style codes start with the ISO alpha-3 country (or IGO/...) of the actor."""
    return code[:3] if code and len(code) >= 3 else None


def _key_of(entity: Entity | None) -> str | None:
    """How the pages key an actor: its code, else its name."""
    if entity is None:
        return None
    return entity.code if entity.code is not None else entity.name


def _cited(a: Attribution, entities: dict[str, Entity]) -> tuple[str | None, str | None]:
    """Name and code a source is counted under: its actor's when it is one, else its text."""
    ent = entities.get(a.source.entity) if a.source and a.source.entity else None
    if ent is not None and ent.name is not None:
        return ent.name, ent.code
    return (a.source.text if a.source else None), (ent.code if ent else None)


def rows_for(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """Flatten one analysis record into rows per table."""
    art = analysis.article
    aid = art.id
    record = analysis.to_dict()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("articles", *CHILD_TABLES)}
    sourced = [a.source for a in analysis.attributions if a.source and a.source.text is not None]
    rows["articles"].append({
        "id": aid, "title": art.title, "published": art.published, "url": art.url,
        "outlet": art.outlet, "source": art.source, "text_sha256": art.text_sha256,
        "chars": len(art.text), "text": art.text, "analysis": json.dumps(record, ensure_ascii=False),
        "named_citations": sum(1 for s in sourced if s.anonymous is False),
        "anonymous_citations": sum(1 for s in sourced if s.anonymous),
    })
    keys: set[str | None] = set()
    variants: set[tuple[str | None, ...]] = set()
    for ent in analysis.entities:
        key = _key_of(ent)
        variant = tuple(getattr(ent, f) for f in ENTITY_VARIANT)
        rows["entities"].append({
            "article_id": aid, "id": ent.id, "name": ent.name, "kind": ent.kind, "country": ent.country,
            "code": ent.code, "sector": ent.sector, "role": ent.role, "evidence": ent.evidence,
            "first_of_key": key not in keys, "first_of_variant": variant not in variants,
        })
        keys.add(key)
        variants.add(variant)
        rows["mentions"].extend(
            {"article_id": aid, "entity_id": ent.id, **asdict(m), "actor_key": key, "published": art.published}
            for m in ent.mentions
        )
    for t in analysis.times:
        rows["times"].append({"article_id": aid, **asdict(t)})
    by_id = {e.id: e for e in analysis.entities}
    cited = {a.id: _cited(a, by_id) for a in analysis.attributions}
    firsts: dict[tuple[str | None, bool | None], str] = {}
    for a in sorted(analysis.attributions, key=lambda a: (a.source.start if a.source else -1, a.id)):
        firsts.setdefault((cited[a.id][0], a.source.anonymous if a.source else None), a.id)
    firsts_ids = set(firsts.values())
    for a in analysis.attributions:
        src = a.source
        name, code = cited[a.id]
        rows["attributions"].append({
            "article_id": aid, "id": a.id, "kind": a.kind,
            "cue_start": a.cue.start, "cue_end": a.cue.end, "cue_text": a.cue.text,
            "source_start": src.start if src else None, "source_end": src.end if src else None,
            "source_text": src.text if src else None, "source_entity": src.entity if src else None,
            "anonymous": src.anonymous if src else None,
            "descriptor": json.dumps(src.descriptor) if src and src.descriptor else None,
            "content_start": a.content.start, "content_end": a.content.end,
            "content_text": a.content.text, "parent": a.parent, "evidence": a.evidence,
            "source_name": name, "source_code": code, "first_of_source": a.id in firsts_ids,
            "source_key": _key_of(by_id.get(src.entity)) if src and src.entity else None,
            "published": art.published,
        })
    countries = {e.id: e.country for e in analysis.entities}
    anonymous = {a.id: a.source.anonymous for a in analysis.attributions if a.source}
    according_to = {a.id: a.source.text for a in analysis.attributions if a.source}
    for ev in analysis.events:
        tgt = ev.target
        rows["events"].append({
            "article_id": aid, "id": ev.id, "trigger_start": ev.trigger.start,
            "trigger_end": ev.trigger.end, "trigger_text": ev.trigger.text, "cameo": ev.cameo,
            "plover": ev.plover, "plover_mode": ev.plover_mode, "goldstein": ev.goldstein,
            "quad_class": ev.quad_class, "source_entity": ev.source.entity, "source_code": ev.source.code,
            "source_country": countries.get(ev.source.entity) or country_of(ev.source.code),
            "source_text": ev.source.text,
            "target_entity": tgt.entity if tgt else None, "target_code": tgt.code if tgt else None,
            "target_country": (countries.get(tgt.entity) or country_of(tgt.code)) if tgt else None,
            "target_text": tgt.text if tgt else None, "time_id": ev.time, "date": ev.date,
            "day": full_day(ev.date), "date_source": ev.date_source, "modality": ev.modality,
            "attribution": ev.attribution, "evidence": ev.evidence,
            "source_anonymous": anonymous.get(ev.attribution), "according_to": according_to.get(ev.attribution),
        })
    for d in analysis.deadlines:
        rows["deadlines"].append({
            "article_id": aid, "id": d.id, "start": d.start, "end": d.end, "text": d.text,
            "time_id": d.time, "date": d.date, "day": full_day(d.date), "about": d.about,
            "status": d.status, "attaches_to": d.attaches_to, "evidence": d.evidence,
        })
    rows["articles"][0].update({column: len(rows[table]) for table, column in ANNOTATION_COUNTS.items()})
    rows["actor_articles"] = _actor_articles(rows, aid, art.published)
    return rows


def _actor_articles(rows: dict[str, list[dict[str, Any]]], article_id: str, published: Any) -> list[dict[str, Any]]:
    """The article's ``actor_articles`` rows, counted from its other rows (see :data:`ACTOR_KEYS`)."""
    counts: dict[str, dict[str, int]] = {}
    for kind, (table, columns) in ACTOR_KEYS.items():
        for row in rows[table]:
            key = next((row[c] for c in columns if row[c] is not None), None)
            if key is not None:
                counts.setdefault(key, dict.fromkeys(ACTOR_KEYS, 0))[kind] += 1
    return [{"actor_key": key, "article_id": article_id, "published": published, **n} for key, n in counts.items()]


def upgrade_store(path: str | Path) -> None:
    """Bring a store written by an older eventwire up to this schema before it is opened read-only.

    Only a store that needs it is opened for writing, so read-only users of a current store (a
    second ``serve``) never contend for the write lock.
    """
    with Store(path, read_only=True) as store:
        try:
            row = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            row = None
    if row is None or int(row[0]) < SCHEMA_VERSION:
        Store(path).close()


class Store:
    """One DuckDB file holding analysed articles."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{path}: no such store; run `eventwire ingest` first")
        self.con = _connect(self.path, read_only)
        if not read_only:
            with self.transaction() as con:  # a migration cut short leaves the store as it was
                have = set(con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                                       "WHERE database_name = current_database()").fetchall())
                con.execute(SCHEMA)
                self._migrate(have)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def _migrate(self, have: set[tuple[str, str]]) -> None:
        """Add and fill the derived columns and tables a store written by an older version lacks
        (``have``: its (table, column) pairs before this version's schema was applied)."""
        tables = {table for table, _ in have}
        for table, column, kind, fill in DERIVED_COLUMNS:
            if (table, column) not in have and table in tables:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                for sql in fill:
                    self.con.execute(sql)
        for table, rows in DERIVED_TABLES.items():
            if table not in tables and "articles" in tables:
                self.con.execute(f"INSERT INTO {table} BY NAME {rows}")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """Map article id -> text hash for the ids already stored."""
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, text_sha256 FROM articles WHERE list_contains(?, id)", [ids]
        ).fetchall()
        return dict(rows)

    def ingest(self, analyses: Iterable[Analysis]) -> tuple[int, int]:
        """Store one batch in one transaction; returns (added or replaced, unchanged).

        An article already stored with the same text is left alone; one with the same id but a
        new text replaces the old one and all its annotations.
        """
        batch = list(analyses)
        known = self.known(a.article.id for a in batch)
        todo: dict[str, Analysis] = {}
        for a in batch:
            if known.get(a.article.id) != a.article.text_sha256:
                todo[a.article.id] = a  # the last of duplicates within a batch wins
        if not todo:
            return 0, len(batch)
        tables: dict[str, list[dict[str, Any]]] = {}
        for analysis in todo.values():
            for name, rows in rows_for(analysis).items():
                tables.setdefault(name, []).extend(rows)
        with self.transaction() as con:
            replaced = [i for i in todo if i in known]
            if replaced:
                for name in CHILD_TABLES:
                    con.execute(f"DELETE FROM {name} WHERE list_contains(?, article_id)", [replaced])
                con.execute("DELETE FROM articles WHERE list_contains(?, id)", [replaced])
            for name, rows in tables.items():
                self._append(con, name, rows)
        return len(todo), len(batch) - len(todo)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: an exception (or a kill) leaves the store as it was."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @staticmethod
    def _append(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        arrow = pa.Table.from_pylist(rows)  # noqa: F841  (read by DuckDB's replacement scan)
        columns = ", ".join(f'"{c}"' for c in rows[0])
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM arrow")

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run SQL; returns column names and rows."""
        cur = self.con.execute(sql, params or [])
        columns = [d[0] for d in cur.description] if cur.description else []
        return columns, cur.fetchall()

    def stats(self) -> dict[str, int]:
        """Row counts per table."""
        return {
            name: self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("articles", *CHILD_TABLES)
        }

    def analyses(self, include_text: bool = True) -> Iterator[dict[str, Any]]:
        """Every stored analysis record, in ingest order, with its article text (for exports that
        must stand alone: Parquet, JSONL)."""
        cur = self.con.execute("SELECT analysis, text FROM articles ORDER BY ingested_at, id")
        while rows := cur.fetchmany(500):
            for record, text in rows:
                parsed = json.loads(record)
                if include_text and text is not None:
                    parsed["article"]["text"] = text
                yield parsed
