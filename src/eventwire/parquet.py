"""Parquet output: the store's tables as Parquet datasets, for Spark, BigQuery, DuckDB and pandas.

A dataset is a folder with one sub-folder per table (``articles/``, ``events/``, ...), each holding
``part-*.parquet`` files with exactly the store's columns and types (taken from the store's own
schema, so the two never drift apart). ``read_parquet('DIR/events/*.parquet')`` reads a table.
Every file is written to a temporary name and renamed, so a killed writer never leaves a torn file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.analysis import Analysis
from eventwire.pipeline import batched
from eventwire.store import CHILD_TABLES, SCHEMA, rows_for

TABLES = ("articles", *CHILD_TABLES)
#: Store columns filled by the database itself, not by the analysis.
DB_ONLY = {"ingested_at"}
EXPORT_PARTITION = 1000


@lru_cache(maxsize=1)
def schemas() -> dict[str, pa.Schema]:
    """Arrow schema per table, read off the store's DDL in an in-memory DuckDB."""
    con = duckdb.connect()
    con.execute(SCHEMA)
    out = {}
    for name in TABLES:
        schema = con.sql(f"SELECT * FROM {name} LIMIT 0").to_arrow_table().schema
        out[name] = pa.schema([f for f in schema if f.name not in DB_ONLY])
    con.close()
    return out


def tables_for(rows: Iterable[dict[str, list[dict[str, Any]]]]) -> dict[str, pa.Table]:
    """Rows per table (as from ``store.rows_for``) gathered into one Arrow table per store table."""
    gathered: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for part in rows:
        for name, table_rows in part.items():
            gathered[name].extend(table_rows)
    return {name: pa.Table.from_pylist(_dates(gathered[name], schemas()[name]), schema=schemas()[name])
            for name in TABLES}


def _dates(rows: list[dict[str, Any]], schema: pa.Schema) -> list[dict[str, Any]]:
    """ISO strings to dates for DATE columns (DuckDB casts them on insert; Arrow does not)."""
    names = [f.name for f in schema if pa.types.is_date32(f.type)]
    for row in rows:
        for name in names:
            if isinstance(row.get(name), str):
                row[name] = date.fromisoformat(row[name])
    return rows


def write_tables(tables: dict[str, pa.Table], out_dir: str | Path, name: str) -> dict[str, int]:
    """Write one partition (a file per table); returns rows written per table."""
    counts = {}
    for table, arrow in tables.items():
        target = Path(out_dir) / table / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        pq.write_table(arrow, tmp, compression="zstd")
        os.replace(tmp, target)
        counts[table] = arrow.num_rows
    return counts


def write_partition(analyses: Sequence[Analysis], out_dir: str | Path, name: str) -> dict[str, int]:
    """Write the analyses as one partition of the dataset in ``out_dir``."""
    return write_tables(tables_for(rows_for(a) for a in analyses), out_dir, name)


def record_rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Store rows for one analysis record; a record without its text keeps its hash and length."""
    rows = rows_for(Analysis.from_dict(record))
    art = record["article"]
    if "text" not in art:
        rows["articles"][0].update(text=None, text_sha256=art.get("text_sha256"), chars=art.get("chars"),
                                   analysis=json.dumps(record, ensure_ascii=False))
    return rows


def write_parquet(records: Iterable[dict[str, Any]], output: Path) -> int:
    """Exporter: analysis records to a Parquet dataset folder (``eventwire export -f parquet -o DIR``)."""
    if str(output) == "-":
        raise ValueError("Parquet is written to a folder: give one with --output DIR")
    count = 0
    for number, chunk in enumerate(batched(records, EXPORT_PARTITION)):
        write_tables(tables_for(record_rows(r) for r in chunk), output, f"part-{number:05d}")
        count += len(chunk)
    if not count:
        write_tables(tables_for([]), output, "part-00000")
    return count
