"""`mount_dav`: Radicale, with tiekeeper's auth, rights and storage plugins, at /dav/ of the web
app, and the /.well-known/ addresses that let phones find it from the server's name alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from http import HTTPStatus
from typing import Any

from a2wsgi import WSGIMiddleware
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from radicale import config as radicale_config
from radicale.app import Application

from tiekeeper.dav import refusal
from tiekeeper.dav.auth import Auth
from tiekeeper.dav.rights import Rights, read_only_calendar
from tiekeeper.dav.storage import Owner, Storage
from tiekeeper.services.sync.calendars import READ_ONLY
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store

PREFIX = "/dav"
# Seconds a wrong login waits (Radicale adds jitter): slows guessing of passwords by phone.
FAILED_LOGIN_DELAY = 1.0
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
WRITES = frozenset({"PUT", "DELETE", "PROPPATCH", "MOVE", "COPY", "MKCOL", "MKCALENDAR"})


def _owners(accounts: AccountStore, only: int | None) -> Owner:
    def owner_of(name: str) -> int | None:
        found = accounts.find(name)
        if found is None or (only is not None and found.id != only):
            return None
        return found.id

    return owner_of


def radicale_app(
    store: Store,
    accounts: AccountStore | None,
    today: Callable[[], date],
    now: Callable[[], datetime],
) -> WSGIApp:
    """The Radicale WSGI app over `store`; without `accounts` (local mode) only the store's own
    account, with an app password, gets in."""
    users = accounts if accounts is not None else AccountStore(store.engine)
    only = None if accounts is not None else store.owner_id
    configuration = radicale_config.load()
    configuration.update(
        {
            "auth": {
                "type": lambda c: Auth(c, accounts=users, now=now, only=only),
                "cache_logins": "False",
                "delay": str(FAILED_LOGIN_DELAY),
            },
            "storage": {
                "type": lambda c: Storage(
                    c, store=store, owner_of=_owners(users, only), today=today, now=now
                ),
            },
            # Radicale's owner_only check (a login reaches /NAME/ and below, nothing of another
            # account's), with the birthdays and events calendars read-only.
            "rights": {"type": lambda c: Rights(c)},
            "web": {"type": "none"},
        },
        "tiekeeper",
        privileged=True,
    )
    inner = Application(configuration)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        # A client's X-Script-Name would move Radicale's base path; the mount decides it.
        environ.pop("HTTP_X_SCRIPT_NAME", None)
        if _stale_card_put(environ):
            # A card edited from an older version is merged (services/sync/cards.put_card), not
            # refused with Radicale's 412, which makes phones drop their edit.
            environ.pop("HTTP_IF_MATCH", None)
        refusal.clear()
        answered: list[Any] = []
        body = inner(environ, lambda *args: answered.append(args))
        refused = refusal.take()
        status = str(answered[0][0]) if answered else ""
        method = str(environ.get("REQUEST_METHOD", "")).upper()
        calendar = read_only_calendar(str(environ.get("PATH_INFO", "")))
        if refused is None and status.startswith("403") and method in WRITES and calendar:
            # Radicale's own 403 (its rights said read only) says only "forbidden"
            refused = refusal.Refused(403, READ_ONLY[calendar])
        if refused is None:
            start_response(*answered[0])
            return body
        return _plain(start_response, refused.status, refused.message, refused.retry_after)

    return app


def _stale_card_put(environ: dict[str, Any]) -> bool:
    """A PUT of a card in an address book with an If-Match naming some version ("*" stays)."""
    parts = [p for p in str(environ.get("PATH_INFO", "")).split("/") if p]
    return (
        str(environ.get("REQUEST_METHOD", "")).upper() == "PUT"
        and len(parts) == 3
        and parts[1] == "contacts"
        and environ.get("HTTP_IF_MATCH", "*").strip() != "*"
    )


def _plain(
    start_response: Callable[..., Any], status: int, message: str, retry_after: int | None = None
) -> list[bytes]:
    """A refusal as plain text: clients show it, and people reading a log understand it."""
    data = (message.rstrip(".") + ".\n").encode("utf-8")
    phrase = HTTPStatus(status).phrase
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    if retry_after is not None:
        headers.append(("Retry-After", str(retry_after)))
    start_response(f"{status} {phrase}", headers)
    return [data]


def mount_dav(
    app: FastAPI,
    store: Store,
    accounts: AccountStore | None,
    today: Callable[[], date],
    now: Callable[[], datetime],
) -> None:
    """CardDAV and CalDAV at /dav/ and the well-known redirects (RFC 6764) to it."""

    def well_known() -> RedirectResponse:
        return RedirectResponse(PREFIX + "/", status_code=301)

    for name in ("carddav", "caldav"):
        app.add_api_route(
            f"/.well-known/{name}",
            well_known,
            methods=["GET", "HEAD", "PROPFIND"],
            include_in_schema=False,
        )
    app.mount(PREFIX, WSGIMiddleware(radicale_app(store, accounts, today, now)))  # type: ignore[arg-type]
