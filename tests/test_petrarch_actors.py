"""PETRARCH-format actor and agent dictionaries through the actors stage, on made-up actors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.components.actors import ActorResolver
from eventwire.knowledge.petrarch_actors import parse_code

ACTORS = """\
VELMARIA [VEL]
+VELMARIAN
QUORIN_HARBOUR [QRH]
LADY OF TESSEL MARSH
\t[--- <950630]
\t[TSM]
ODRIC_VANE [ODR]
\t[ODRMIL 20080120-20121109]
\t[ODRGOV 20100109-20100112]
"""
AGENTS = """\
AMBASSADOR [~GOV]
LAWMAKER [~LEG]
OFFICIAL [~GOV]
DIPLOMAT [~GOV]
REDLEAF {} [NGO~]
"""


@pytest.fixture(scope="module")
def resolvers(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, ActorResolver]:
    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "test.agents.txt").write_text(AGENTS, encoding="utf-8")
    paths = [str(folder / "test.actors.txt"), str(folder / "test.agents.txt")]
    return {bare: ActorResolver(paths, replace_default=True, default_country="---", bare_agents=bare)
            for bare in (False, True)}


def codes(nlp: Language, resolver: ActorResolver, text: str, day: date = date(1999, 8, 9)) -> dict[str, str]:
    doc: Doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if not name.startswith("eventwire_"):
            doc = proc(doc)
    doc._.published = day
    doc = resolver(doc)
    return {m.text: e.code for e in doc._.entities for m in e.mentions}


def test_underscored_name_in_text(nlp: Language, resolvers: dict[bool, ActorResolver]) -> None:
    found = codes(nlp, resolvers[False], "Velmaria warned the Lady of Tessel_Marsh about Quorin_Harbour.")
    assert found["Lady of Tessel_Marsh"] == "TSM" and found["Quorin_Harbour"] == "QRH"


def test_range_includes_its_last_day(nlp: Language, resolvers: dict[bool, ActorResolver]) -> None:
    assert parse_code("ODRGOV 20100109-20100112").covers(date(2010, 1, 12))
    assert not parse_code("ODRGOV 20100109-20100112").covers(date(2010, 1, 13))
    found = codes(nlp, resolvers[False], "Odric Vane met Velmaria.", date(2010, 1, 12))
    assert found["Odric Vane"] == "ODRGOV"  # the later-starting range wins on its last day


def test_prefix_agent_before_a_name(nlp: Language, resolvers: dict[bool, ActorResolver]) -> None:
    assert codes(nlp, resolvers[False], "Redleaf Velmaria restored ties.")["Redleaf Velmaria"] == "NGOVEL"
    found = codes(nlp, resolvers[False], "A Redleaf Velmaria diplomat restored ties.")
    assert "NGOVELGOV" in found.values()


def test_agent_of_coordinated_countries(nlp: Language, resolvers: dict[bool, ActorResolver]) -> None:
    found = codes(nlp, resolvers[False], "The ambassadors of Velmaria, Quorin Harbour and Odric Vane met.")
    assert found["ambassadors"] == "VELGOV/QRHGOV/ODRGOV"


def test_bare_agents_only_when_asked(nlp: Language, resolvers: dict[bool, ActorResolver]) -> None:
    text = "Velmaria restored ties, a senior official said."
    assert "a senior official" not in codes(nlp, resolvers[False], text)
    assert codes(nlp, resolvers[True], text)["senior official"] == "---GOV"


def test_agent_after_a_possessor_and_coordinated_adjectives(nlp: Language,
                                                            resolvers: dict[bool, ActorResolver]) -> None:
    found = codes(nlp, resolvers[False], "Velmaria's stubborn and clever ambassador warned Quorin Harbour.")
    assert found["Velmaria"] == "VEL" and found["stubborn and clever ambassador"] == "VELGOV"
