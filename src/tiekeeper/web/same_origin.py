"""`SameOriginOnly`: the app's check of where a write comes from, and the form-token cookie.

Plain ASGI rather than `@app.middleware("http")`: Starlette's BaseHTTPMiddleware passes every
request and answer through a task and a stream of its own, on every request."""

from __future__ import annotations

from fastapi import Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tiekeeper.domain.errors import PermissionDenied
from tiekeeper.web import errors
from tiekeeper.web.security import COOKIE, check_origin


class SameOriginOnly:
    """Refuses a write sent by a page of another origin (security.check_origin), in the error
    envelope; gives the browser the form-token cookie when a page made it a token
    (security.form_token keeps it in request.state.csrf)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        state = request.state  # made here, so the route's Request shares it
        try:
            check_origin(request)
        except PermissionDenied as exc:
            await errors.error_response(request, exc)(scope, receive, send)
            return

        async def with_cookie(message: Message) -> None:
            token = getattr(state, "csrf", None)
            if (
                message["type"] == "http.response.start"
                and token is not None
                and COOKIE not in request.cookies
            ):
                cookie = Response()
                secure = request.url.scheme == "https"
                cookie.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure)
                MutableHeaders(scope=message).append("set-cookie", cookie.headers["set-cookie"])
            await send(message)

        await self.app(scope, receive, with_cookie)
