"""The whole analysis on real text: records validate against the shipped schema, offsets are exact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jsonschema
import pytest

from conftest import SHARED
from eventwire.analysis import Article, load_schema, offset_errors
from eventwire.article import read_inputs
from eventwire.cli import SAMPLES
from eventwire.pipeline import Pipeline

VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def sample_articles() -> list[Article]:
    return [a for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]


def assert_valid(analysis) -> None:
    record = analysis.to_dict(include_text=True)
    errors = [e.message for e in VALIDATOR.iter_errors(record)]
    assert errors == []
    assert offset_errors(record, analysis.article.text) == []


def test_bundled_samples_have_dates_and_validate(pipeline: Pipeline) -> None:
    articles = sample_articles()
    assert 3 <= len(articles) <= 6
    assert all(a.published and a.title for a in articles)
    analyses = list(pipeline.analyze_many(articles))
    assert [a.article.id for a in analyses] == [a.id for a in articles]
    for analysis in analyses:
        assert_valid(analysis)


def test_seed_article_record_is_valid(pipeline: Pipeline) -> None:
    seed = SHARED / "examples" / "seed-article.txt"
    if not seed.exists():
        pytest.skip("shared/ examples not beside the repo")
    [article] = list(read_inputs([str(seed)]))
    assert article.published == date(2018, 5, 4)
    analysis = pipeline.analyze(article)
    assert_valid(analysis)


def test_schema_rejects_broken_records(pipeline: Pipeline) -> None:
    record = pipeline.analyze(Article(text="Putin met Xi in Beijing on Monday.")).to_dict()
    record["times"].append({"id": "T9", "start": 0, "end": 5, "text": "Putin", "type": "WHEN",
                            "value": "x", "mod": None, "evidence": ""})
    assert not VALIDATOR.is_valid(record)
    assert offset_errors({**record, "times": [{**record["times"][-1], "text": "Xi"}]},
                         "Putin met Xi in Beijing on Monday.")
