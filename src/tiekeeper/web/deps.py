"""What every route needs: the store, and the day to act on (the clock or `?date=`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from tiekeeper.domain.dates import parse_when
from tiekeeper.store.uow import Store
from tiekeeper.web import schema_types as t


def request_store(request: Request) -> Store:
    """Local mode: the one store. Server mode: a store acting for the request's account (every
    repository then filters by that owner), or LoginRequired. Reads the database in server mode:
    call it from a thread."""
    store: Store = request.app.state.store
    if request.app.state.accounts is None:
        return store
    from tiekeeper.web.auth import LoginRequired, owner_of

    owner = owner_of(request)
    if owner is None:
        raise LoginRequired
    return Store(store.engine, owner)


# The dependencies are `async`: FastAPI runs a plain `def` one in the thread pool, a hop to a
# thread and back (and a wait for one of `serve --threads`) for what takes microseconds here.


async def get_store(request: Request) -> Store:
    """`request_store` as a dependency: in a thread only in server mode, where it reads the
    session or the token."""
    if request.app.state.accounts is None:
        store: Store = request.app.state.store
        return store
    return await run_in_threadpool(request_store, request)


async def get_today(
    request: Request,
    date_: Annotated[
        str | None,
        Query(
            alias="date",
            pattern=t.WHEN,
            description="Act as if today were this day (ISO or words).",
        ),
    ] = None,
) -> date:
    real: date = request.app.state.today()
    return real if date_ is None else parse_when(date_, real, field="date")


StoreDep = Annotated[Store, Depends(get_store)]
# An id either backend can hold: a larger one is a 422, not an overflow deep in the driver.
IdPath = Annotated[int, Path(ge=1, le=t.MAX_ID)]
PersonPath = Annotated[
    str, Path(max_length=320, pattern=t.LINE, description="an id, an e-mail or a unique name")
]
EventPath = Annotated[str, Path(max_length=300, pattern=t.LINE, description="an id or a name")]
TodayDep = Annotated[date, Depends(get_today)]
