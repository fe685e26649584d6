"""Hand-built analysis records for the web tests (no NLP involved), and a store built from them.

``briefing()`` is an ordinary article with every kind of annotation; ``hostile()`` carries markup,
event handlers and ``javascript:`` URLs in its text, metadata and annotations, to prove none runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eventwire.analysis import (
    ActorRef,
    Analysis,
    Article,
    Attribution,
    Deadline,
    Entity,
    Event,
    Source,
    SourcingProfile,
    TextSpan,
    TimeExpression,
    offset_errors,
)
from eventwire.store import Store
from eventwire.synthetic import SyntheticCorpus, sourcing_of

BRIEFING = (
    "France and Germany met in Geneva on Monday to discuss the border dispute. "
    "\"The talks were constructive,\" said Marie Dupont, the French foreign minister. "
    "A senior European diplomat said Germany had threatened to expel French observers. "
    "Germany has given France until March 12 to withdraw its troops."
)
XSS = "window.__xss = (window.__xss || 0) + 1"
HOSTILE = (
    f"<script>{XSS}</script> Evilland warned Badland. "
    f"<img src=x onerror=\"{XSS}\"> said <b onmouseover=\"{XSS}\">a spokesman</b>. "
    f"<a href=\"javascript:{XSS}\">Badland</a> set a deadline of March 20."
)
HOSTILE_ID = 'evil"><img src=x onerror=alert(1)>'


def span(text: str, part: str, nth: int = 0) -> TextSpan:
    """The span of the nth occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return TextSpan(start, start + len(part), part)


def briefing() -> Analysis:
    t = BRIEFING
    entities = [
        Entity("E1", "France", "GPE", "FRA", "FRA", None, None, [span(t, "France"), span(t, "France", 1)], "fixture"),
        Entity("E2", "Germany", "GPE", "DEU", "DEU", None, None,
               [span(t, "Germany"), span(t, "Germany", 1), span(t, "Germany", 2)], "fixture"),
        Entity("E3", "Marie Dupont", "PERSON", "FRA", "FRAGOV", "GOV", "Foreign Minister of France",
               [span(t, "Marie Dupont")], "fixture"),
    ]
    monday, due = span(t, "on Monday"), span(t, "March 12")
    times = [TimeExpression("T1", monday.start, monday.end, monday.text, "DATE", "2024-03-04", evidence="fixture"),
             TimeExpression("T2", due.start, due.end, due.text, "DATE", "2024-03-12", evidence="fixture")]
    dupont, diplomat = span(t, "Marie Dupont"), span(t, "A senior European diplomat")
    attributions = [
        Attribution("A1", "direct", span(t, "said"), span(t, "The talks were constructive"),
                    Source(dupont.start, dupont.end, dupont.text, "E3", False, None), evidence="fixture"),
        Attribution("A2", "indirect", span(t, "said", 1), span(t, "Germany had threatened to expel French observers"),
                    Source(diplomat.start, diplomat.end, diplomat.text, None, True,
                           {"count": 1, "rank": "senior", "affiliation": "European", "role": "diplomat"}),
                    evidence="fixture"),
    ]
    events = [
        Event("V1", span(t, "met"), "040", "CONSULT", 1.0, 1, ActorRef("E1", "FRA", "France"),
              ActorRef("E2", "DEU", "Germany"), None, "T1", "2024-03-04", "text", "asserted", None, "fixture meet"),
        Event("V2", span(t, "threatened to expel"), "1663", "THREATEN", -4.4, 3, ActorRef("E2", "DEU", "Germany"),
              ActorRef("E1", "FRA", "French"), None, None, "2024-03-04", "published", "threatened", "A2",
              "fixture threaten"),
    ]
    deadline = span(t, "until March 12")
    deadlines = [Deadline("D1", deadline.start, deadline.end, deadline.text, "T2", "2024-03-12",
                          "withdraw its troops", "upcoming", "E2", "fixture deadline")]
    article = Article(t, id="briefing", title="Border talks in Geneva", published=date(2024, 3, 4),
                      url="https://example.org/briefing", outlet="Example Wire", source="fixture")
    return Analysis(article, entities, times, attributions, events, deadlines, sourcing_of(attributions))


def hostile() -> Analysis:
    t = HOSTILE
    script, img, bold = span(t, f"<script>{XSS}</script>"), span(t, f"<img src=x onerror=\"{XSS}\">"), \
        span(t, f"<b onmouseover=\"{XSS}\">a spokesman</b>")
    link = span(t, f"<a href=\"javascript:{XSS}\">Badland</a>")
    entities = [
        Entity("E1", f"<svg onload=\"{XSS}\">Evilland", "GPE", "EVL", "<EVL>", None, f"<i onclick=\"{XSS}\">",
               [span(t, "Evilland")], f"<script>{XSS}</script>"),
        Entity("E2", "Badland", "GPE", "BAD", "BAD", None, None, [span(t, "Badland"), link], "fixture"),
    ]
    attributions = [Attribution("A1", "indirect", span(t, "said"), img,
                                Source(bold.start, bold.end, bold.text, None, True, {"role": f"<u onclick=\"{XSS}\">"}),
                                evidence=f"<img src=x onerror=\"{XSS}\">")]
    events = [Event("V1", script, "130", "THREATEN", -4.4, 3, ActorRef("E1", "<EVL>", f"<svg onload=\"{XSS}\">"),
                    ActorRef("E2", "BAD", "Badland"), None, None, "2024-03-01", "published", "asserted", "A1",
                    f"<script>{XSS}</script>"),
              Event("V2", span(t, "warned"), "130", "THREATEN", -4.4, 3, ActorRef("E1", "<EVL>", "Evilland"),
                    ActorRef("E2", "BAD", f"<img src=x onerror=\"{XSS}\">"), None, None, "2024-03-01", "published",
                    "asserted", None, "fixture")]
    deadline = span(t, "a deadline of March 20")
    deadlines = [Deadline("D1", deadline.start, deadline.end, deadline.text, None, "2024-03-20",
                          f"<script>{XSS}</script>", "upcoming", "E2", "fixture")]
    article = Article(t, id=HOSTILE_ID, title=f"<script>{XSS}</script>Hostile <b>title</b>", published=date(2024, 3, 1),
                      url=f"javascript:{XSS}", outlet=f"<img src=x onerror=\"{XSS}\">", source="fixture")
    return Analysis(article, entities, [], attributions, events, deadlines,
                    SourcingProfile(1, 0, 1, 0.0, [{"text": f"<script>{XSS}</script>", "anonymous": True, "count": 1}]))


def build_test_store(path: Path, synthetic: int = 40) -> Path:
    """The fixture articles plus some synthetic ones, ingested the normal way."""
    with Store(path) as store:
        store.ingest([briefing(), hostile(), *SyntheticCorpus(seed=3).analyses(synthetic)])
    return path


def test_fixture_offsets_cut_their_text() -> None:
    for analysis in (briefing(), hostile(), *SyntheticCorpus(seed=3).analyses(20)):
        assert offset_errors(analysis.to_dict(), analysis.article.text) == []


def test_synthetic_corpus_is_reproducible() -> None:
    first = [a.to_dict() for a in SyntheticCorpus(seed=5).analyses(3)]
    again = [a.to_dict() for a in SyntheticCorpus(seed=5).analyses(3)]
    assert first == again
    assert all(r["events"] and r["attributions"] for r in first)
