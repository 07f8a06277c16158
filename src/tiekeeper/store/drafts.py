"""The few facts a message draft needs beyond the agenda: the event behind a reminder."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from tiekeeper.store import tables as t
from tiekeeper.store.people import _chunks

R = t.reminders.c
E = t.events.c


class DraftQueries:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def event_names(self, reminder_ids: Sequence[int]) -> dict[int, str]:
        """reminder id -> the name of the event it follows up (for event follow-ups)."""
        out: dict[int, str] = {}
        for chunk in _chunks(list(reminder_ids), 900):
            q = (
                select(R.id, E.name)
                .join(t.events, E.id == R.event_id)
                .where(R.owner_id == self.owner_id, R.id.in_(chunk))
            )
            out.update({rid: name for rid, name in self.conn.execute(q)})
        return out
