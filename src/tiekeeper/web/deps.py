"""What every route needs: the store, and the day to act on (the clock or `?date=`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from tiekeeper.domain.dates import parse_when
from tiekeeper.store.uow import Store


def get_store(request: Request) -> Store:
    """Local mode: the one store. Server mode: a store acting for the request's account (every
    repository then filters by that owner), or LoginRequired."""
    store: Store = request.app.state.store
    if request.app.state.accounts is None:
        return store
    from tiekeeper.web.auth import LoginRequired, owner_of

    owner = owner_of(request)
    if owner is None:
        raise LoginRequired
    return Store(store.engine, owner)


def get_today(
    request: Request,
    date_: Annotated[
        str | None,
        Query(alias="date", description="Act as if today were this day (ISO or words)."),
    ] = None,
) -> date:
    real: date = request.app.state.today()
    return real if date_ is None else parse_when(date_, real, field="date")


StoreDep = Annotated[Store, Depends(get_store)]
TodayDep = Annotated[date, Depends(get_today)]
