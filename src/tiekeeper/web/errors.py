"""The exception tree translated once for the web: 404/409/422/403, 503 Busy (with Retry-After),
400 for a body that is not JSON and 500 for a bug, as the JSON envelope under /api and as a page
elsewhere, every one with the security headers."""

from __future__ import annotations

import html
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tiekeeper.domain.errors import (
    Busy,
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    TiekeeperError,
)
from tiekeeper.web.busy_retry import mark_busy
from tiekeeper.web.methods import allowed_methods
from tiekeeper.web.schema_types import FIELD_NAMES, PATTERN_HELP
from tiekeeper.web.security import add_security_headers

STATUS: dict[type[TiekeeperError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    PermissionDenied: 403,
    Busy: 503,  # SQLite's lock or PostgreSQL's collision: the same request works again
}
# What a Busy answer's Retry-After says (seconds): another writer holds the lock for moments.
RETRY_AFTER_SECONDS = 1


# PostgreSQL's answer when two transactions wait for each other (two requests adding the same
# new e-mails in opposite order) or would not serialize: it fails one, which wrote nothing.
# Like SQLite's lock, a Busy: BusyRetry runs the request again and it meets the other's rows.
COLLIDED_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure
COLLIDED_MESSAGE = "another request was changing the same rows at the same moment; try again"


def _transactions_collided(exc: Exception) -> bool:
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in COLLIDED_SQLSTATES


def status_of(exc: TiekeeperError) -> int:
    return next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 400)


def error_body(exc: TiekeeperError) -> dict[str, Any]:
    """{"error": {"kind", "message", "field", "value"}}: the field and value when known."""
    body: dict[str, Any] = {"kind": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, InvalidInput):
        body["field"] = exc.field
        body["value"] = None if exc.value is None else str(exc.value)
    return {"error": body}


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def error_response(request: Request, exc: TiekeeperError) -> Response:
    """The error as JSON for the API, as a page for a browser. Busy (SQLite's write lock) says
    when to ask again, and marks the request so BusyRetry may run it again first."""
    code = status_of(exc)
    headers: dict[str, str] = {}
    if isinstance(exc, Busy):
        mark_busy(request.scope)
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if _wants_page(request):
        page = _error_page(request, str(exc), code)
        page.headers.update(headers)
        return page
    return JSONResponse(error_body(exc), status_code=code, headers=headers)


def _error_page(request: Request, message: str, code: int) -> Response:
    """The error page; when even that cannot be made (its form token's key is written to the
    database on first use, and the database may be the very thing that is locked), a bare page
    with the same words."""
    try:
        from tiekeeper.web.pages.core import render

        page: Response = render(request, "error.html", {"message": message}, status_code=code)
    except Exception:
        text = html.escape(message)
        page = HTMLResponse(
            f'<!doctype html><html lang="en"><meta charset="utf-8"><title>tiekeeper</title>'
            f"<main><h1>{text}</h1></main></html>",
            status_code=code,
        )
    return page


def server_error_response(request: Request) -> Response:
    """A bug's answer: the envelope (the API) or a short page, with the security headers, and
    nothing of the exception (its text may hold data or paths)."""
    message = "the server failed on this request (a bug: the server's log says more)"
    response: Response
    if _wants_page(request):
        response = _error_page(request, message, 500)
    else:
        body = {"error": {"kind": "ServerError", "message": message}}
        response = JSONResponse(body, status_code=500)
    add_security_headers(request, response)
    return response


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TiekeeperError)
        return error_response(request, exc)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {}
        if first.get("type") == "json_invalid":  # not a value refused: no body could be read
            text = str((first.get("ctx") or {}).get("error", "")) or "it cannot be parsed"
            body = {"error": {"kind": "BadRequest", "message": f"the body is not JSON ({text})"}}
            return JSONResponse(body, status_code=400)
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
        if loc:
            loc[0] = FIELD_NAMES.get(loc[0], loc[0])
        field = ".".join(loc) or None
        message = str(first.get("msg", "invalid request"))
        help_ = PATTERN_HELP.get(str((first.get("ctx") or {}).get("pattern")))
        if help_ is not None:
            message = f"{first.get('input')!r} {help_}"
        err = InvalidInput(message, field=field, value=first.get("input"))
        return error_response(request, err)

    async def on_login_required(request: Request, exc: Exception) -> Response:
        from tiekeeper.web.auth import login_redirect

        if _wants_page(request):
            return login_redirect(request)
        body = {"error": {"kind": "LoginRequired", "message": "log in or send an API token"}}
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    async def on_database_error(request: Request, exc: Exception) -> Response:
        from tiekeeper.store.failures import user_error

        found = user_error(exc)
        if found is None and _transactions_collided(exc):
            found = Busy(COLLIDED_MESSAGE)
        if found is None:
            raise exc
        return error_response(request, found)

    async def on_server_error(request: Request, exc: Exception) -> Response:
        # Starlette's outermost middleware calls this for any exception nothing else handled,
        # also one raised in a middleware; its answer bypasses every other middleware.
        return server_error_response(request)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        """Routing's own errors (no such route, a method it does not take, a body that is not
        JSON) in the same envelope; 405 and OPTIONS list every method the path takes."""
        assert isinstance(exc, StarletteHTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
            if request.method == "OPTIONS":
                return Response(status_code=204, headers=headers)
        if _wants_page(request):  # a page for a browser, as every other error outside /api
            page = _error_page(request, str(exc.detail), exc.status_code)
            page.headers.update(headers)
            return page
        kind = "".join(HTTPStatus(exc.status_code).phrase.title().split())
        body = {"error": {"kind": kind, "message": str(exc.detail)}}
        return JSONResponse(body, status_code=exc.status_code, headers=headers)

    from sqlalchemy.exc import DataError, OperationalError

    from tiekeeper.web.auth import LoginRequired

    app.add_exception_handler(Exception, on_server_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(OperationalError, on_database_error)
    # A number past its column at a door that does not bound it: 422 on both backends
    # (PostgreSQL's "integer out of range", SQLite's driver's OverflowError past 2**63).
    app.add_exception_handler(DataError, on_database_error)
    app.add_exception_handler(OverflowError, on_database_error)
    app.add_exception_handler(LoginRequired, on_login_required)
    app.add_exception_handler(TiekeeperError, on_error)
    app.add_exception_handler(RequestValidationError, on_validation)
