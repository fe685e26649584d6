"""Finds and normalises the temporal expressions of a spaCy Doc.

Only tokens that can anchor an expression are looked at (``DocView.triggers``); around each, the
longest rule match that passes the token checks (``checks.accept``) and normalises wins.
Expressions are resolved in reading order, so that the narrative context (the story's latest
date, the quarter being talked about, the latest explicit year) is known to the next one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

import numpy as np
from spacy.tokens import Doc

from eventwire.analysis import TimeExpression
from eventwire.timex import calendar as cal
from eventwire.timex.checks import accept, lex_set
from eventwire.timex.docview import DocView
from eventwire.timex.grammar import Rule, prefix_regex, rules, scanner
from eventwire.timex.lexicon import lexicon
from eventwire.timex.resolve import FUTURE, PAST, PLUPERFECT, RESOLVERS, Context, Result, r_rel_unit
from eventwire.timex.tense import tense_at

_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d\d))?(?:$|-)")
_FULL_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_EXPLICIT_YEAR_RULES = {"year", "month_year", "month_day", "day_month", "iso_date", "slash_date"}
_DATE_APPROX = {"about", "around", "approximately", "roughly", "nearly", "almost"}
_ENDED = re.compile(
    r"\s+(?:ended|ending|that\s+ended)\s+(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})(?:,\s+(?P<year>\d{4}))?"
)
_SINCE = re.compile(r"(?<!\w)since\s+$", re.IGNORECASE)
_BY = re.compile(r"(?<!\w)(?:by|before)\s+$", re.IGNORECASE)
_COMPARISON = re.compile(r"(?:compared\s+with|from|than|against)\s[^.;]*$", re.IGNORECASE)
_OR_SO = re.compile(r"\s+or\s+so(?!\w)", re.IGNORECASE)
_APPROX_RULES = {"duration", "ago", "clock", "month_day", "rel_unit"}
Resolve = Callable[[Rule, "re.Match[str]"], TimeExpression | None]
_WINDOW = 6  # tokens an expression may reach back before its anchor ("the past two and a half years")












@cache
def _future_context() -> re.Pattern[str]:
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lexicon()["future_prepositions"])
    return re.compile(rf"(?<!\w)(?:{words})\s+(?:(?:on|the|early|late|mid)\s+|mid-)*$", re.IGNORECASE)












def candidates(view: DocView, resolve: Resolve) -> list[TimeExpression]:
    """Non-overlapping expressions, left to right; at each position the longest reading that
    passes the token checks and normalises wins.

    Only the few tokens that can anchor an expression (a month, a unit, a digit...) are looked
    at, each with a short window before it, so the cost grows with the expressions, not the text.
    """
    text = view.text
    scan, all_rules = scanner(), rules()
    starts = view.starts
    found: list[TimeExpression] = []
    pos = 0
    for i, anchor in view.triggers():
        if anchor < pos:
            continue
        first = max(i - _WINDOW, int(np.searchsorted(starts, pos)))
        positions = [int(starts[j]) for j in range(first, i + 1) if view.can_start[j]]
        positions += [anchor] if anchor != starts[i] else []
        for start in positions:
            if start < pos or scan.match(text, start) is None:
                continue
            matches = [(r, m) for r in all_rules if (m := r.regex.match(text, start)) and m.end() > anchor]
            matches.sort(key=lambda rm: rm[1].end() - start, reverse=True)
            chosen = next(
                (t for r, m in matches if accept(view, r.name, m) and (t := resolve(r, m)) is not None), None
            )
            if chosen is not None:
                found.append(chosen)
                pos = max(chosen.end, start + 1)
                break
    return found


def _with_prefix(text: str, start: int, rule: str, result: Result) -> tuple[int, str | None]:
    """Extend an expression over a preceding modifier ("late", "the end of", "more than")."""
    m = prefix_regex().search(text, max(0, start - 40), start)
    if m is None or text.startswith(("the ", "The "), start):
        return start, None
    lex = lexicon()
    words = re.sub(r"\s+", " ", m.group("pre").lower()).strip(" -")
    last = max(
        (w for w in list(lex["modifiers"]) + list(lex["approximators"]) + ["mid"] if words.endswith(w)),
        key=len,
        default="",
    )
    first = next((w for w in sorted(list(lex["modifiers"]) + list(lex["approximators"]) + ["mid"], key=len, reverse=True) if words.startswith(w)), last)
    kind = result[0]
    if last in lex["modifiers"] or last == "mid":
        if kind == "DURATION" and not result[1].startswith("P1"):
            return start, None
        return m.start("pre"), lex["modifiers"].get(last, "MID")
    if rule in _APPROX_RULES and (kind == "DURATION" or (first in _DATE_APPROX and rule != "rel_unit")):
        return m.start("pre"), lex["approximators"].get(first, "APPROX")
    return start, None


def prepare() -> None:
    """Compile the grammar (about 1.5 s: one regex of every rule) and read the lexicon now, when the
    pipeline loads, so no Doc pays for it and every worker process does it once, at start."""
    rules(), scanner(), prefix_regex(), _future_context(), _dateline(), lexicon()


def tag_times(doc: Doc, published: date | None) -> list[TimeExpression]:
    """The document's temporal expressions, normalised against its publication date."""
    view = DocView(doc)
    text = view.text
    ctx = Context(dct=dateline_date(text, published))

    def resolve(rule: Rule, match: re.Match[str]) -> TimeExpression | None:
        groups = match.groupdict()
        start, end = match.start(), match.end()
        ctx.position = start
        ctx.comparison = bool(_COMPARISON.search(text, max(0, start - 60), start))
        ctx.quarter_ended = _quarter_ended(text, end, ctx.dct)
        ctx.period_ended = _ENDED.match(text, end) is not None
        first_tok, last_tok = view.token_index(start), view.token_index(end - 1)
        ctx.tense = tense_at(doc, first_tok, last_tok + 1, view.parsed) if view.tagged else None
        if _future_context().search(text, max(0, start - 20), start) and ctx.tense != PLUPERFECT:
            ctx.tense = FUTURE  # "until Tuesday", "effective Feb. 1", "as soon as Monday"
        if _SINCE.search(text, max(0, start - 8), start):
            ctx.tense = PAST  # "since year-end", "since Monday"
        elif rule.name == "year_end" and _BY.search(text, max(0, start - 8), start):
            ctx.tense = FUTURE  # "by year-end" is a target: the year in progress, whatever the verb's tense
        elif rule.name == "weekday" and text.startswith(("'s", "’s"), end):
            ctx.tense = None  # "get around Wednesday's ruling": names a known event; the clause's tense is not its
        result = RESOLVERS[rule.name](groups, ctx)
        if result is None:
            return None
        if rule.name == "duration" and _is_rate(view, groups, first_tok):
            result = ("SET", result[1], result[2])
        start = _trim_article(text, rule.name, groups, start)
        if (so := _OR_SO.match(text, end)) is not None and result[0] in ("DATE", "DURATION"):
            end = so.end()
        new_start, mod = _with_prefix(text, start, rule.name, result)
        if new_start != start and result[0] == "DURATION" and rule.name == "rel_unit" and mod in ("START", "MID", "END"):
            result = r_rel_unit({"rel": "this", "unit": groups["unit"], "qty": None}, ctx) or result
        kind, value, rule_mod = result
        _remember(ctx, rule.name, groups, value)
        return TimeExpression(
            id="", start=new_start, end=end, text=text[new_start:end], type=kind, value=value,
            mod=mod or rule_mod, evidence=f"timex rule {rule.name}; tense={ctx.tense}",
        )  # fmt: skip

    found = candidates(view, resolve)
    for n, t in enumerate(found, 1):
        t.id = f"T{n}"
    return found


@cache
def _dateline() -> re.Pattern[str]:
    months = "|".join(sorted(lexicon()["months"], key=len, reverse=True))
    return re.compile(
        rf"\s*[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*)*,\s+(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})\b", re.IGNORECASE
    )


def dateline_date(text: str, published: date | None) -> date | None:
    """The day a story was filed, from its dateline ("BUDAPEST, March 12 (Xinhua) --"), when it falls
    in the week before publication: the story's "today" and "Friday" are told from that day."""
    m = _dateline().match(text[:120])
    if published is None or m is None:
        return published
    filed = cal.safe_date(published.year, lexicon()["months"][m["month"].lower()], int(m["day"]))
    return filed if filed is not None and timedelta(0) <= published - filed <= timedelta(days=7) else published


def _quarter_ended(text: str, end: int, dct: date | None) -> tuple[int, int] | None:
    """ "the quarter ended Sept. 30": the calendar quarter holding most of the three months to that day."""
    m = _ENDED.match(text, end)
    if m is None:
        return None
    lex = lexicon()
    month = lex["months"].get(m.group("month").lower().rstrip("."))
    if month is None:
        return None
    y = int(m.group("year")) if m.group("year") else (dct.year if dct else None)
    if y is None:
        return None
    if dct and not m.group("year") and (month, int(m.group("day"))) > (dct.month, dct.day):
        y -= 1  # a quarter being reported on has ended
    mid = month - 1 or 12
    return (y - (month == 1), (mid - 1) // 3 + 1)


def _is_rate(view: DocView, groups: dict[str, str | None], first_tok: int) -> bool:
    """ "$5 million a year", "three times a day": a frequency, not a period."""
    if (groups.get("qty") or "").lower() not in ("a", "an", "per"):
        return False
    doc = view.doc
    if first_tok == 0 or (view.tagged and doc[first_tok - 1].tag_ == "IN"):
        return False
    before = list(doc[max(0, first_tok - 4) : first_tok])
    before = before[max((i + 1 for i, t in enumerate(before) if t.text in (".", "!", "?", ";")), default=0) :]
    return any(t.like_num or t.lower_ in lex_set("rate_words") for t in before)


def _trim_article(text: str, rule: str, groups: dict[str, str | None], start: int) -> int:
    """TimeML leaves "the" out of "the third-quarter (results)" and "the years"."""
    if not text.startswith(("the ", "The "), start):
        return start
    if rule == "quarter" and groups.get("ord") and re.search(r"-\s*quarter", text[start : start + 30]):
        return start + 4
    plural = (groups.get("unit") or "").lower() in lexicon()["unit_plurals"]
    if rule == "rel_unit" and (groups.get("rel") or "").lower() == "the" and plural and not groups.get("qty"):
        return start + 4
    return start


def _reported(quarter: tuple[int, int], ctx: Context) -> bool:
    """Whether a quarter can be the one a story reports on: ended by publication (or reported in the
    past tense: a fiscal quarter), and not older than the one already in talk (a quarter named in
    passing, "after a flat second quarter", is no topic)."""
    ended = ctx.dct is None or quarter < cal.quarter_of(ctx.dct) or ctx.tense in (PAST, PLUPERFECT)
    return ended and quarter >= (ctx.last_quarter or quarter)


def _remember(ctx: Context, rule: str, groups: dict[str, str | None], value: str) -> None:
    """Keep the narrative context: latest full date, quarter and explicit year."""
    if (m := _FULL_DATE.match(value)) and ctx.tense != PLUPERFECT:  # a flashback keeps the story's day
        ctx.anchor = date(int(m[1]), int(m[2]), int(m[3]))
        ctx.month_in_talk = None
    if (m := _YEAR_MONTH.match(value)) and rule not in ("rel_unit", "ago", "year_earlier"):
        ctx.ref = date(int(m[1]), int(m[2] or 1), 1)
        ctx.month_in_talk = value if re.fullmatch(r"\d{4}-\d\d", value) else None
    back = any(w in (groups.get("rel") or "").lower() for w in ("year-earlier", "year-ago", "prior", "before"))
    if re.fullmatch(r"\d{4}-Q\d", value):
        ctx.last_quarter_named = (int(value[:4]), int(value[-1]))
    if rule in ("quarter", "rel_unit") and ctx.quarter_ended and re.fullmatch(r"\d{4}-Q\d", value):
        ctx.last_quarter, ctx.last_quarter_at = (int(value[:4]), int(value[-1])), ctx.position
    named = (int(value[:4]), int(value[-1])) if re.fullmatch(r"\d{4}-Q\d", value) else None
    if rule == "quarter" and groups.get("ord") and not back and named and _reported(named, ctx):
        ctx.last_quarter = named
        ctx.last_quarter_at = ctx.position
    elif ctx.last_quarter and re.fullmatch(rf"\d{{4}}-Q{ctx.last_quarter[1]}", value):
        ctx.last_quarter_at = ctx.position  # "the latest quarter", "the year-earlier period": still that quarter
    if rule in _EXPLICIT_YEAR_RULES and value[:4].isdigit():
        ctx.last_year = int(value[:4])
