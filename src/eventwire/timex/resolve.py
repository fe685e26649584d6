"""Normalisation: from a matched rule and its context to a TIMEX3 type, value and mod.

Relative expressions are resolved against the publication date (``Context.dct``) following news
conventions: the tense of the governing clause picks the reading (past: the latest such day on or
before publication; future: the next one), missing years take the nearest reading consistent with
tense, and "a year earlier" in an earnings story means the same quarter a year before. Without a
publication date relative values stay underspecified (``XXXX-05-12``), never guessed from today.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.timex import calendar as cal
from eventwire.timex.lexicon import lexicon, number_value

Result = tuple[str, str, str | None]  # (type, value, mod)
Groups = dict[str, str | None]

PAST, PRESENT, FUTURE, PLUPERFECT = "past", "present", "future", "pluperfect"
PAST_SLACK_DAYS = 60
FUTURE_SLACK_DAYS = 30
QUARTER_REACH_CHARS = 1500
_BACKWARD = {"last", "past", "previous", "this past", "the past", "the last", "the previous", "recent"}
_FORWARD = {"next", "coming", "this coming", "following", "the next", "the coming", "the following"}


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

    def recent_quarter(self) -> tuple[int, int] | None:
        """The quarter the story is talking about, if it was named in the last few sentences."""
        near = self.position - self.last_quarter_at <= QUARTER_REACH_CHARS
        return self.last_quarter if near else None
    last_year: int | None = None


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip()


def _unit(word: str | None) -> str:
    lex = lexicon()
    w = _norm(word)
    return lex["units"][lex["unit_plurals"].get(w, w)]


def _is_plural(word: str | None) -> bool:
    return _norm(word) in lexicon()["unit_plurals"]


def _month(word: str | None) -> int:
    w = _norm(word).rstrip(".")
    return int(w) if w.isdigit() else lexicon()["months"][w]


def _weekday(word: str | None) -> int:
    return lexicon()["weekdays"][_norm(word).rstrip(".").removesuffix("'s")]


def _day(word: str | None) -> int:
    w = _norm(word)
    ordinals = lexicon()["ordinals"]
    return ordinals[w] if w in ordinals else int(re.sub(r"\D", "", w))


def _year(word: str) -> int:
    if not word.isdigit():
        spelled = r_year_words({"words": word}, Context(dct=None))
        return int(spelled[1]) if spelled else 0
    y = int(word)
    return y if len(word) == 4 else (1900 + y if y >= 50 else 2000 + y)


def duration(qty: str | None, unit: str | None) -> str:
    """P15M, PT3H, PXY: a duration value from a quantity and a unit word."""
    u = _unit(unit)
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
        smaller = {"Y": ("M", 12), "D": ("TH", 24), "W": ("D", 7), "M": ("D", 30), "TH": ("TM", 60)}
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
    if rel in _BACKWARD or (rel != "this" and ctx.tense in (PAST, PLUPERFECT)):
        strict = rel in _BACKWARD
        # a past verb about a date a few weeks ahead is usually a plan reported in the past tense
        slack = timedelta(days=PAST_SLACK_DAYS if d and not strict else 0)
        past = [y for y in candidates if key(y) < dct + slack or (same and y == dct.year and not strict)]
        if past:
            return max(past)
    if rel in _FORWARD or (rel != "this" and ctx.tense == FUTURE):
        slack = timedelta(days=0 if rel in _FORWARD else FUTURE_SLACK_DAYS)
        future = [y for y in candidates if key(y) > dct - slack or (same and y == dct.year and rel not in _FORWARD)]
        if future:
            return min(future)
    if rel == "this" or same:
        return dct.year
    if d:  # news mostly reports what happened: an exact date reads as past unless well ahead
        past = [y for y in candidates if key(y) < dct + timedelta(days=PAST_SLACK_DAYS)]
        return max(past)
    return min(candidates, key=lambda y: (abs((key(y) - dct).days), y != dct.year))


def _x(value_with_year: str | None, fallback: str) -> str:
    return value_with_year if value_with_year is not None else fallback


# --- one resolver per grammar rule -----------------------------------------------------------


def r_date(g: Groups, ctx: Context) -> Result | None:
    m, d = _month(g["month"]), _day(g["day"])
    if not 1 <= d <= 31:
        return None
    y = _year(g["year"]) if g.get("year") else year_for(m, d, ctx, _norm(g.get("rel")))
    if y is not None and cal.safe_date(y, m, d) is None:
        return None
    return "DATE", f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}", None


def r_month_year(g: Groups, ctx: Context) -> Result | None:
    m = _month(g["month"])
    if g.get("year"):
        return "DATE", cal.month(_year(g["year"] or ""), m), None
    if ctx.dct is None:
        return "DATE", f"XXXX-{m:02d}", None
    return "DATE", cal.month(ctx.dct.year + {"last": -1, "next": 1}.get(_norm(g["yrel"]), 0), m), None


def r_month(g: Groups, ctx: Context) -> Result | None:
    rel = _norm(g.get("rel"))
    m = _month(g["month"])
    if rel in ("each", "every"):
        return "SET", f"XXXX-{m:02d}", None
    y = year_for(m, None, ctx, rel)
    return "DATE", cal.month(y, m) if y else f"XXXX-{m:02d}", None


def r_weekday(g: Groups, ctx: Context) -> Result | None:
    rel = _norm(g.get("rel"))
    wd = _weekday(g["wd"])
    pod = lexicon()["parts_of_day"].get(_norm(g.get("pod")))
    if rel in ("each", "every"):
        return "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None
    if ctx.dct is None:
        return ("TIME" if pod else "DATE"), f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None
    anchor, direction = ctx.dct, "on_or_before"
    if rel in _BACKWARD:
        direction = "before"
    elif rel in _FORWARD:
        direction = "after"
    elif rel == "that" and ctx.anchor:
        anchor, direction = ctx.anchor, "on_or_before"
    elif rel == "this":
        direction = "on_or_before" if ctx.tense in (PAST, PLUPERFECT) else "on_or_after"
    elif ctx.tense == PLUPERFECT and ctx.anchor and timedelta(0) < ctx.dct - ctx.anchor <= timedelta(days=7):
        anchor, direction = ctx.anchor, "before"  # "had said on Friday" after "on Monday": the Friday before
    elif ctx.tense == FUTURE:
        direction = "on_or_after"
    d = cal.weekday_near(anchor, wd, direction)
    return ("TIME" if pod else "DATE"), cal.day(d) + (f"T{pod}" if pod else ""), None


def r_dayword(g: Groups, ctx: Context) -> Result | None:
    lex = lexicon()
    word = _norm(g.get("dw") or g.get("rel"))
    pod = lex["parts_of_day"].get(_norm(g.get("pod") or g.get("pod2")))
    offset = {"last": -1, "this": 0}.get(word, lex["day_words"].get(word, 0))
    if word == "last" and pod != "NI":
        offset = 0 if pod is None else -1
    if word == "tonight":
        pod = pod or "NI"
    base = cal.day(ctx.dct + timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX"
    if pod:
        return "TIME", f"{base}T{pod}", None
    return "DATE", base, None


def r_dayword_rel(g: Groups, ctx: Context) -> Result | None:
    offset = -2 if _norm(g["dw"]) == "yesterday" else 2
    return "DATE", cal.day(ctx.dct + timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX", None


def r_clock(g: Groups, ctx: Context) -> Result | None:
    lex = lexicon()
    if g.get("clockw"):
        hh, mm = lex["clock_words"][_norm(g["clockw"])].split(":")
        h, minute = int(hh), int(mm)
    else:
        hour = g.get("hour") or g.get("hour2") or g.get("hour3") or g.get("hour4")
        h = int(number_value(hour or "0") or 0)
        minute = int(g.get("minute") or g.get("minute2") or 0)
        ampm = _norm(g.get("ampm")).replace(".", "").replace(" ", "")
        if g.get("pod") and _norm(g["pod"]) != "morning" and h < 12:
            h += 12
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if h > 24:
            return None
    if g.get("wd"):
        sub = r_weekday({"wd": g["wd"], "rel": None, "pod": None}, ctx)
        base = sub[1] if sub else "XXXX-XX-XX"
    elif g.get("dw"):
        base = r_dayword({"dw": g["dw"]}, ctx)[1]  # type: ignore[index]
    elif g.get("month"):
        sub = r_date({"month": g["month"], "day": g["day"], "year": None}, ctx)
        base = sub[1] if sub else "XXXX-XX-XX"
    else:
        base = cal.day(ctx.anchor or ctx.dct) if (ctx.anchor or ctx.dct) else "XXXX-XX-XX"
    return "TIME", f"{base}T{h:02d}:{minute:02d}", None


def r_ago(g: Groups, ctx: Context) -> Result | None:
    direction = _norm(g["dir"])
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    n = number_value(g["qty"] or "")
    unit = _unit(g["unit"])
    if n is None or n != int(n):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if unit.startswith("T") or direction == "later":
        return "DURATION", duration(g["qty"], g["unit"]), None
    if unit == "Y" and n == 1 and direction in ("earlier", "ago") and (recent := ctx.recent_quarter()):
        y, q = recent
        return "DATE", f"{y - 1}-Q{q}", None
    base = ctx.dct
    if direction in ("earlier", "later") and unit == "Y" and ctx.last_year:
        return "DATE", str(ctx.last_year + sign * int(n)), None
    if base is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    if unit == "WE":
        unit = "W"
    if unit[:-1].isdigit():
        scale = int(unit[:-1])
        return "DATE", str(base.year + sign * int(n) * scale), None
    return "DATE", cal.shifted(base, unit, sign * int(n)), None


def r_year_earlier(g: Groups, ctx: Context) -> Result | None:
    """"year-earlier", "year-ago": the same period a year before (a quarter in earnings news)."""
    unit = _unit(g["unit"])
    if unit == "Y" and (recent := ctx.recent_quarter()):
        y, q = recent
        return "DATE", f"{y - 1}-Q{q}", None
    if unit == "Y" and ctx.last_year:
        return "DATE", str(ctx.last_year - 1), None
    if ctx.dct is None:
        return "DATE", "PAST_REF", None
    return "DATE", cal.shifted(ctx.dct, unit, -1), None


def r_year_words(g: Groups, ctx: Context) -> Result | None:
    """Years in words: "nineteen ninety-six", "two thousand and one"."""
    words = re.split(r"[\s-]+", _norm(g["words"]).replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(words[2:])) if words[2:] else 0
        return ("DATE", str(2000 + int(rest)), None) if rest is not None else None
    century = number_value(words[0])
    rest = number_value(" ".join(w for w in words[1:] if w != "oh"))
    if century is None or rest is None or rest >= 100:
        return None
    return "DATE", str(int(century) * 100 + int(rest)), None


def r_rel_unit(g: Groups, ctx: Context) -> Result | None:
    rel = _norm(g["rel"])
    qty = g.get("qty2") or g.get("qty")
    unit_word = g["unit"]
    unit = _unit(unit_word)
    if qty and re.fullmatch(r"\d{4}", qty.strip()):
        return None  # "the 1988 quarter" is a quarter of 1988, not 1988 quarters
    if rel == "last" and unit == "Y" and ctx.comparison and (recent := ctx.recent_quarter()):
        return "DATE", f"{recent[0] - 1}-Q{recent[1]}", None  # "up from $5 million last year"
    if qty or _is_plural(unit_word):
        if rel == "these" and _norm(unit_word) == "days":
            return "DATE", "PRESENT_REF", None
        if not qty and rel in ("recent", "coming"):  # "in recent years", "in coming months"
            return "DATE", "PAST_REF" if rel == "recent" else "FUTURE_REF", None
        return "DURATION", duration(qty, unit_word), None
    if rel in ("the first", "the final", "the latter", "these", "those") or unit == "TS":
        return None
    if unit == "WE":
        return r_weekend({"rel": rel}, ctx)
    if unit.startswith("T") or (rel == "the" and _norm(unit_word) == "night"):
        return ("DURATION", duration("1", unit_word), None) if unit.startswith("T") else None
    kind = _norm(g.get("kind"))
    if rel == "the" and unit == "Y" and ctx.period_ended:
        return "DURATION", "P1Y", None  # "for the year ended Sept. 30": a reporting period
    if unit == "D" and rel == "the" and kind in ("", "full"):
        return None  # "the day" is mostly "during the day", "the day belonged to..."
    anchor = ctx.dct
    if rel in ("that", "the same", "the following", "the previous") and unit in ("M", "Y") and ctx.ref:
        anchor = ctx.ref  # "In March ... the following month": narrative time, not publication
    elif rel in ("that", "the same") and ctx.anchor:
        anchor = ctx.anchor
    if anchor is None:
        return "DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX"), None
    if unit == "Q" and ctx.quarter_ended and rel in ("the", "the latest", "the same", "that", "the past"):
        return "DATE", "{}-Q{}".format(*ctx.quarter_ended), None
    if unit == "Q" and rel in ("the", "the latest", "the same", "the current", "current", "this", "that"):
        if rel == "that" and ctx.last_quarter_named:
            y, q = ctx.last_quarter_named
        elif ctx.last_quarter and rel in ("the", "the same", "that"):
            y, q = ctx.last_quarter
        else:
            y, q = cal.quarter_of(anchor)
            if rel == "the latest":
                y, q = cal.shift_quarter(y, q, -1)
        return "DATE", f"{y}-Q{q}", None
    k = -1 if rel in _BACKWARD else 1 if rel in _FORWARD else 0
    return "DATE", cal.shifted(anchor, unit, k), None


def r_duration(g: Groups, ctx: Context) -> Result | None:
    if _unit(g["unit"]) == "Q" and ("-" in (g.get("sep") or "") or g.get("of") is not None):
        return None  # "three-quarters", "a quarter of" the market
    if g.get("old") and _norm(g["old"]) == "old":
        return None  # an age ("a 6-year-old"), not a period
    n = number_value(g["qty"] or "")
    if n is None and _norm(g["qty"]) not in _vague():
        return None
    if _unit(g["unit"]) == "TS" and not re.match(r"\d", g["qty"] or ""):
        return None  # "a second", "one second" are ordinals or idioms far more often than periods
    return "DURATION", duration(g["qty"], g["unit"]), None


def _vague() -> set[str]:
    return {_norm(v) for v in lexicon()["vague_quantities"]}


def r_bare_plural(g: Groups, ctx: Context) -> Result | None:
    return "DURATION", duration(None, g["unit"]), None


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}
_HALF = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "last": 2, "final": 2}


def r_quarter(g: Groups, ctx: Context) -> Result | None:
    rels = _norm(g.get("rel"))
    ordw, q_word = _norm(g.get("ord")), _norm(g["q"])
    explicit = g.get("year") or g.get("year2")
    year = _year(explicit) if explicit else None
    yrel = g.get("rel2") or g.get("yrel")
    if year is None and yrel and ctx.dct:
        year = ctx.dct.year + {"last": -1, "next": 1}.get(_norm(yrel), 0)
    if q_word == "half" and not ordw and rels.endswith("last"):
        ordw = "last"
    if q_word == "half":
        if ordw not in ("first", "second", "1st", "2nd", "last", "final"):
            return None
        y = year or (ctx.dct.year if ctx.dct else None)
        return "DATE", f"{y or 'XXXX'}-H{_HALF[ordw]}", None
    if q_word == "period" and year is not None and not rels:
        q_ctx = ctx.last_quarter[1] if ctx.last_quarter else None
        return "DATE", f"{year}-Q{q_ctx}" if q_ctx else str(year), None
    if q_word == "period" and not any(w in rels for w in ("year-earlier", "year-ago", "same", "comparable", "latest", "prior-year", "year-before")):
        return None
    back_year = any(w in rels for w in ("year-earlier", "year-ago", "prior-year", "year-before"))
    if ordw:
        q = _ORD[ordw]
        if year is None:
            if ctx.dct is None:
                return "DATE", f"XXXX-Q{q}", None
            year = ctx.dct.year
            cy, cq = cal.quarter_of(ctx.dct)
            if ctx.tense in (PAST, PLUPERFECT) and q > cq and ctx.last_quarter is None:
                year -= 1
        return "DATE", f"{year - back_year}-Q{q}", None
    if not rels and not year and not g.get("the"):
        return None
    if g.get("ago") and (recent := ctx.recent_quarter()):  # "the quarter a year ago"
        return "DATE", f"{recent[0] - 1}-Q{recent[1]}", None
    if ctx.quarter_ended and q_word == "quarter" and not year and not back_year:
        return "DATE", "{}-Q{}".format(*ctx.quarter_ended), None
    if year is not None:  # "last year's quarter", "the 1988 quarter": the quarter in talk, that year
        recent = ctx.recent_quarter() or (cal.quarter_of(ctx.dct) if ctx.dct else None)
        return "DATE", f"{year}-Q{recent[1]}" if recent else str(year), None
    if ctx.last_quarter and (back_year or "same" in rels or rels == "" or rels == "fiscal"):
        y, q = ctx.last_quarter
    elif ctx.dct is None:
        return "DATE", "XXXX-QX", None
    else:
        y, q = cal.quarter_of(ctx.dct)
        if any(w in rels for w in ("latest", "last", "past", "previous", "recent", "just")) or back_year:
            y, q = cal.shift_quarter(y, q, -1)
        elif "next" in rels:
            y, q = cal.shift_quarter(y, q, 1)
    return "DATE", f"{y - back_year}-Q{q}", None


def r_decade(g: Groups, ctx: Context) -> Result | None:
    if g.get("decw"):
        value = "19" + lexicon()["decade_words"][_norm(g["decw"])] + "X"
        return "DATE", value, {"early": "START", "late": "END", "mid": "MID"}.get(_norm(g.get("mod")))
    dec = (g["dec"] or "").lstrip("'")
    value = (dec[:3] if len(dec) == 4 else f"19{dec[0]}") + "X"
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(_norm(g.get("mod")))
    return "DATE", value, mod


def r_century(g: Groups, ctx: Context) -> Result | None:
    rel = _norm(g.get("rel"))
    if rel:
        if ctx.dct is None:
            return "DATE", "XX", None
        c = ctx.dct.year // 100 + (-1 if rel in _BACKWARD else 1 if rel in _FORWARD else 0)
        return "DATE", f"{c:02d}", None
    n = _norm(g["n"])
    number = lexicon()["ordinals"].get(n) or int(re.sub(r"\D", "", n))
    return "DATE", f"{number - 1:02d}", None


_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def r_season(g: Groups, ctx: Context) -> Result | None:
    s = lexicon()["seasons"][_norm(g["season"])]
    rel = _norm(g.get("rel"))
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
    if g.get("year"):
        return "DATE", f"{_year(g['year'])}-{s}", mod
    if ctx.dct is None:
        return "DATE", f"XXXX-{s}", mod
    current = (ctx.dct.month % 12) // 3  # 0 winter .. 3 fall
    y = ctx.dct.year
    here, there = current, _SEASON_ORDER[s]
    if rel in _BACKWARD or (rel not in _FORWARD and rel != "this" and ctx.tense in (PAST, PLUPERFECT)):
        if there > here or (rel in _BACKWARD and there == here):
            y -= 1
    elif rel in _FORWARD or ctx.tense == FUTURE:
        if there < here or (rel in _FORWARD and there == here):
            y += 1
    return "DATE", f"{y}-{s}", mod


def r_year(g: Groups, ctx: Context) -> Result | None:
    year = _year(g["year"] or "")
    return ("DATE", str(year), None) if year else None


def r_weekend(g: Groups, ctx: Context) -> Result | None:
    rel = _norm(g.get("rel"))
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    if rel in _BACKWARD or (rel not in _FORWARD and ctx.tense in (PAST, PLUPERFECT)):
        d = cal.weekday_near(ctx.dct, 6, "on_or_before")
    else:
        d = cal.weekday_near(ctx.dct, 6, "after" if rel in _FORWARD else "on_or_after")
    return "DATE", cal.week(d) + "-WE", None


def r_this_unit_mod(g: Groups, ctx: Context) -> Result | None:
    sub = r_rel_unit({"rel": g["rel"], "unit": g["unit"], "qty": None}, ctx)
    if sub is None:
        return None
    return sub[0], sub[1], "START" if _norm(g["dir"]) == "earlier" else "END"


def r_anchored_day(g: Groups, ctx: Context) -> Result | None:
    rel, unit_word = _norm(g["rel"]), _norm(g["unit"])
    pod = lexicon()["parts_of_day"].get(unit_word)
    unit = "D" if pod else _unit(unit_word)
    rel = rel.replace("that same", "the same")
    k = 1 if rel in ("the next", "the following", "the day after") else -1 if rel in ("the previous", "the day before") else 0
    anchor = ctx.anchor or ctx.dct
    if anchor is None:
        return "DATE", "XXXX-XX-XX", None
    value = cal.shifted(anchor, unit, k)
    return ("TIME", f"{value}T{pod}", None) if pod else ("DATE", value, None)


def r_reference(g: Groups, ctx: Context) -> Result | None:
    return "DATE", lexicon()["references"][_norm(g["ref"])], None


def r_set_adverb(g: Groups, ctx: Context) -> Result | None:
    return "SET", lexicon()["set_adverbs"][_norm(g["set"])], None


def r_set_every(g: Groups, ctx: Context) -> Result | None:
    lex = lexicon()
    word = _norm(g["unit"]).rstrip(".")
    if word in lex["weekdays"]:
        return "SET", f"XXXX-WXX-{lex['weekdays'][word]}", None
    if word in lex["months"]:
        return "SET", f"XXXX-{lex['months'][word]:02d}", None
    if word in lex["seasons"]:
        return "SET", f"XXXX-{lex['seasons'][word]}", None
    return "SET", duration(g.get("qty") or "1", g["unit"]), None


def r_holiday(g: Groups, ctx: Context) -> Result | None:
    spec = lexicon()["holidays"][_norm(g["holiday"])]
    if g.get("year"):
        y: int | None = _year(g["year"] or "")
    elif ctx.dct is None:
        y = None
    else:
        probe = cal.holiday(spec, ctx.dct.year)
        y = year_for(probe.month, probe.day, ctx) if probe else ctx.dct.year
    d = cal.holiday(spec, y) if y else None
    return "DATE", cal.day(d) if d else "XXXX-XX-XX", None


def r_year_end(g: Groups, ctx: Context) -> Result | None:
    word = _norm(g["ye"])
    y = ctx.dct.year if ctx.dct else None
    if "century" in word:
        return "DATE", f"{y // 100 + 1:02d}" if y else "XX", "START"
    if "mid" in word:
        return "DATE", str(y) if y else "XXXX", "MID"
    if y and ctx.tense in (PAST, PLUPERFECT):
        y -= 1
    if "the end of" in word:
        return "DATE", str(y) if y else "XXXX", "END"
    return "DATE", f"{y}-12-31" if y else "XXXX-12-31", None  # "by year-end": the last day of the year


RESOLVERS: dict[str, Callable[[Groups, Context], Result | None]] = {
    "iso_date": r_date, "slash_date": r_date, "month_day": r_date, "day_month": r_date,
    "month_year": r_month_year, "month": r_month, "weekday": r_weekday, "dayword": r_dayword,
    "dayword_rel": r_dayword_rel, "clock": r_clock, "ago": r_ago, "rel_unit": r_rel_unit,
    "duration": r_duration, "year_earlier": r_year_earlier, "year_words": r_year_words, "bare_plural": r_bare_plural, "quarter": r_quarter, "decade": r_decade,
    "century": r_century, "season": r_season, "year": r_year, "rel_weekend": r_weekend,
    "this_unit_mod": r_this_unit_mod, "anchored_day": r_anchored_day, "reference": r_reference,
    "set_adverb": r_set_adverb, "set_every": r_set_every, "holiday": r_holiday, "year_end": r_year_end,
}  # fmt: skip
