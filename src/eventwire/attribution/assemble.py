"""Links tagged SOURCE/CUE/CONTENT spans into attributions, using the parse and sentence layout.

PolNeAR tags are univocal (each token one role in one attribution), so a cue anchors each
attribution: it takes the source its verb governs (else the nearest in its sentence) and the
content spans closest to it, across sentence breaks only for colon-introduced content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.attribution.lexicon import lexicon

TokSpan = tuple[int, int]
_MAX_SOURCE = 12  # tokens; longer subjects of a speech verb are misparses
_SENT_PUNCT = {".", "!", "?", ";"}
_VERB_SOURCE = {"nsubj", "nsubjpass"}
_NOT_OWN = {"it", "that", "which", "who"}  # subjects left to the tagged sources nearby
_OWN_SOURCE = {"NOUN": {"poss"}, "according to": {"pobj"}}  # the source a noun cue or "according to" takes
_MAX_CARVED = 8  # tokens of a speaker carved off the end of a content
_SHARED_SUBJECT = {"conj", "advcl", "xcomp"}  # verbs that take their subject from their head


@dataclass
class Draft:
    """An attribution in the making, in token offsets; ``content`` may have several pieces."""

    cue: TokSpan
    source: TokSpan | None = None
    content: list[TokSpan] = field(default_factory=list)
    evidence: str = "tagger"


def _sent_ids(doc: Doc) -> list[int]:
    ids, n = [], -1
    for tok in doc:
        if tok.is_sent_start or tok.i == 0:
            n += 1
        ids.append(n)
    return ids


def _distance(a: TokSpan, b: TokSpan) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def governed_tokens(doc: Doc, cue: TokSpan) -> set[int]:
    """Tokens the cue's verb takes as subject or agent ("X said", "said by X", "according to X")."""
    out: set[int] = set()
    for tok in doc[cue[0] : cue[1]]:
        for child in tok.children:
            if child.dep_ in {"nsubj", "nsubjpass", "pobj"} or (child.dep_ == "agent"):
                out.add(child.i)
                out.update(c.i for c in child.children if c.dep_ == "pobj")
        if tok.dep_ in {"relcl", "acl"} and not (cue[0] <= tok.head.i < cue[1]):
            out.add(tok.head.i)  # "the official who said"
    return out


def assemble(doc: Doc, tagged: list[tuple[str, int, int]]) -> list[Draft]:
    """Group role spans into drafts; every source and content span is used at most once."""
    sent = _sent_ids(doc)
    tagged = [piece for span in tagged for piece in _paragraph_pieces(doc, span)]
    cues = [Draft(cue=(s, e)) for role, s, e in tagged if role == "cue"]
    sources = [(s, e) for role, s, e in tagged if role == "source"]
    contents = [(s, e) for role, s, e in tagged if role == "content"]
    _link_sources(doc, cues, sources, sent, {i for _, s, e in tagged for i in range(s, e)})
    _subject_sources(doc, cues, tagged)
    _link_contents(doc, cues, contents, sent)
    _carve_sources(doc, cues)
    _passive_subjects(doc, cues)
    _evidential_adverbs(doc, cues)
    return cues + speech_clauses(doc, tagged, cues)


def _paragraph_pieces(doc: Doc, span: tuple[str, int, int]) -> list[tuple[str, int, int]]:
    """A tagged content is cut at paragraph breaks (the tagger's pieces are joined at sentence
    starts, which can run a quotation on into the next paragraph's opening words); quotations that
    run over paragraphs are made whole again later."""
    role, start, end = span
    if role != "content":
        return [span]
    pieces, cursor = [], start
    for tok in doc[start:end]:
        if tok.is_space and "\n" in tok.text:
            if tok.i > cursor:
                pieces.append((role, cursor, tok.i))
            cursor = tok.i + 1
    if end > cursor:
        pieces.append((role, cursor, end))
    return pieces


def speech_clause(tok: Token) -> tuple[TokSpan, TokSpan] | None:
    """(source, content) when ``tok`` is a speech verb with a subject and a clause after it."""
    lex, doc = lexicon(), tok.doc
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.speech_verbs:
        return None
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if subj is None or clause is None or subj.lower_ in lex.first_person:
        return None
    if subj.right_edge.i - subj.left_edge.i >= _MAX_SOURCE or any(
        t.is_quote or t.text in _SENT_PUNCT for t in doc[subj.left_edge.i : subj.right_edge.i + 1]
    ):
        return None  # a misparse: the "subject" runs over a quotation or a sentence
    left = clause.left_edge.i  # PolNeAR's contents keep the complementiser ("that ...")
    right = clause.right_edge.i + 1
    while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    if left >= right:
        return None
    return (subj.left_edge.i, subj.right_edge.i + 1), (left, right)


def speech_clauses(doc: Doc, tagged: list[tuple[str, int, int]], drafts: list[Draft]) -> list[Draft]:
    """Speech verbs the tagger missed that take a subject and a clause ("X recounted that Y").

    Source and content the tagger marked but linked to no cue are taken as they were tagged. A verb
    the tagger put inside a content is reported speech within it (PolNeAR marks one level only).
    """
    cue_tokens = {i for role, s, e in tagged if role != "source" for i in range(s, e)}
    used = {d.source for d in drafts} | {c for d in drafts for c in d.content}
    free = {role: [(s, e) for r, s, e in tagged if r == role and (s, e) not in used] for role in ("source", "content")}
    claimed = {i for r, s, e in tagged for i in range(s, e) if (s, e) not in free.get(r, ())}
    found = []
    for tok in doc:
        clause = None if tok.i in cue_tokens or tok.i in claimed else speech_clause(tok)
        if clause is None:
            continue
        source, content = (
            next((f for f in free[role] if f[0] < span[1] and span[0] < f[1]
                  and (f[0] > tok.i) == (span[0] > tok.i)), span)  # on the same side of the verb
            for role, span in zip(("source", "content"), clause)
        )
        if any(i in claimed for i in range(min(source[0], tok.i), max(content[1], tok.i + 1))):
            continue
        found.append(Draft(cue=(tok.i, tok.i + 1), source=source, content=[content], evidence="speech verb + clause"))
        claimed.update(range(min(source[0], tok.i), max(content[1], tok.i + 1)))
    return found


def _link_sources(doc: Doc, cues: list[Draft], sources: list[TokSpan], sent: list[int],
                  covered: set[int]) -> None:
    """The tagged source the cue's verb governs, else the nearest one; a cue whose verb has an
    untagged subject of its own is left to ``_subject_sources`` ("The Latest: Trump urges ...")."""
    free = list(sources)
    for draft in cues:  # syntactic pass: the source the cue's verb governs
        governed = governed_tokens(doc, draft.cue)
        for src in free:
            if any(src[0] <= i < src[1] for i in governed):
                draft.source = src
                free.remove(src)
                break
    for reach in (0, 1):  # proximity: inside the sentence, then (split headlines) the next one over
        for draft in cues:
            if draft.source is None and not _own_subject(doc, draft.cue, covered):
                near = [s for s in free if abs(sent[s[0]] - sent[draft.cue[0]]) <= reach]
                if near:
                    draft.source = min(near, key=lambda s: _distance(s, draft.cue))
                    free.remove(draft.source)


def _carve_sources(doc: Doc, drafts: list[Draft]) -> None:
    """"..., Mr. Holtz-Eakin said": a content tagged up to the cue that swallowed the speaker gives
    the speaker back — the cue verb's subject, else the words after its last comma when they name
    someone ("..., The Wall Street Journal reports")."""
    for draft in drafts:
        if draft.source is not None:
            continue
        piece = next((p for p in draft.content if p[1] == draft.cue[0]), None)
        if piece is None or piece[1] - piece[0] < 3:
            continue
        subj = next((c for t in doc[draft.cue[0] : draft.cue[1]] for c in t.children if c.dep_ == "nsubj"), None)
        if subj is not None and piece[0] < subj.left_edge.i and subj.right_edge.i < piece[1]:
            start = subj.left_edge.i
        else:
            comma = max((t.i for t in doc[piece[0] : piece[1]] if t.text == ","), default=None)
            tail = doc[comma + 1 : piece[1]] if comma is not None else None
            if tail is None or not 0 < len(tail) <= _MAX_CARVED or not (
                tail[0].is_title or tail[0].pos_ == "PRON") or not any(t.pos_ in {"PROPN", "PRON"} for t in tail):
                continue
            start = comma + 1
        end = start
        while end > piece[0] and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if end <= piece[0]:
            continue
        draft.content[draft.content.index(piece)] = (piece[0], end)
        draft.source = (start, piece[1])


def _passive_subjects(doc: Doc, drafts: list[Draft]) -> None:
    """"Mr. Quiros was accused of fraud", "Melania seems to have vanished": the subject of a passive
    or raising cue is what is said (content); the source is the agent ("by X"), if any. Feelings and
    perceptions ("Republicans were incensed") keep their subject as the source, and so do recipients
    ("the senator was told"), whom the tagger may have marked."""
    lex = lexicon()
    for draft in drafts:
        if draft.source is None:
            continue
        for verb in doc[draft.cue[0] : draft.cue[1]]:
            lemma = verb.lemma_.lower()
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"
                         or c.dep_ == "nsubj" and lemma in lex.raising_verbs), None)
            keeps = lemma in lex.experiencer_verbs or lemma in lex.recipient_verbs
            if subj is None or keeps or not draft.source[0] <= subj.i < draft.source[1]:
                continue
            draft.content.insert(0, draft.source)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            draft.source = (pobj.left_edge.i, pobj.right_edge.i + 1) if pobj is not None else None
            break


def _evidential_adverbs(doc: Doc, drafts: list[Draft]) -> None:
    """"He allegedly brandished a pistol": an evidential adverb cue has no source in the text; its
    content is the clause it modifies, subject included."""
    adverbs = lexicon().evidential_adverbs
    for draft in drafts:
        tok = doc[draft.cue[0]]
        if draft.cue[1] - draft.cue[0] != 1 or tok.lower_ not in adverbs or tok.head is tok:
            continue
        clause = tok.head
        left, right = clause.left_edge.i, clause.right_edge.i + 1
        while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
            right -= 1
        draft.source = None
        draft.content = [(left, tok.i), (tok.i + 1, right)] if left < tok.i else [(tok.i + 1, right)]


def _own_subject(doc: Doc, cue: TokSpan, covered: set[int]) -> bool:
    """The cue verb has a subject the tagger left untagged (not "I", "it" or a relative pronoun)."""
    first_person = lexicon().first_person
    return any(
        c.dep_ in _VERB_SOURCE and c.i not in covered and c.lower_ not in first_person and c.lower_ not in _NOT_OWN
        for tok in doc[cue[0] : cue[1]]
        for c in tok.children
    )


def _subject_sources(doc: Doc, cues: list[Draft], tagged: list[tuple[str, int, int]]) -> None:
    """A cue the tagger gave no source takes its verb's subject, when nothing else claims it.

    A verb without a subject of its own shares the one of the verb it hangs on ("X said ..., adding
    that", "X outlined ... and vowed to", "forced X to admit"): the tagged source there is reused.
    """
    covered = {i for _, s, e in tagged for i in range(s, e)}
    tagged_sources = [(s, e) for role, s, e in tagged if role == "source"]
    first_person = lexicon().first_person
    for draft in cues:
        if draft.source is not None:
            continue
        for tok in doc[draft.cue[0] : draft.cue[1]]:
            subj = _controller(tok)
            if subj is None or subj.lower_ in first_person or subj.pos_ == "PRON" and subj.lower_ == "it":
                continue
            span = (subj.left_edge.i, subj.right_edge.i + 1)
            while span[1] > span[0] and (doc[span[1] - 1].is_punct or doc[span[1] - 1].is_space):
                span = (span[0], span[1] - 1)
            shared = subj.head is not tok and next((s for s in tagged_sources if s[0] <= subj.i < s[1]), None)
            if shared:
                draft.source = shared
                break
            if span[1] > span[0] and not any(i in covered for i in range(*span)):
                draft.source = span
                break


def _according_to(tok: Token) -> bool:
    return tok.lower_ == "to" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "according"


def _controller(tok: Token) -> Token | None:
    """The verb's subject (a noun cue's possessor: "Trump's claim"; "according to X": X), else (for
    a participle, infinitive or coordinated verb) the subject or, after an object ("forced X to
    admit"), the object of the verb it depends on."""
    for _ in range(3):
        own = _OWN_SOURCE.get("according to" if _according_to(tok) else tok.pos_, _VERB_SOURCE)
        subj = next((c for c in tok.children if c.dep_ in own), None)
        if subj is not None:
            return subj
        if tok.dep_ not in _SHARED_SUBJECT or tok.head is tok:
            return None
        obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        if tok.dep_ == "xcomp" and obj is not None:
            return obj
        tok = tok.head
    return None


def _link_contents(doc: Doc, cues: list[Draft], contents: list[TokSpan], sent: list[int]) -> None:
    for span in contents:
        same = [d for d in cues if sent[d.cue[0]] in (sent[span[0]], sent[span[1] - 1])]
        if same:
            best = min(same, key=lambda d: _distance(d.cue, span))
        else:
            best = _colon_cue(doc, cues, span, sent)
            if best is None:
                continue
        best.content.append(span)


def _colon_cue(doc: Doc, cues: list[Draft], span: TokSpan, sent: list[int]) -> Draft | None:
    """A cue ending in ':' in an earlier sentence, or the previous sentence's cue when it has no content
    and no clause of its own ("X continued." + the next sentence)."""
    before = [d for d in cues if d.cue[1] <= span[0] and sent[span[0]] - sent[d.cue[0]] <= 2]
    if not before:
        return None
    last = max(before, key=lambda d: d.cue[1])
    follow: Token | None = doc[last.cue[1]] if last.cue[1] < len(doc) else None
    colon = doc[last.cue[1] - 1].text == ":" or (follow is not None and follow.text == ":")
    return last if colon or not (last.content or _has_clause(doc, last.cue)) else None


def _has_clause(doc: Doc, cue: TokSpan) -> bool:
    """The cue verb takes a clause of its own ("told me the offer stands"), so its content is there."""
    first_person = lexicon().first_person
    return any(
        child.dep_ in {"ccomp", "xcomp"} and child.i > tok.i and child.lower_ not in first_person
        for tok in doc[cue[0] : cue[1]]
        for child in tok.children
    )
