"""Protection against other pages: the server answers only to its own host names (no DNS
rebinding), a state-changing request must come from its own origin (no cross-site request
forgery), and every response tells the browser what the page may load and who may frame it.

A page served on another port of the same machine is another origin, but cookies do not tell
ports apart: such a page can set, replace or flood our cookies. So the `Origin` of a browser's
POST must match ours in scheme, host *and* port, and a form token is not a cookie's value but
an HMAC, under a key only the server knows, of the session (or, before login, of the browser's
`tk_csrf` cookie): a cookie planted by another page gives a token nobody can compute."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Final
from urllib.parse import urlsplit

from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tiekeeper.domain.errors import PermissionDenied
from tiekeeper.store.server_secrets import server_secret

COOKIE: Final = "tk_csrf"
SESSION: Final = "tk_session"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS: Final = {"http": 80, "https": 443}
FORM_KEY: Final = "form-token"
# Only the app's own stylesheet (and scripts, should it get any), no inline code, no framing.
CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; "
    "base-uri 'none'; "
    "frame-ancestors 'none'"
)
HEADERS: Final = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}
HSTS: Final = "max-age=31536000"


def add_security_headers(request: Request, response: Response) -> None:
    """The headers every response carries; HSTS only over https (over plain http a browser
    ignores it, and a local server has no certificate to insist on). Behind a TLS proxy the
    scheme is the proxy's `X-Forwarded-Proto`, believed only from the address `serve
    --proxy-headers` trusts (uvicorn rewrites the scope's scheme before the app sees it)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.url.scheme == "https":
        response.headers.setdefault("Strict-Transport-Security", HSTS)


_RAW_HEADERS: Final = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]


class SecurityHeaders:
    """ASGI middleware giving every answer the headers, whoever made it: a route, an error
    handler, the host check, the DAV mount, a middleware that refused the request. (The answer
    to an unhandled exception is made outside all middleware: web/errors.py adds them there.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in _RAW_HEADERS if k not in present]
                if https and b"strict-transport-security" not in present:
                    headers.append((b"strict-transport-security", HSTS.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _key(request: Request) -> bytes:
    """The server's signing key, read once per app (the database shares it between workers)."""
    key: bytes | None = getattr(request.app.state, "form_key", None)
    if key is None:
        key = server_secret(request.app.state.store.engine, FORM_KEY, request.app.state.now())
        request.app.state.form_key = key
    return key


def _sign(request: Request, binding: str) -> str:
    mac = hmac.new(_key(request), f"form\0{binding}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def _binding(request: Request) -> str | None:
    """What a form token belongs to: the session when there is one, else this browser."""
    session = request.cookies.get(SESSION)
    if session:
        return f"session\0{session}"
    browser = request.cookies.get(COOKIE)
    return f"browser\0{browser}" if browser else None


def csrf_token(request: Request) -> str:
    """The token for this browser's forms (a new browser gets its `tk_csrf` cookie from the
    pages' middleware, with the value kept in request.state.csrf)."""
    binding = _binding(request)
    if binding is None:
        fresh = getattr(request.state, "csrf", None) or new_token()
        request.state.csrf = fresh
        binding = f"browser\0{fresh}"
    return _sign(request, binding)


def _origin(scheme: str, host: str | None, port: int | None) -> tuple[str, str, int | None]:
    scheme = scheme.lower()
    return scheme, (host or "").lower(), port or DEFAULT_PORTS.get(scheme)


def check_origin(request: Request) -> None:
    """Refuse a state-changing request sent by a page of another origin (another site, or
    another port or scheme of this one). Our own host name was checked before (the app's
    TrustedHostMiddleware), so matching it is enough."""
    if request.method in SAFE:
        return
    origin = request.headers.get("origin")
    if origin is None:  # not a browser's cross-site request (curl, scripts, same-origin GET)
        return
    own = _origin(request.url.scheme, request.url.hostname, request.url.port)
    try:
        parts = urlsplit(origin)
        theirs = _origin(parts.scheme, parts.hostname, parts.port)
    except ValueError:  # a port that is not a number
        theirs = None
    if origin == "null" or theirs != own:
        raise PermissionDenied(f"requests from {origin} are not accepted")


def check_form_token(request: Request, submitted: str | None) -> None:
    """A form POST must carry the token of its session or browser."""
    binding = _binding(request)
    expected = _sign(request, binding) if binding else None
    if not expected or not submitted or not hmac.compare_digest(expected, submitted):
        raise PermissionDenied("the form has expired or did not come from tiekeeper; reload it")
