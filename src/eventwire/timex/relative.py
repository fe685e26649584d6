"""Normalising expressions relative to a reference: "two years ago", "last week", "the quarter",
durations, and sets ("every Thursday")."""

from __future__ import annotations

import re

from eventwire.timex import calendar as cal
from eventwire.timex.absolute import r_weekend
from eventwire.timex.context import (
    BACKWARD, FORWARD, FUTURE, PAST, PLUPERFECT, PRESENT, Context, Groups, Result,
    is_plural, norm, unit_code, vague_words, year_number, duration,
)  # fmt: skip
from eventwire.timex.lexicon import lexicon, number_value


def r_ago(g: Groups, ctx: Context) -> Result | None:
    direction = norm(g["dir"])
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    n = number_value(g["qty"] or "")
    unit = unit_code(g["unit"])
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
    unit = unit_code(g["unit"])
    if unit == "Y" and (recent := ctx.recent_quarter()):
        y, q = recent
        return "DATE", f"{y - 1}-Q{q}", None
    if unit == "Y" and ctx.last_year:
        return "DATE", str(ctx.last_year - 1), None
    if ctx.dct is None:
        return "DATE", "PAST_REF", None
    return "DATE", cal.shifted(ctx.dct, unit, -1), None


def r_rel_unit(g: Groups, ctx: Context) -> Result | None:
    rel = norm(g["rel"])
    qty = g.get("qty2") or g.get("qty")
    unit_word = g["unit"]
    unit = unit_code(unit_word)
    if qty and re.fullmatch(r"\d{4}", qty.strip()):
        return None  # "the 1988 quarter" is a quarter of 1988, not 1988 quarters
    if rel == "last" and unit == "Y" and ctx.comparison and (recent := ctx.recent_quarter()):
        return "DATE", f"{recent[0] - 1}-Q{recent[1]}", None  # "up from $5 million last year"
    if qty or is_plural(unit_word):
        if rel == "these" and norm(unit_word) == "days":
            return "DATE", "PRESENT_REF", None
        if not qty and rel in ("recent", "coming"):  # "in recent years", "in coming months"
            return "DATE", "PAST_REF" if rel == "recent" else "FUTURE_REF", None
        return "DURATION", duration(qty, unit_word), None
    if rel in ("the first", "the final", "the latter", "these", "those") or unit == "TS":
        return None
    if unit == "WE":
        return r_weekend({"rel": rel}, ctx)
    if unit.startswith("T") or (rel == "the" and norm(unit_word) == "night"):
        return ("DURATION", duration("1", unit_word), None) if unit.startswith("T") else None
    kind = norm(g.get("kind"))
    if rel == "the" and unit == "Y" and ctx.period_ended:
        return "DURATION", "P1Y", None  # "for the year ended Sept. 30": a reporting period
    if unit == "D" and rel == "the" and kind in ("", "full"):
        return None  # "the day" is mostly "during the day", "the day belonged to..."
    anchor = ctx.dct
    if rel in ("that", "the same", "the following", "the previous") and unit in ("M", "Y") and ctx.ref:
        anchor = ctx.ref  # "In March ... the following month": narrative time, not publication
    elif rel in ("that", "the same") and unit == "D" and (day := ctx.day_in_talk()):
        return "DATE", day, None
    elif rel in ("that", "the same") and ctx.anchor:
        anchor = ctx.anchor
    if anchor is None:
        return "DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX"), None
    if unit == "Q" and ctx.quarter_ended and rel in ("the", "the latest", "the same", "that", "the past"):
        return "DATE", "{}-Q{}".format(*ctx.quarter_ended), None
    if unit == "Q" and rel in ("the", "the latest", "the same", "the current", "current", "this", "that"):
        if rel == "that" and ctx.last_quarter_named:
            y, q = ctx.last_quarter_named
        elif ctx.last_quarter and rel in ("the", "the same", "that", "the latest"):
            y, q = ctx.last_quarter
        elif rel == "this" and ctx.tense != FUTURE and (recent := ctx.recent_quarter()):
            y, q = recent  # "This quarter's loss includes...": the quarter being reported
        else:
            y, q = cal.quarter_of(anchor)
            if rel == "the latest":
                y, q = cal.shift_quarter(y, q, -1)
        return "DATE", f"{y}-Q{q}", None
    k = -1 if rel in BACKWARD else 1 if rel in FORWARD else 0
    return "DATE", cal.shifted(anchor, unit, k), None


def r_duration(g: Groups, ctx: Context) -> Result | None:
    if unit_code(g["unit"]) == "Q" and ("-" in (g.get("sep") or "") or g.get("of") is not None):
        return None  # "three-quarters", "a quarter of" the market
    if g.get("old") and norm(g["old"]) == "old":
        return None  # an age ("a 6-year-old"), not a period
    n = number_value(g["qty"] or "")
    if n is None and norm(g["qty"]) not in vague_words():
        return None
    if unit_code(g["unit"]) == "TS" and not re.match(r"\d", g["qty"] or ""):
        return None  # "a second", "one second" are ordinals or idioms far more often than periods
    qty = f"{g['qty']} and a half" if g.get("half") and n is not None else g["qty"]  # "a year and a half"
    return "DURATION", duration(qty, g["unit"]), None


def r_bare_plural(g: Groups, ctx: Context) -> Result | None:
    return "DURATION", duration(None, g["unit"]), None


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}


_HALF = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "last": 2, "final": 2}


def r_quarter(g: Groups, ctx: Context) -> Result | None:
    rels = norm(g.get("rel"))
    ordw, q_word = norm(g.get("ord")), norm(g["q"])
    explicit = g.get("year") or g.get("year2")
    year = year_number(explicit) if explicit else None
    yrel = g.get("rel2") or g.get("yrel")
    if year is None and yrel and ctx.dct:
        year = ctx.dct.year + {"last": -1, "next": 1}.get(norm(yrel), 0)
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
    if q_word == "period" and not any(w in rels for w in ("year-earlier", "year-ago", "same", "comparable", "corresponding", "latest", "prior-year", "year-before")):
        return None
    back_year = any(w in rels for w in ("year-earlier", "year-ago", "prior-year", "year-before")) or bool(g.get("ago"))
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
    if ctx.last_quarter and (back_year or "same" in rels or rels in ("", "fiscal", "latest")):
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


def r_this_unit_mod(g: Groups, ctx: Context) -> Result | None:
    sub = r_rel_unit({"rel": g["rel"], "unit": g["unit"], "qty": None}, ctx)
    if sub is None:
        return None
    return sub[0], sub[1], "START" if norm(g["dir"]) == "earlier" else "END"


def r_anchored_day(g: Groups, ctx: Context) -> Result | None:
    rel, unit_word = norm(g["rel"]), norm(g["unit"])
    pod = lexicon()["parts_of_day"].get(unit_word)
    unit = "D" if pod else unit_code(unit_word)
    rel = rel.replace("that same", "the same")
    k = 1 if rel in ("the next", "the following", "the day after") else -1 if rel in ("the previous", "the day before") else 0
    if k == 0 and unit == "D" and not pod and (day := ctx.day_in_talk()):
        return "DATE", day, None
    anchor = ctx.anchor or ctx.dct
    if anchor is None:
        return "DATE", "XXXX-XX-XX", None
    value = cal.shifted(anchor, unit, k)
    return ("TIME", f"{value}T{pod}", None) if pod else ("DATE", value, None)


def r_ordinal_day(g: Groups, ctx: Context) -> Result | None:
    """ "Today is the eighth day of the operation": said in the present tense, the publication day.
    In other tenses the day is another expression's ("Tuesday was the third day"): not tagged."""
    if ctx.tense != PRESENT:
        return None
    return "DATE", cal.day(ctx.dct) if ctx.dct else "XXXX-XX-XX", None


def r_reference(g: Groups, ctx: Context) -> Result | None:
    return "DATE", lexicon()["references"][norm(g["ref"])], None


def r_set_adverb(g: Groups, ctx: Context) -> Result | None:
    return "SET", lexicon()["set_adverbs"][norm(g["set"])], None


def r_set_every(g: Groups, ctx: Context) -> Result | None:
    lex = lexicon()
    word = norm(g["unit"]).rstrip(".")
    if word in lex["weekdays"]:
        return "SET", f"XXXX-WXX-{lex['weekdays'][word]}", None
    if word in lex["months"]:
        return "SET", f"XXXX-{lex['months'][word]:02d}", None
    if word in lex["seasons"]:
        return "SET", f"XXXX-{lex['seasons'][word]}", None
    return "SET", duration(g.get("qty") or "1", g["unit"]), None
