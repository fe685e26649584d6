"""Readers: turn files, folders, JSONL records and stdin into Articles.

A problem with one input never stops the batch: readers yield an :class:`InputError` naming the
file (and line) instead, and the caller reports it on one line and goes on.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from eventwire.analysis import Article

#: Articles longer than this are refused (spaCy's own default limit); change with ``max_chars``.
DEFAULT_MAX_CHARS = 1_000_000
#: Publication dates outside this range are taken as errors in the input, not as news.
PLAUSIBLE_YEARS = range(1800, 2201)
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
META_SUFFIX = ".meta.json"
OPTIONAL_FIELDS = ("title", "url", "outlet")
#: Lone UTF-16 surrogates (from JSON escapes like "\\ud800") cannot be stored or written as UTF-8.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class InputError:
    """Why one input (or one line of it) could not be read."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


class BadInput(ValueError):
    """Raised inside readers; turned into an InputError at the reader's edge."""


def parse_published(value: Any) -> date | None:
    """Parse an ISO date (or the date part of an ISO timestamp); refuse impossible dates."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadInput(f"published must be an ISO date string, got {type(value).__name__}")
    text = value.strip()
    try:
        parsed = date.fromisoformat(text[:10])
        if len(text) > 10:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(f"impossible or malformed published date {value!r} (expected YYYY-MM-DD)")
    if parsed.year not in PLAUSIBLE_YEARS:
        raise BadInput(f"implausible published date {value!r}")
    return parsed


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8, else as the detected encoding; refuse binary data."""
    if b"\x00" in data[:8192]:
        raise BadInput("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise BadInput("not text in any known encoding")
    return str(best)


def clean_string(text: str) -> str:
    """Replace lone surrogates by U+FFFD: one code point for one, so offsets stay exact."""
    return LONE_SURROGATE.sub("\ufffd", text)


def max_file_bytes(path: Path, max_chars: int) -> int:
    """The largest file that can hold an acceptable article: UTF-8 takes at most 4 bytes a
    character; HTML markup gets room for 16 bytes a character. Checked before reading."""
    return max_chars * (16 if path.suffix.lower() in HTML_SUFFIXES else 4) + 4


def check_text(text: str, max_chars: int) -> str:
    """Normalise line ends and refuse texts that cannot be analysed."""
    text = clean_string(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput("empty text")
    if len(text) > max_chars:
        raise BadInput(f"text too large ({len(text):,} characters > limit {max_chars:,})")
    return text


def article_from_record(record: Any, source: str, max_chars: int) -> Article:
    """Build an Article from a JSON object with ``text`` and optional id/published/title/url/outlet."""
    if not isinstance(record, dict):
        raise BadInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadInput("missing or non-string 'text'")
    meta = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise BadInput(f"'{name}' must be a string")
        meta[name] = clean_string(value) if value is not None else None
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        raise BadInput("'id' must be a string or an integer")
    return Article(
        text=check_text(text, max_chars),
        id=clean_string(str(raw_id)) if raw_id is not None else "",
        published=parse_published(record.get("published")),
        source=source,
        **meta,
    )


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata for ``NAME.txt`` from ``NAME.meta.json`` when it exists."""
    meta_path = path.with_name(path.stem + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"unreadable sidecar {meta_path.name}: {exc}")
    if not isinstance(meta, dict):
        raise BadInput(f"sidecar {meta_path.name} is not a JSON object")
    return meta


def read_text_file(path: Path, max_chars: int) -> Article:
    record = dict(read_sidecar(path))
    record.pop("id", None)  # a text file's article id is the hash of its text
    record["text"] = decode_text(path.read_bytes())
    return article_from_record(record, str(path), max_chars)


def read_html_file(path: Path, max_chars: int) -> Article:
    import trafilatura  # imported here: slow to import and only needed for HTML

    html = decode_text(path.read_bytes())
    doc = trafilatura.bare_extraction(html, with_metadata=True, url=None)
    if doc is None or not (doc.text or "").strip():
        raise BadInput("no article text found in the HTML")
    published = doc.date if doc.date and len(doc.date) >= 10 else None
    return Article(
        text=check_text(doc.text, max_chars),
        title=doc.title,
        published=parse_published(published),
        url=doc.url,
        outlet=doc.sitename,
        source=str(path),
    )


def read_jsonl_lines(lines: Iterable[str], source: str, max_chars: int) -> Iterator[Article | InputError]:
    """One Article per JSON line; a bad line is an error for that line only."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield article_from_record(record, source, max_chars)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"invalid JSON: {exc.msg}", number)
        except BadInput as exc:
            yield InputError(source, str(exc), number)
        except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
            yield InputError(source, f"invalid JSON: {str(exc).splitlines()[0][:120]}", number)


def read_path(path: Path, max_chars: int) -> Iterator[Article | InputError]:
    """Read one file of any supported kind."""
    suffix = path.suffix.lower()
    try:
        if suffix not in JSONL_SUFFIXES and path.stat().st_size > max_file_bytes(path, max_chars):
            raise BadInput(f"file too large ({path.stat().st_size:,} bytes) for the limit of {max_chars:,} characters")
        if suffix in JSONL_SUFFIXES:
            text = decode_text(path.read_bytes())
            yield from read_jsonl_lines(text.splitlines(), str(path), max_chars)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path, max_chars)
        else:
            yield read_text_file(path, max_chars)
    except BadInput as exc:
        yield InputError(str(path), str(exc))
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}")


def read_stdin(max_chars: int) -> Iterator[Article | InputError]:
    """``-``: JSONL when the input starts with ``{``, else one plain-text article."""
    data = sys.stdin.buffer.read()
    try:
        text = decode_text(data)
    except BadInput as exc:
        yield InputError("<stdin>", str(exc))
        return
    if text.lstrip().startswith("{"):
        yield from read_jsonl_lines(text.splitlines(), "<stdin>", max_chars)
        return
    try:
        yield Article(text=check_text(text, max_chars), source="<stdin>")
    except BadInput as exc:
        yield InputError("<stdin>", str(exc))


def is_readable_file(path: Path) -> bool:
    """Files a folder walk picks up: text, HTML and JSONL, but not sidecars."""
    suffix = path.suffix.lower()
    if path.name.endswith(META_SUFFIX):
        return False
    return suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def read_inputs(
    inputs: Iterable[str], published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | InputError]:
    """Read every input in order: files, folders (recursively, sorted) and ``-`` for stdin.

    ``published`` fills in the date of articles whose input gives none.
    """
    for item in inputs:
        if item == "-":
            found: Iterable[Article | InputError] = read_stdin(max_chars)
        else:
            path = Path(item)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and is_readable_file(p))
                if not files:
                    yield InputError(item, "folder holds no .txt, .html or .jsonl files")
                found = (r for f in files for r in read_path(f, max_chars))
            elif path.exists():
                found = read_path(path, max_chars)
            else:
                found = [InputError(item, "no such file or folder")]
        for result in found:
            if isinstance(result, Article) and result.published is None and published is not None:
                result.published = published
            yield result
