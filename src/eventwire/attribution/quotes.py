"""Finds quotations in raw text: straight and curly marks, nesting, multi-paragraph quotes.

News style lets a quotation run over several paragraphs with only the last one closing it; every
continued paragraph re-opens the mark. Unbalanced marks never raise: an opening mark that is never
closed and not continued ends its quotation at the end of its paragraph (``balanced=False``).
Single marks only count at the top level when they cannot be apostrophes (headline style ‘...’).
A paragraph continues a quotation only when it re-opens with the same kind of mark (straight or
curly) and does not start a new transcript turn ('"WALLACE: ...').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
_PARAGRAPH = re.compile(r"[^\n]+")
_TURN = re.compile(r"[A-Z][A-Z.' -]{1,30}:")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    balanced: bool = True

    def inner(self, text: str) -> tuple[int, int]:
        start, end = self.start + 1, self.end
        if self.balanced and end > start:
            end -= 1
        while start < end and (text[start].isspace() or text[start] in "‘’'"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def words(self, text: str) -> int:
        return len(text[slice(*self.inner(text))].split())


def _opens_straight(text: str, i: int) -> bool:
    """A straight mark opens when it follows a space, line start or opening bracket/dash."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-:"


def _is_top_single_open(text: str, i: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and not text[i + 1].isspace()


def _is_top_single_close(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _kind(text: str, i: int, open_kind: str | None) -> tuple[str, str] | None:
    """('open'|'close', 'double'|'single') for a mark at ``i`` given the open quotation's kind."""
    ch = text[i]
    if ch in DOUBLE_OPEN:
        return "open", "double"
    if ch in DOUBLE_CLOSE:
        return "close", "double"
    if ch == '"':
        if open_kind == "double" and not _opens_straight(text, i):
            return "close", "double"
        return ("open", "double") if _opens_straight(text, i) or open_kind is None else ("close", "double")
    if open_kind is None and ch == SINGLE_OPEN and _is_top_single_open(text, i):
        return "open", "single"
    if open_kind == "single" and ch in SINGLE_CLOSE + "'" and _is_top_single_close(text, i):
        return "close", "single"
    return None


def _continues(opening: str, paragraph: str) -> bool:
    """The next paragraph carries the quotation on: it re-opens with the same kind of mark, and is
    not a new transcript turn ('"PENCE: ...')."""
    if not paragraph or _TURN.match(paragraph[1:]):
        return False
    return (paragraph[0] == '"') == (opening == '"') and paragraph[0] in DOUBLE_OPEN + SINGLE_OPEN + '"'


def find_quotes(text: str) -> list[Quote]:
    """Every top-level quotation of ``text`` in order; nested marks stay inside their quotation."""
    quotes: list[Quote] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    start: int | None = None
    kind: str | None = None
    depth = 0
    for n, (p_start, p_end) in enumerate(paragraphs):
        first = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        for i in range(p_start, p_end):
            mark = _kind(text, i, kind)
            if mark is None:
                continue
            action, mark_kind = mark
            if start is not None and i == first and action == "open":
                continue  # a continued paragraph re-opens the quotation it carries on
            if action == "open":
                if start is None:
                    start, kind, depth = i, mark_kind, 0
                elif mark_kind == kind == "double" and text[i] != '"':
                    depth += 1
            elif start is not None and mark_kind == kind:
                if depth:
                    depth -= 1
                else:
                    quotes.append(Quote(start, i + 1))
                    start, kind = None, None
        if start is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if not (nxt and _continues(text[start], text[nxt[0] : nxt[1]].lstrip())):
                end = p_end - (len(text[p_start:p_end]) - len(text[p_start:p_end].rstrip()))
                quotes.append(Quote(start, end, balanced=False))
                start, kind = None, None
    return quotes
