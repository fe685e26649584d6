"""The eventwire web app: pages for people, JSON for programs, over one read-only store.

Nothing is fetched from elsewhere: Plotly and Swagger UI are served from their installed Python
packages, everything else from ``static/``. A Content-Security-Policy allows scripts from this app
only, as a second guard behind escaping all article text.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import plotly
import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.web import api, pages
from eventwire.web.analyse import Analyser, default_analyser
from eventwire.web.bodylimit import BodyLimit
from eventwire.web.cache import ResponseCache, warm
from eventwire.web.db import Database
from eventwire.web.render import templates

HERE = Path(__file__).parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
DESCRIPTION = """Structured, source-linked event data from news: who did what to whom, when, and
according to whom. Every list is paginated (`page`, `per_page`); filters are query parameters and
the same on every events endpoint. `POST /api/sql` runs one read-only SELECT."""


def create_app(db: str | Path, analyser: Analyser | None = None, sql_timeout_s: float = 5.0,
               sql_max_rows: int = 5000, sql_memory_mb: int = 1024) -> FastAPI:
    """The app over the store at ``db`` (opened read-only; see :class:`Database`); SQL endpoint queries run
    in a child process held to ``sql_memory_mb`` of memory (see ``sql.py``)."""
    database = Database(db)

    @asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[None]:
        await warm(started)
        yield
        database.close()

    app = FastAPI(title="eventwire", version="1", description=DESCRIPTION, docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.db = database
    app.state.analyser = analyser or default_analyser()
    app.state.sql_timeout_s = sql_timeout_s
    app.state.sql_max_rows = sql_max_rows
    app.state.sql_memory_mb = sql_memory_mb

    app.add_middleware(BodyLimit, max_bytes=api.MAX_UPLOAD_BYTES + 2**20)  # an upload and its form fields
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/static-vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {"openapi_url": app.openapi_url})

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    # outermost, so that a hit skips the middleware above; it keeps the security headers it was given
    app.add_middleware(ResponseCache, generation=lambda: database.generation)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code == 405:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": exc.detail},
                                          status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": problems}, status_code=422)
        return templates.TemplateResponse(request, "error.html", {"status": 422, "message": "; ".join(problems)},
                                          status_code=422)

    app.include_router(api.router)
    app.include_router(pages.router)
    return app
