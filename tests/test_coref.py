"""Pronouns and definite descriptions joined to the entities they refer to."""

from __future__ import annotations

from datetime import date

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
