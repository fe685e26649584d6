"""Bounds on what one article may cost, so a hostile or broken text fails alone instead of hanging a batch.

Three bounds, each for a measured reason:

- size: articles over ``max_chars`` are refused (the readers use the same limit, and spaCy's
  ``nlp.max_length`` is raised to it, so the two always agree);
- unbroken runs: spaCy's tokenizer is quadratic in the length of a run of prefix/suffix characters
  without whitespace (8,000 emoji or dollar signs in a row take 14-28 s, 100,000 take hours), so
  :class:`BoundedTokenizer` cuts runs longer than :data:`MAX_RUN` characters into pieces first;
- sentences: the parser leaves a text without sentence-final punctuation as one sentence of
  thousands of tokens, and rules that look around each cue within its sentence grow faster than
  linearly with it (a 2,800-token sentence took the attribution stage 14 s), so the
  ``bounded_sentences`` component starts a new sentence after :data:`MAX_SENTENCE_TOKENS` tokens
  without a natural break, before the parser runs (the parser keeps boundaries set before it);
- time: the eventwire stages (rules written in Python) get ``time_limit`` seconds per article;
  on the main thread a timer interrupts them, elsewhere the article fails once they return.
  The model's own stages are linear in the text and bounded by the size limit.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.analysis import Article
from eventwire.article import DEFAULT_MAX_CHARS

#: Seconds the eventwire stages may spend on one article by default.
DEFAULT_TIME_LIMIT = 60.0
#: Runs of non-space characters longer than this are tokenised in pieces of this length.
MAX_RUN = 64
LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
#: Tokens a sentence may run without a sentence-final mark or a line break before one is forced.
MAX_SENTENCE_TOKENS = 200
SENTENCE_ENDERS = frozenset(".!?;:…")


@dataclass(frozen=True)
class Limits:
    """The bounds one pipeline applies to every article (None: no time limit)."""

    max_chars: int = DEFAULT_MAX_CHARS
    time_limit: float | None = DEFAULT_TIME_LIMIT


class AnalysisError(ValueError):
    """One article could not be analysed; ``str()`` is one line naming the article."""

    def __init__(self, article: Article, message: str) -> None:
        self.article = article
        self.message = message
        super().__init__(f"{describe(article)}: {message}")


class TimeLimitExceeded(BaseException):
    """Raised into a stage that ran too long (a BaseException, so ``except Exception`` cannot swallow it)."""


def describe(article: Article) -> str:
    """How an error names its article: where it came from and its id."""
    return f"{article.source or '<input>'} [id {article.id}]"


def one_line(exc: BaseException, width: int = 200) -> str:
    """An exception as one short line: its type and the first line of its message."""
    text = str(exc).strip().splitlines()
    message = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    return message if len(message) <= width else message[: width - 1] + "…"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread), or fail it when it ends late (other threads)."""
    if not seconds:
        yield
        return
    message = f"analysis took longer than the limit of {seconds:g} s"
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        start = time.monotonic()
        yield
        if time.monotonic() - start > seconds:
            raise TimeLimitExceeded(message)
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class BoundedTokenizer:
    """spaCy's tokenizer, with runs longer than MAX_RUN characters tokenised in pieces.

    The Doc's text is the input, character for character; only the token boundaries inside such
    runs differ (no word is that long; a very long URL is cut in pieces).
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        docs = []
        pos = 0
        for run in LONG_RUN.finditer(text):
            if run.start() > pos:
                docs.append(self.tokenizer(text[pos:run.start()]))
            docs.extend(self.tokenizer(text[i:min(i + MAX_RUN, run.end())])
                        for i in range(run.start(), run.end(), MAX_RUN))
            pos = run.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@Language.factory("bounded_sentences", default_config={"max_tokens": MAX_SENTENCE_TOKENS})
def make_bounded_sentences(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    return SentenceCap(max_tokens)


class SentenceCap:
    """Starts a sentence after ``max_tokens`` tokens with no sentence-final mark or line break.

    Ordinary text has such a break every few dozen tokens and is left to the parser untouched.
    """

    def __init__(self, max_tokens: int) -> None:
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) <= self.max_tokens:
            return doc
        since = 0
        for token in doc:
            if since >= self.max_tokens:
                token.is_sent_start = True
                since = 0
            since += 1
            if token.text in SENTENCE_ENDERS or "\n" in token.text:
                since = 0
        return doc
