"""Synthetic analysis records and stores, for benchmarks and tests at scale.

The records are built directly (no NLP), with every offset exact, so a store of any size can be made
in seconds: the web benchmark uses 10,000 articles, the scale benchmarks far more. Actors come from
ISO 3166 (pycountry) and event codes from the CAMEO codebook; the words are made-up syllables, so
nothing here pretends to be news.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pycountry

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
)
from eventwire.knowledge import cameo
from eventwire.store import CHILD_TABLES, Store

SYLLABLES = ("ka", "ro", "mi", "ta", "ven", "sol", "dar", "el", "no", "pre", "lu", "qua", "zen", "bor", "tis")
#: (modality, weight): most reported events are asserted.
MODALITIES = (("asserted", 70), ("planned", 10), ("threatened", 8), ("hypothetical", 6), ("negated", 6))
RANKS = ("senior", "junior", "")
FIRST_DAY = date(2015, 1, 1)
DAYS = 5 * 365


def _codes() -> list[str]:
    """Every three-digit CAMEO event code of the codebook."""
    return [c for r in range(1, 21) for c in (f"{r:02d}{d}" for d in range(10)) if cameo.is_code(c)]


@dataclass
class _Writer:
    """Appends text and hands back the span it landed on, so offsets are exact by construction."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> TextSpan:
        span = TextSpan(self.length, self.length + len(text), text)
        self.parts.append(text)
        self.length += len(text)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


class SyntheticCorpus:
    """A reproducible stream of analysis records: same seed, same records."""

    def __init__(self, seed: int = 7, countries: int = 40, outlets: int = 12) -> None:
        self.rng = random.Random(seed)
        every = sorted(pycountry.countries, key=lambda c: c.alpha_3)
        self.countries = self.rng.sample(every, min(countries, len(every)))
        self.outlets = [f"The {self.word().title()} {self.rng.choice(('Times', 'Post', 'Herald', 'Wire'))}"
                        for _ in range(outlets)]
        self.codes = _codes()
        self.people = {c.alpha_3: [self.word().title() for _ in range(3)] for c in self.countries}

    def word(self, syllables: int | None = None) -> str:
        n = syllables or self.rng.randint(2, 3)
        return "".join(self.rng.choice(SYLLABLES) for _ in range(n))

    def phrase(self, words: int) -> str:
        return " ".join(self.word() for _ in range(words))

    def actor(self, number: int) -> tuple[Entity, str]:
        """A random actor as an Entity (mentions filled in later) and the text naming it."""
        country = self.rng.choice(self.countries)
        iso = country.alpha_3
        kind = self.rng.choice(("GPE", "GOV", "MIL", "PERSON"))
        eid = f"E{number}"
        if kind == "GPE":
            return Entity(eid, country.name, "GPE", iso, iso, None, None, evidence="synthetic"), country.name
        if kind == "PERSON":
            name = self.rng.choice(self.people[iso])
            role = f"Foreign Minister of {country.name}"
            return Entity(eid, name, "PERSON", iso, iso + "GOV", "GOV", role, evidence="synthetic"), name
        label = "government" if kind == "GOV" else "armed forces"
        name = f"the {country.name} {label}"
        return Entity(eid, name, "ORG", iso, iso + kind, kind, None, evidence="synthetic"), name

    def analysis(self, number: int) -> Analysis:
        """One synthetic article with actors, times, quotes, attributed events and a deadline."""
        rng = self.rng
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        w = _Writer()
        entities: list[Entity] = []
        names: list[str] = []
        for i in range(rng.randint(3, 5)):
            ent, name = self.actor(i + 1)
            entities.append(ent)
            names.append(name)
        times: list[TimeExpression] = []
        attributions: list[Attribution] = []
        events: list[Event] = []
        deadlines: list[Deadline] = []

        def mention(i: int) -> ActorRef:
            span = w.add(names[i])
            entities[i].mentions.append(span)
            return ActorRef(entities[i].id, entities[i].code, names[i])

        def time(day: date) -> TimeExpression:
            span = w.add(f"On {day.strftime('%B')} {day.day}, {day.year}")
            t = TimeExpression(f"T{len(times) + 1}", span.start, span.end, span.text, "DATE", day.isoformat(),
                               evidence="synthetic")
            times.append(t)
            return t

        def source(anonymous: bool) -> Source:
            if anonymous:
                rank = rng.choice(RANKS)
                country = rng.choice(self.countries).name
                text = f"{'a ' + rank if rank else 'an'} official from {country}"
                span = w.add(text)
                descriptor = {"count": 1, "rank": rank or None, "affiliation": country, "role": "official"}
                return Source(span.start, span.end, span.text, None, True, descriptor)
            i = rng.randrange(len(entities))
            ref = mention(i)
            span = entities[i].mentions[-1]
            return Source(span.start, span.end, span.text, ref.entity, False, None)

        w.add(f"{self.phrase(3).capitalize()}.\n\n")
        for _ in range(rng.randint(6, 14)):
            a, b = rng.sample(range(len(entities)), 2)
            code = rng.choice(self.codes)
            day = published - timedelta(days=rng.randrange(10))
            t = time(day)
            w.add(", ")
            src = mention(a)
            w.add(" ")
            trigger = w.add(cameo.name(code).lower())
            w.add(" with ")
            tgt = mention(b)
            w.add(f" over the {self.phrase(2)}, ")
            cue = w.add("according to")
            w.add(" ")
            who = source(rng.random() < 0.4)
            w.add(". ")
            content = TextSpan(t.start, cue.start - 2, w.text[t.start:cue.start - 2])
            att = Attribution(f"A{len(attributions) + 1}", "indirect", cue, content, who, evidence="synthetic")
            attributions.append(att)
            plover = cameo.plover(code)
            modality = rng.choices([m for m, _ in MODALITIES], [k for _, k in MODALITIES])[0]
            events.append(Event(
                f"V{len(events) + 1}", trigger, code, plover.type if plover else None, cameo.goldstein(code),
                cameo.quad_class(code), src, tgt, plover.mode if plover else None, t.id, t.value, "text",
                modality, att.id, evidence=f"synthetic CAMEO {code}",
            ))
            if rng.random() < 0.5:
                w.add('"')
                quote = w.add(f"{self.phrase(rng.randint(6, 14)).capitalize()}")
                w.add('," ')
                who = source(rng.random() < 0.4)
                w.add(" ")
                said = w.add("said")
                w.add(".")
                attributions.append(Attribution(f"A{len(attributions) + 1}", "direct", said, quote, who,
                                                evidence="synthetic"))
            w.add("\n\n" if rng.random() < 0.3 else " ")
        if rng.random() < 0.6:
            i = rng.randrange(len(entities))
            mention(i)
            w.add(" set ")
            due = published + timedelta(days=rng.randint(-20, 40))
            start = w.add("a deadline of ").start
            when = w.add(f"{due.strftime('%B')} {due.day}, {due.year}")
            span = TextSpan(start, when.end, w.text[start:when.end])
            about = self.phrase(3)
            w.add(f" for the {about}.")
            t = TimeExpression(f"T{len(times) + 1}", when.start, when.end, when.text, "DATE", due.isoformat(),
                               evidence="synthetic")
            times.append(t)
            status = "upcoming" if due >= published else "passed"
            deadlines.append(Deadline(f"D{len(deadlines) + 1}", span.start, span.end, span.text, t.id,
                                      due.isoformat(), f"the {about}", status, entities[i].id, "synthetic"))
        article = Article(w.text, id=f"syn-{number:08d}", title=self.phrase(4).title(), published=published,
                          url=f"https://example.org/news/{number}", outlet=rng.choice(self.outlets),
                          source="synthetic")
        return Analysis(article, entities, times, attributions, events, deadlines, sourcing_of(attributions))

    def analyses(self, count: int, first: int = 0) -> Iterator[Analysis]:
        for number in range(first, first + count):
            yield self.analysis(number)


def sourcing_of(attributions: list[Attribution]) -> SourcingProfile:
    """Distinct sources by their text, named vs anonymous, most cited first."""
    counts: dict[tuple[str, bool], int] = {}
    for a in attributions:
        if a.source:
            key = (a.source.text, a.source.anonymous)
            counts[key] = counts.get(key, 0) + 1
    named = sum(1 for _, anon in counts if not anon)
    anonymous = len(counts) - named
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:5]
    return SourcingProfile(
        sources=len(counts), named=named, anonymous=anonymous,
        named_share=round(named / len(counts), 3) if counts else None,
        top_sources=[{"text": text, "anonymous": anon, "count": n} for (text, anon), n in top],
    )


def build_store(path: str | Path, articles: int, seed: int = 7, batch_size: int = 500) -> Path:
    """Write a synthetic store of ``articles`` articles (added to what the file already holds)."""
    corpus = SyntheticCorpus(seed)
    with Store(path) as store:
        done = 0
        while done < articles:
            n = min(batch_size, articles - done)
            store.ingest(corpus.analyses(n, first=done))
            done += n
    return Path(path)


def replicate_store(path: str | Path, copies: int) -> Path:
    """Multiply a synthetic store in SQL: ``copies`` - 1 more copies of every article under new ids.

    Generating records costs about 3 ms an article; copying rows costs next to nothing, so a
    store of a million events (``build_store(path, 10_000)`` then ``replicate_store(path, 10)``)
    takes a minute instead of ten. Copy ``k`` of article ``X`` is ``X~k``, published ``k`` days later
    (its stored analysis JSON still names ``X``: good for queries, not for reading articles).
    """
    with Store(path) as store:
        store.con.execute("SET enable_progress_bar = false")
        store.con.execute("CREATE TEMP TABLE base AS SELECT id FROM articles WHERE id NOT LIKE '%~%'")
        for k in range(1, copies):  # a transaction per copy keeps memory to one copy's rows
            with store.transaction() as con:
                con.execute("INSERT INTO articles SELECT a.* REPLACE (a.id || '~' || ? AS id, a.published + ? AS published) "
                            "FROM articles a JOIN base USING (id)", [k, k])
                for table in CHILD_TABLES:
                    shifted = (", t.day + $k AS day, coalesce(strftime(t.day + $k, '%Y-%m-%d'), t.date) AS date"
                               if table in ("events", "deadlines") else
                               ", t.published + $k AS published" if table in ("mentions", "attributions", "actor_articles") else "")
                    con.execute(f"INSERT INTO {table} SELECT t.* REPLACE (t.article_id || '~' || $k AS article_id"
                                f"{shifted}) FROM {table} t JOIN base b ON b.id = t.article_id", {"k": k})
    return Path(path)
