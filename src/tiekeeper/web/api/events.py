"""Events through the API: list, add, show (goal, people met, retrospective, follow-ups) and
the quick capture of someone met there. Deleting one is DELETE /events/{event} (api_trash)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from tiekeeper.domain.events import EVENT_KINDS
from tiekeeper.domain.limits import limit
from tiekeeper.services import views
from tiekeeper.services.event_page import event_page
from tiekeeper.services.events import add_event, list_events, met_at_event
from tiekeeper.services.events_views import (
    capture_dict,
    event_dict,
    event_summary_dict,
    event_view_dict,
)
from tiekeeper.web import schema_types as t
from tiekeeper.web.deps import EventPath, StoreDep, TodayDep
from tiekeeper.web.schemas import In, Out, ReminderOut, _PersonFields

router = APIRouter(tags=["events"])
EventKind = Literal[EVENT_KINDS]  # type: ignore[valid-type]


class EventIn(In):
    """A new event (= `tiekeeper event add`)."""

    name: str = Field(max_length=limit("event"), pattern=t.NAME)
    date: t.When
    kind: EventKind = "other"
    location: str | None = t.line("location")
    goal: str | None = Field(
        None,
        max_length=limit("goal"),
        pattern=t.LINE,
        description="e.g. 'introduce myself to two people': a count becomes the target",
    )


class MetIn(_PersonFields):
    """Someone met at the event (= `tiekeeper event met`): a person you know (id, e-mail or
    exact name) or a new name, with any of a person's fields."""

    person: t.PersonRef


class EventOut(Out):
    id: int
    name: str
    kind: str
    date: str
    location: str | None
    goal: str | None
    goal_target: int | None


class EventSummaryOut(EventOut):
    people_met: int
    new_people: int


class MetPersonOut(Out):
    id: int
    name: str
    is_new: bool
    interactions_after: int
    became_tie: bool


class EventDetailOut(EventOut):
    """= `tiekeeper event show --json`, with the follow-ups the capture set."""

    people_met: int
    goal_met: bool | None
    goal_line: str
    people: list[MetPersonOut]
    follow_ups: list[ReminderOut]


class CaptureOut(Out):
    event_id: int
    person_id: int
    person: str
    is_new: bool
    follow_up_id: int
    follow_up_due: str


@router.get("/events", response_model=list[EventSummaryOut])
def get_events(store: StoreDep) -> list[dict[str, Any]]:
    """Every event, newest first, with how many people were met there."""
    return [event_summary_dict(s) for s in list_events(store.uow())]


@router.post("/events", response_model=EventOut, status_code=201)
def post_event(body: EventIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Add an event; a countable goal ('meet 3 people') gets its target."""
    ev = add_event(store.uow(), body.name, body.date, today, kind=body.kind,
                   location=body.location, goal=body.goal)  # fmt: skip
    return event_dict(ev)


@router.get("/events/{event}", response_model=EventDetailOut)
def get_event(event: EventPath, store: StoreDep) -> dict[str, Any]:
    """One event (id or unique name): goal, people met, who became a tie, follow-ups."""
    page = event_page(store.uow(), event)
    data = event_view_dict(page.view)
    data["follow_ups"] = [views.reminder_dict(r) for r in page.follow_ups]
    return data


@router.post("/events/{event}/met", response_model=CaptureOut, status_code=201)
def post_met(event: EventPath, body: MetIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Record someone met at the event: tagged, logged, a follow-up within 48 hours."""
    return capture_dict(met_at_event(store.uow(), event, body.person, body.changes(), today))
