"""Temporal expressions: TIMEX3 extraction and normalisation against the publication date."""

from eventwire.timex.tagger import prepare, tag_times

__all__ = ["prepare", "tag_times"]
