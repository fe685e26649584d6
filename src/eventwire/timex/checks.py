"""Token-level checks on a rule match: "may" the modal, "march" the verb, "Theresa May", counts
that are not years, titles."""

from __future__ import annotations

import re

from eventwire.timex.docview import DocView
from eventwire.timex.lexicon import lexicon

_NAMEABLE_RULES = {"month", "weekday", "holiday", "century", "month_day", "day_month", "season"}
_DIGIT_RULES = {"iso_date", "slash_date", "month_day", "day_month", "month_year", "year", "clock", "decade"}


def lex_set(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


def _month_ok(view: DocView, match: re.Match[str], rule: str) -> bool:
    """Reject "may" the modal, "march" the verb and "May" the surname."""
    word = match.group("month")
    start = match.start("month")
    if word.lower().rstrip(".") not in lex_set("ambiguous_months"):
        return True
    if not word[0].isupper():
        return False
    tok = view.token(start)
    if view.tagged and (tok.tag_ == "MD" or tok.tag_.startswith("VB")):
        return False
    if view.in_name(start, match.end("month")):
        return False
    prev = view.prev(start)
    if prev is not None and prev.is_title and prev.lower_.rstrip(".") not in lexicon()["weekdays"]:
        if not view.tagged or prev.tag_ in ("NNP", "NNPS"):
            return False
    if rule == "month" and not match.group("rel"):
        return prev is not None and prev.lower_ in lex_set("month_preceders")
    return True


def _year_ok(view: DocView, match: re.Match[str]) -> bool:
    """A four-digit number is a year unless it counts something or names a number."""
    if match.group("fiscal"):
        return True
    nxt = view.next(match.start("year"))
    if nxt is not None:
        if nxt.lower_ in lex_set("count_nouns"):
            return False
    prev = view.prev(match.start("year"))
    return prev is None or prev.lower_ not in lex_set("number_preceders")


def _season_ok(view: DocView, match: re.Match[str]) -> bool:
    if match.group("rel") or match.group("year"):
        return True
    if view.tagged and view.token(match.start("season")).tag_.startswith("VB"):
        return False
    prev = view.prev(match.start())
    return prev is not None and prev.lower_ in lex_set("month_preceders")


def _discourse_now(view: DocView, match: re.Match[str]) -> bool:
    """ "Now, ..." opening a sentence marks a turn in the discourse, not the present time."""
    prev, nxt = view.prev(match.start()), view.next(match.start())
    opens = prev is None or prev.text in (".", "!", "?", '"', "``", "''") or prev.is_space
    return opens and nxt is not None and nxt.text == ","


def accept(view: DocView, rule: str, match: re.Match[str]) -> bool:
    """Token-level checks that keep names, modals, verbs and counts out."""
    # spaCy's small model takes "Easter" for a person; a holiday is only hidden in a title or an org
    if rule in _NAMEABLE_RULES and view.in_name(match.start(), match.end(), people=rule != "holiday"):
        return False
    if rule not in _DIGIT_RULES and view.in_title(match.start(), match.end()):
        return False  # "High Noon", ABC's "This Week"
    groups = match.re.groupindex
    if "month" in groups and match.group("month") and not match.group("month").isdigit():
        if not _month_ok(view, match, rule):
            return False
    if rule == "year":
        return _year_ok(view, match)
    if rule == "season":
        return _season_ok(view, match)
    if rule == "century":
        nxt = view.next(match.end() - 1)
        return not (match.group(0)[-7].isupper() and nxt is not None and nxt.is_title)
    if rule == "dayword" and match.group(0).lower() == "today" and match.string.startswith("'s", match.end()):
        return False  # "today's world": the present age, not the day
    if rule == "clock" and match.group("clockw") and (prev := view.prev(match.start())) is not None:
        return prev.lower_ not in lex_set("clock_word_idioms")  # "high noon" is a showdown, not midday
    if rule == "reference" and match.group("ref").lower() == "now" and _discourse_now(view, match):
        return False
    if rule == "reference" and match.group("ref").lower() in ("current", "future"):
        nxt = view.next(match.start())
        return nxt is not None and view.tagged and nxt.tag_.startswith("NN") and nxt.lower_ not in lex_set("count_nouns")
    return True
