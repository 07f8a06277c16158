"""`create_app`: the one place the web app is assembled from a store and settings."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import BaseRoute

from tiekeeper.dav.mount import mount_dav
from tiekeeper.services.login_throttle import LoginThrottle
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.login_failures import LoginFailureStore
from tiekeeper.store.uow import Store
from tiekeeper.web import auth, errors, feeds
from tiekeeper.web.api import career as api_career
from tiekeeper.web.api import coaching as api_coaching
from tiekeeper.web.api import core as api
from tiekeeper.web.api import interactions as api_interactions
from tiekeeper.web.api import trash as api_trash
from tiekeeper.web.api import upkeep as api_upkeep
from tiekeeper.web.busy_retry import BusyRetry, watch_commits
from tiekeeper.web.pages import core as pages
from tiekeeper.web.same_origin import SameOriginOnly
from tiekeeper.web.security import SecurityHeaders
from tiekeeper.web.warm_up import start_warm_up

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
STATIC = Path(__file__).with_name("static")
# FastAPI 0.165 and later trace, meter and log every request through OpenTelemetry, and export
# to any OTLP endpoint the environment names (FASTAPI_OTEL_AUTO_CONFIGURE=true): a variable set
# for another program would send tiekeeper's paths and errors off the machine (and, without the
# OpenTelemetry SDK, stop the server from starting). Nothing leaves unless tiekeeper is told to:
# all of it is off. Looking for providers on each request was 4% of a worker's time, too.
_NO_TELEMETRY: dict[str, Any] = (
    {
        "telemetry": {
            "tracing": False, "metrics": False, "logs": False, "operation_spans": False,
            "auto_configure": False,
        }
    }
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)  # fmt: skip


def create_app(
    store: Store,
    *,
    today: Callable[[], date] = date.today,
    allowed_hosts: Iterable[str] = LOCAL_HOSTS,
    accounts: AccountStore | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    warm_up: bool = False,
    threads: int | None = None,
) -> FastAPI:
    """The app over `store`; `today` and `now` are the clock (tests pin them), `allowed_hosts`
    the names the server answers to (anything else is refused: no DNS rebinding onto a local
    server). With `accounts`, it is the multi-user server: every request must carry a session
    or an API token and acts for that account only; without, it acts as `store`'s owner.
    `warm_up` works out the slow pages ahead (web/warm_up.py): for the local account at once, on
    the multi-user server for each account as it logs in. `threads` bounds the requests the
    process runs at once (`serve --threads`; None keeps anyio's 40)."""
    hosts = frozenset(allowed_hosts)
    app = FastAPI(
        lifespan=_lanes(threads),
        title="tiekeeper",
        summary="Your personal networking system: people, interactions, follow-ups, Today.",
        version="1",
        # The interactive docs pages load their scripts from a CDN: nothing leaves the machine,
        # so only the OpenAPI description itself is served.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        **_NO_TELEMETRY,
    )
    app.state.store = store
    app.state.today = today
    app.state.now = now
    app.state.accounts = accounts
    # called by the login page for each account that logs in (web/auth.py)
    app.state.warm_up = start_warm_up if warm_up else None
    if warm_up and accounts is None:
        start_warm_up(store, today())
    app.state.login_throttle = LoginThrottle(LoginFailureStore(store.engine))
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(hosts))
    app.add_middleware(SameOriginOnly)  # writes from our own origin only; the form cookie
    # Outside the origin check and the host check: a request that met SQLite's write lock runs
    # again (web/busy_retry.py), and every answer, refusals included, gets the headers.
    app.add_middleware(BusyRetry)
    app.add_middleware(SecurityHeaders)
    watch_commits(store.engine)
    errors.install(app)
    app.router.routes.extend(_routes(login=accounts is not None))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    mount_dav(app, store, accounts, today, now)  # CardDAV at /dav/ (docs/web.md "Phone sync")
    return app


@cache
def _routes(*, login: bool) -> tuple[BaseRoute, ...]:
    """The API's and the pages' routes, assembled once per process and shared by every app:
    FastAPI works out each route's parameters and models (a pydantic adapter for each) once
    per app it is included in, about 0.25 s of the first request, and the tests make an app for
    each test. Nothing in a route belongs to one app (they read the store, the clock and the
    accounts from `request.app.state`); no app overrides dependencies."""
    shared = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, **_NO_TELEMETRY)
    shared.include_router(api.router, prefix="/api/v1")
    shared.include_router(api_trash.router, prefix="/api/v1", responses=api.ERRORS)
    shared.include_router(api_interactions.router, prefix="/api/v1", responses=api.ERRORS)
    shared.include_router(api_coaching.router, prefix="/api/v1", responses=api.ERRORS)
    shared.include_router(api_career.router, prefix="/api/v1", responses=api.ERRORS)
    shared.include_router(api_upkeep.router, prefix="/api/v1", responses=api.ERRORS)
    if login:
        shared.include_router(auth.router)
    shared.include_router(feeds.router)
    shared.include_router(pages.router)
    return tuple(shared.router.routes)


def _lanes(threads: int | None) -> Callable[[FastAPI], Any]:
    """The app's lifespan: at most `threads` routes run at once in this process. The routes are
    synchronous and share Python's one interpreter lock: 40 of them at once (anyio's default)
    take turns at it and at SQLite's write lock, each finishing late; a few at a time, the
    rest waiting their turn on the event loop, serve more requests a second and a far shorter
    tail (bench/bench_server.py, 50 clients on SQLite: p95 641-725 ms with 40, 367-427 ms with
    2; p99 about 2 s and 0.4 s)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    return lifespan
