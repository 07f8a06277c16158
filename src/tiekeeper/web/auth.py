"""Who is asking, in multi-user server mode: an API token (`Authorization: Bearer tk_...`) or a
browser session cookie. In local mode there is no login and everything acts as the local account.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tiekeeper.domain.errors import PermissionDenied, TiekeeperError
from tiekeeper.services.accounts import log_in, log_out, session_account, token_account
from tiekeeper.store.accounts import AccountStore
from tiekeeper.web.security import check_form_token

SESSION = "tk_session"
MAX_FAILURES = 5  # wrong passwords per account name within LOCKOUT before it is locked
LOCKOUT = timedelta(minutes=15)


class LoginThrottle:
    """Wrong passwords per account name (this process's memory): after MAX_FAILURES within
    LOCKOUT the name is locked until the oldest of them is LOCKOUT old. Guessing a password
    is slow anyway (argon2id); this makes it hopeless."""

    def __init__(self) -> None:
        self.failures: dict[str, deque[datetime]] = defaultdict(deque)

    def _recent(self, name: str, now: datetime) -> deque[datetime]:
        seen = self.failures[name.strip().casefold()]
        while seen and now - seen[0] >= LOCKOUT:
            seen.popleft()
        return seen

    def check(self, name: str, now: datetime) -> None:
        seen = self._recent(name, now)
        if len(seen) >= MAX_FAILURES:
            wait = math.ceil((seen[0] + LOCKOUT - now).total_seconds() / 60)
            raise PermissionDenied(f"too many wrong passwords; try again in {wait} minutes")

    def failed(self, name: str, now: datetime) -> None:
        self._recent(name, now).append(now)

    def succeeded(self, name: str) -> None:
        self.failures.pop(name.strip().casefold(), None)


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
    from tiekeeper.web.pages import render

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
    try:
        throttle.check(name, now)
        try:
            session = log_in(request.app.state.accounts, name, password, now)
        except PermissionDenied:
            throttle.failed(name, now)
            raise
    except TiekeeperError as exc:
        return _login_page(request, next, name, str(exc), 403)
    throttle.succeeded(name)
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
