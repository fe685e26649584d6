"""Query parameters shared by pages, API and downloads, validated once and turned into SQL.

Every user value travels as a bound parameter; only column names from fixed tables reach the SQL
text, so no filter can inject SQL.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

Modality = Literal["asserted", "planned", "threatened", "hypothetical", "negated", "questioned"]
Sourcing = Literal["named", "anonymous", "unattributed"]

#: Filters need only the events table (the source's anonymity and words are copied onto each event
#: at ingest), so counting stays cheap; the article columns are joined to the page of rows afterwards.
EVENTS_FROM = "FROM events e"
ON_ARTICLE = "JOIN articles ar ON ar.id = e.article_id"

#: Sort keys users may name, and the columns behind them.
EVENT_SORTS = {
    "date": "e.day", "goldstein": "e.goldstein", "cameo": "e.cameo", "quad_class": "e.quad_class",
    "source": "e.source_code", "target": "e.target_code", "published": "ar.published",
    "modality": "e.modality",
}
EventSort = Literal[
    "date", "-date", "goldstein", "-goldstein", "cameo", "-cameo", "quad_class", "-quad_class",
    "source", "-source", "target", "-target", "published", "-published", "modality", "-modality",
]


class Blankable(BaseModel):
    """HTML forms send empty fields as ``""``; they mean "no filter"."""

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


class Page(Blankable):
    """Which slice of a long result to return."""

    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    per_page: int = Field(50, ge=1, le=500, description="Rows per page (at most 500).")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class EventFilter(Blankable):
    """Which events: every field narrows the selection; leave one out to not filter on it."""

    actor: str | None = Field(None, max_length=100, description="Actor on either side: code prefix (`USA`, `RUSGOV`) or words of the name as written.")
    source_actor: str | None = Field(None, max_length=100, description="Exact source actor: its code, or its text when it has none.")
    target_actor: str | None = Field(None, max_length=100, description="Exact target actor: its code, or its text when it has none.")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 country of either actor.")
    cameo: str | None = Field(None, pattern=r"^\d{2,4}$", description="CAMEO code or prefix: `04` is every consult event.")
    plover: str | None = Field(None, max_length=40, description="PLOVER event type, e.g. `CONSULT`.")
    quad_class: int | None = Field(None, ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
    date_from: date | None = Field(None, description="Events on or after this day.")
    date_to: date | None = Field(None, description="Events on or before this day.")
    modality: Modality | None = Field(None, description="asserted, planned, threatened, hypothetical, negated or questioned.")
    sourcing: Sourcing | None = Field(None, description="Events resting on a named source, an anonymous one, or none.")
    q: str | None = Field(None, max_length=200, description="Words in the trigger, the actors as written, or the source.")
    article: str | None = Field(None, max_length=200, description="Only this article's events.")

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (``TRUE`` when nothing is asked) and its parameters."""
        terms: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            terms.append(sql)
            params.extend(values)

        if self.actor:
            v = self.actor.strip()
            add("(starts_with(upper(coalesce(e.source_code, '')), upper(?))"
                " OR starts_with(upper(coalesce(e.target_code, '')), upper(?))"
                " OR contains(lower(coalesce(e.source_text, '')), lower(?))"
                " OR contains(lower(coalesce(e.target_text, '')), lower(?)))", v, v, v, v)
        if self.source_actor:
            add("coalesce(e.source_code, e.source_text) = ?", self.source_actor)
        if self.target_actor:
            add("coalesce(e.target_code, e.target_text) = ?", self.target_actor)
        if self.country:
            c = self.country.upper()
            add("(e.source_country = ? OR e.target_country = ?)", c, c)
        if self.cameo:
            add("starts_with(e.cameo, ?)", self.cameo)
        if self.plover:
            add("upper(e.plover) = upper(?)", self.plover)
        if self.quad_class:
            add("e.quad_class = ?", self.quad_class)
        if self.date_from:
            add("e.day >= ?", self.date_from)
        if self.date_to:
            add("e.day <= ?", self.date_to)
        if self.modality:
            add("e.modality = ?", self.modality)
        if self.sourcing == "unattributed":
            add("e.attribution IS NULL")
        elif self.sourcing:  # the source's anonymity is copied onto the event at ingest: no semi-join
            add("e.source_anonymous = ?", self.sourcing == "anonymous")
        if self.q:
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", self.q.strip()) + "%"
            add("(e.trigger_text ILIKE ? ESCAPE '\\' OR e.source_text ILIKE ? ESCAPE '\\'"
                " OR e.target_text ILIKE ? ESCAPE '\\' OR e.according_to ILIKE ? ESCAPE '\\')", *[pattern] * 4)
        if self.article:
            add("e.article_id = ?", self.article)
        return (" AND ".join(terms) or "TRUE"), params

    def active(self) -> dict[str, Any]:
        """The filters in use, as query parameters (for links that keep them)."""
        return {k: v for k, v in self.model_dump(mode="json").items() if v is not None}


def order_by(sort: str, columns: dict[str, str], tiebreak: str) -> str:
    """ORDER BY for a validated sort key; ``-key`` sorts descending, NULLs always last."""
    desc = sort.startswith("-")
    column = columns[sort.lstrip("-")]
    return f"ORDER BY {column} {'DESC' if desc else 'ASC'} NULLS LAST, {tiebreak}"
