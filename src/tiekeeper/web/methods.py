"""Which methods a path answers to. Starlette's 405 names only the first route that matched the
path (GET /people says `Allow: GET`, though POST works too); `Allow` must list them all, and an
OPTIONS request answers with that list (RFC 9110)."""

from __future__ import annotations

from typing import Final

from starlette.requests import Request
from starlette.routing import Match

METHODS: Final = ("DELETE", "GET", "HEAD", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route of the app takes at this request's path, OPTIONS included.
    Asked of the routes themselves (included routers nest them), one method at a time."""
    routes = request.app.router.routes
    found = {
        method
        for method in METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    }
    if "GET" in found:
        found.add("HEAD")  # Starlette answers HEAD wherever it answers GET
    return sorted(found | {"OPTIONS"})
