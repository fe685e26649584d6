"""Pronouns and definite descriptions joined to the entities they refer to."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc


def run(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = date(2018, 5, 4)
    return nlp(doc)


def mentions_of(doc: Doc, name: str) -> list[str]:
    entity = next(e for e in doc._.entities if e.name == name)
    return [m.text for m in entity.mentions]


def test_pronoun_goes_to_previous_subject(nlp: Language) -> None:
    doc = run(nlp, "Angela Merkel flew to Washington. She met the President there.")
    assert "She" in mentions_of(doc, "Angela Merkel")


def test_object_pronoun_skips_its_own_subject(nlp: Language) -> None:
    doc = run(nlp, "A senior European diplomat said a Russian counterpart recounted to him that talks went well.")
    diplomat = next(e for e in doc._.entities if e.name.endswith("European diplomat"))
    assert "him" in [m.text for m in diplomat.mentions]


def test_definite_description_joins_earlier_unnamed_actor(nlp: Language) -> None:
    doc = run(nlp, "A senior European diplomat was shocked. The European diplomat later called London.")
    diplomats = [e for e in doc._.entities if e.name.endswith("diplomat")]
    assert len(diplomats) == 1 and len(diplomats[0].mentions) == 2


def test_pronoun_in_a_quote_is_not_its_speaker(nlp: Language) -> None:
    doc = run(nlp, "Putin made an offer to Macron. “He returned to this topic twice,” Lavrov said.")
    assert "He" not in mentions_of(doc, "Sergei Lavrov")


def test_the_senator_joins_the_senator_named_before(nlp: Language) -> None:
    doc = run(nlp, "Ted Cruz endorsed the nominee on Friday. The truth, the senator said, was simple.")
    cruz = next(e for e in doc._.entities if e.name == "Ted Cruz")
    assert any(m.text == "senator" or m.text.endswith("senator") for m in cruz.mentions)


def test_pronoun_outside_a_quote_is_not_a_person_the_quote_names(nlp: Language) -> None:
    doc = run(nlp, "Emmanuel Macron met reporters in Paris. “I trust Justin Trudeau completely,” he said.")
    assert "he" in mentions_of(doc, "Emmanuel Macron")


def test_pronoun_is_not_the_object_of_its_own_adverbial_clause(nlp: Language) -> None:
    doc = run(nlp, "Emmanuel Macron spoke in Lyon on Monday. Campaigning against Jean Dupont, he promised lower taxes.")
    assert "he" in mentions_of(doc, "Emmanuel Macron")


def test_topic_outranks_a_name_in_a_fronted_phrase(nlp: Language) -> None:
    doc = run(nlp, "Emmanuel Macron flew to Rome. Macron met the pope there. Unlike Jean Dupont, he speaks Italian.")
    assert "he" in mentions_of(doc, "Emmanuel Macron")


def test_possessive_pronoun_before_a_title_is_its_own_mention(nlp: Language) -> None:
    doc = nlp.make_doc("Barack Obama thanked John Kerry, his secretary of state, on Friday.")
    doc._.published = date(2016, 5, 4)
    doc = nlp(doc)
    assert "his" in mentions_of(doc, "Barack Obama")
    assert not any(m.startswith("his") for m in mentions_of(doc, "John Kerry"))


def test_it_and_its_go_to_a_country(nlp: Language) -> None:
    doc = run(nlp, "Germany said on Monday that it would raise its defence budget.")
    germany = next(e for e in doc._.entities if e.code == "DEU")
    assert {"it", "its"} <= {m.text for m in germany.mentions}


#: Pronouns that refer to no actor: expletive, telling the time, after a coordinated subject, an
#: object "it" (a thing), a copula or small clause, a singular "it" after a plural group.
NO_ACTOR = [
    ("Germany sent troops. It is fair to say that the plan worked.", {"It"}),
    ("France published the decree late on Monday. It was already approaching midnight in Vienna.", {"It"}),
    ("France criticised the plan. Angela Merkel and Emmanuel Macron signed their agreement.", {"their"}),
    ("Germany wants a new treaty, and Poland will sign it.", {"it"}),
    ("Germany signed the deal. “It’s a good day,” a spokesman said. Germany will make it final.", {"It", "it"}),
    ("Several senior European officials objected on Monday. It then approved the budget.", {"It"}),
]


@pytest.mark.parametrize(("text", "pronouns"), NO_ACTOR)
def test_pronoun_that_refers_to_no_actor(nlp: Language, text: str, pronouns: set[str]) -> None:
    doc = run(nlp, text)
    assert not pronouns & {m.text for e in doc._.entities for m in e.mentions}


def test_they_goes_to_an_organisation_not_a_person(nlp: Language) -> None:
    doc = run(nlp, "Emmanuel Macron spoke on Monday. NATO met on Tuesday, and they rejected the plan.")
    assert "they" not in mentions_of(doc, "Emmanuel Macron")
    assert any(m.text == "they" for e in doc._.entities if e.kind != "PERSON" for m in e.mentions)


def test_he_skips_a_woman(nlp: Language) -> None:
    doc = run(nlp, "Angela Merkel welcomed Emmanuel Macron to Berlin. He said the talks were useful.")
    assert "He" in mentions_of(doc, "Emmanuel Macron")


def test_an_unknown_persons_first_name_gives_the_pronouns_gender(nlp: Language) -> None:
    doc = run(nlp, "Marcus Fenwick, the head of a civic league, told a young woman that she was wrong.")
    assert "she" not in mentions_of(doc, "Marcus Fenwick")
    doc = run(nlp, "Harriet Voss met the reporters. She said the plan would fail.")
    assert "She" in mentions_of(doc, "Harriet Voss")


def test_ner_garbage_is_no_antecedent() -> None:
    from eventwire.analysis import Entity
    from eventwire.components.coref import Coreference

    assert not Coreference._named(Entity(id="e1", name="W]e", kind="PERSON"))
    assert not Coreference._named(Entity(id="e2", name="meh", kind="PERSON"))
    assert Coreference._named(Entity(id="e3", name="Jean Dupont", kind="PERSON"))


def test_conjunct_object_outranks_an_indefinite_subject(nlp: Language) -> None:
    doc = run(nlp, "A senior European diplomat spotted Angela Merkel and her aide in Berlin.")
    assert "her" in mentions_of(doc, "Angela Merkel")


def test_the_candidate_joins_the_candidate_named_before(nlp: Language) -> None:
    doc = run(nlp, "Green Party presidential candidate Jane Smithers toured Ohio. The candidate spoke for an hour.")
    smithers = next(e for e in doc._.entities if e.name == "Jane Smithers")
    assert any(m.text.lower() == "the candidate" for m in smithers.mentions)


def test_a_continued_quotation_keeps_its_speaker(nlp: Language) -> None:
    doc = run(nlp, "“Justin Trudeau is a friend,” Emmanuel Macron said. “But he must pay his share.”")
    assert "he" not in mentions_of(doc, "Emmanuel Macron")


def test_pronoun_in_a_reported_clause_is_the_reporting_subject(nlp: Language) -> None:
    doc = run(nlp, "Emmanuel Macron met Justin Trudeau. A senior European diplomat said he would resign soon.")
    diplomat = next(e for e in doc._.entities if e.name.endswith("European diplomat"))
    assert "he" in [m.text for m in diplomat.mentions]


def test_a_description_keeps_its_proper_noun_modifiers(nlp: Language) -> None:
    doc = run(nlp, "Green Party presidential candidate Jane Smithers spoke in Iowa. Democratic presidential "
                   "candidate Hillary Clinton spoke in Ohio. The Green Party candidate left early.")
    assert not any("Green Party candidate" in m for m in mentions_of(doc, "Hillary Clinton"))


def test_a_resolved_he_fixes_the_gender_of_an_unknown_person(nlp: Language) -> None:
    doc = run(nlp, "Officer Dana Kowalczyk stopped Jordan Pellworth on Friday. "
                   "Ms. Kowalczyk said he refused to follow her orders.")
    assert "her" not in mentions_of(doc, "Jordan Pellworth")


def test_an_agent_phrase_a_pronoun_owns_acts_for_the_pronouns_antecedent(nlp: Language) -> None:
    doc = run(nlp, "Vladimir Putin, who knew a push would be fruitless, told his advisers to find another way.")
    advisers = next(e for e in doc._.entities if e.name == "his advisers")
    assert advisers.code == "RUSGOV"
    assert "his" in mentions_of(doc, "Vladimir Putin")


def test_the_head_noun_of_an_organisations_name_takes_it_up(nlp: Language) -> None:
    doc = run(nlp, "Mr. Obama dedicated the National Museum of African American History and Culture on "
                   "Saturday. He said the museum would tell the story of a people.")
    assert "the museum" in mentions_of(doc, "National Museum of African American History and Culture")


def test_a_person_a_quotation_names_can_be_picked_up_when_no_one_else_fits(nlp: Language) -> None:
    """Outside a quotation its people are unlikely antecedents, not impossible ones; only the
    subject of the quotation's own reporting verb never refers to them (“I love Larry,” he said)."""
    doc = run(nlp, "“I am not working for Boris Johnson. Believe me.” Though he has heralded plans, the budget is late.")
    assert "he" in mentions_of(doc, "Boris Johnson")


def test_a_candidates_own_campaign_through_a_pronoun(nlp: Language) -> None:
    doc = run(nlp, "Jill Stein said she was funding her campaign with small donations.")
    campaign = next(e for e in doc._.entities if e.name == "Stein campaign")
    assert campaign.code.endswith("ELI")


def test_they_goes_to_a_group_of_voters(nlp: Language) -> None:
    doc = nlp.make_doc("Donald Trump and Hillary Clinton campaigned in Ohio. Voters have every right to know more. "
                       "They deserve answers.")
    doc._.published = date(2016, 9, 29)
    doc = nlp(doc)
    assert "They" in mentions_of(doc, "Voters")
