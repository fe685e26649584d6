"""Jinja templates (autoescaped) and the small helpers they call to build links and labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from eventwire.web.labels import QUAD_NAMES, cameo_name, quad_name

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def article_url(article_id: str, focus: str | None = None, at: int | None = None) -> str:
    """Link to an article; with ``focus`` (an annotation id) or ``at`` (an offset) it opens at that sentence."""
    url = f"/articles/{quote(article_id, safe='')}"
    params = {k: v for k, v in (("focus", focus), ("at", at)) if v is not None}
    return f"{url}?{urlencode(params)}#focus" if params else url


def actor_url(key: str | None) -> str | None:
    return f"/actors/{quote(key, safe='')}" if key else None


def with_params(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one); empty ones dropped."""
    params = {k: v for k, v in request.query_params.items() if v != ""}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def safe_href(url: str | None) -> str | None:
    """Only http(s) links from article metadata become links: never ``javascript:`` or ``data:``."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


templates.env.globals.update(
    article_url=article_url, actor_url=actor_url, with_params=with_params, safe_href=safe_href,
    quad_name=quad_name, cameo_name=cameo_name, QUAD_NAMES=QUAD_NAMES,
)
# |tojson escapes < > & ' so embedded JSON cannot end its <script> element; dates become ISO strings.
templates.env.policies["json.dumps_kwargs"] = {"sort_keys": False, "default": str, "ensure_ascii": False}
templates.env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
templates.env.filters["pct"] = lambda x: "–" if x is None else f"{100 * x:.0f}%"
