"""Local-mode protection: the server answers only to its own host names (no DNS rebinding), and
a state-changing request must come from its own pages (no cross-site request forgery).

Browsers send `Origin` on every cross-site POST; a form of ours also carries the token of the
`tk_csrf` cookie (double submit), which another site can neither read nor set."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request

from tiekeeper.domain.errors import PermissionDenied

COOKIE = "tk_csrf"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(request: Request) -> str:
    """The token for this browser's forms (set as a cookie by the pages' middleware)."""
    token = request.cookies.get(COOKIE) or getattr(request.state, "csrf", None)
    if token is None:
        token = request.state.csrf = new_token()
    return str(token)


def check_origin(request: Request, allowed_hosts: frozenset[str]) -> None:
    """Refuse a state-changing request sent by another site's page."""
    if request.method in SAFE:
        return
    origin = request.headers.get("origin")
    if origin is None:  # not a browser's cross-site request (curl, scripts, same-origin GET)
        return
    host = urlsplit(origin).hostname if origin != "null" else None
    if host not in allowed_hosts:
        raise PermissionDenied(f"requests from {origin} are not accepted")


def check_form_token(request: Request, submitted: str | None) -> None:
    """A form POST must carry the token of its cookie."""
    cookie = request.cookies.get(COOKIE)
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise PermissionDenied("the form has expired or did not come from tiekeeper; reload it")
