"""What an event's page shows beyond `event show`: the 48-hour follow-ups it set, open or closed."""

from __future__ import annotations

from dataclasses import dataclass

from tiekeeper.domain.model import Reminder
from tiekeeper.services.events import EventView, show_event
from tiekeeper.store.event_follow_ups import EventFollowUps
from tiekeeper.store.uow import UnitOfWork


@dataclass(frozen=True)
class EventPage:
    view: EventView
    follow_ups: list[Reminder]


def event_page(uow: UnitOfWork, ref: str) -> EventPage:
    """An event (id or unique name) with the people met, who became a tie, and its follow-ups."""
    view = show_event(uow, ref)
    assert view.event.id is not None
    with uow:
        follow_ups = uow.repo(EventFollowUps).for_event(view.event.id)
    return EventPage(view, follow_ups)
