"""Finds and normalises the temporal expressions of a spaCy Doc.

The text is scanned once with the grammar's joint regex; at each hit every rule is tried and the
longest accepted reading wins. Readings are checked against the tokens (a modal "may", the verb
"march", "Theresa May", a number that is not a year) before being resolved in reading order, so
that the narrative context (last full date, last quarter, last explicit year) is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

import numpy as np
from spacy.attrs import DEP, IDX, LOWER, TAG

from spacy.tokens import Doc, Token

from eventwire.analysis import TimeExpression
from eventwire.timex.grammar import Rule, prefix_regex, rules, scanner
from eventwire.timex.lexicon import lexicon
from eventwire.timex.resolve import FUTURE, PAST, PLUPERFECT, RESOLVERS, Context, Result, r_rel_unit
from eventwire.timex.tense import tense_at

_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d\d))?(?:$|-)")
_FULL_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_EXPLICIT_YEAR_RULES = {"year", "month_year", "month_day", "day_month", "iso_date", "slash_date"}
_DATE_APPROX = {"about", "around", "approximately", "roughly", "nearly", "almost"}
_NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"}
_TITLE_ENTS = {"WORK_OF_ART"}
_DIGIT_RULES = {"iso_date", "slash_date", "month_day", "day_month", "month_year", "year", "clock", "decade"}
_ENDED = re.compile(
    r"\s+(?:ended|ending|that\s+ended)\s+(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})(?:,\s+(?P<year>\d{4}))?"
)
_SINCE = re.compile(r"(?<!\w)since\s+$", re.IGNORECASE)
_COMPARISON = re.compile(r"(?:compared\s+with|from|than|against)\s[^.;]*$", re.IGNORECASE)
_OR_SO = re.compile(r"\s+or\s+so(?!\w)", re.IGNORECASE)
_APPROX_RULES = {"duration", "ago", "clock", "month_day", "rel_unit"}
Resolve = Callable[[Rule, "re.Match[str]"], TimeExpression | None]
_WINDOW = 6  # tokens an expression may reach back before its anchor ("the past two and a half years")
_DIGITS = re.compile(r"\d+")
_NAMEABLE_RULES = {"month", "weekday", "holiday", "century", "month_day", "day_month", "season"}


def annotated(doc: Doc, attr: int) -> bool:
    """Whether a Doc carries an annotation (spaCy's has_annotation walks every token; this does not)."""
    return len(doc) > 0 and bool(doc.to_array(attr).any())


class DocView:
    """Token lookups by character offset, built once per Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens at every access
        self.starts = doc.to_array(IDX).astype(np.int64) if len(doc) else np.zeros(0, dtype=np.int64)
        self.tagged, self.parsed = annotated(doc, TAG), annotated(doc, DEP)
        self.names: list[tuple[int, int, str]] = [
            (e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in _NAME_ENTS
        ]
        self.titles = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _TITLE_ENTS]
        for entity in doc._.entities or []:
            if getattr(entity, "kind", "") in ("PERSON", "ORG"):
                self.names += [(m.start, m.end, entity.kind) for m in entity.mentions]

    def token_index(self, char: int) -> int:
        return max(0, int(np.searchsorted(self.starts, char, side="right")) - 1)

    def triggers(self) -> list[tuple[int, int]]:
        """(token index, char offset) of what can anchor a temporal expression: lexicon words and
        digits (a digit run inside a token, as in "mid-1996", is its own offset)."""
        lower = self.doc.to_array(LOWER) if len(self.doc) else np.zeros(0, dtype=np.uint64)
        is_trigger = np.isin(lower, _hashes_for(self.doc.vocab.strings, _trigger_words()))
        self.can_start = is_trigger | np.isin(lower, _hashes_for(self.doc.vocab.strings, _starter_words()))
        words = np.flatnonzero(is_trigger)
        found = {(int(i), int(self.starts[i])) for i in words}
        digit_starts = [m.start() for m in _DIGITS.finditer(self.text)]
        for i, char in zip(np.searchsorted(self.starts, digit_starts, side="right") - 1, digit_starts, strict=True):
            found.add((int(i), int(char)))
            self.can_start[i] = True
        return sorted(found)

    def token(self, char: int) -> Token:
        return self.doc[self.token_index(char)]

    def in_title(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.titles)

    def in_name(self, start: int, end: int, people: bool = True) -> bool:
        return any(s <= start and end <= e and (people or kind != "PERSON") for s, e, kind in self.names)

    def prev(self, char: int) -> Token | None:
        i = self.token_index(char)
        return self.doc[i - 1] if i > 0 else None

    def next(self, char: int) -> Token | None:
        i = self.token_index(char)
        return self.doc[i + 1] if i + 1 < len(self.doc) else None


@cache
def _trigger_words() -> frozenset[str]:
    """Every content word of the lexicon (function words like "the" or "last" never anchor)."""
    lex = lexicon()
    keys = ("months", "weekdays", "units", "unit_plurals", "seasons", "parts_of_day", "clock_words",
            "day_words", "references", "set_adverbs", "holidays", "time_zones")  # fmt: skip
    words = {w for k in keys for entry in lex[k] for w in re.split(r"[\s-]+", entry)}
    words |= {w + "." for w in lex["months"]} | {w + "." for w in lex["weekdays"]}
    words |= set(lex["extra_triggers"])
    return frozenset(words - set(lex["non_triggers"]))


@cache
def _starter_words() -> frozenset[str]:
    """Words that can open an expression before its anchor ("the past two years", "a week ago")."""
    lex = lexicon()
    keys = ("cardinals", "ordinals", "vague_quantities", "modifiers", "approximators", "references", "rule_starters")
    return frozenset(re.split(r"[\s-]+", entry)[0] for k in keys for entry in lex[k])


@cache
def _hashes_for(strings: object, words: frozenset[str]) -> np.ndarray:
    return np.array([strings[w] for w in words], dtype=np.uint64)  # type: ignore[index]


@cache
def _future_context() -> re.Pattern[str]:
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lexicon()["future_prepositions"])
    return re.compile(rf"(?<!\w)(?:{words})\s+(?:(?:on|the|early|late|mid)\s+|mid-)*$", re.IGNORECASE)


def _lex_set(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


def _month_ok(view: DocView, match: re.Match[str], rule: str) -> bool:
    """Reject "may" the modal, "march" the verb and "May" the surname."""
    word = match.group("month")
    start = match.start("month")
    if word.lower().rstrip(".") not in _lex_set("ambiguous_months"):
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
        return prev is not None and prev.lower_ in _lex_set("month_preceders")
    return True


def _year_ok(view: DocView, match: re.Match[str]) -> bool:
    """A four-digit number is a year unless it counts something or names a number."""
    if match.group("fiscal"):
        return True
    nxt = view.next(match.start("year"))
    if nxt is not None:
        if nxt.lower_ in _lex_set("count_nouns"):
            return False
    prev = view.prev(match.start("year"))
    return prev is None or prev.lower_ not in _lex_set("number_preceders")


def _season_ok(view: DocView, match: re.Match[str]) -> bool:
    if match.group("rel") or match.group("year"):
        return True
    if view.tagged and view.token(match.start("season")).tag_.startswith("VB"):
        return False
    prev = view.prev(match.start())
    return prev is not None and prev.lower_ in _lex_set("month_preceders")


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
    if rule == "reference" and match.group("ref").lower() in ("current", "future"):
        nxt = view.next(match.start())
        return nxt is not None and view.tagged and nxt.tag_.startswith("NN") and nxt.lower_ not in _lex_set("count_nouns")
    return True


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


def tag_times(doc: Doc, published: date | None) -> list[TimeExpression]:
    """The document's temporal expressions, normalised against its publication date."""
    view = DocView(doc)
    text = view.text
    ctx = Context(dct=published)

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
    before = doc[max(0, first_tok - 4) : first_tok]
    return any(t.like_num or t.lower_ in _lex_set("rate_words") for t in before)


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


def _remember(ctx: Context, rule: str, groups: dict[str, str | None], value: str) -> None:
    """Keep the narrative context: latest full date, quarter and explicit year."""
    if (m := _FULL_DATE.match(value)) and ctx.tense != PLUPERFECT:  # a flashback keeps the story's day
        ctx.anchor = date(int(m[1]), int(m[2]), int(m[3]))
    if (m := _YEAR_MONTH.match(value)) and rule not in ("rel_unit", "ago", "year_earlier"):
        ctx.ref = date(int(m[1]), int(m[2] or 1), 1)
    back = any(w in (groups.get("rel") or "").lower() for w in ("year-earlier", "year-ago", "prior", "before"))
    if re.fullmatch(r"\d{4}-Q\d", value):
        ctx.last_quarter_named = (int(value[:4]), int(value[-1]))
    if rule in ("quarter", "rel_unit") and ctx.quarter_ended and re.fullmatch(r"\d{4}-Q\d", value):
        ctx.last_quarter, ctx.last_quarter_at = (int(value[:4]), int(value[-1])), ctx.position
    if rule == "quarter" and groups.get("ord") and not back and re.fullmatch(r"\d{4}-Q\d", value):
        ctx.last_quarter = (int(value[:4]), int(value[-1]))
        ctx.last_quarter_at = ctx.position
    if rule in _EXPLICIT_YEAR_RULES and value[:4].isdigit():
        ctx.last_year = int(value[:4])
