"""The upload page's work: read pasted text or an uploaded file, analyse it, maybe store it.

The NLP pipeline loads on first use (seconds), not at start-up, so browsing never waits for it.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from eventwire.analysis import Analysis, Article
from eventwire.article import DEFAULT_MAX_CHARS, HTML_SUFFIXES, BadInput, InputError, check_text, read_path

Analyser = Callable[[list[Article]], list[Analysis]]
UPLOAD_SUFFIXES = {".txt", ".text", *HTML_SUFFIXES}


class UploadError(ValueError):
    """A one-line reason the upload could not be analysed."""


def default_analyser() -> Analyser:
    """eventwire's pipeline, loaded once on first call (thread-safe)."""
    lock = threading.Lock()
    loaded: list = []

    def analyse(articles: list[Article]) -> list[Analysis]:
        with lock:
            if not loaded:
                from eventwire.pipeline import Pipeline

                loaded.append(Pipeline())
            return list(loaded[0].analyze_many(articles))

    return analyse


def article_from_upload(text: str | None, filename: str | None, data: bytes | None, title: str | None,
                        published: date | None, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """One Article from pasted text, or from an uploaded .txt/.html file read by the usual readers."""
    if data:
        suffix = Path(filename or "upload.txt").suffix.lower() or ".txt"
        if suffix not in UPLOAD_SUFFIXES:
            raise UploadError(f"{filename}: upload a .txt or .html file")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(data)
            result = next(read_path(path, max_chars))
        if isinstance(result, InputError):
            raise UploadError(f"{filename}: {result.message}")
        result.source = filename or "upload"
    elif text and text.strip():
        try:
            result = Article(text=check_text(text, max_chars), source="pasted text")
        except BadInput as exc:
            raise UploadError(str(exc))
    else:
        raise UploadError("paste some text or choose a file to analyse")
    result.title = title or result.title
    result.published = published or result.published
    return result
