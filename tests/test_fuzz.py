"""Fuzzing the readers and the whole analysis: every input analyses or fails with one line naming it.

Property-based (hypothesis): a few dozen examples per property here, keeping the suite fast;
``scripts/fuzz.py`` runs the same properties with thousands (EVENTWIRE_FUZZ_EXAMPLES) and adds the
large pathological inputs. Whatever the input: no exception escapes, offsets are exact, the record
matches its schema and the store accepts it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.analysis import Article, load_schema, offset_errors
from eventwire.article import (
    BadInput,
    InputError,
    parse_published,
    read_jsonl_lines,
    read_path,
)
from eventwire.cli import app
from eventwire.limits import MAX_RUN, AnalysisError, BoundedTokenizer, Limits
from eventwire.pipeline import Pipeline
from eventwire.store import Store

EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
#: Pieces of news-like text, scripts and hostile characters the generated articles are made of.
WORDS = [
    "Russia", "the United States", "China", "President", "minister", "said", "told reporters", "on Monday",
    "last week", "May 12", "the deadline", "sanctions", "talks", "threatened", "will meet", "a senior official",
    "according to", "“", "”", '"', "'", ".", ",", "?", ";", "(", ")", "\n", "\n\n", "\t", " ",
    "مرحبا بالعالم", "שלום", "北京", "東京で会談した", "서울", "😀", "🇺🇸", "👩‍👩‍👧", "\u200b", "\u200d", "\u200f",
    "\u202e", "\ufeff", "e\u0301", "\x07", "\x1b[31m", "\x00", "\ufffd", "0000-00-00", "99999-12-31",
    "<script>alert(1)</script>", "javascript:alert(1)", "$$$$", "----", "’s",
]
texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), min_size=1, max_size=60).map(" ".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {}, optional={"text": json_values | texts, "id": json_values, "published": json_values | st.sampled_from(
        ["0000-00-00", "99999-01-01", "2018-02-30", "2018-05-04", "2018-05-04T10:00:00Z", "1799-12-31", ""]),
        "title": json_values, "url": json_values, "outlet": json_values},
)


def assert_one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message


def check_article(article: Article, max_chars: int) -> None:
    """What the rest of eventwire relies on: valid UTF-8 text within the limit."""
    assert 0 < len(article.text) <= max_chars
    for value in (article.text, article.id, article.title or "", article.url or "", article.outlet or ""):
        value.encode("utf-8")


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_readers_never_raise_on_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for result in read_path(path, 5000):
        if isinstance(result, InputError):
            assert_one_line(str(result))
            assert str(path) in str(result)
        else:
            check_article(result, 5000)


@FUZZ
@given(lines=st.lists(records.map(json.dumps) | st.text(max_size=40), max_size=5))
def test_jsonl_with_wrong_types_fails_per_line(lines: list[str]) -> None:
    for result in read_jsonl_lines(lines, "in.jsonl", 2000):
        if isinstance(result, InputError):
            assert_one_line(str(result))
            assert str(result).startswith("in.jsonl:")
        else:
            check_article(result, 2000)


@FUZZ
@given(value=st.text(max_size=30) | st.dates().map(str) | st.integers())
def test_published_dates_parse_or_fail_cleanly(value: object) -> None:
    try:
        parsed = parse_published(value)
    except BadInput as exc:
        assert_one_line(str(exc))
    else:
        assert parsed is None or 1800 <= parsed.year <= 2200


@FUZZ
@given(text=texts | st.text(min_size=MAX_RUN, max_size=400))
def test_bounded_tokenizer_keeps_the_text(nlp, text: str) -> None:
    doc = nlp.tokenizer(text)
    assert isinstance(nlp.tokenizer, BoundedTokenizer)
    assert doc.text == text


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    yield store
    store.close()


@pytest.mark.slow
@FUZZ
@given(text=texts, published=st.none() | st.dates(), title=st.none() | texts)
def test_analysis_of_any_text_is_exact_and_storable(pipeline: Pipeline, fuzz_store: Store, text: str,
                                                    published, title) -> None:
    if not text.strip():
        return
    article = Article(text=text, published=published, title=title, source="fuzz")
    errors: list[AnalysisError] = []
    analyses = list(pipeline.analyze_many([article], errors.append))
    for error in errors:
        assert_one_line(str(error))
        assert "fuzz" in str(error)
    for analysis in analyses:
        record = analysis.to_dict()
        assert offset_errors(record, text) == []
        jsonschema.validate(json.loads(json.dumps(record)), SCHEMA)
        fuzz_store.ingest([analysis])


SCHEMA = load_schema()


def test_a_failing_stage_fails_its_article_only(nlp) -> None:
    def broken(doc):
        if "boom" in doc.text:
            raise KeyError("boom\nsecond line")
        return doc

    pipeline = Pipeline(nlp)
    pipeline.stages = [*pipeline.stages, ("eventwire_broken", broken)]
    errors: list[AnalysisError] = []
    articles = [Article(text="Seoul invited Tokyo.", source="a.txt"), Article(text="boom", source="b.txt")]
    analyses = list(pipeline.analyze_many(articles, errors.append))
    assert [a.article.source for a in analyses] == ["a.txt"]
    assert len(errors) == 1 and str(errors[0]).startswith("b.txt [id ")
    assert "eventwire_broken failed: KeyError" in str(errors[0])
    assert_one_line(str(errors[0]))
    with pytest.raises(AnalysisError):  # without on_error the error is raised, still one line
        pipeline.analyze(articles[1])


def test_a_stage_that_hangs_is_stopped_by_the_time_limit(nlp) -> None:
    def hang(doc):
        while True:
            pass

    pipeline = Pipeline(nlp, limits=Limits(time_limit=0.5))
    pipeline.stages = [("eventwire_hang", hang)]
    errors: list[AnalysisError] = []
    start = time.monotonic()
    assert list(pipeline.analyze_many([Article(text="Seoul invited Tokyo.", source="h.txt")], errors.append)) == []
    assert time.monotonic() - start < 5
    assert "longer than the limit of 0.5 s (in eventwire_hang)" in str(errors[0])


def test_too_large_articles_are_refused_by_the_pipeline(nlp) -> None:
    pipeline = Pipeline(nlp, limits=Limits(max_chars=100))
    errors: list[AnalysisError] = []
    assert list(pipeline.analyze_many([Article(text="x " * 100, source="big.txt")], errors.append)) == []
    assert "text too large (200 characters > limit 100)" in str(errors[0])
    assert nlp.max_length >= 100


@pytest.mark.slow
def test_pathological_texts_finish_in_bounded_time(pipeline: Pipeline) -> None:
    """Runs spaCy's tokenizer is quadratic on, and a long sentence without punctuation."""
    cases = {
        "emoji": "😀" * 5_000,
        "dollars": "Russia said " + "$" * 5_000 + " on Monday.",
        "unpunctuated": " ".join(["the minister said talks with Russia would continue"] * 400),
        "commas": ", " * 3_000,
        "zero-width": "Russia\u200b" * 3_000,
    }
    for name, text in cases.items():
        start = time.monotonic()
        errors: list[AnalysisError] = []
        for analysis in pipeline.analyze_many([Article(text=text, source=name)], errors.append):
            assert offset_errors(analysis.to_dict(), text) == []
        assert time.monotonic() - start < 20, name
        assert all("\n" not in str(e) for e in errors)


def test_cli_on_hostile_files_gives_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré lundi que la Russie négocierait.".encode("latin-1"))
    (tmp_path / "deep.html").write_text("<div>" * 5000 + "Seoul invited Tokyo." + "</div>" * 5000)
    (tmp_path / "types.jsonl").write_text(
        '{"text": 5}\n[1, 2]\n{"text": "ok", "id": ' + "9" * 5000 + "}\n" + "[" * 50_000 + "\n"
        + '{"text": "Seoul invited Tokyo.", "published": "0000-00-00"}\n'
        + '{"text": "Seoul invited Tokyo.", "published": "99999-01-01"}\n'
        + '{"text": "bad \\ud800 surrogate in Seoul.", "title": "\\udfff"}\n')
    (tmp_path / "big.txt").write_text("word " * 1000)
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--format", "jsonl", "--max-chars", "2000"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 9 and all(line.startswith("error: ") for line in lines), lines
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2  # latin-1 text and the surrogate line (replaced by U+FFFD)
