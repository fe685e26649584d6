"""The article view's highlighting: text cut into segments, each knowing which annotations cover it.

Annotations nest and overlap (an actor inside a quote inside an attributed event sentence), so the
text is cut at every annotation boundary and each piece carries the kinds and ids covering it. The
template prints each piece through Jinja's autoescape: article text never becomes markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eventwire.web.labels import cameo_name, quad_name

#: Where a sentence ends: terminal punctuation (and closing quotes/brackets) then space, or a blank line.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
_WINDOW = 600


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # ids of annotations beginning here (anchors, tab stops)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], by punctuation; good enough to point a reader at it."""
    lo = max(0, start - _WINDOW)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    if left == lo and lo > 0:  # no boundary in the window: start at a word
        left = text.find(" ", lo, start) + 1 or lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + _WINDOW))
    right = m.start() + len(m.group().rstrip()) if m else min(len(text), end + _WINDOW)
    return left, max(right, end)


def sentence(text: str, start: int, end: int) -> str:
    s, e = sentence_bounds(text, start, end)
    return " ".join(text[s:e].split())


def marks(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, id) for every highlighted span of an analysis record."""
    out: list[tuple[int, int, str, str]] = []
    for ent in record.get("entities", []):
        out.extend((m["start"], m["end"], "actor", ent["id"]) for m in ent.get("mentions", []))
    out.extend((t["start"], t["end"], "time", t["id"]) for t in record.get("times", []))
    for att in record.get("attributions", []):
        content, cue, src = att.get("content"), att.get("cue"), att.get("source")
        if content and content["end"] > content["start"]:
            out.append((content["start"], content["end"], "quote" if att["kind"] == "direct" else "claim", att["id"]))
        if cue and cue["end"] > cue["start"]:
            out.append((cue["start"], cue["end"], "cue", att["id"]))
        if src and src["end"] > src["start"]:
            out.append((src["start"], src["end"], "speaker", att["id"]))
    out.extend((v["trigger"]["start"], v["trigger"]["end"], "event", v["id"]) for v in record.get("events", []))
    out.extend((d["start"], d["end"], "deadline", d["id"]) for d in record.get("deadlines", []))
    return [m for m in out if 0 <= m[0] < m[1]]


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut text at every span boundary; each segment lists the spans covering it."""
    n = len(text)
    spans = [(s, min(e, n), k, i) for s, e, k, i in spans if s < n]
    cuts = sorted({0, n, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[tuple[int, int, str, str]]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    open_spans: list[tuple[int, int, str, str]] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        open_spans = [s for s in open_spans if s[1] > a] + starts.get(a, [])
        out.append(Segment(
            text[a:b],
            tuple(sorted({k for _, _, k, _ in open_spans})),
            tuple(dict.fromkeys(i for _, _, _, i in open_spans)),
            tuple(dict.fromkeys(i for s, _, _, i in open_spans if s == a)),
        ))
    return out


def _rows(*pairs: tuple[str, Any]) -> list[list[str]]:
    return [[label, str(value)] for label, value in pairs if value not in (None, "", [])]


def describe(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What each annotation is, for the popover: a kind, a title and (label, value) rows."""
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    times = {t["id"]: t for t in record.get("times", [])}
    out: dict[str, dict[str, Any]] = {}
    for e in record.get("entities", []):
        out[e["id"]] = {"kind": "actor", "title": e["name"], "rows": _rows(
            ("type", e.get("kind")), ("code", e.get("code")), ("country", e.get("country")),
            ("sector", e.get("sector")), ("role", e.get("role")), ("mentions", len(e.get("mentions", []))),
            ("evidence", e.get("evidence")))}
    for t in record.get("times", []):
        out[t["id"]] = {"kind": "time", "title": t["text"], "rows": _rows(
            ("type", t.get("type")), ("value", t.get("value")), ("modifier", t.get("mod")),
            ("evidence", t.get("evidence")))}
    for a in record.get("attributions", []):
        src = a.get("source") or {}
        who = src.get("text") or "unknown source"
        desc = src.get("descriptor") or {}
        out[a["id"]] = {"kind": "quote" if a["kind"] == "direct" else "claim",
                        "title": f"according to {who}", "rows": _rows(
            ("kind", a.get("kind")), ("source", who), ("named", "no (anonymous)" if src.get("anonymous") else "yes" if src else None),
            ("actor", names.get(src.get("entity"))),
            ("descriptor", ", ".join(f"{k}={v}" for k, v in desc.items() if v not in (None, ""))),
            ("cue", (a.get("cue") or {}).get("text")), ("nested in", a.get("parent")),
            ("evidence", a.get("evidence")))}
    attributions = {a["id"]: a for a in record.get("attributions", [])}
    for v in record.get("events", []):
        src, tgt = v.get("source") or {}, v.get("target") or {}
        att = attributions.get(v.get("attribution") or "")
        according = ((att or {}).get("source") or {}).get("text")
        time = times.get(v.get("time") or "")
        out[v["id"]] = {"kind": "event", "title": f"{cameo_name(v['cameo'])} ({v['cameo']})", "rows": _rows(
            ("source", _actor(src, names)), ("target", _actor(tgt, names)),
            ("PLOVER", " / ".join(x for x in (v.get("plover"), v.get("plover_mode")) if x)),
            ("Goldstein", v.get("goldstein")), ("quad class", quad_name(v.get("quad_class"))),
            ("date", v.get("date")), ("dated by", time["text"] if time else v.get("date_source")),
            ("modality", v.get("modality")), ("according to", according), ("evidence", v.get("evidence")))}
    for d in record.get("deadlines", []):
        out[d["id"]] = {"kind": "deadline", "title": d["text"], "rows": _rows(
            ("date", d.get("date")), ("about", d.get("about")), ("status on the article's date", d.get("status")),
            ("attached to", names.get(d.get("attaches_to") or "") or d.get("attaches_to")),
            ("evidence", d.get("evidence")))}
    return out


def _actor(ref: dict[str, Any], names: dict[str, str]) -> str | None:
    if not ref:
        return None
    name = names.get(ref.get("entity") or "") or ref.get("text")
    return " · ".join(x for x in (name, ref.get("code")) if x) or None
