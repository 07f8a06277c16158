"""The follow-ups an event gave the people met there, open or closed."""

from __future__ import annotations

from sqlalchemy import Connection, select

from tiekeeper.domain.model import Reminder
from tiekeeper.store import tables as t
from tiekeeper.store.reminders import _to_reminder

R = t.reminders.c


class EventFollowUps:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def for_event(self, event_id: int) -> list[Reminder]:
        """Every follow-up set by capturing someone at the event, by due day."""
        q = (
            select(t.reminders)
            .where(R.owner_id == self.owner_id, R.event_id == event_id)
            .order_by(R.due_on, R.id)
        )
        return [_to_reminder(r) for r in self.conn.execute(q)]
