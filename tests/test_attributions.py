"""eventwire_attributions: quotation forms, speakers, descriptors, nesting, scoring (own texts only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from eventwire.analysis import Attribution, Entity, Source, TextSpan
from eventwire.attribution.quotes import find_quotes
from eventwire.evaluate.attributions import Scores, predicted_fragments, trim
from eventwire.attribution.brat import parse_ann
from eventwire.pipeline import build_nlp


@pytest.fixture(scope="module")
def attr_nlp() -> Language:
    return build_nlp(components=("eventwire_attributions",))


def run(nlp: Language, text: str) -> list[Attribution]:
    doc = nlp(text)
    for a in doc._.attributions:
        for span in (a.cue, a.content, a.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return doc._.attributions


def covering(atts: list[Attribution], needle: str, text: str) -> Attribution:
    start = text.index(needle)
    found = [a for a in atts if a.content.start <= start < a.content.end]
    assert found, f"no attribution covers {needle!r}: {[a.content.text for a in atts]}"
    return min(found, key=lambda a: a.content.end - a.content.start)


# --- quotation finder ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "hello there," and left.', ['"hello there,"']),
        ("“Outer ‘inner’ text,” she said.", ["“Outer ‘inner’ text,”"]),
        ("“First part.\n\n“Second part.”\n\nAfter.", ["“First part.\n\n“Second part.”"]),
        ('"First part.\n\n"Second part."\n\nAfter.', ['"First part.\n\n"Second part."']),
        ('"Straight, never closed.\n\n“Curly one.”', ['"Straight, never closed.', "“Curly one.”"]),
        ('"HOST: A question?\n\n"GUEST: An answer.', ['"HOST: A question?', '"GUEST: An answer.']),
        ("The ‘Brexit’ vote and Obama’s plan.", ["‘Brexit’"]),
        ('It\'s "fine" and it\'s not.', ['"fine"']),
    ],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


@pytest.mark.parametrize(
    "text",
    ['He said "this never ends.\n\nNext paragraph.', "” stray closer. And “one more", '"', "‘", "“”", ""],
)
def test_unbalanced_marks_never_crash(text: str) -> None:
    quotes = find_quotes(text)
    assert all(0 <= q.start < q.end <= len(text) for q in quotes)


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = 'He said "this will never end, not ever.\n\nThe next paragraph has no marks.'
    (quote,) = find_quotes(text)
    assert not quote.balanced and text[quote.start : quote.end] == '"this will never end, not ever.'


# --- direct quotations -----------------------------------------------------------------------

def test_straight_quote_speaker_after(attr_nlp: Language) -> None:
    text = '"We will not back down from this fight," said Maria Lopez, the mayor of the city.'
    a = covering(run(attr_nlp, text), "We will not", text)
    assert a.kind == "direct" and a.source is not None and "Maria Lopez" in a.source.text
    assert a.content.text.startswith('"We will') and a.content.text.endswith('fight,"')


def test_curly_nested_quote_is_one_content(attr_nlp: Language) -> None:
    text = "“They promised us ‘never again,’ and we believed every word of it,” the senator said on Monday."
    a = covering(run(attr_nlp, text), "They promised", text)
    assert a.source is not None and a.source.text == "the senator"
    assert a.content.text.endswith("of it,”") and "‘never again,’" in a.content.text


def test_split_quote_around_the_cue(attr_nlp: Language) -> None:
    text = "“The talks are over for this year,” the minister said, “and there will be no second round.”"
    atts = run(attr_nlp, text)
    a = covering(atts, "The talks", text)
    assert a.source is not None and a.source.text == "the minister"
    assert a.content.end == len(text), "the second half of a split quotation belongs to the same attribution"
    fragments = predicted_fragments(text, a)["content"]
    assert len(fragments) == 2


def test_quote_after_the_cue_sentence_continues_the_content(attr_nlp: Language) -> None:
    text = (
        "“The bridge will reopen before the winter,” the engineer said. “Nobody should plan a detour "
        "for more than a few weeks.”\n\nTraffic was light on Sunday."
    )
    atts = run(attr_nlp, text)
    a = covering(atts, "The bridge", text)
    assert a.source is not None and a.source.text == "the engineer"
    assert a.content.text.endswith("a few weeks.”"), "the next sentence's quotation carries on the content"
    assert len(predicted_fragments(text, a)["content"]) == 2
    assert not any(x.cue.text == "" and x.content.start > a.cue.start for x in atts)


def test_speech_verb_inside_a_quotation_is_not_a_new_attribution(attr_nlp: Language) -> None:
    text = "“Maybe he is not as careful as he says he is, and the audit will show it,” the senator said."
    atts = run(attr_nlp, text)
    assert all(a.cue.text != "says" for a in atts), [(a.cue.text, a.content.text) for a in atts]


def test_a_cue_with_an_untagged_subject_takes_it_over_a_nearby_tagged_source() -> None:
    text = "The Daily Brief: Moreno urges farmers to sell their grain early."
    doc, drafts = _drafts(text, [("source", "The Daily Brief"), ("cue", "urges")])
    (draft,) = drafts
    assert draft.source is not None and doc[draft.source[0] : draft.source[1]].text == "Moreno"


@pytest.mark.parametrize(
    ("text", "roles", "source", "first_content"),
    [
        (
            "The senator was accused of fraud by two former aides.",
            [("source", "The senator"), ("cue", "was accused of"), ("content", "fraud")],
            "two former aides",
            "The senator",
        ),
        (
            "The mayor seems to have left the city.",
            [("source", "The mayor"), ("cue", "seems"), ("content", "to have left the city")],
            None,
            "The mayor",
        ),
        (
            "The senator was told by aides that the vote had failed.",
            [("source", "The senator"), ("cue", "was told"), ("content", "that the vote had failed")],
            "The senator",
            "that the vote had failed",
        ),
        (
            "Farmers were incensed by the new grain tax.",
            [("source", "Farmers"), ("cue", "were incensed by"), ("content", "the new grain tax")],
            "Farmers",
            "the new grain tax",
        ),
    ],
)
def test_the_subject_of_a_passive_or_raising_cue_is_content(
    text: str, roles: list[tuple[str, str]], source: str | None, first_content: str
) -> None:
    doc, (draft,) = _drafts(text, roles)
    got = doc[draft.source[0] : draft.source[1]].text if draft.source else None
    assert got == source
    assert doc[draft.content[0][0] : draft.content[0][1]].text == first_content


def test_an_evidential_adverb_has_no_source_and_the_whole_clause_as_content() -> None:
    text = "The driver allegedly ran two red lights before the crash."
    doc, (draft,) = _drafts(text, [("source", "The driver"), ("cue", "allegedly"), ("content", "two red lights")])
    assert draft.source is None
    assert [doc[a:b].text for a, b in draft.content] == ["The driver", "ran two red lights before the crash"]


@pytest.mark.parametrize("speaker", ["the city engineer", "The Harbor Gazette"])
def test_a_speaker_swallowed_by_the_content_before_the_cue_is_carved_out(speaker: str) -> None:
    text = f"The bridge will close for repairs in May, {speaker} said."
    doc, (draft,) = _drafts(text, [("content", text[: text.index(" said")]), ("cue", "said")])
    assert draft.source is not None and doc[draft.source[0] : draft.source[1]].text == speaker
    assert [doc[a:b].text for a, b in draft.content] == ["The bridge will close for repairs in May"]


def test_a_tagged_content_does_not_run_into_the_next_paragraph() -> None:
    text = "The mayor said the plan works.\n\nIn other news, the river rose."
    doc, (draft,) = _drafts(text, [("source", "The mayor"), ("cue", "said"), ("content", text[15:])])
    (piece,) = draft.content
    assert doc[piece[0] : piece[1]].text == "the plan works."


def _drafts(text: str, roles: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """Parse ``text`` and assemble drafts from hand-made tagger spans given as (role, words)."""
    from eventwire.attribution.assemble import assemble

    doc = build_nlp(components=())(text)
    tagged = []
    for role, words in roles:
        start = text.index(words)
        span = doc.char_span(start, start + len(words))
        assert span is not None
        tagged.append((role, span.start, span.end))
    return doc, assemble(doc, tagged)


@pytest.mark.parametrize(
    ("text", "roles", "cue", "source"),
    [
        (
            "The senator criticized the plan on Monday, saying that it would raise taxes.",
            [("source", "The senator"), ("cue", "criticized"), ("cue", "saying")],
            "saying",
            "The senator",
        ),
        (
            "The governor toured the plant and promised that the jobs would stay.",
            [("source", "The governor"), ("cue", "promised")],
            "promised",
            "The governor",
        ),
        (
            "The committee forced the banker to admit that the fees were wrong.",
            [("cue", "admit")],
            "admit",
            "the banker",
        ),
        ("Critics doubted the mayor's claim that the bridge is safe.", [("cue", "claim")], "claim", "the mayor's"),
        ("According to Ana Ruiz, the bridge is safe.", [("cue", "According to")], "According", "Ana Ruiz"),
    ],
)
def test_a_verb_without_subject_takes_its_heads(text: str, roles: list[tuple[str, str]], cue: str, source: str) -> None:
    doc, drafts = _drafts(text, roles)
    draft = next(d for d in drafts if doc[d.cue[0]].text == cue)
    assert draft.source is not None and doc[draft.source[0] : draft.source[1]].text == source


@pytest.mark.parametrize(
    ("text", "pieces", "expected"),
    [
        (  # words of its own between the pieces: only the one nearest the cue
            "The minister said the talks failed, while farmers protested loudly in the capital.",
            ["the talks failed", "farmers protested loudly in the capital"],
            "the talks failed",
        ),
        (  # only the cue, source, linking words and the reporter between: one content
            "“The talks failed,” the minister told me, but then again, “the farmers are still here.”",
            ["“The talks failed,”", "“the farmers are still here.”"],
            "“The talks failed,” the minister told me, but then again, “the farmers are still here.”",
        ),
    ],
)
def test_content_pieces_join_only_across_the_cue(text: str, pieces: list[str], expected: str) -> None:
    from eventwire.attribution.assemble import Draft
    from eventwire.attribution.extract import Extractor

    doc = build_nlp(components=())(text)

    def toks(words: str) -> tuple[int, int]:
        start = text.index(words)
        span = doc.char_span(start, start + len(words))
        assert span is not None
        return span.start, span.end

    cue = "told" if "told" in text else "said"
    draft = Draft(cue=toks(cue), source=toks("the minister" if cue == "told" else "The minister"),
                  content=[toks(p) for p in pieces])
    record = Extractor(doc, find_quotes(text), []).from_draft(draft)
    assert record.content is not None and text[record.content[0] : record.content[1]] == expected


@pytest.mark.parametrize(
    ("text", "frames"),
    [
        ("The envoy told me, an aide briefed on the call recounted to him that the deal was off.", True),
        ("The envoy told me on Monday during a long dinner in Geneva that an aide recounted the deal.", False),
    ],
)
def test_a_frame_takes_only_the_report_right_after_its_cue(text: str, frames: bool) -> None:
    from eventwire.attribution.extract import Extractor, Record

    doc = build_nlp(components=())(text)
    told, recounted = text.index("told"), text.index("recounted")
    frame = Record((told, told + 4), (0, 9), None, "test")
    inner = Record((recounted, recounted + 9), (text.index("an aide"), recounted - 1), (recounted + 10, len(text) - 1), "test")
    content = Extractor(doc, [], []).framed(frame, [frame, inner])
    assert (content == inner.extent) is frames


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("But the new tariffs, the minister said, would hurt farmers in the spring.", ["the new tariffs", "would hurt farmers in the spring"]),
        ("“The tariffs,” the minister said, “would hurt farmers.”", None),  # a quotation: not this rule's business
    ],
)
def test_words_before_a_parenthetical_cue_are_content(text: str, expected: list[str] | None) -> None:
    from eventwire.attribution.extract import Extractor, Record

    doc = build_nlp(components=())(text)
    said = text.index("said")
    src = text.index("the minister")
    after = said + len("said, ")
    rec = Record((said, said + 4), (src, src + len("the minister")), (after, len(text) - 1), "test")
    before = rec.content
    Extractor(doc, find_quotes(text), []).parenthetical(rec)
    if expected is None:
        assert rec.content == before
    else:
        attribution = Attribution(id="A1", kind="indirect", cue=TextSpan(said, said + 4, "said"),
                                  content=TextSpan(rec.content[0], rec.content[1], text[rec.content[0]:rec.content[1]]),
                                  source=Source(src, src + 12, "the minister"), parent=None, evidence="test")
        fragments = predicted_fragments(text, attribution)["content"]
        assert [text[a:b].strip(" ,.") for a, b in fragments] == expected


def test_speech_verb_after_a_question_that_ends_the_sentence(attr_nlp: Language) -> None:
    text = "The hall went quiet.\n\n“Will you promise the farmers a fair price this winter?” the reporter asks."
    a = covering(run(attr_nlp, text), "Will you promise", text)
    assert a.source is not None and a.source.text == "the reporter" and a.cue.text == "asks"


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("LIMA - Andean ministers said the talks would resume.", "LIMA - Andean ministers", "Andean ministers"),
        ("Town Notes (all times local):\n\nThe mayor said the bridge is safe.", "Town Notes (all times local):\n\nThe mayor", "The mayor"),
        ("Ana Holtz-Ruiz said the bridge is safe.", "Ana Holtz-Ruiz", "Ana Holtz-Ruiz"),
    ],
)
def test_source_stays_on_the_cues_side_of_breaks_and_dashes(text: str, source: str, expected: str) -> None:
    from eventwire.attribution.extract import Extractor

    doc = build_nlp(components=())(text)
    span = doc.char_span(text.index(source), text.index(source) + len(source))
    said = next(t.i for t in doc if t.text == "said")
    assert span is not None
    start, end = Extractor(doc, [], []).tidy_source((span.start, span.end), (said, said + 1))
    assert doc[start:end].text == expected


def test_a_contentless_tell_takes_its_clause_not_the_recipient() -> None:
    from eventwire.attribution.extract import Extractor, Record

    text = "The governor told the farmers' union the harvest tax would go."
    doc = build_nlp(components=())(text)
    told = text.index("told")
    content = Extractor(doc, [], []).complement(Record((told, told + 4), (0, 12), None, "test"))
    assert content is not None and text[content[0] : content[1]] == "the harvest tax would go"


def test_colon_and_multi_paragraph_quote(attr_nlp: Language) -> None:
    text = (
        "Hugh Hill, a doctor at the county hospital, said:\n\n"
        "“We saw more patients this week than in the whole of last month.\n\n"
        "“Nobody here has slept properly since Friday, and the supplies are running out.”\n\n"
        "The hospital did not comment."
    )
    a = covering(run(attr_nlp, text), "We saw more", text)
    assert a.source is not None and "Hugh Hill" in a.source.text
    assert a.content.text.startswith("“We saw") and a.content.text.endswith("running out.”")


def test_colon_quote_same_paragraph(attr_nlp: Language) -> None:
    text = 'The foreign minister said: "We reject the proposal in its entirety and will say so in Geneva."'
    a = covering(run(attr_nlp, text), "We reject", text)
    assert a.kind == "direct" and a.source is not None and "foreign minister" in a.source.text


@pytest.mark.parametrize("dash", [" - ", " – ", "― ", " ― ", "\xa0―\xa0"])
def test_dash_name_quote(attr_nlp: Language, dash: str) -> None:
    text = f"Every border is a question waiting for an answer.\n\n\"Peace is the only option we have left.\"{dash}Jane Doe"
    a = covering(run(attr_nlp, text), "Peace is", text)
    assert a.source is not None and a.source.text == "Jane Doe"


def test_transcript_turns_speak_their_paragraphs(attr_nlp: Language) -> None:
    text = (
        "The interview aired on Sunday.\n\n"
        '"HOST: Will the senator run again next year, given the polls?\n\n'
        '"SMITH: Nobody has asked me yet, and the harvest comes first.\n\n'
        '"HOST: Is that a yes?\n\n'
        "UPDATE: The senator later declined to comment."
    )
    atts = run(attr_nlp, text)
    a = covering(atts, "Nobody has asked", text)
    assert a.source is not None and a.source.text == "SMITH" and a.evidence == "transcript turn"
    assert a.content.text == "Nobody has asked me yet, and the harvest comes first."
    assert covering(atts, "Will the senator", text).source.text == "HOST"  # type: ignore[union-attr]
    assert not any(x.source and x.source.text == "UPDATE" for x in atts)


def test_headline_label_claims_the_headline(attr_nlp: Language) -> None:
    text = "Moreno: Tariffs Will Hurt Farmers Before the Spring.\n\nThe governor spoke in Lima on Friday."
    a = covering(run(attr_nlp, text), "Tariffs Will", text)
    assert a.source is not None and a.source.text == "Moreno"
    assert a.content.text == "Tariffs Will Hurt Farmers Before the Spring"


def test_the_latest_is_not_a_headline_speaker(attr_nlp: Language) -> None:
    text = "The Latest: Storm closes two bridges in the north.\n\nRoads reopened by noon."
    assert not any(a.source and a.source.text == "The Latest" and a.evidence == "headline label"
                   for a in run(attr_nlp, text))


def test_a_poll_speaks_its_findings(attr_nlp: Language) -> None:
    text = "In the latest Harbor Institute poll, taken in May, the mayor leads her rival by six points among likely voters."
    atts = run(attr_nlp, text)
    a = covering(atts, "the mayor leads", text)
    assert a.cue.text == "In" and a.source is not None
    assert a.source.text == "the latest Harbor Institute poll, taken in May"
    assert a.content.text == "the mayor leads her rival by six points among likely voters"


def test_in_without_a_poll_is_no_attribution(attr_nlp: Language) -> None:
    text = "In the northern valley, the river rose by six feet overnight and closed two roads."
    assert not any(a.evidence == "poll frame" for a in run(attr_nlp, text))


def test_a_lone_label_is_not_a_transcript(attr_nlp: Language) -> None:
    text = "UPDATE: The vote was postponed until Tuesday because of the storm."
    assert not any(a.evidence == "transcript turn" for a in run(attr_nlp, text))


def test_speaker_in_preceding_sentence(attr_nlp: Language) -> None:
    text = (
        "The general told reporters that the army would withdraw by the end of the month. "
        "“We have done what we came here to do, and now we are going home.”"
    )
    a = covering(run(attr_nlp, text), "We have done", text)
    assert a.kind == "direct" and a.source is not None and a.source.text == "The general"


def test_scare_quotes_and_titles_are_not_speech(attr_nlp: Language) -> None:
    text = "The “America First” slogan appeared on banners across the stadium."
    assert not [a for a in run(attr_nlp, text) if "America First" in a.content.text]


def test_short_quote_counts_when_a_speaker_says_it(attr_nlp: Language) -> None:
    text = "“Total disaster,” the governor said after the vote."
    a = covering(run(attr_nlp, text), "Total disaster", text)
    assert a.source is not None and a.source.text == "the governor"


# --- reported speech, sources, nesting -------------------------------------------------------

def test_indirect_attribution(attr_nlp: Language) -> None:
    text = "The foreign minister warned on Sunday that new sanctions would follow within days."
    a = covering(run(attr_nlp, text), "new sanctions", text)
    assert a.kind == "indirect" and a.cue.text.startswith("warned")
    assert a.source is not None and "foreign minister" in a.source.text


def test_anonymous_descriptor(attr_nlp: Language) -> None:
    text = "Two senior American officials who attended the meeting told me that the talks had collapsed."
    a = covering(run(attr_nlp, text), "the talks had", text)
    assert a.source is not None and a.source.anonymous
    d = a.source.descriptor or {}
    assert (d["count"], d["rank"], d["affiliation"], d["role"]) == (2, "senior", "American", "official")
    assert "attended the meeting" in (d["access"] or "")


def test_first_person_reporter_is_not_the_source(attr_nlp: Language) -> None:
    text = "A Kremlin adviser told me the offer still stands. And the invitation, I'm told, was real."
    atts = run(attr_nlp, text)
    assert all(a.source is None or a.source.text.lower() not in {"i", "me"} for a in atts)
    a = covering(atts, "the offer still", text)
    assert a.source is not None and a.source.text == "A Kremlin adviser"


def test_nested_attribution_has_parent(attr_nlp: Language) -> None:
    text = (
        "After the summit, a senior European diplomat later told me, a Russian counterpart briefed on the "
        "talks recounted to him that the two leaders had spoken for an hour."
    )
    atts = run(attr_nlp, text)
    inner = covering(atts, "the two leaders", text)
    assert inner.source is not None and inner.source.text.startswith("a Russian counterpart")
    assert inner.source.descriptor and inner.source.descriptor["access"] == "briefed on the talks"
    outer = next(a for a in atts if a.id == inner.parent)
    assert outer.source is not None and outer.source.text == "a senior European diplomat"


def test_source_linked_to_entity_by_mention(attr_nlp: Language) -> None:
    text = "Sergei Lavrov spoke in Moscow on Friday. He said that the meeting would go ahead."
    doc = attr_nlp.make_doc(text)
    for _, proc in attr_nlp.pipeline[:-1]:
        doc = proc(doc)
    he = text.index("He said")
    doc._.entities = [Entity(id="E1", name="Sergei Lavrov", kind="PERSON",
                             mentions=[TextSpan(0, 13, "Sergei Lavrov"), TextSpan(he, he + 2, "He")])]
    doc = attr_nlp.get_pipe("eventwire_attributions")(doc)
    a = covering(doc._.attributions, "the meeting", text)
    assert a.source is not None and a.source.entity == "E1" and not a.source.anonymous
    assert doc._.sourcing.sources == 1 and doc._.sourcing.named == 1


def test_sourcing_profile_counts_named_and_anonymous(attr_nlp: Language) -> None:
    text = (
        "“We are ready to talk at any time,” said Angela Moreno, the trade minister. "
        "A senior official told me that the talks would fail. "
        "“Nothing will change before the election,” Moreno said."
    )
    doc = attr_nlp(text)
    profile = doc._.sourcing
    assert profile.anonymous >= 1 and profile.named >= 1
    assert profile.named_share is not None and 0 < profile.named_share < 1


def test_empty_and_quote_only_texts(attr_nlp: Language) -> None:
    for text in ["", "   ", "“", '"Unclosed at the very end', "No attributions here at all."]:
        assert isinstance(run(attr_nlp, text), list)


# --- scoring -----------------------------------------------------------------------------------

def test_trim_strips_whitespace_and_punctuation() -> None:
    text = " “Hello, world.” "
    assert trim(text, 0, len(text)) == (2, 14)
    assert trim(text, 0, 2) is None


GOLD_TEXT = "“We will win,” the coach said. Fans believe the team is ready."
GOLD_ANN = (
    "T1\tContent 0 14\t“We will win,”\n"
    "T2\tSource 15 24\tthe coach\n"
    "T3\tCue 25 29\tsaid\n"
    "T4\tAttribution 25 29\tsaid\n"
    "E1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n"
    "T5\tSource 31 35\tFans\n"
    "T6\tCue 36 43\tbelieve\n"
    "T7\tContent 44 61\tthe team is ready\n"
    "T8\tAttribution 36 43\tbelieve\n"
    "E2\tAttribution:T8 Content:T7 Source:T5 Cue:T6\n"
)


def test_scores_perfect_prediction() -> None:
    gold = parse_ann(GOLD_TEXT, GOLD_ANN)
    from eventwire.analysis import Source

    def att(i: int, cue: tuple[int, int], src: tuple[int, int], content: tuple[int, int]) -> Attribution:
        t = GOLD_TEXT
        return Attribution(f"A{i}", "direct", TextSpan(*cue, t[slice(*cue)]), TextSpan(*content, t[slice(*content)]),
                           Source(*src, t[slice(*src)]))

    scores = Scores()
    scores.add_article(gold, [att(1, (25, 29), (15, 24), (0, 13)), att(2, (36, 43), (31, 35), (44, 62))])
    result = scores.to_dict()
    assert all(result["exact"][r]["f1"] == 100.0 for r in ("source", "cue", "content"))
    assert result["relation"]["f1"] == 100.0


def test_evaluate_command(tmp_path: Path) -> None:
    from eventwire.evaluate.cli import app

    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(GOLD_TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_x1.ann").write_text(GOLD_ANN, encoding="utf-8")
    result = CliRunner().invoke(app, ["attributions", "--gold", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "source" in result.output and "relation" in result.output
    missing = CliRunner().invoke(app, ["attributions", "--gold", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


# --- the seed article ------------------------------------------------------------------------------

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"
SEED_SPEAKERS = {
    "The decision lies": "Angela Merkel",
    "and, at the end, there": "a Russian counterpart",
    "I understood that": "the European diplomat",
    "He is more of the view": "The Trump official",
    "He returned to this topic": "Lavrov",
    "We also hear this": "Lavrov",
    "never seen us more unified": "Damon Wilson",
    "Bolton is not where": "a senior Washington foreign-policy figure",
    "The new president ought": "Bolton",
    "Negotiate only from": "Bolton",
    "true feelings were": "Alexander Vershbow",
    "pretty remote hope": "Vershbow",
    "Trump gives evidence": "Vershbow",
    "Trump has a similar view": "the adviser",
    "through the power of my": "the adviser",
}


@pytest.mark.slow
@pytest.mark.skipif(not SEED.is_file(), reason="shared seed article not available")
def test_seed_article_quotes_and_nesting(attr_nlp: Language) -> None:
    text = SEED.read_text(encoding="utf-8")
    atts = run(attr_nlp, text)
    for needle, speaker in SEED_SPEAKERS.items():
        a = covering(atts, needle, text)
        assert a.source is not None and speaker in a.source.text, (needle, a)
        assert a.kind in {"direct", "mixed"}
    inner = covering(atts, "Trump and Putin had spoken", text)
    outer = next(a for a in atts if a.id == inner.parent)
    assert outer.source is not None and outer.source.text == "a senior European diplomat"
    assert outer.source.descriptor == {"count": 1, "rank": "senior", "affiliation": "European",
                                       "role": "diplomat", "access": None}
    assert inner.source is not None and inner.source.descriptor is not None
    assert inner.source.descriptor["access"] == "briefed on the discussion"
