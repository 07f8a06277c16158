"""Who is asking, in multi-user server mode: an API token (`Authorization: Bearer tk_...`) or a
browser session cookie. In local mode there is no login and everything acts as the local account.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tiekeeper.domain.errors import PermissionDenied, TiekeeperError
from tiekeeper.services.accounts import log_in, log_out, session_account, token_account
from tiekeeper.services.login_throttle import LoginThrottle, Throttled, source_of
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web import security
from tiekeeper.web.security import check_form_token

SESSION = security.SESSION  # the session cookie (form tokens are bound to it)


class LoginRequired(Exception):
    """No valid token or session: 401 for the API, the login page for a browser."""


def owner_of(request: Request) -> int | None:
    """The account behind the request's token or session, None when there is none."""
    accounts: AccountStore = request.app.state.accounts
    now = request.app.state.now()
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return token_account(accounts, header[7:].strip(), now)
    cookie = request.cookies.get(SESSION)
    return session_account(accounts, cookie, now) if cookie else None


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def _safe_next(target: str | None) -> str:
    """Only paths on this site: an open redirect would let a link send users elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


router = APIRouter(include_in_schema=False)


def _login_page(
    request: Request, next_: str | None, name: str = "", error: str | None = None, code: int = 200
) -> HTMLResponse:
    from tiekeeper.web.pages.core import render

    context = {"next": _safe_next(next_), "name": name, "error": error}
    return render(request, "login.html", context, status_code=code)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    """The login page (multi-user server mode)."""
    return _login_page(request, next)


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Check the password, open a session, go where the user was going."""
    check_form_token(request, csrf)
    throttle: LoginThrottle = request.app.state.login_throttle
    now = request.app.state.now()
    address = source_of(request.client.host if request.client else None)
    try:
        throttle.check(name, address, now)
        try:
            session = log_in(request.app.state.accounts, name, password, now)
        except PermissionDenied:
            throttle.failed(name, address, now)
            raise
    except Throttled as exc:
        page = _login_page(request, next, name, str(exc), 429)
        page.headers["Retry-After"] = str(exc.retry_after)
        return page
    except TiekeeperError as exc:
        return _login_page(request, next, name, str(exc), 403)
    throttle.succeeded(name, address, now)
    if request.app.state.warm_up is not None:  # the slow pages, worked out ahead
        engine = request.app.state.store.engine
        request.app.state.warm_up(Store(engine, session.account_id), request.app.state.today())
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION,
        session.token,
        expires=session.expires,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form()] = None) -> Response:
    """End this browser's session."""
    check_form_token(request, csrf)
    token = request.cookies.get(SESSION)
    if token:
        log_out(request.app.state.accounts, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION)
    return response
