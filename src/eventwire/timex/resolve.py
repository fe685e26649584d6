"""Normalisation: from a matched grammar rule to a TIMEX3 (type, value, mod), one resolver per rule.

The conventions live in ``context`` (tense, missing years), ``absolute`` (calendar words) and
``relative`` (offsets, periods, quarters, durations, sets).
"""

from __future__ import annotations

from collections.abc import Callable

from eventwire.timex.absolute import (
    r_century, r_clock, r_date, r_dayword, r_dayword_rel, r_decade, r_holiday, r_month, r_month_year,
    r_season, r_weekday, r_weekend, r_year, r_year_end, r_year_words,
)  # fmt: skip
from eventwire.timex.context import FUTURE, PAST, PLUPERFECT, PRESENT, Context, Groups, Result
from eventwire.timex.relative import (
    r_ago, r_anchored_day, r_bare_plural, r_duration, r_ordinal_day, r_quarter, r_reference, r_rel_unit, r_set_adverb,
    r_set_every, r_this_unit_mod, r_year_earlier,
)  # fmt: skip

__all__ = ["FUTURE", "PAST", "PLUPERFECT", "PRESENT", "RESOLVERS", "Context", "Groups", "Result", "r_rel_unit"]

RESOLVERS: dict[str, Callable[[Groups, Context], Result | None]] = {
    "iso_date": r_date, "slash_date": r_date, "month_day": r_date, "day_month": r_date,
    "month_year": r_month_year, "month": r_month, "weekday": r_weekday, "dayword": r_dayword,
    "dayword_rel": r_dayword_rel, "clock": r_clock, "ago": r_ago, "rel_unit": r_rel_unit,
    "duration": r_duration, "year_earlier": r_year_earlier, "year_words": r_year_words, "bare_plural": r_bare_plural, "quarter": r_quarter, "decade": r_decade,
    "century": r_century, "season": r_season, "year": r_year, "rel_weekend": r_weekend,
    "this_unit_mod": r_this_unit_mod, "anchored_day": r_anchored_day, "reference": r_reference,
    "set_adverb": r_set_adverb, "ordinal_day": r_ordinal_day, "set_every": r_set_every, "holiday": r_holiday, "year_end": r_year_end,
}  # fmt: skip
