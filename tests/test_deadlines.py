"""Deadlines: dated commitments and ultimatums, what they are about, and whether they have passed."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.analysis import Article, Deadline
from eventwire.components.deadlines import deadline_status
from eventwire.pipeline import Pipeline, build_nlp, make_doc

PUBLISHED = date(2018, 5, 4)


@pytest.fixture(scope="module")
def deadline_nlp() -> Language:
    return build_nlp(components=("eventwire_times", "eventwire_deadlines"))


def deadlines(nlp: Language, text: str, published: date | None = PUBLISHED) -> list[Deadline]:
    doc = nlp(make_doc(nlp, Article(text=text, published=published)))
    for d in doc._.deadlines:
        assert doc.text[d.start : d.end] == d.text
    return doc._.deadlines


def test_time_before_the_cue_noun(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "Iran faces a May 12th deadline to accept the inspections.")
    assert (d.date, d.status, d.text) == ("2018-05-12", "upcoming", "May 12th deadline")
    assert d.about == "accept the inspections"


def test_time_after_the_cue_and_the_for_phrase(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "The next deadline for the fishing quotas, now set for June 1st, worries Oslo.")
    assert (d.date, d.status, d.about) == ("2018-06-01", "upcoming", "the fishing quotas")


def test_ultimatum_that_expires(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "The rebels rejected the ultimatum, which expires on June 30.")
    assert (d.date, d.status) == ("2018-06-30", "upcoming")


def test_must_decide_by(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "Parliament must decide by June 15 whether to extend the mission.")
    assert d.date == "2018-06-15"


def test_passed_deadline(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "The government missed the April 30 deadline for the budget.")
    assert (d.date, d.status, d.about) == ("2018-04-30", "passed", "the budget")


def test_undated_extension_and_plural_mentions(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "The company was granted another extension. Deadlines come and go.")
    assert (d.date, d.status, d.time) == (None, "unknown", None)


def test_without_publication_date_status_is_unknown(deadline_nlp: Language) -> None:
    (d,) = deadlines(deadline_nlp, "Iran faces a May 12th deadline.", None)
    assert (d.date, d.status) == ("XXXX-05-12", "unknown")


@pytest.mark.parametrize(
    ("value", "status"),
    [("2018-05-04", "upcoming"), ("2018-05-03", "passed"), ("2018-05", "upcoming"), ("2018-04", "passed"), ("XXXX-05-12", "unknown"), (None, "unknown")],
)
def test_status_by_granularity(value: str | None, status: str) -> None:
    assert deadline_status(value, PUBLISHED) == status


@pytest.mark.slow
def test_seed_article_deadlines(pipeline: Pipeline, seed_text: str) -> None:
    analysis = pipeline.analyze(Article(text=seed_text, published=PUBLISHED))
    found = {d.date: d for d in analysis.deadlines}
    assert found["2018-05-12"].status == "upcoming"
    assert "Iranian nuclear deal" in found["2018-05-12"].about
    assert found["2018-06-01"].status == "upcoming"
    assert found["2018-06-01"].about == "steel and aluminum tariffs"
    times = {t.text: t.value for t in analysis.times}
    assert times["Late\u00a0on Monday evening"] == "2018-04-30TEV"
    assert times["This coming Monday"] == "2018-05-07"
    assert times["Next week"] == "2018-W19"
    assert times["late May"] == "2018-05"
    assert times["on Friday".removeprefix("on ")] == "2018-04-27"
