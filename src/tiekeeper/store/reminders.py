"""Follow-up reminders."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select, update

from tiekeeper.domain.model import Reminder
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row

R = t.reminders.c


class ReminderRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def add(self, r: Reminder) -> int:
        rid = add_row(
            self.conn,
            t.reminders,
            dict(
                owner_id=self.owner_id,
                person_id=r.person_id,
                kind=r.kind,
                due_on=r.due_on,
                snoozed_until=r.snoozed_until,
                action=r.action,
                status=str(r.status),
                interaction_id=r.interaction_id,
            ),
        )
        r.id = int(rid)
        return r.id

    def get(self, reminder_id: int) -> Reminder | None:
        row = self.conn.execute(
            select(t.reminders).where(R.owner_id == self.owner_id, R.id == reminder_id)
        ).first()
        return _to_reminder(row) if row else None

    def close(self, reminder_id: int, status: str, on: date) -> None:
        self.conn.execute(
            update(t.reminders)
            .where(R.owner_id == self.owner_id, R.id == reminder_id)
            .values(status=status, closed_on=on)
        )

    def set_action(self, reminder_id: int, action: str | None) -> None:
        self.conn.execute(
            update(t.reminders)
            .where(R.owner_id == self.owner_id, R.id == reminder_id)
            .values(action=action)
        )

    def snooze(self, reminder_id: int, until: date) -> None:
        self.conn.execute(
            update(t.reminders)
            .where(R.owner_id == self.owner_id, R.id == reminder_id)
            .values(snoozed_until=until)
        )

    def open_for_person(self, person_id: int) -> list[Reminder]:
        q = (
            select(t.reminders)
            .where(R.owner_id == self.owner_id, R.person_id == person_id, R.status == "open")
            .order_by(R.due_on, R.id)
        )
        return [_to_reminder(r) for r in self.conn.execute(q)]

    def for_interaction(self, interaction_id: int) -> list[Reminder]:
        """The follow-ups set when the interaction was logged, open or closed, by due day."""
        q = (
            select(t.reminders)
            .where(R.owner_id == self.owner_id, R.interaction_id == interaction_id)
            .order_by(R.due_on, R.id)
        )
        return [_to_reminder(r) for r in self.conn.execute(q)]

    def open_due_by(self, day: date) -> list[Reminder]:
        """Open reminders whose effective day (snooze or due) is on or before `day`."""
        eff = _effective()
        q = (
            select(t.reminders)
            .where(R.owner_id == self.owner_id, R.status == "open", eff <= day)
            .order_by(eff, R.id)
        )
        return [_to_reminder(r) for r in self.conn.execute(q)]

    def open_between(self, start: date, end: date) -> list[Reminder]:
        eff = _effective()
        q = (
            select(t.reminders)
            .where(R.owner_id == self.owner_id, R.status == "open", eff >= start, eff <= end)
            .order_by(eff, R.id)
        )
        return [_to_reminder(r) for r in self.conn.execute(q)]

    def reassign(self, from_person: int, to_person: int) -> None:
        self.conn.execute(
            update(t.reminders)
            .where(R.owner_id == self.owner_id, R.person_id == from_person)
            .values(person_id=to_person)
        )


def _effective() -> Any:
    from sqlalchemy import func

    return func.coalesce(R.snoozed_until, R.due_on)


def _to_reminder(r: Any) -> Reminder:
    return Reminder(
        person_id=r.person_id,
        due_on=r.due_on,
        action=r.action,
        status=r.status,
        snoozed_until=r.snoozed_until,
        interaction_id=r.interaction_id,
        kind=r.kind,
        id=r.id,
    )
