"""Turns tagger drafts and quotation rules into ``Attribution`` records with offsets and evidence.

Order of work: drafts from the tagger -> contents stretched to whole quotations -> cues left without
content get the next paragraph (colon), the attribution they frame (nesting) or their verb's
complement -> quotations nobody claimed get a speaker from an adjacent speech verb, a trailing
"-Name", or the previous speaker -> sources understood -> parents and kinds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.analysis import Attribution, Entity, Source, TextSpan
from eventwire.attribution.assemble import Draft, TokSpan, speech_clause
from eventwire.attribution.descriptors import describe, is_named, span_head
from eventwire.attribution.lexicon import lexicon
from eventwire.attribution.quotes import Quote

CharSpan = tuple[int, int]
_DASH_NAME = re.compile(r"[^\S\n]*[-–—―][^\S\n]*((?:[A-Z][\w.'’-]*)(?:[^\S\n]+[A-Z][\w.'’-]*){0,3})")
_SENT_END = ".!?…:\n"
_TURN = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]+", re.M)  # transcript "NAME: "
_HEADLINE = re.compile(r"[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}): (\S[^\n]*)")
_BREAK = re.compile(r"[ \t]*\n+")  # after a cue that ends in its colon ("said:")
_COLON_BREAK = re.compile(r"[ \t]*:[ \t]*\n+")
_ALNUM, _NOT_ALNUM = re.compile(r"[^\W_]"), re.compile(r"[\W_]+")  # str.isalnum, as a pattern
_QUOTED_RUN, _BARE_RUN = re.compile("\x01+"), re.compile("\x00+")
_DANGLING = {"CCONJ", "SCONJ", "ADP", "DET"}
_LINKING = {"CCONJ", "ADV"}
_CLAUSE_DEPS = {"ccomp", "xcomp"}
_SOURCE_BREAKS = {"-", "–", "—", ":", ";"}
_FRAME_GAP = 2  # words between a framing cue and the report it frames ("told reporters, Y said")


@dataclass
class Record:
    cue: CharSpan
    source: CharSpan | None
    content: CharSpan | None
    evidence: str
    parent: "Record | None" = None  # set by Extractor.nest once every content is final

    @property
    def extent(self) -> CharSpan:
        spans = [s for s in (self.cue, self.source, self.content) if s and s[1] > s[0]]
        return min(s[0] for s in spans), max(s[1] for s in spans)


def _gap(a: TokSpan, b: TokSpan) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


class Extractor:
    """Per-document state: the doc, its quotations and its token offsets."""

    def __init__(self, doc: Doc, quotes: list[Quote], entities: list[Entity] | None) -> None:
        self.doc, self.text, self.quotes = doc, doc.text, quotes
        self.entities = entities or []
        self.starts = [t.idx for t in doc]
        self.quoted = bytearray(len(self.text))  # 1 where a character lies inside a quotation
        for q in quotes:
            self.quoted[q.start : q.end] = b"\x01" * (q.end - q.start)
        self.lex = lexicon()

    # --- helpers -----------------------------------------------------------------------------
    def chars(self, span: tuple[int, int]) -> CharSpan:
        return self.doc[span[0]].idx, self.doc[span[1] - 1].idx + len(self.doc[span[1] - 1])

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def sent_of(self, char: int) -> Span:
        return self.doc[self.token_at(char)].sent

    def speech_like(self, q: Quote) -> bool:
        inner = self.text[slice(*q.inner(self.text))].rstrip()
        return q.words(self.text) >= 4 or inner[-1:] in ",.!?…"

    # --- pipeline ----------------------------------------------------------------------------
    def run(self, drafts: list[Draft]) -> list[Record]:
        records = [self.from_draft(d) for d in drafts]
        for rec in records:
            if rec.content:
                rec.content = self.stretch_to_quotes(self.tidy_end(rec.content), rec.cue)
        records = self.fill_contentless(records)
        for rec in records:
            self.parenthetical(rec)
        records += self.transcript_turns(records) + self.headline_claim(records) + self.poll_frames(records)
        records += self.nested_clauses(records)
        records += self.orphan_quotes(records)
        records = [r for r in records if r.content is not None]
        records.sort(key=lambda r: r.extent)
        self.nest(records)
        return records

    def from_draft(self, draft: Draft) -> Record:
        """One content span: the piece nearest the cue, joined by the pieces that only the cue,
        the source or punctuation separate from it (a quotation split around "she said")."""
        content = None
        if draft.content:
            pieces = sorted(draft.content, key=lambda p: _gap(p, draft.cue))
            lo, hi = pieces[0]
            for a, b in pieces[1:]:
                if self.bare_tokens(draft, min(hi, b), max(lo, a)):
                    lo, hi = min(lo, a), max(hi, b)
            content = self.chars((lo, hi))
        source = self.chars(self.tidy_source(draft.source, draft.cue)) if draft.source else None
        return Record(self.chars(draft.cue), source, content, draft.evidence)

    def tidy_source(self, span: TokSpan, cue: TokSpan) -> TokSpan:
        """A source stays on the cue's side of a line break and starts after a spaced dash, colon or
        "but" before its head word ("BRUSSELS - European leaders", "... apprehensions, but the
        Coalition")."""
        start, end = span
        breaks = [t.i for t in self.doc[start:end] if "\n" in t.text]
        if breaks:
            start, end = (breaks[-1] + 1, end) if cue[0] >= end else (start, breaks[0])
        if start >= end:
            return span
        head = self.doc[start:end].root.i
        for tok in self.doc[start:head]:
            spaced = tok.text in _SOURCE_BREAKS and (tok.whitespace_ or tok.text == ":")
            if spaced or tok.lower_ == "but":
                start = tok.i + 1
        while start < head and (self.doc[start].is_space or self.doc[start].is_punct):
            start += 1
        return start, end

    def bare_tokens(self, draft: Draft, start: int, end: int) -> bool:
        """Tokens ``start``..``end`` hold nothing but the draft's cue and source, punctuation and
        linking words ('"A," she added, but, then again, "B"') or the reporter ('"A," he told me, "B"')."""
        own = [s for s in (draft.cue, draft.source) if s]
        return all(
            t.is_punct or t.is_space and "\n" not in t.text or t.pos_ in _LINKING
            or t.lower_ in self.lex.first_person or any(a <= t.i < b for a, b in own)
            for t in self.doc[start:end]
        )

    def tidy_end(self, content: CharSpan) -> CharSpan:
        """A content does not end on a dangling "and", "as", "of" or "the" (tagger boundary slips)."""
        first, last = self.token_at(content[0]), self.token_at(content[1] - 1)
        while last > first and (self.doc[last].pos_ in _DANGLING or self.doc[last].is_punct):
            last -= 1
        return content[0], min(content[1], self.doc[last].idx + len(self.doc[last]))

    def stretch_to_quotes(self, content: CharSpan, cue: CharSpan) -> CharSpan:
        """A content touching a quotation takes all of it (PolNeAR marks whole quotations)."""
        start, end = content
        for q in self.quotes:
            if q.start < end and start < q.end and not (q.start <= cue[0] < q.end):
                start, end = min(start, q.start), max(end, q.end)
        return start, end

    def parenthetical(self, rec: Record) -> None:
        """"Acts of protest, Mr. Obama said, are acts of patriotism": a cue set off by commas inside
        its sentence, with the content after it, also has the words before it as content."""
        if rec.source is None or rec.content is None:
            return
        lo, hi = min(rec.cue[0], rec.source[0]), max(rec.cue[1], rec.source[1])
        before, after = self.text[:lo].rstrip(" \t"), self.text[hi:rec.content[0]]
        if rec.content[0] < hi or not before.endswith(",") or after.strip(" \t") != "," or self.quoted[rec.content[0]]:
            return
        sent = self.sent_of(lo)
        first = sent.start
        while first < sent.end and (self.doc[first].pos_ == "CCONJ" or self.doc[first].is_space):
            first += 1
        start = self.doc[first].idx
        if start < len(before) - 1 and not self.quoted[start]:
            rec.content = (start, rec.content[1])

    def fill_contentless(self, records: list[Record]) -> list[Record]:
        kept = []
        for rec in records:
            if rec.content is None:
                rec.content = (self.after_colon(rec) or self.framed(rec, records) or self.complement(rec)
                               or self.rest_of_sentence(rec))
            if rec.content is not None:
                kept.append(rec)
        return kept

    def after_colon(self, rec: Record) -> CharSpan | None:
        """"X, a doctor, said:" + a new paragraph: the paragraph (or its quotation) is the content."""
        colon_in_cue = self.text[rec.cue[1] - 1] == ":"
        m = (_BREAK if colon_in_cue else _COLON_BREAK).match(self.text, rec.cue[1])
        if not m:
            return None
        start = m.end()
        for q in self.quotes:
            if q.start == start:
                return q.start, q.end
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        return (start, end) if end > start else None

    def framed(self, rec: Record, records: list[Record]) -> CharSpan | None:
        """"X later told me, Y recounted to him that ...": the frame's content is the inner attribution."""
        sent = self.sent_of(rec.cue[0])
        inner = [
            r for r in records
            if r is not rec and r.content and sent.start_char <= r.cue[0] < sent.end_char and r.cue[0] > rec.cue[1]
        ]
        if not inner:
            return None
        first = min(inner, key=lambda r: r.cue[0])
        if first.extent[0] < rec.cue[1] or self.words_between(rec, rec.cue[1], first.extent[0]) > _FRAME_GAP:
            return None  # the inner report must follow the cue straight away ("told me, Y recounted")
        return first.extent

    def words_between(self, rec: Record, start: int, end: int) -> int:
        """Words in ``start``..``end`` besides the attribution's own source and the reporter."""
        own = rec.source or (0, 0)
        text = "".join(" " if own[0] <= i < own[1] else self.text[i] for i in range(start, end))
        return sum(w.strip(",.;:\"“”'’‘").lower() not in self.lex.first_person for w in text.split())

    def complement(self, rec: Record) -> CharSpan | None:
        """The clause the cue verb takes ("warned that ...", "told the forum he was ..."), else its
        object ("endorsed the plan"); the reporter or a recipient is never the content."""
        i = self.token_at(rec.cue[0])
        for deps in (_CLAUSE_DEPS, {"dobj"}):
            for tok in self.doc[i : self.token_at(rec.cue[1] - 1) + 1]:
                for child in tok.children:
                    if child.dep_ in deps and child.i > tok.i and child.lower_ not in self.lex.first_person:
                        return self.chars((child.left_edge.i, child.right_edge.i + 1))
        return None

    def nested_clauses(self, records: list[Record]) -> list[Record]:
        """"... told me, a Russian counterpart recounted to him that ...": a content that reports a report.

        The reported report starts the content, or fills the gap between a cue and a later content
        that the tagger left unmarked; only its own speech verb can open it.
        """
        cues = {self.token_at(r.cue[0]) for r in records}
        found = []
        for rec in records:
            assert rec.content is not None
            first, last = self.token_at(rec.content[0]), self.token_at(rec.content[1] - 1)
            if rec.content[0] >= rec.cue[1]:
                first = self.token_at(rec.cue[1] - 1) + 1
                while first < last and (self.doc[first].lower_ in self.lex.first_person or self.doc[first].is_punct):
                    first += 1
            for tok in self.doc[first : last + 1]:
                clause = None if tok.i in cues else speech_clause(tok) or self.that_clause(tok, first, last)
                if clause is None or clause[0][0] - first not in (0, int(self.doc[first].lower_ == "that")):
                    continue  # only a content that is itself a report: "(that) Y recounted that ..."
                content = self.stretch_to_quotes(self.chars(clause[1]), self.chars((tok.i, tok.i + 1)))
                inner = Record(self.chars((tok.i, tok.i + 1)), self.chars(clause[0]), content, "nested speech clause")
                start = min(rec.content[0], inner.extent[0])
                rec.content = (start, max(rec.content[1], content[1]))
                found.append(inner)
                break
        return found

    def that_clause(self, tok: Token, first: int, last: int) -> tuple[TokSpan, TokSpan] | None:
        """Parse-free fallback inside a content: "<NP ...> recounted to him that <clause>"."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.lex.speech_verbs or not 0 < tok.i - first <= 12:
            return None
        if self.doc[first].pos_ not in {"DET", "PROPN", "NOUN", "ADJ", "NUM"}:
            return None
        that = next((t for t in self.doc[tok.i + 1 : tok.i + 5] if t.lower_ == "that"), None)
        if that is None or that.i >= last:
            return None
        return (first, tok.i), (that.i, last + 1)

    def rest_of_sentence(self, rec: Record) -> CharSpan | None:
        """Last resort: what the sentence says after the cue (or before it, for a final cue)."""
        sent = self.sent_of(rec.cue[0])
        after = (rec.cue[1], sent.end_char) if not rec.source or rec.source[0] < rec.cue[0] else (
            max(rec.cue[1], rec.source[1]), sent.end_char)
        before = (sent.start_char, min(rec.cue[0], rec.source[0] if rec.source else rec.cue[0]))
        for start, end in (after, before):
            text = self.text[start:end]
            lead = len(text) - len(text.lstrip(" ,:;\t\n\xa0"))
            body = text.strip(" ,:;.\t\n\xa0")
            if len(body.split()) >= 2:
                return start + lead, start + lead + len(body)
        return None

    def transcript_turns(self, records: list[Record]) -> list[Record]:
        """'WALLACE: ...' / '"PENCE: ...' paragraphs of a transcript: the label speaks the paragraph.

        Only in an article with at least two labels taking turns, never for labels such as "UPDATE:"
        (cues.json); a turn that already is some attribution's content stays theirs.
        """
        turns = [m for m in _TURN.finditer(self.text) if m.group(1).lower() not in self.lex.not_speaker_labels]
        if len({m.group(1) for m in turns}) < 2 or len(turns) < 3:
            return []
        found = []
        for m in turns:
            end = self.text.find("\n", m.end())
            end = len(self.text) if end < 0 else end
            body = self.text[m.end() : end].rstrip(" \t\"”")
            if not body or any(r.content and r.content[0] <= m.end() < r.content[1] and r.cue[0] < m.start()
                               for r in records):
                continue
            colon = m.end(1)
            found.append(Record((colon, colon + 1), m.span(1), (m.end(), m.end() + len(body)), "transcript turn"))
        return found

    def headline_claim(self, records: list[Record]) -> list[Record]:
        """A headline "Graham: Trump's rhetoric is destroying the party": the label before the colon
        claims the rest (not "The Latest:" and other labels, nor a headline with a cue of its own)."""
        m = _HEADLINE.match(self.text)
        if not m or m.group(1).split()[0] == "The" or m.group(1).isupper() or any(
            w.lower() in self.lex.not_speaker_labels for w in m.group(1).split()
        ):
            return []
        end = m.end(2)
        if any(r.cue[0] < m.start(2) or r.source and r.source[0] < m.start(2) for r in records):
            return []
        body = self.text[m.start(2) : end].rstrip(" .\t")
        return [Record((m.end(1), m.end(1) + 1), m.span(1), (m.start(2), m.start(2) + len(body)), "headline label")]

    def poll_frames(self, records: list[Record]) -> list[Record]:
        """"In the latest Quinnipiac poll, Clinton leads by 4 points": the poll is the source, "In" the
        cue and the clause the content (PolNeAR's reading), unless the clause has a cue of its own."""
        found = []
        for sent in self.doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is None or first.lower_ != "in":
                continue
            comma = self.doc[first.right_edge.i + 1] if first.right_edge.i + 1 < sent.end else None
            if comma is None or comma.text != "," or comma.i - first.i > 20:
                continue
            frame = self.doc[first.i + 1 : comma.i]  # the prepositional phrase: "In [the poll, taken in May],"
            end = sent.end
            while end > comma.i + 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
                end -= 1
            if end - comma.i < 4 or not any(t.lemma_.lower() in self.lex.poll_words for t in frame):
                continue
            content = self.chars((comma.i + 1, end))
            if any(content[0] <= r.cue[0] < content[1] or r.cue[0] <= first.idx < r.cue[1] for r in records):
                continue
            found.append(Record(self.chars((first.i, first.i + 1)), self.chars((frame.start, frame.end)), content,
                                "poll frame"))
        return found

    # --- quotations nobody claimed ------------------------------------------------------------
    def orphan_quotes(self, records: list[Record]) -> list[Record]:
        """Quotations get their speaker: the speech verb beside them wins over a farther claimant."""
        found: list[Record] = []
        for q in self.quotes:
            if not self.speech_like(q):
                continue
            known = records + found
            holder = self.holder(q, known)
            beside = self.adjacent_cue(q)
            owner = beside and next((r for r in known if r.cue[0] <= beside.cue[0] < r.cue[1]), None)
            if owner is not None and (owner is not holder or self.leads_in(owner, q)):
                self.take(owner, q, None if owner is holder else holder)
            elif holder is None and not self.split_continuation(q, known):
                rec = beside or self.dash_name(q) or self.continued(q, known)
                if rec:
                    found.append(rec)
        return found

    @staticmethod
    def holder(q: Quote, records: list[Record]) -> Record | None:
        """The attribution whose content holds (part of) the quotation, the innermost one."""
        held = [r for r in records if r.content and r.content[0] < q.end and q.start < r.content[1]]
        return min(held, key=lambda r: r.content[1] - r.content[0]) if held else None  # type: ignore[index]

    def take(self, owner: Record, q: Quote, holder: Record | None) -> None:
        """The quotation becomes ``owner``'s content; a same-sentence holder ("according to a
        transcript") now frames the whole attribution.

        ``owner``'s old content is kept when it carries on after the cue into a later sentence (a
        quotation continued) or is the other half of a split quotation; one before the cue was the
        wrong clause. A verb with its own clause after it leaves a claimed quotation alone.
        """
        old = owner.content
        later = old and old[0] >= owner.cue[1] and self.sent_of(old[0]).start != self.sent_of(owner.cue[0]).start
        if old and holder is not None and old[0] >= owner.cue[1] and not later:
            return  # the verb has its own clause ("A." Trump said that B): the quotation stays put
        quoted = old and any(o.start <= old[0] < o.end for o in self.quotes)
        if old and (later or quoted and self.bare_between(owner, old, q)):
            owner.content = (min(q.start, old[0]), max(q.end, old[1]))
        else:
            owner.content = (q.start, q.end)
        owner.evidence += "+adjacent quotation"
        if holder is not None and q.start < holder.cue[0] < q.end:
            holder.content = None  # a cue inside the speaker's own words ("as he says he is") is theirs
        elif holder is not None and self.sent_of(holder.cue[0]).start == self.sent_of(q.start).start:
            holder.content = owner.extent

    def bare_between(self, rec: Record, a: CharSpan, b: Quote) -> bool:
        """Only the attribution's own cue, source and punctuation lie between ``a`` and ``b``."""
        lo, hi = (a[1], b.start) if a[1] <= b.start else (b.end, a[0])
        own = [s for s in (rec.cue, rec.source) if s]
        return not any(
            self.text[i].isalnum() and not any(s[0] <= i < s[1] for s in own) for i in range(lo, max(lo, hi))
        )

    def leads_in(self, rec: Record, q: Quote) -> bool:
        """The content runs on before the quotation with words that are not the cue's own."""
        assert rec.content is not None
        if rec.content[0] >= q.start:
            return False
        own = [s for s in (rec.cue, rec.source) if s]
        return any(
            self.text[i].isalnum() and not any(s[0] <= i < s[1] for s in own)
            and not self.quoted[i]
            for i in range(rec.content[0], q.start)
        )

    def split_continuation(self, q: Quote, records: list[Record]) -> bool:
        """A quotation carrying on an attribution just before it joins its content.

        '"A," the adviser told me, "B."' (split around the cue) and '... that A, "and B."' (the
        clause runs on into a quotation).
        """
        before = [r for r in records if r.content and r.extent[1] <= q.start]
        for rec in sorted(before, key=lambda r: (-r.extent[1], r.content[1] - r.content[0])):  # type: ignore[index]
            assert rec.content is not None
            gap = self.text[rec.extent[1] : q.start].strip(" ,;\t\xa0—–-")
            split = rec.content[1] <= rec.cue[0] and (not gap or gap.lower() in self.lex.first_person)
            runs_on = rec.content[1] == rec.extent[1] and not gap
            if (split or runs_on) and q.start - rec.extent[1] <= 12 or self.next_sentence(rec, q, records):
                rec.content = (rec.content[0], q.end)
                return True
            break
        return False

    def next_sentence(self, rec: Record, q: Quote, records: list[Record]) -> bool:
        """'"A," he said. "B."': a quotation opening the sentence right after the cue sentence, in the
        same paragraph, carries on a content that ends before the cue (PolNeAR joins them)."""
        assert rec.content is not None
        sent = self.sent_of(rec.cue[0])
        gap = self.text[sent.end_char : q.start]
        if sent.end_char > q.start or gap.strip() or "\n" in self.text[rec.extent[1] : q.start]:
            return False
        if any(r is not rec and rec.extent[1] <= r.cue[0] < q.start for r in records):
            return False
        return rec.content[1] <= rec.cue[0] and self.bare_between(rec, rec.content, q)

    def _verb_source(self, verb_i: int) -> CharSpan | None:
        verb = self.doc[verb_i]
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return self.chars((child.left_edge.i, child.right_edge.i + 1))
        return None

    def adjacent_cue(self, q: Quote) -> Record | None:
        """A speech verb right after ("...," she said) or right before (She said: "...") the quotation."""
        end_tok = self.token_at(q.end - 1)
        for j in range(end_tok + 1, min(end_tok + 7, len(self.doc))):
            tok = self.doc[j]
            new_sentence = tok.is_sent_start and j > end_tok + 1
            if tok.text in "“\"‘" or "\n" in tok.text or new_sentence or tok.text in _SENT_END:
                break  # ('"Will you?" he asks.': the parser may start a sentence right after the quotation)
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in self.lex.speech_verbs:
                src = self._verb_source(j)
                return Record(self.chars((j, j + 1)), src, (q.start, q.end), "quote+following speech verb")
        k = self.token_at(q.start) - 1
        while k >= 0 and (self.doc[k].text in ",:\n \t" or self.doc[k].lower_ in self.lex.first_person):
            k -= 1
        if k >= 0 and self.doc[k].lemma_.lower() in self.lex.speech_verbs and self.doc[k].pos_ in {"VERB", "AUX"}:
            src = self._verb_source(k)
            return Record(self.chars((k, k + 1)), src, (q.start, q.end), "quote+preceding speech verb")
        return None

    def dash_name(self, q: Quote) -> Record | None:
        m = _DASH_NAME.match(self.text, q.end)
        if not m or "\n" in m.group(0):
            return None
        dash = self.text.index(m.group(0).strip()[0], q.end)
        return Record((dash, dash + 1), (m.start(1), m.end(1)), (q.start, q.end), "quote+dash name")

    def continued(self, q: Quote, records: list[Record]) -> Record | None:
        """A quotation standing as its own sentence continues the previous speaker (within 2 paragraphs)."""
        before = self.text[: q.start].rstrip(" \t")
        if before and before[-1] not in _SENT_END:
            return None
        earlier = [r for r in records if r.content and r.extent[1] <= q.start and r.source]
        if not earlier:
            return None
        prev = max(earlier, key=lambda r: r.extent[1])
        if self.text.count("\n\n", prev.extent[1], q.start) > 1:
            return None
        return Record((q.start, q.start), prev.source, (q.start, q.end), "quote continues previous speaker")

    # --- structure ----------------------------------------------------------------------------
    def nest(self, records: list[Record]) -> None:
        """An attribution whose cue lies inside another's content is nested in the innermost one."""
        for rec in records:
            holders = [
                r for r in records
                if r is not rec and r.content and r.content[0] <= rec.cue[0] < r.content[1]
                and not (rec.content and rec.content[0] <= r.cue[0] < rec.content[1])
            ]
            if holders:
                rec.parent = min(holders, key=lambda r: r.content[1] - r.content[0])  # type: ignore[index]
        for rec in sorted(records, key=lambda r: -r.extent[0]):  # a parent's content covers its children
            if rec.parent is not None and rec.parent.content and rec.content:
                rec.parent.content = (rec.parent.content[0], max(rec.parent.content[1], rec.content[1]))

    def kind(self, rec: Record) -> str:
        """direct: only quoted words (besides the cue, source and a "told me"); mixed: both; indirect."""
        assert rec.content is not None
        start, end = rec.content
        mask = bytearray(self.quoted[start:end])  # 1 quoted, 0 bare, 2 the cue's and source's own words
        for a, b in (s for s in (rec.cue, rec.source) if s and start <= s[0] and s[1] <= end):
            mask[a - start : b - start] = b"\x02" * (b - a)
        runs = mask.decode("latin-1")
        text = self.text[start:end]
        quoted = any(_ALNUM.search(text, m.start(), m.end()) for m in _QUOTED_RUN.finditer(runs))
        bare = " ".join(text[m.start() : m.end()] for m in _BARE_RUN.finditer(runs))
        words = [w for w in _NOT_ALNUM.sub(" ", bare).lower().split() if w not in self.lex.first_person]
        bare_words = len(words)
        return "indirect" if not quoted else ("direct" if bare_words == 0 else "mixed")

    def source(self, rec: Record) -> Source | None:
        if rec.source is None:
            return None
        start, end = rec.source
        text = self.text[start:end]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if text.lower() in self.lex.first_person and span is not None and self.reporter_told(span):
            return None  # the reporter is the intermediary ("I'm told"), not the source
        descriptor = describe(span) if span is not None else None
        anonymous = descriptor is not None or (span is not None and not is_named(span) and text.lower() in {
            "sources", "a source", "officials", "people familiar with the matter"})
        return Source(start, end, text, entity=self.entity_of(span), anonymous=anonymous,
                      descriptor=descriptor)

    @staticmethod
    def reporter_told(span: Span) -> bool:
        """"I'm told", "we were told": a first-person passive recipient of the information."""
        tok = span.root
        return tok.dep_ == "nsubjpass" or (tok.head.lemma_ in lexicon().recipient_verbs and any(
            c.dep_ == "auxpass" or c.lemma_ == "be" for c in tok.head.children))

    def entity_of(self, span: Span | None) -> str | None:
        """The entity with a mention over the source's head word ("Damon Wilson, a former official")."""
        if span is None:
            return None
        head = span_head(span)
        start, end = head.idx, head.idx + len(head)
        for ent in self.entities:
            if any(m.start <= start and end <= m.end for m in ent.mentions):
                return ent.id
        return None


def to_attributions(ex: Extractor, records: list[Record]) -> list[Attribution]:
    ids = {id(r): f"A{n}" for n, r in enumerate(records, 1)}
    out = []
    for rec in records:
        assert rec.content is not None
        text = ex.text
        out.append(Attribution(
            id=ids[id(rec)],
            kind=ex.kind(rec),
            cue=TextSpan(rec.cue[0], rec.cue[1], text[rec.cue[0]:rec.cue[1]]),
            content=TextSpan(rec.content[0], rec.content[1], text[rec.content[0]:rec.content[1]]),
            source=ex.source(rec),
            parent=ids.get(id(rec.parent)) if rec.parent else None,
            evidence=rec.evidence,
        ))
    return out
