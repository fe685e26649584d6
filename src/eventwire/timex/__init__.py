"""Temporal expressions: TIMEX3 extraction and normalisation against the publication date."""

from eventwire.timex.tagger import tag_times

__all__ = ["tag_times"]
