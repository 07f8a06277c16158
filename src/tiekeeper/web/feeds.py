"""The calendar as a feed calendar apps subscribe to: follow-ups, birthdays, anniversaries and
check-in due dates with stable UIDs (services/exporting.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.accounts import token_account
from tiekeeper.services.exporting import export_ics
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import request_store

router = APIRouter(include_in_schema=False)


def _ics(store: Store, request: Request) -> Response:
    result = export_ics(store.uow(), request.app.state.now())
    return Response(result.data, media_type=result.media_type)


def _unauthorized(message: str) -> Response:
    """401 in the API's error envelope: calendar apps and scripts cannot follow a redirect to
    a login page (they would read its HTML as a calendar)."""
    body = {"error": {"kind": "LoginRequired", "message": message}}
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})


@router.get("/calendar.ics")
def calendar(request: Request) -> Response:
    """This account's calendar (local mode: no login; server mode: a session or API token)."""
    from tiekeeper.web.auth import LoginRequired

    try:
        store = request_store(request)
    except LoginRequired:
        return _unauthorized("log in or send an API token (a calendar token opens /feeds/...)")
    return _ics(store, request)


@router.get("/feeds/{token}/calendar.ics")
def calendar_feed(token: str, request: Request) -> Response:
    """Server mode: the feed of the account whose calendar token is in the URL (calendar apps
    cannot log in). The token opens this feed and nothing else."""
    accounts = request.app.state.accounts
    if accounts is None:
        raise NotFound("no such calendar feed")  # local mode: /calendar.ics, no tokens
    owner = token_account(accounts, token, request.app.state.now(), scope="calendar")
    if owner is None:
        return _unauthorized("this calendar token is unknown, revoked or expired")
    return _ics(Store(request.app.state.store.engine, owner), request)
