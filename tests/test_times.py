"""The time tagger: news conventions for relative dates, and the false positives it must avoid."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.analysis import Article, TimeExpression
from eventwire.components.times import governing_time
from eventwire.evaluate.times import GoldTimex, canonical_value, read_tml, score
from eventwire.pipeline import build_nlp, make_doc

PUBLISHED = date(2018, 5, 4)  # a Friday


@pytest.fixture(scope="module")
def time_nlp() -> Language:
    return build_nlp(components=("eventwire_times",))


def tag(nlp: Language, text: str, published: date | None = PUBLISHED) -> list[TimeExpression]:
    doc = nlp(make_doc(nlp, Article(text=text, published=published)))
    for t in doc._.times:
        assert doc.text[t.start : t.end] == t.text
    return doc._.times


def values(nlp: Language, text: str, published: date | None = PUBLISHED) -> dict[str, str]:
    return {t.text: t.value for t in tag(nlp, text, published)}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a bare weekday: past tense -> latest on or before publication, future -> the next one
        ("German officials said on Friday that talks had stalled.", "Friday", "2018-05-04"),
        ("The minister resigned on Tuesday.", "Tuesday", "2018-05-01"),
        ("The envoys will meet again on Tuesday.", "Tuesday", "2018-05-08"),
        # "due to end": a plan, even where the small model tags the infinitive as a noun
        ("The ceasefire talks are due to end on Tuesday.", "Tuesday", "2018-05-08"),
        ("This coming Monday, the president will be sworn in.", "This coming Monday", "2018-05-07"),
        ("The delegations will return next week.", "next week", "2018-W19"),
        ("Exports fell sharply last week.", "last week", "2018-W17"),
        ("Negotiators met in Geneva yesterday.", "yesterday", "2018-05-03"),
        ("The accord was signed on March 20th.", "March 20th", "2018-03-20"),
        ("In March, the ministers agreed to a ceasefire.", "March", "2018-03"),
        ("The vote is expected on May 12th.", "May 12th", "2018-05-12"),
        ("The treaty was signed in 1998.", "1998", "1998"),
        ("The rebels seized the town two years ago.", "two years ago", "2016"),
        ("Fifteen months into his presidency, he has few allies.", "Fifteen months", "P15M"),
        ("The envoy spent three weeks in Kabul.", "three weeks", "P3W"),
        ("The council meets every Thursday.", "every Thursday", "XXXX-WXX-4"),
        ("Officials are now reviewing the request.", "now", "PRESENT_REF"),
    ],
)
def test_normalises_against_publication_date(time_nlp: Language, text: str, expression: str, value: str) -> None:
    assert values(time_nlp, text)[expression] == value


def test_late_on_monday_evening_is_a_time_with_modifier(time_nlp: Language) -> None:
    (t,) = tag(time_nlp, "Late on Monday evening, the minister started making calls.")
    assert (t.text, t.type, t.value, t.mod) == ("Late on Monday evening", "TIME", "2018-04-30TEV", "END")


def test_late_may_is_the_month_with_end_modifier(time_nlp: Language) -> None:
    found = {t.text: (t.value, t.mod) for t in tag(time_nlp, "The summit may happen in late May or early June.")}
    assert found == {"late May": ("2018-05", "END"), "early June": ("2018-06", "START")}


def test_pluperfect_weekday_reads_back_from_the_story_date(time_nlp: Language) -> None:
    text = "On Monday evening the calls began. The chancellor had said on Friday that the decision lay elsewhere."
    assert values(time_nlp, text)["Friday"] == "2018-04-27"


def test_missing_year_takes_the_reading_consistent_with_tense(time_nlp: Language) -> None:
    assert values(time_nlp, "The vote will be held on January 15.", date(2018, 11, 20))["January 15"] == "2019-01-15"
    assert values(time_nlp, "The party was founded on December 3.", date(2018, 2, 10))["December 3"] == "2017-12-03"


def test_without_publication_date_values_stay_underspecified(time_nlp: Language) -> None:
    found = values(time_nlp, "The deadline is May 12. Talks resumed on Monday and ended yesterday.", None)
    assert found == {"May 12": "XXXX-05-12", "Monday": "XXXX-WXX-1", "yesterday": "XXXX-XX-XX"}


def test_earnings_convention_a_year_earlier_is_the_same_quarter(time_nlp: Language) -> None:
    text = "Third-quarter profit rose 12% to $40 million from $35 million a year earlier."
    found = values(time_nlp, text, date(1989, 10, 26))
    assert found["Third-quarter"] == "1989-Q3"
    assert found["a year earlier"] == "1988-Q3"


def test_a_rate_is_a_set(time_nlp: Language) -> None:
    (t,) = tag(time_nlp, "The pipeline will earn the government $5 million a year.")
    assert (t.text, t.type, t.value) == ("a year", "SET", "P1Y")


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Theresa May spoke to the president by phone.",
        "Theresa May said the expulsions were justified.",
        "Officials may decide to expel more diplomats.",
        "Thousands of veterans plan to march to the Capitol.",
        "The army deployed 2000 troops to the border.",
        "Some 1500 people were evacuated.",
        "She was the first to congratulate him.",
        "Queen Elizabeth the Second opened the session.",
        "Soldiers of the 82nd Airborne Division arrived.",
        "The fund paid $1990 to each family.",
    ],
)
def test_false_positives_are_avoided(time_nlp: Language, text: str) -> None:
    assert tag(time_nlp, text) == []


def test_may_as_a_month_still_found_next_to_a_name(time_nlp: Language) -> None:
    found = values(time_nlp, "Theresa May will travel to Brussels in May.")
    assert found == {"May": "2018-05"}


def test_governing_time_prefers_the_clause_then_the_sentence(time_nlp: Language) -> None:
    text = ("Late on Monday evening, the minister started making calls. "
            "This coming Monday, the president will be sworn in. Nobody knows what happens.")  # fmt: skip
    doc = time_nlp(make_doc(time_nlp, Article(text=text, published=PUBLISHED)))
    calls = text.index("making")
    assert governing_time(doc, calls, calls + 6).text == "Late on Monday evening"
    sworn = text.index("sworn")
    assert governing_time(doc, sworn, sworn + 5).value == "2018-05-07"
    knows = text.index("knows")
    assert governing_time(doc, knows, knows + 5) is None


def test_works_with_the_tagger_alone() -> None:
    nlp = build_nlp(components=("eventwire_times",))
    with nlp.select_pipes(disable=["parser", "ner"]):
        doc = nlp(make_doc(nlp, Article(text="The envoys will meet again on Tuesday.", published=PUBLISHED)))
    assert [(t.text, t.value) for t in doc._.times] == [("Tuesday", "2018-05-08")]


def test_tml_reader_and_scorer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2018-05-04" '
        'functionInDocument="CREATION_TIME">20180504</TIMEX3></DCT><TEXT>Talks ended <TIMEX3 tid="t1" '
        'type="DATE" value="2018-05-03">yesterday</TIMEX3> &amp; resume <TIMEX3 tid="t2" type="DATE" '
        'value="2018-W19">next week</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    doc = read_tml(tml)
    assert doc.dct == PUBLISHED
    assert [(t.text, doc.text[t.start : t.end]) for t in doc.timexes] == [("yesterday", "yesterday"), ("next week", "next week")]
    pred = [TimeExpression("T1", 12, 21, "yesterday", "DATE", "2018-05-03"), TimeExpression("T2", 31, 35, "next", "DATE", "2018-W20")]
    figures = score([doc.timexes], [pred])
    assert figures["strict_f1"] == 50.0 and figures["relaxed_f1"] == 100.0 and figures["value_accuracy"] == 50.0
    assert canonical_value("2000-W7") == "2000-W07"
    assert isinstance(doc.timexes[0], GoldTimex)


def test_holidays_and_easter(time_nlp: Language) -> None:
    found = values(time_nlp, "The ceasefire will hold until Christmas. Talks resumed after Easter.", date(2018, 5, 4))
    assert found == {"Christmas": "2018-12-25", "Easter": "2018-04-01"}


@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        # TimeML writes a decade as its first three digits
        ("Unrest spread through the region in the 1990s.", PUBLISHED, "the 1990s", "199"),
        ("The movement was born in the late sixties.", PUBLISHED, "the late sixties", "196"),
        # the month after publication, named in a past-tense sentence, is a plan reported in the past
        ("The ministry announced a summit in June.", PUBLISHED, "June", "2018-06"),
        ("Officials said talks were held in December.", PUBLISHED, "December", "2017-12"),
        # a plan of the story's past ("had been scheduled") is not read forward
        ("The ultimatum had been scheduled to expire at midnight Friday.", date(2018, 5, 7), "midnight Friday",
         "2018-05-04T24:00"),
        # "the previous Friday" counts back from the story's own day, not the paper's
        ("On Friday, May 11, shares fell 3% from the previous Friday.", date(2018, 5, 14), "the previous Friday",
         "2018-05-04"),
        # "today is the eighth day of ...": the publication day
        ("Today is the eighth day of the blockade.", PUBLISHED, "the eighth day", "2018-05-04"),
        ("The envoy waited a minute and a half before answering.", PUBLISHED, "a minute and a half", "PT1M30S"),
        ("Shares recovered within eight trading days.", PUBLISHED, "eight trading days", "P8D"),
        ("Pilgrims crowded the city during Easter week.", date(2018, 4, 5), "Easter week", "2018-W13"),
        # "by year-end" is a target in the year under way, whatever the tense of the reporting verb
        ("The company said it hoped to close the deal by year-end.", date(2018, 10, 4), "year-end", "2018-12-31"),
        # a possessive weekday names a known event; the clause's future tense is not its own
        ("Lawyers will appeal against Wednesday's ruling.", PUBLISHED, "Wednesday", "2018-05-02"),
        ("Markets fell at mid-afternoon yesterday.", PUBLISHED, "mid-afternoon yesterday", "2018-05-03TAF"),
        ("Net was $5 million in the same period last year.", date(1989, 11, 1), "the same period last year", "1988-Q3"),
        # "that same day" after a month named without a day: a day of that month
        ("The site went up last October and was taken down that same day.", PUBLISHED, "that same day", "2017-10-XX"),
    ],
)
def test_timeml_conventions(time_nlp: Language, text: str, published: date, expression: str, value: str) -> None:
    assert values(time_nlp, text, published)[expression] == value


def test_dateline_sets_the_day_the_story_was_filed(time_nlp: Language) -> None:
    text = "BRUSSELS, May 3 (Reuters) -- Ministers met on Friday and will meet again today."
    found = values(time_nlp, text, date(2018, 5, 4))
    assert found == {"May 3": "2018-05-03", "Friday": "2018-04-27", "today": "2018-05-03"}


def test_ordinal_day_outside_the_present_is_not_tagged(time_nlp: Language) -> None:
    assert "the third day" not in values(time_nlp, "Tuesday was the third day of the strike.")


def test_topic_quarter_of_an_earnings_story(time_nlp: Language) -> None:
    text = ("Third-quarter profit rose 20% from a year ago. After a flat second quarter, sales recovered. "
            "In the year-earlier period, the company lost money. This quarter's loss includes a charge. "
            "Sales in the latest quarter rose.")  # fmt: skip
    found = values(time_nlp, text, date(1989, 11, 1))
    assert found["a year ago"] == "1988-Q3" and found["the year-earlier period"] == "1988-Q3"
    assert found["This quarter"] == "1989-Q3" and found["the latest quarter"] == "1989-Q3"


@pytest.mark.parametrize("text", ["The film High Noon was shown again.", "Now, the minister said, talks can begin."])
def test_idioms_and_discourse_markers_are_not_times(time_nlp: Language, text: str) -> None:
    assert tag(time_nlp, text) == []
