"""Message drafts for Today's items (= `tiekeeper draft`). tiekeeper never sends anything: a
draft is text to copy and send yourself."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from tiekeeper.services.drafts import drafts
from tiekeeper.services.visibility_views import draft_dict
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import Out

router = APIRouter(tags=["agenda"])
Minutes = Annotated[int, Query(ge=1, le=480, description="your time budget, as for /today")]


class DraftOut(Out):
    item: int  # the item's number on Today
    kind: str
    person_id: int
    person: str
    reason: str
    reminder_id: int | None
    template: str
    text: str


@router.get("/today/drafts", response_model=list[DraftOut])
def get_drafts(store: StoreDep, today: TodayDep, minutes: Minutes = 15) -> list[dict[str, Any]]:
    """A short message to copy for each item on Today."""
    return [draft_dict(d) for d in drafts(store.uow(), today, None, minutes)]


@router.get("/today/drafts/{item}", response_model=DraftOut)
def get_draft(
    store: StoreDep,
    today: TodayDep,
    item: Annotated[int, Path(ge=1, le=480, description="the item's number on Today")],
    minutes: Minutes = 15,
) -> dict[str, Any]:
    """The draft for item N of Today (a number that is not on Today is a 422 naming `N`)."""
    [found] = drafts(store.uow(), today, item, minutes)
    return draft_dict(found)
