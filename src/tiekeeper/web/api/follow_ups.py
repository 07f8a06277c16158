"""The open follow-ups as a list through the API (= `tiekeeper follow-ups`): those due by today,
also the ones Today had no room for, or with `all` every open one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tiekeeper.services.reminders import open_follow_ups
from tiekeeper.services.views import open_follow_up_dict
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import Out

router = APIRouter(tags=["follow-ups"])


class OpenFollowUpOut(Out):
    id: int
    person_id: int
    person: str
    kind: str
    due_on: str
    action: str | None
    reason: str
    overdue_days: int


@router.get("/follow-ups", response_model=list[OpenFollowUpOut])
def get_follow_ups(
    store: StoreDep,
    today: TodayDep,
    every: Annotated[bool, Query(alias="all", description="also future and snoozed ones")] = False,
) -> list[dict[str, Any]]:
    """Every open follow-up due by today, oldest first (with `all`, every open one)."""
    return [open_follow_up_dict(f) for f in open_follow_ups(store.uow(), today, every=every)]
