"""Actor resolution on sentences of our own: names, titles on a date, appositions, agents."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.components.actors import entity_at, resolve_actor
from eventwire.knowledge.actors_kb import build_kb
from eventwire.knowledge.petrarch_actors import parse_actor_dictionary, parse_agent_dictionary, parse_code


def run(nlp: Language, text: str, day: date | None = date(2018, 5, 4)) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = day
    return nlp(doc)


def at(doc: Doc, text: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return entity_at(doc, start, start + len(text))


def test_full_and_partial_names(nlp: Language) -> None:
    doc = run(nlp, "Vladimir Putin spoke on Tuesday. Later, Putin met Mr. Ross in Moscow.")
    putin = at(doc, "Vladimir Putin")
    assert putin.code == "RUSGOV" and putin.role == "President of Russia"
    assert at(doc, "Putin", 1) is putin
    assert at(doc, "Ross").name == "Wilbur Ross"


def test_titles_resolve_on_the_article_date(nlp: Language) -> None:
    assert at(run(nlp, "The President spoke to reporters."), "President").name == "Donald Trump"
    assert at(run(nlp, "The President spoke to reporters.", date(2014, 3, 1)), "President").name == "Barack Obama"
    doc = run(nlp, "Russia's foreign minister arrived, and the British Trade Minister left.")
    assert at(doc, "foreign minister").name == "Sergei Lavrov"
    assert at(doc, "Trade Minister").name == "Liam Fox"
    assert at(run(nlp, "The Secretary of Commerce called allies."), "Secretary of Commerce").name == "Wilbur Ross"
    assert at(run(nlp, "The national-security adviser resigned."), "adviser").name == "John Bolton"


def test_apposition_beats_the_date(nlp: Language) -> None:
    doc = run(nlp, "Trump fired the national-security adviser, H. R. McMaster, last month.")
    mcmaster = at(doc, "H. R. McMaster")
    assert mcmaster.name == "H. R. McMaster" and mcmaster.country == "USA"
    assert at(doc, "national-security adviser") is mcmaster


def test_demonym_agent(nlp: Language) -> None:
    doc = run(nlp, "A Russian counterpart briefed him.")
    counterpart = at(doc, "Russian counterpart")
    assert counterpart.code == "RUSGOV" and counterpart.country == "RUS"


@pytest.mark.xfail(reason="possessive person + agent at sentence level not yet attached (issue 5 notes)", strict=False)
def test_possessive_person_agent(nlp: Language) -> None:
    doc = run(nlp, "Trump's national-security team disagreed.")
    assert at(doc, "national-security team").code == "USAGOV"


def test_metonyms_and_organisations(nlp: Language) -> None:
    doc = run(nlp, "The Kremlin and the White House disagreed at NATO headquarters and at the U.N.")
    assert at(doc, "Kremlin").code == "RUSGOV"
    assert at(doc, "White House").code == "USAGOV"
    assert at(doc, "NATO").code == "IGONAT"


def test_ner_errors_are_corrected_and_unknown_people_kept(nlp: Language) -> None:
    doc = run(nlp, "Trump met Jane Doevalley, a senior European diplomat, in Brussels.")
    assert at(doc, "Trump").kind == "PERSON"
    unknown = at(doc, "Jane Doevalley")
    assert unknown is not None and unknown.name == "Jane Doevalley"


def test_theresa_may_is_a_person_not_a_month(nlp: Language) -> None:
    doc = run(nlp, "Prime Minister Theresa May called in early May before the May 12th deadline.")
    assert at(doc, "Theresa May").name == "Theresa May"
    assert at(doc, "May", 1) is None


def test_resolve_actor_without_an_entity(nlp: Language) -> None:
    doc = run(nlp, "Israeli soldiers fired on the crowd.")
    assert resolve_actor(doc, doc[0:2]).code == "ISRMIL"


def test_petrarch_dictionary_format() -> None:
    entries = parse_actor_dictionary("GOLLUM  # c\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n")
    assert entries[0].phrases == ["gollum", "smeagol"]
    assert entries[0].codes[1].covers(date(1997, 1, 1)) and not entries[0].codes[1].covers(date(2000, 1, 1))
    assert parse_code("HOBREB >990816").start == date(1999, 8, 16)
    agents = parse_agent_dictionary("!P! = MAN, MEN\nFOREIGN_MINISTER [~GOVFRM]\nCONGRESS!P! [~LEG]\nTRUCE_MONITOR [IGO~]\n")
    phrases = {a.phrase: a for a in agents}
    assert "foreign ministers" in phrases and "congress man" in phrases and phrases["truce monitor"].prefix


def test_petrarch_dictionaries_replace_ours(tmp_path) -> None:
    actors = tmp_path / "test.actors.txt"
    actors.write_text("ARNOR_ [ARN]\nELROND [ELF]\n", encoding="utf-8")
    kb = build_kb([str(actors)], replace_default=True)
    assert ("arnor",) in kb.aliases and ("putin",) not in kb.aliases


@pytest.mark.slow
def test_seed_article_people(nlp: Language) -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt").read_text()
    doc = run(nlp, text)
    people = {e.name: e for e in doc._.entities if e.kind == "PERSON"}
    expected = {"Wilbur Ross": "USA", "Vladimir Putin": "RUS", "Angela Merkel": "DEU", "Sergei Lavrov": "RUS",
                "Liam Fox": "GBR", "Theresa May": "GBR", "Kim Jong Un": "PRK", "Mike Pompeo": "USA",
                "John Bolton": "USA", "Jon Huntsman": "USA", "H. R. McMaster": "USA"}
    for name, country in expected.items():
        assert people[name].country == country, name
    assert [m.text for m in people["Wilbur Ross"].mentions][:2] == ["Secretary of Commerce", "Wilbur Ross"]
    assert people["Donald Trump"].mentions and any(m.text == "President" for m in people["Donald Trump"].mentions)
