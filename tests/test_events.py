"""Event coding on our own sentences: roles, coordination, nominal events, modality, links."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.analysis import Attribution, Entity, TextSpan, TimeExpression
from eventwire.components.events import make_component
from eventwire.events.coder import EventCoder
from eventwire.knowledge import cameo
from eventwire.knowledge.verbs import read_verb_dictionary
from eventwire.pipeline import MODEL

ACTORS = {"France": "FRA", "Germany": "DEU", "Britain": "GBR", "Russian": "RUS", "Russia": "RUS",
          "Macron": "FRAGOV", "Putin": "RUSGOV", "Kim": "PRKGOV", "Trump": "USAGOV", "Washington": "USAGOV"}


def parse(nlp: Language, text: str, times: list[TimeExpression] | None = None,
          attributions: list[Attribution] | None = None) -> Doc:
    """spaCy's own analysis, then hand-made entities: these tests do not depend on the actors stage."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if not name.startswith("eventwire_"):
            doc = proc(doc)
    doc._.published = date(2018, 5, 4)
    entities = []
    for name, code in ACTORS.items():
        mentions = [TextSpan(m.start(), m.end(), name) for m in re.finditer(rf"\b{name}\b", text)]
        if mentions:
            entities.append(Entity(id=f"E{len(entities) + 1}", name=name, kind="GPE", code=code, mentions=mentions))
    doc._.entities = entities
    doc._.times = times or []
    doc._.attributions = attributions or []
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The bare spaCy model: these tests need the parse, not the other eventwire stages."""
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def coder(nlp: Language) -> EventCoder:
    return make_component(nlp, "events_test", [], False, None).coder


def triples(events: list) -> set[tuple[str, str, str]]:  # type: ignore[type-arg]
    return {(e.source.code, e.target.code, e.cameo) for e in events}


def test_active_verb_with_pattern_and_evidence(nlp: Language, coder: EventCoder) -> None:
    events = coder(parse(nlp, "France expelled Russian diplomats on Monday."))
    assert triples(events) == {("FRA", "RUS", "161")}
    e = events[0]
    assert e.plover == "SANCTION" and e.quad_class == 4 and e.goldstein == cameo.goldstein("161")
    assert e.evidence.startswith("CAMEO.2.0 EXPEL: * DIPLOMAT [161]")
    assert e.trigger.text == "expelled" and e.modality == "asserted"
    assert e.date == "2018-05-04" and e.date_source == "published"


def test_passive_takes_source_from_by_phrase(nlp: Language, coder: EventCoder) -> None:
    events = coder(parse(nlp, "Russian diplomats were expelled by France."))
    assert {(e.source.code, e.target.code) for e in events} == {("FRA", "RUS")}


def test_coordinated_subject_gives_one_event_per_actor(nlp: Language, coder: EventCoder) -> None:
    events = coder(parse(nlp, "France and Germany expelled Russian diplomats."))
    assert triples(events) == {("FRA", "RUS", "161"), ("DEU", "RUS", "161")}


def test_joined_in_expelling(nlp: Language, coder: EventCoder) -> None:
    events = coder(parse(nlp, "Britain joined France in expelling Russian diplomats."))
    assert triples(events) == {("GBR", "RUS", "161"), ("FRA", "RUS", "161")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Macron's invitation to Putin surprised his advisers.", ("FRAGOV", "RUSGOV", "040")),
    ("Trump's summit with Kim was a spectacle.", ("USAGOV", "PRKGOV", "040")),
    ("The expulsion of Russian diplomats by Germany was swift.", ("DEU", "RUS", "161")),
    ("Germany made a proposal to France.", ("DEU", "FRA", "036")),
])
def test_nominal_events(nlp: Language, coder: EventCoder, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(coder(parse(nlp, text)))


def test_light_verb_with_coded_object_is_one_event(nlp: Language, coder: EventCoder) -> None:
    events = coder(parse(nlp, "Washington imposed sanctions on Russian oligarchs."))
    assert triples(events) == {("USAGOV", "RUS", "163")}


@pytest.mark.parametrize(("text", "modality"), [
    ("Germany did not expel Russian diplomats.", "negated"),
    ("Germany refused to expel Russian diplomats.", "negated"),
    ("Germany is poised to expel Russian diplomats.", "planned"),
    ("Germany will expel Russian diplomats.", "planned"),
    ("Germany threatened to expel Russian diplomats.", "threatened"),
    ("Germany would expel Russian diplomats if the talks failed.", "hypothetical"),
    ("Will France finally expel Russian diplomats?", "questioned"),
    ("Germany expelled Russian diplomats.", "asserted"),
    # a finite conjunct keeps its own tense: "would" belongs to the first verb only
    ("Germany would not comment and expelled Russian diplomats.", "asserted"),
])
def test_modality(nlp: Language, coder: EventCoder, text: str, modality: str) -> None:
    events = [e for e in coder(parse(nlp, text)) if e.trigger.text.startswith("expel")]
    assert events and {e.modality for e in events} == {modality}


def test_attribution_and_date_from_text(nlp: Language, coder: EventCoder) -> None:
    text = "An official said that on Monday France expelled Russian diplomats."
    start = text.index("on Monday")
    content = TextSpan(start, len(text) - 1, text[start:-1])
    attribution = Attribution(id="A1", kind="indirect", cue=TextSpan(12, 16, "said"), content=content)
    monday = TimeExpression(id="T1", start=start + 3, end=start + 9, text="Monday", type="DATE", value="2018-04-30")
    events = coder(parse(nlp, text, times=[monday], attributions=[attribution]))
    assert events and all(e.attribution == "A1" for e in events)
    assert {(e.time, e.date, e.date_source) for e in events} == {("T1", "2018-04-30", "text")}


def test_no_actors_no_events(nlp: Language, coder: EventCoder) -> None:
    assert coder(parse(nlp, "The committee expelled two members.")) == []


def test_verb_dictionary_format(tmp_path: Path, nlp: Language) -> None:
    text = """&TIES\n+ECONOMIC\n+CULTURAL_EXCHANGE\n\n--- SEVER [160] ---\nSEVER {SEVERED}\n+CUT_OFF\n
- * &TIES_RELATIONS [1611]\n- * TIES [161:161]\n- * AID [---]\n"""
    vd = read_verb_dictionary(text, "MINI")
    (verb,) = vd.lookup("sever", "severed")
    codes = {p.text: (p.code.forward, p.code.reverse) for p in verb.block.patterns}
    assert codes["* TIES [161:161]"] == ("161", "161") and codes["* AID [---]"] == (None, None)
    assert vd.lookup("cut", "cut")[0].after == ("OFF",)
    path = tmp_path / "mini.verbs.txt"
    path.write_text(text, encoding="utf-8")
    custom = make_component(nlp, "mini", [str(path)], True, []).coder
    assert triples(custom(parse(nlp, "France severed economic relations with Germany."))) == {("FRA", "DEU", "1611")}
    assert triples(custom(parse(nlp, "France severed ties with Germany."))) == {("FRA", "DEU", "161"), ("DEU", "FRA", "161")}
    assert custom(parse(nlp, "France severed aid to Germany.")) == []


def test_codebook() -> None:
    assert cameo.name("163") == "Impose embargo, boycott, or sanctions"
    assert cameo.goldstein("163") == -8.0 and cameo.quad_class("163") == 4 and cameo.quad_class("042") == 1
    assert cameo.plover("042").type == "CONSULT" and cameo.plover("042").mode == "visit"


# -- news rules: reported speech, dates of one occurrence, PETRARCH codes, non-events --------
def _span(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start, start + len(part), part)


def _time(text: str, part: str, value: str, ident: str) -> TimeExpression:
    span = _span(text, part)
    return TimeExpression(id=ident, start=span.start, end=span.end, text=part, type="DATE", value=value)


def test_reporting_verb_takes_no_target_from_what_was_said(nlp: Language, coder: EventCoder) -> None:
    text = "Britain told reporters that France would expel Russian diplomats."
    said = Attribution(id="A1", kind="indirect", cue=_span(text, "told"),
                       content=_span(text, "that France would expel Russian diplomats"))
    events = coder(parse(nlp, text, attributions=[said]))
    assert triples(events) == {("FRA", "RUS", "161")}
    assert triples(coder(parse(nlp, text))) >= {("GBR", "FRA", "010")}  # PETRARCH's reading, without the cue


def test_month_dated_event_takes_the_day_of_the_same_actors_event(nlp: Language, coder: EventCoder) -> None:
    text = "In April, Macron congratulated Putin. Macron had a phone call with Putin on April 9th."
    times = [_time(text, "April", "2018-04", "T1"), _time(text, "April 9th", "2018-04-09", "T2")]
    events = {e.trigger.text: e for e in coder(parse(nlp, text, times=times))}
    assert events["call"].date == "2018-04-09" and events["call"].time == "T2"
    assert events["congratulated"].date == "2018-04-09" and events["congratulated"].date_source == "text"
    assert "from V" in events["congratulated"].evidence


def test_month_stays_when_two_days_qualify(nlp: Language, coder: EventCoder) -> None:
    text = ("In April, Macron congratulated Putin. Macron had a phone call with Putin on April 9th. "
            "Macron had a phone call with Putin on April 12th.")
    times = [_time(text, "April", "2018-04", "T1"), _time(text, "April 9th", "2018-04-09", "T2"),
             _time(text, "April 12th", "2018-04-12", "T3")]
    events = {e.trigger.text: e for e in coder(parse(nlp, text, times=times))}
    assert events["congratulated"].date == "2018-04"


def test_week_dated_event_keeps_the_week(nlp: Language, coder: EventCoder) -> None:
    text = "Next week, ahead of a May 12th deadline, France may expel Russian diplomats."
    times = [_time(text, "Next week", "2018-W19", "T1"), _time(text, "May 12th", "2018-05-12", "T2")]
    events = [e for e in coder(parse(nlp, text, times=times)) if e.trigger.text == "expel"]
    assert events and {(e.time, e.date, e.date_source) for e in events} == {("T1", "2018-W19", "text")}


def test_participle_preposition_is_no_trigger(nlp: Language, coder: EventCoder) -> None:
    events = coder(parse(nlp, "France expelled Russian diplomats, according to Germany."))
    assert triples(events) == {("FRA", "RUS", "161")}


def test_actor_with_itself_is_no_event(nlp: Language, coder: EventCoder) -> None:
    assert coder(parse(nlp, "Russia criticized Russia.")) == []


def test_engage_with_is_diplomacy_not_fighting(nlp: Language, coder: EventCoder) -> None:
    assert triples(coder(parse(nlp, "France will engage with Russia."))) == {("FRA", "RUS", "050")}


def test_compound_target_pattern(nlp: Language) -> None:
    verbs = read_verb_dictionary("--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n", "test")
    agree = EventCoder(verbs)
    assert triples(agree(parse(nlp, "Russia agrees with France and Germany."))) == {
        ("RUS", "FRA", "031"), ("RUS", "DEU", "031")}
    assert triples(agree(parse(nlp, "Russia agrees with France."))) == {("RUS", "FRA", "081")}


def _entities(text: str, codes: dict[str, str]) -> list[Entity]:
    return [Entity(id=f"E{n}", name=name, kind="ACTOR", code=code, mentions=[_span(text, name)])
            for n, (name, code) in enumerate(codes.items(), 1)]


@pytest.mark.parametrize(("text", "codes", "expected"), [
    # a PETRARCH entry with several codes names several actors
    ("The Shire expelled Russian diplomats.", {"Shire": "FRO/SAM", "Russian": "RUS"},
     {("FRO", "RUS", "161"), ("SAM", "RUS", "161")}),
    # an agent the actors stage could not place takes the country in its noun phrase
    ("France Prime Minister Dupont expelled Russian diplomats.",
     {"France": "FRA", "Prime Minister": "---GOV", "Dupont": "FRA", "Russian": "RUS"}, {("FRAGOV", "RUS", "161")}),
    # a modifier whose code refines the head's wins
    ("France Prime Minister Dupont expelled Russian diplomats.",
     {"France Prime Minister": "FRAGOV", "Dupont": "FRA", "Russian": "RUS"}, {("FRAGOV", "RUS", "161")}),
])
def test_petrarch_style_actor_codes(nlp: Language, coder: EventCoder, text: str, codes: dict[str, str],
                                    expected: set[tuple[str, str, str]]) -> None:
    doc = parse(nlp, text)
    doc._.entities = _entities(text, codes)
    assert triples(coder(doc)) == expected


def test_target_name_of_several_words_keeps_its_conjuncts(nlp: Language, coder: EventCoder) -> None:
    text = "France criticized the talks between North Velmar and Germany."
    doc = parse(nlp, text)
    start = text.index("North Velmar")
    doc._.entities = [*doc._.entities, Entity(id="E9", name="North Velmar", kind="GPE", code="VEL",
                                              mentions=[TextSpan(start, start + 12, "North Velmar")])]
    targets = {e.target.code for e in coder(doc) if e.source.code == "FRA"}
    assert targets == {"VEL", "DEU"}
