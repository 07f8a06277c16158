"""The calendar as a feed calendar apps subscribe to: follow-ups, birthdays, anniversaries and
check-in due dates with stable UIDs (services/exporting.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.accounts import token_account
from tiekeeper.services.exporting import export_ics
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep

router = APIRouter(include_in_schema=False)


def _ics(store: Store, request: Request) -> Response:
    result = export_ics(store.uow(), request.app.state.now())
    return Response(result.data, media_type=result.media_type)


@router.get("/calendar.ics")
def calendar(store: StoreDep, request: Request) -> Response:
    """This account's calendar (local mode: no login; server mode: a session or API token)."""
    return _ics(store, request)


@router.get("/feeds/{token}/calendar.ics")
def calendar_feed(token: str, request: Request) -> Response:
    """Server mode: the feed of the account whose calendar token is in the URL (calendar apps
    cannot log in). The token opens this feed and nothing else."""
    accounts = request.app.state.accounts
    owner = None
    if accounts is not None:
        owner = token_account(accounts, token, request.app.state.now(), scope="calendar")
    if owner is None:
        raise NotFound("no such calendar feed")
    return _ics(Store(request.app.state.store.engine, owner), request)
