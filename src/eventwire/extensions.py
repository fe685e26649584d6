"""Doc extensions where eventwire's components leave their results, so every later stage sees them."""

from __future__ import annotations

from spacy.tokens import Doc

#: Doc attributes set before the pipeline runs (what we know of the article).
ARTICLE_ATTRS = ("published", "article_id")
#: Doc attributes the components fill, in pipeline order.
RESULT_ATTRS = ("entities", "times", "attributions", "events", "deadlines", "sourcing")


def register_extensions() -> None:
    """Register the Doc extensions once; safe to call many times."""
    for name in ARTICLE_ATTRS + RESULT_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
