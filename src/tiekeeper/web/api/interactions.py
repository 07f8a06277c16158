"""One interaction through the API: read it whole, correct it."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from tiekeeper.domain.limits import limit
from tiekeeper.services import views
from tiekeeper.services.interaction_edit import InteractionChanges, edit_interaction
from tiekeeper.services.interactions import show_interaction
from tiekeeper.web import schema_types as t
from tiekeeper.web.deps import IdPath, StoreDep, TodayDep
from tiekeeper.web.schemas import In, InteractionOut, ReminderOut

router = APIRouter(tags=["interactions"])


class InteractionDetailOut(InteractionOut):
    """An interaction with the follow-ups it set (= `tiekeeper interaction show --json`)."""

    follow_ups: list[ReminderOut]


class InteractionPatchIn(In):
    """What to change; absent fields stay as they are."""

    when: t.When | None = None
    channel: t.Channel | None = None
    by: Literal["me", "them", "mutual"] | None = None
    summary: str | None = Field(
        None, description='"" clears it', max_length=limit("summary"), pattern=t.TEXT
    )
    topics: list[t.Topic] | None = Field(None, description="replaces the topics; [] removes them")

    def changes(self) -> InteractionChanges:
        return InteractionChanges(**self.model_dump())


@router.get("/interactions/{interaction_id}", response_model=InteractionDetailOut)
def get_interaction(interaction_id: IdPath, store: StoreDep) -> dict[str, Any]:
    """One interaction: its people, topics, favours and follow-ups."""
    return views.interaction_view_dict(show_interaction(store.uow(), interaction_id))


@router.patch("/interactions/{interaction_id}", response_model=InteractionDetailOut)
def patch_interaction(
    interaction_id: IdPath, body: InteractionPatchIn, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Correct an interaction's day, channel, who reached out, summary or topics."""
    view = edit_interaction(store.uow(), interaction_id, body.changes(), today)
    return views.interaction_view_dict(view)
