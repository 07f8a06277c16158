"""What every route needs: the store, and the day to act on (the clock or `?date=`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from tiekeeper.domain.dates import parse_when
from tiekeeper.store.uow import Store


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


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
