"""The extraction grammar: one regex per kind of temporal expression, built from the lexicon.

Each rule's named groups are the parts the normaliser reads (``month``, ``day``, ``year``, ``wd``,
``rel``, ``qty``, ``unit``...). All rules are also joined into one regex (``scanner``) that says
in one call whether any rule can start at a position; only then is each rule tried there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eventwire.timex.lexicon import alternation, lexicon

# Number words as years: "nineteen ninety-six", "two thousand and one" (not "twenty four").
_TENS = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = "(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[\s-]+(?:{_TENS}(?:[\s-]+{_ONES})?|{_TEENS}|oh[\s-]+{_ONES})"
    rf"|two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_TENS}(?:[\s-]+{_ONES})?|{_TEENS}|{_ONES}))?)(?![\w-])"
)


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]


def _parts() -> dict[str, str]:
    lex = lexicon()
    months_full = [m for m in lex["months"] if len(m) > 3 or m == "may"]
    months_abbr = [m for m in lex["months"] if m not in months_full or m == "sept"]
    month = rf"(?:{alternation(months_full)}|{alternation(months_abbr)}\.|{alternation(months_abbr)}(?=\s+\d))"
    wd_full = [w for w in lex["weekdays"] if w.endswith("day")]
    wd_abbr = [w for w in lex["weekdays"] if w not in wd_full]
    weekday = rf"(?:{alternation(wd_full)}|{alternation(wd_abbr)}\.)"
    numw = rf"(?:{_TENS}(?:[- ]{_ONES})?|{alternation(lex['cardinals'])})"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+1/2)?)"
    quantity = rf"(?:(?:{digits}|{numw})(?:\s+and\s+a\s+half)?|an?|{alternation(lex['vague_quantities'])})"
    units = list(lex["units"]) + list(lex["unit_plurals"])
    unit = alternation(units)
    ordinal_word = alternation(lex["ordinals"])
    daynum = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)|{ordinal_word})"
    year = r"(?:(?<![\d$£€.,])(?:1[0-9]\d\d|20\d\d)(?!\d|,\d|\.\d|\s?%)|" + _SPELLED_YEAR.replace("{NUM}", numw) + ")"
    approx = alternation(lex["approximators"])
    modifier = alternation([m for m in lex["modifiers"]] + ["mid-"])
    return {
        "MONTH": month, "WEEKDAY": weekday, "NUM": numw, "QTY": quantity, "UNIT": unit,
        "DAYNUM": daynum, "YEAR": year, "APPROX": approx, "MOD": modifier, "ORDW": ordinal_word,
        "SEASON": alternation(lex["seasons"]), "POD": alternation(lex["parts_of_day"]),
        "DAYWORD": alternation(lex["day_words"]), "TZ": alternation(lex["time_zones"]),
        "REF": alternation(lex["reference_words_tagged"]), "SETADV": alternation(lex["set_adverbs"]),
        "HOLIDAY": alternation(lex["holidays"]), "DECADEW": alternation(lex["decade_words"]),
        "CLOCKW": alternation(lex["clock_words"]),
    }  # fmt: skip


# Rule templates; {NAME} is replaced by the lexicon-built sub-pattern of that name.
_TEMPLATES: list[tuple[str, str]] = [
    ("iso_date", r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    ("slash_date", r"(?P<month>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>\d{4}|\d{2})(?![\d/])"),
    (
        "month_day",
        r"(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAYNUM})"
        r"(?:(?:,\s*|\s+)(?P<year>{YEAR}))?",
    ),
    (
        "day_month",
        r"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH})"
        r"(?:(?:,\s*|\s+)(?P<year>{YEAR}))?",
    ),
    ("month_year", r"(?P<month>{MONTH})(?:(?:\s+of)?,?\s+(?P<year>{YEAR})|\s+(?P<yrel>this|last|next)\s+year)(?![\w'])"),
    (
        "month",
        r"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|past|that|each|every)\s+)?(?P<month>{MONTH})(?![\w-])",
    ),
    (
        "weekday",
        r"(?:(?P<rel>last|next|this|this\s+coming|this\s+past|coming|past|previous|following|that|the\s+following|the\s+previous|each|every)\s+)?"
        r"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?(?!\w)",
    ),
    (
        "dayword",
        r"(?:(?P<dw>{DAYWORD})(?:\s+(?P<pod>{POD}))?|(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod2>{POD})"
        r"|(?P<pod3>{POD})\s+(?P<dw2>today|yesterday|tomorrow))(?!\w)",
    ),
    (
        "clock",
        r"(?:(?P<hour>[01]?\d|2[0-4])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
        r"|(?P<hour2>[01]?\d|2[0-3]):(?P<minute2>[0-5]\d)(?!\d)|(?P<clockw>{CLOCKW})"
        r"|(?P<hour3>{NUM}|\d{1,2})\s+o'clock|(?P<hour4>{NUM}|\d{1,2})\s+in\s+the\s+(?P<pod>morning|afternoon|evening))"
        r"(?:\s+(?P<tz>{TZ}))?"
        r"(?:,?\s+(?:(?P<wd>{WEEKDAY})|(?P<dw>today|yesterday|tomorrow|tonight)|(?P<month>{MONTH})\s+(?P<day>{DAYNUM})))?",
    ),
    ("ago", r"(?P<qty>{QTY})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence)(?!\w)"),
    (
        "rel_unit",
        r"(?P<rel>the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+latest"
        r"|the\s+current|the\s+same|this\s+past|the\s+first|the\s+final|the\s+latter"
        r"|last|next|this|these|those|coming|past|previous|recent|current|that|the)"
        r"\s+(?:(?P<qty>{QTY})\s+)?(?:(?P<qty2>{QTY})\s+)?(?:(?P<kind>fiscal|full|calendar|financial|school|trading|business)\s+)?(?P<unit>{UNIT})(?![\w-])",
    ),
    ("duration", r"(?P<qty>{QTY})(?P<sep>[- ]|\s+)(?:(?:more|additional|further|extra|trading|business|working)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:[- ](?P<old>long|old))?(?![\w-])(?:(?=\s+of\b)(?P<of>))?"),
    ("bare_plural", r"(?:(?<=for\s)|(?<=over\s)|(?<=in\s)|(?<=within\s))(?P<unit>years|months|weeks|decades|centuries)(?![\w-])"),
    ("year_earlier", r"(?P<unit>year|month|week|day)-(?P<dir>earlier|ago|before)(?![\w-])"),
    ("year_words", r"(?:the\s+year\s+)?(?P<words>" + _SPELLED_YEAR + r")(?![\w-])"),
    (
        "quarter",
        r"(?:(?:the\s+)?(?:(?P<year>{YEAR})|(?P<yrel>this|last|next)\s+year)(?:'s)?\s+)?(?P<the>the\s+)?(?:(?P<rel>fiscal|latest|last|past|previous|current|this|next|same"
        r"|comparable|corresponding|year-earlier|year-ago|prior-year|year-before|recent|most\s+recent|just-ended|just-completed)[\s-]+)*"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)?[- ]?(?:fiscal\s+)?"
        r"(?P<q>quarter|half|period)(?:\s+of\s+(?:(?P<rel2>this|last|next)\s+year|(?:fiscal\s+)?(?P<year2>{YEAR})))?"
        r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?(?![\w])",
    ),
    ("decade", r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<dec>(?:1[0-9]|20)\d0|'\d0)'?s|(?P<decw>{DECADEW}))(?![\w])"),
    (
        "century",
        r"(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|{ORDW}|(?P<rel>this|last|next|past|previous))[- ]century(?![\w])",
    ),
    (
        "season",
        r"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|early|late|mid|the|that)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?(?![\w])",
    ),
    (
        "year",
        r"(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|calendar|model\s+year|fy)\s+)?(?P<year>{YEAR})"
        r"(?:-(?P<year_end>\d\d)(?!\d))?",
    ),
    ("rel_weekend", r"(?:(?P<rel>this|last|next|the|that|this\s+past|the\s+past)\s+)weekend(?![\w])"),
    (
        "this_unit_mod",
        r"(?P<dir>earlier)\s+(?P<rel>this|last|that)\s+(?P<unit>month|year)(?![\w])",
    ),
    ("anchored_day", r"(?P<rel>the\s+next|the\s+following|the\s+previous|the\s+same|that\s+same|that)\s+(?P<unit>day|morning|evening|night|afternoon|week|month|year)(?![\w])"),
    ("ordinal_day", r"(?:the\s+)?(?P<ord>{ORDW})\s+(?:(?:straight|consecutive|full)\s+)?day(?![\w-])"),
    ("dayword_rel", r"the\s+day\s+(?P<dir>before|after)\s+(?P<dw>yesterday|tomorrow)"),
    ("reference", r"(?P<ref>{REF})(?![\w-])"),
    ("set_adverb", r"(?P<set>{SETADV})(?![\w-])"),
    ("set_every", r"(?P<every>every|each|per)\s+(?:(?P<qty>{QTY})\s+)?(?:other\s+)?(?P<unit>{UNIT}|{WEEKDAY}|{MONTH}|{SEASON})(?![\w])"),
    ("holiday", r"(?P<holiday>{HOLIDAY})(?:\s+(?P<week>week)|\s+(?P<year>{YEAR}))?(?![\w])"),
    ("year_end", r"(?P<ye>year-end|year\s+end|year's\s+end|the\s+end\s+of\s+the\s+year|mid-year|midyear|the\s+turn\s+of\s+the\s+century)(?![\w])"),
]


@cache
def rules() -> tuple[Rule, ...]:
    """The rules, compiled once."""
    parts = _parts()
    compiled = []
    for name, template in _TEMPLATES:
        pattern = template
        for key, sub in parts.items():
            pattern = pattern.replace("{" + key + "}", sub)
        compiled.append(Rule(name, re.compile(pattern, re.IGNORECASE)))
    return tuple(compiled)


@cache
def scanner() -> re.Pattern[str]:
    """All rules as one regex: whether any rule can start at a position, in a single match call."""
    body = "|".join(f"(?:{r.regex.pattern})" for r in rules())
    body = re.sub(r"\(\?P<\w+>", "(?:", body)
    return re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE)


@cache
def prefix_regex() -> re.Pattern[str]:
    """Modifiers and approximators that may precede an expression ("late", "more than", "the end of")."""
    parts = _parts()
    return re.compile(rf"(?<![\w-])(?P<pre>(?:(?:{parts['APPROX']}|{parts['MOD']})[\s-]*)+)$", re.IGNORECASE)
