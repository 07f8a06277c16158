"""One interaction through the API: read it whole, correct it."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from tiekeeper.services import views
from tiekeeper.services.interaction_edit import InteractionChanges, edit_interaction
from tiekeeper.services.interactions import show_interaction
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.schemas import In, InteractionOut, ReminderOut

router = APIRouter(tags=["interactions"])


class InteractionDetailOut(InteractionOut):
    """An interaction with the follow-ups it set (= `tiekeeper interaction show --json`)."""

    follow_ups: list[ReminderOut]


class InteractionPatchIn(In):
    """What to change; absent fields stay as they are."""

    when: str | None = Field(None, description="ISO date or words: yesterday, 3 days ago")
    channel: str | None = None
    by: Literal["me", "them", "mutual"] | None = None
    summary: str | None = Field(None, description='"" clears it')
    topics: list[str] | None = Field(None, description="replaces the topics; [] removes them")

    def changes(self) -> InteractionChanges:
        return InteractionChanges(**self.model_dump())


@router.get("/interactions/{interaction_id}", response_model=InteractionDetailOut)
def get_interaction(interaction_id: int, store: StoreDep) -> dict[str, Any]:
    """One interaction: its people, topics, favours and follow-ups."""
    return views.interaction_view_dict(show_interaction(store.uow(), interaction_id))


@router.patch("/interactions/{interaction_id}", response_model=InteractionDetailOut)
def patch_interaction(
    interaction_id: int, body: InteractionPatchIn, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Correct an interaction's day, channel, who reached out, summary or topics."""
    view = edit_interaction(store.uow(), interaction_id, body.changes(), today)
    return views.interaction_view_dict(view)
