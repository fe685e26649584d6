"""What normalisation knows around an expression (``Context``), and the shared conventions.

Relative expressions are resolved against the publication date (``Context.dct``) following news
conventions: the tense of the governing clause picks the reading (past: the latest such day on or
before publication; future: the next one), missing years take the nearest reading consistent with
tense, and "a year earlier" in an earnings story means the same quarter a year before. Without a
publication date relative values stay underspecified (``XXXX-05-12``), never guessed from today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.timex import calendar as cal
from eventwire.timex.lexicon import lexicon, number_value

Result = tuple[str, str, str | None]  # (type, value, mod)
Groups = dict[str, str | None]

PAST, PRESENT, FUTURE, PLUPERFECT = "past", "present", "future", "pluperfect"
PAST_SLACK_DAYS = 60
MONTH_PAST_SLACK_DAYS = 45  # from the publication date to the middle of a month named without a day
FUTURE_SLACK_DAYS = 30
QUARTER_REACH_CHARS = 1500
BACKWARD = {"last", "past", "previous", "this past", "the past", "the last", "the previous", "recent"}
FORWARD = {"next", "coming", "this coming", "following", "the next", "the coming", "the following"}


@dataclass
class Context:
    """What the resolver knows around one expression; the tagger updates it as it reads on."""

    dct: date | None
    tense: str | None = None
    anchor: date | None = None  # the narrative's latest full date, for "the next day", "had ... on Friday"
    last_quarter: tuple[int, int] | None = None
    last_quarter_at: int = 0  # where the last quarter was named
    last_quarter_named: tuple[int, int] | None = None  # any quarter, "a year earlier" ones too
    quarter_ended: tuple[int, int] | None = None  # "the quarter ended Sept. 30" -> (1989, 3)
    ref: date | None = None  # the latest date the story named, at any granularity (first day)
    period_ended: bool = False  # the expression is followed by "ended/ending <date>"
    position: int = 0  # where the expression being resolved starts
    comparison: bool = False  # the expression closes a comparison ("compared with $3 million last year")
    last_year: int | None = None  # the latest explicit year
    month_in_talk: str | None = None  # "2018-03" when the story's latest date names a month but no day

    def day_in_talk(self) -> str | None:
        """ "that same day": the story's latest day, or a day of the month it last named ("last
        October ... that same day" -> 1998-10-XX)."""
        if self.month_in_talk:
            return f"{self.month_in_talk}-XX"
        return self.anchor.isoformat() if self.anchor else None

    def recent_quarter(self) -> tuple[int, int] | None:
        """The quarter the story is talking about, if it was named in the last few sentences."""
        near = self.position - self.last_quarter_at <= QUARTER_REACH_CHARS
        return self.last_quarter if near else None


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip()


def unit_code(word: str | None) -> str:
    lex = lexicon()
    w = norm(word)
    return lex["units"][lex["unit_plurals"].get(w, w)]


def is_plural(word: str | None) -> bool:
    return norm(word) in lexicon()["unit_plurals"]


def month_number(word: str | None) -> int:
    w = norm(word).rstrip(".")
    return int(w) if w.isdigit() else lexicon()["months"][w]


def weekday_number(word: str | None) -> int:
    return lexicon()["weekdays"][norm(word).rstrip(".").removesuffix("'s")]


def day_number(word: str | None) -> int:
    w = norm(word)
    ordinals = lexicon()["ordinals"]
    return ordinals[w] if w in ordinals else int(re.sub(r"\D", "", w))


def spelled_year(words: str) -> int | None:
    """Years in words: "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    parts = re.split(r"[\s-]+", norm(words).replace(" and ", " "))
    if parts[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(parts[2:])) if parts[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    century = number_value(parts[0])
    rest = number_value(" ".join(w for w in parts[1:] if w != "oh"))
    if century is None or rest is None or rest >= 100:
        return None
    return int(century) * 100 + int(rest)


def year_number(word: str) -> int:
    if not word.isdigit():
        return spelled_year(word) or 0
    y = int(word)
    return y if len(word) == 4 else (1900 + y if y >= 50 else 2000 + y)


def duration(qty: str | None, unit: str | None) -> str:
    """P15M, PT3H, PXY: a duration value from a quantity and a unit word."""
    u = unit_code(unit)
    n = number_value(qty) if qty else None
    if u == "WE":
        return "P2D" if n is None else f"P{int(n * 2)}D"
    scale, letter = (int(u[:-1]), u[-1]) if u[:-1].isdigit() else (1, u)
    if letter == "Y" and scale > 1 and n is None:
        letter = {10: "DE", 100: "CE", 1000: "ML"}.get(scale, "Y")
    if n is None:
        amount = "X"
    else:
        total = n * scale
        smaller = {"Y": ("M", 12), "D": ("TH", 24), "W": ("D", 7), "M": ("D", 30), "TH": ("TM", 60), "TM": ("TS", 60)}
        if total != int(total) and letter in smaller:  # "two and a half years" -> P2Y6M
            small, factor = smaller[letter]
            return _mixed(int(total), letter, round((total - int(total)) * factor), small)
        amount = str(int(total))
    return f"PT{amount}{letter[1]}" if letter.startswith("T") else f"P{amount}{letter}"


def _mixed(big: int, big_unit: str, small: int, small_unit: str) -> str:
    """P2Y6M, PT5H30M, P1DT12H: a duration in two units."""
    parts = [(big, big_unit), (small, small_unit)]
    date_part = "".join(f"{n}{u}" for n, u in parts if n and not u.startswith("T"))
    time_part = "".join(f"{n}{u[1]}" for n, u in parts if n and u.startswith("T"))
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def year_for(m: int, d: int | None, ctx: Context, rel: str = "") -> int | None:
    """The year of a month (and day) written without one: nearest reading consistent with tense."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    day_ = d or 15

    def key(y: int) -> date:
        return cal.safe_date(y, m, min(day_, 28 if m == 2 else day_)) or date(y, m, 1)

    same = (m, d or 0) == (dct.month, dct.day) if d else m == dct.month
    candidates = [dct.year - 1, dct.year, dct.year + 1]
    if rel == "last" and not d:  # "last February" said in March is a year back, not last month
        return max(y for y in candidates if key(y) < dct - timedelta(days=45))
    if rel in BACKWARD or (rel != "this" and ctx.tense in (PAST, PLUPERFECT)):
        strict = rel in BACKWARD
        # a past verb about a date a few weeks ahead (or next month) is usually a plan reported in the past tense
        slack = timedelta(days=0 if strict else PAST_SLACK_DAYS if d else MONTH_PAST_SLACK_DAYS)
        past = [y for y in candidates if key(y) < dct + slack or (same and y == dct.year and not strict)]
        if past:
            return max(past)
    if rel in FORWARD or (rel != "this" and ctx.tense == FUTURE):
        slack = timedelta(days=0 if rel in FORWARD else FUTURE_SLACK_DAYS)
        future = [y for y in candidates if key(y) > dct - slack or (same and y == dct.year and rel not in FORWARD)]
        if future:
            return min(future)
    if rel == "this" or same:
        return dct.year
    if d:  # news mostly reports what happened: an exact date reads as past unless well ahead
        past = [y for y in candidates if key(y) < dct + timedelta(days=PAST_SLACK_DAYS)]
        return max(past)
    return min(candidates, key=lambda y: (abs((key(y) - dct).days), y != dct.year))


def vague_words() -> set[str]:
    return {norm(v) for v in lexicon()["vague_quantities"]}
