"""Normalising expressions named with calendar words: dates, weekdays, clock times, years, seasons."""

from __future__ import annotations

import re
from datetime import timedelta

from eventwire.timex import calendar as cal
from eventwire.timex.context import (
    BACKWARD, FORWARD, FUTURE, PAST, PLUPERFECT, Context, Groups, Result,
    day_number, month_number, norm, weekday_number, year_number, spelled_year, year_for,
)  # fmt: skip
from eventwire.timex.lexicon import lexicon, number_value


def r_date(g: Groups, ctx: Context) -> Result | None:
    m, d = month_number(g["month"]), day_number(g["day"])
    if not 1 <= d <= 31:
        return None
    y = year_number(g["year"]) if g.get("year") else year_for(m, d, ctx, norm(g.get("rel")))
    if y is not None and cal.safe_date(y, m, d) is None:
        return None
    return "DATE", f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}", None


def r_month_year(g: Groups, ctx: Context) -> Result | None:
    m = month_number(g["month"])
    if g.get("year"):
        return "DATE", cal.month(year_number(g["year"] or ""), m), None
    if ctx.dct is None:
        return "DATE", f"XXXX-{m:02d}", None
    return "DATE", cal.month(ctx.dct.year + {"last": -1, "next": 1}.get(norm(g["yrel"]), 0), m), None


def r_month(g: Groups, ctx: Context) -> Result | None:
    rel = norm(g.get("rel"))
    m = month_number(g["month"])
    if rel in ("each", "every"):
        return "SET", f"XXXX-{m:02d}", None
    y = year_for(m, None, ctx, rel)
    return "DATE", cal.month(y, m) if y else f"XXXX-{m:02d}", None


_ANAPHORIC = {"previous", "the previous", "following", "the following"}


def r_weekday(g: Groups, ctx: Context) -> Result | None:
    rel = norm(g.get("rel"))
    wd = weekday_number(g["wd"])
    pod = lexicon()["parts_of_day"].get(norm(g.get("pod")))
    if rel in ("each", "every"):
        return "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None
    if ctx.dct is None:
        return ("TIME" if pod else "DATE"), f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None
    anchor, direction = ctx.dct, "on_or_before"
    if rel in _ANAPHORIC and ctx.anchor:  # "the previous Friday": before the story's day, not the paper's
        anchor = ctx.anchor
    if rel in BACKWARD:
        direction = "before"
    elif rel in FORWARD:
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
    word = norm(g.get("dw") or g.get("dw2") or g.get("rel"))
    pod = lex["parts_of_day"].get(norm(g.get("pod") or g.get("pod2") or g.get("pod3")))
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
    offset = -2 if norm(g["dw"]) == "yesterday" else 2
    return "DATE", cal.day(ctx.dct + timedelta(days=offset)) if ctx.dct else "XXXX-XX-XX", None


def r_clock(g: Groups, ctx: Context) -> Result | None:
    lex = lexicon()
    if g.get("clockw"):
        hh, mm = lex["clock_words"][norm(g["clockw"])].split(":")
        h, minute = int(hh), int(mm)
    else:
        hour = g.get("hour") or g.get("hour2") or g.get("hour3") or g.get("hour4")
        h = int(number_value(hour or "0") or 0)
        minute = int(g.get("minute") or g.get("minute2") or 0)
        ampm = norm(g.get("ampm")).replace(".", "").replace(" ", "")
        if g.get("pod") and norm(g["pod"]) != "morning" and h < 12:
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


def r_year_words(g: Groups, ctx: Context) -> Result | None:
    year = spelled_year(g["words"] or "")
    return ("DATE", str(year), None) if year else None


def r_decade(g: Groups, ctx: Context) -> Result | None:
    """TimeML writes a decade as its first three digits: "the 1990s", "the nineties" -> 199."""
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(norm(g.get("mod")))
    if g.get("decw"):
        return "DATE", "19" + lexicon()["decade_words"][norm(g["decw"])], mod
    dec = (g["dec"] or "").lstrip("'")
    return "DATE", dec[:3] if len(dec) == 4 else f"19{dec[0]}", mod


def r_century(g: Groups, ctx: Context) -> Result | None:
    rel = norm(g.get("rel"))
    if rel:
        if ctx.dct is None:
            return "DATE", "XX", None
        c = ctx.dct.year // 100 + (-1 if rel in BACKWARD else 1 if rel in FORWARD else 0)
        return "DATE", f"{c:02d}", None
    n = norm(g["n"])
    number = lexicon()["ordinals"].get(n) or int(re.sub(r"\D", "", n))
    return "DATE", f"{number - 1:02d}", None


_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def r_season(g: Groups, ctx: Context) -> Result | None:
    s = lexicon()["seasons"][norm(g["season"])]
    rel = norm(g.get("rel"))
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(rel)
    if g.get("year"):
        return "DATE", f"{year_number(g['year'])}-{s}", mod
    if ctx.dct is None:
        return "DATE", f"XXXX-{s}", mod
    current = (ctx.dct.month % 12) // 3  # 0 winter .. 3 fall
    y = ctx.dct.year
    here, there = current, _SEASON_ORDER[s]
    if rel in BACKWARD or (rel not in FORWARD and rel != "this" and ctx.tense in (PAST, PLUPERFECT)):
        if there > here or (rel in BACKWARD and there == here):
            y -= 1
    elif rel in FORWARD or ctx.tense == FUTURE:
        if there < here or (rel in FORWARD and there == here):
            y += 1
    return "DATE", f"{y}-{s}", mod


def r_year(g: Groups, ctx: Context) -> Result | None:
    year = year_number(g["year"] or "")
    return ("DATE", str(year), None) if year else None


def r_weekend(g: Groups, ctx: Context) -> Result | None:
    rel = norm(g.get("rel"))
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    if rel in BACKWARD or (rel not in FORWARD and ctx.tense in (PAST, PLUPERFECT)):
        d = cal.weekday_near(ctx.dct, 6, "on_or_before")
    else:
        d = cal.weekday_near(ctx.dct, 6, "after" if rel in FORWARD else "on_or_after")
    return "DATE", cal.week(d) + "-WE", None


def r_holiday(g: Groups, ctx: Context) -> Result | None:
    spec = lexicon()["holidays"][norm(g["holiday"])]
    if g.get("year"):
        y: int | None = year_number(g["year"] or "")
    elif ctx.dct is None:
        y = None
    else:
        probe = cal.holiday(spec, ctx.dct.year)
        y = year_for(probe.month, probe.day, ctx) if probe else ctx.dct.year
    d = cal.holiday(spec, y) if y else None
    if g.get("week"):  # "Easter week", "Christmas week": the week the holiday falls in
        return "DATE", cal.week(d) if d else "XXXX-WXX", None
    return "DATE", cal.day(d) if d else "XXXX-XX-XX", None


def r_year_end(g: Groups, ctx: Context) -> Result | None:
    word = norm(g["ye"])
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
