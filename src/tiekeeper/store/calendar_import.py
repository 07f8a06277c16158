"""The reads and writes of a calendar import beyond interactions and keys: who has which
address, and the planned meetings that Today announces the day before."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, insert, select

from tiekeeper.store import tables as t
from tiekeeper.store.ids import with_ids

E = t.person_emails.c
PLANNED = "planned"  # a status no follow-up list reads: a meeting is not a thing to do
MEETING = "meeting"


class CalendarImportRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def person_ids_by_email(self) -> dict[str, int]:
        """Every person's address (lower-cased) -> their id; an address two people share
        goes to the lower id."""
        q = select(E.email, E.person_id).where(E.owner_id == self.owner_id)
        out: dict[str, int] = {}
        for email, pid in self.conn.execute(q.order_by(E.person_id.desc())):
            out[str(email).lower()] = int(pid)
        return out

    def plan_meetings(self, rows: Sequence[tuple[int, date, str | None]]) -> None:
        """Planned meetings (person id, day, title): reminders of kind `meeting` with status
        `planned`, shown on Today the day before and on the day (store/agenda_queries)."""
        if rows:
            planned = [
                {"owner_id": self.owner_id, "person_id": pid, "kind": MEETING, "due_on": day,
                 "action": title, "status": PLANNED}
                for pid, day, title in rows
            ]  # fmt: skip
            self.conn.execute(insert(t.reminders), with_ids(self.conn, t.reminders, planned))
