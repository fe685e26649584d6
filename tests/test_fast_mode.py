"""Fast mode: only candidate sentences are parsed, the merged Doc stays whole and consistent."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer

from eventwire.analysis import Article
from eventwire.fast import FastAnnotator, sentence_ids
from eventwire.pipeline import Pipeline

TEXT = (
    "Heavy rain fell across the northern valley overnight. "
    "The foreign minister of Freedonia said that talks with Sylvania would resume in Geneva. "
    "Farmers moved their cattle to higher ground.\n"
    "A Headline Without a Full Stop\n"
    '"We will not back down," Maria Lopez told reporters on Friday.'
)


@pytest.fixture(scope="module")
def fast(nlp: Language) -> FastAnnotator:
    return FastAnnotator(nlp)


def sentences(doc, ids) -> list[str]:  # noqa: ANN001
    out: dict[int, list[str]] = {}
    for tok, i in zip(doc, ids.tolist()):
        out.setdefault(i, []).append(tok.text_with_ws)
    return ["".join(parts).strip() for parts in out.values()]


def test_sentences_split_like_the_sentencizer_and_at_line_breaks(fast: FastAnnotator, nlp: Language) -> None:
    doc = nlp.make_doc(TEXT)
    got = sentences(doc, sentence_ids(doc, fast.enders))
    assert got[:3] == [s.text.strip() for s in list(Sentencizer()(nlp.make_doc(TEXT)).sents)[:3]]
    assert got[3] == "A Headline Without a Full Stop"
    assert got[-1].startswith('"We will not back down,"') and len(got) == 5


def test_only_candidate_sentences_are_parsed(fast: FastAnnotator, nlp: Language) -> None:
    doc = fast([nlp.make_doc(TEXT)])[0]
    assert doc.text == TEXT
    sents = list(doc.sents)
    assert len(sents) >= 5
    rain, said, cattle = sents[0], sents[1], sents[2]
    assert {t.dep_ for t in rain} <= {"ROOT", "dep"} and not rain.ents
    assert {t.dep_ for t in cattle} <= {"ROOT", "dep"}
    assert any(t.dep_ == "nsubj" for t in said) and "Freedonia" in {e.text for e in said.ents}
    quoted = doc[sents[-1].start:]
    assert "Maria Lopez" in {e.text for e in quoted.ents}
    assert any(t.lemma_ == "tell" for t in quoted)
    assert all(t.head.sent == t.sent for t in doc)  # every tree stays inside its sentence


def test_an_entity_cut_by_a_skipped_sentence_is_split(fast: FastAnnotator, nlp: Language) -> None:
    text = "Anna Weber said so.\nThe river rose.\nJohn Smith said no."
    doc = fast([nlp.make_doc(text)])[0]
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Anna Weber", "John Smith"]


def test_fast_pipeline_records_keep_exact_offsets(nlp: Language) -> None:
    article = Article(text=TEXT, published=date(2018, 5, 4))
    with Pipeline(nlp, fast=True) as fast:
        record = fast.analyze(article).to_dict()
    spans = [m for e in record["entities"] for m in e["mentions"]] + record["times"]
    spans += [a[role] for a in record["attributions"] for role in ("cue", "content")]
    spans += [v["trigger"] for v in record["events"]]
    for span in spans:
        assert TEXT[span["start"]:span["end"]] == span["text"]
    assert record["article"]["text_sha256"] == article.text_sha256


def test_candidate_words_come_from_named_signals() -> None:
    from eventwire.fast import candidate_words

    default = candidate_words()
    assert {"said", "told", "according", "endorsed"} <= default and "monday" not in default
    with_time = candidate_words(("cues", "cues_polnear", "time"))
    assert default < with_time and {"monday", "yesterday", "weeks"} <= with_time
