"""The trained attribution tagger: a small spaCy NER-style model labelling SOURCE/CUE/CONTENT.

It reads the main pipeline's TAG and DEP annotations as features and runs on a copy of the Doc so
that the pipeline's own named entities stay untouched.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "attribution"
MODEL_LABELS = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}
ROLE_OF_LABEL = {v: k for k, v in MODEL_LABELS.items()}
#: The spaCy model's components whose annotations the tagger uses as features.
PARSE_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler"]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def sentence_pieces(span: Span) -> list[Span]:
    """Cut a span at sentence starts (spaCy's NER cannot cross them), without edge whitespace."""
    doc, cuts = span.doc, [span.start]
    cuts += [t.i for t in span[1:] if t.is_sent_start]
    cuts.append(span.end)
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        a, b = _trim(doc, a, b)
        if a < b:
            pieces.append(Span(doc, a, b, label=span.label_))
    return pieces


@lru_cache(maxsize=2)
def load_tagger(path: str = str(MODEL_DIR)) -> Language:
    """The shipped tagger, loaded once per process."""
    return spacy.load(path)


def tag(doc: Doc, tagger: Language) -> list[tuple[str, int, int]]:
    """(role, start token, end token) spans predicted for ``doc``, sentence pieces joined again."""
    return tag_many([doc], tagger)[0]


def tag_many(docs: list[Doc], tagger: Language, batch_size: int = 16) -> list[list[tuple[str, int, int]]]:
    """``tag`` over several Docs at once: the tagger's matrices are filled a batch at a time."""
    for doc in docs[:1]:
        for label in MODEL_LABELS.values():
            doc.vocab.strings.add(label)  # the tagger has its own vocab; its labels must resolve in ours
    full = [doc for doc in docs if len(doc)]
    tagged = iter(tagger.pipe((_bare_copy(doc) for doc in full), batch_size=batch_size))
    return [_spans(doc, next(tagged)) if len(doc) else [] for doc in docs]


def _bare_copy(doc: Doc) -> Doc:
    """A copy without entities or user data: the tagger writes its spans as entities, and the
    pipeline's results in ``user_data`` are large and of no use to it (deep-copying them costs more
    than the copy itself)."""
    user_data, doc.user_data = doc.user_data, {}
    try:
        copy = doc.copy()
    finally:
        doc.user_data = user_data
    copy.set_ents([], default="missing")
    return copy


def _spans(doc: Doc, tagged: Doc) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for ent in tagged.ents:
        role = ROLE_OF_LABEL[ent.label_]
        if out and out[-1][0] == role == "content" and ent[0].is_sent_start and _only_space_between(
            doc, out[-1][2], ent.start
        ):
            out[-1] = (role, out[-1][1], ent.end)
        else:
            out.append((role, ent.start, ent.end))
    return out


def _only_space_between(doc: Doc, end: int, start: int) -> bool:
    return all(t.is_space for t in doc[end:start])
