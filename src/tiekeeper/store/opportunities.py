"""Opportunities and the next-step reminders that carry them onto Today."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, select, update

from tiekeeper.domain.jobs import STAGES, Opportunity
from tiekeeper.domain.model import Reminder, ReminderStatus
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.people import _chunks
from tiekeeper.store.reminders import _to_reminder

OP = t.opportunities.c
R = t.reminders.c
NEXT_STEP = "next-step"


class OpportunityRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def _values(self, o: Opportunity) -> dict[str, Any]:
        return {
            "organization_id": o.organization_id,
            "role": o.role,
            "source": o.source,
            "via_person_id": o.via_person_id,
            "stage": o.stage,
            "next_step": o.next_step,
            "next_step_on": o.next_step_on,
            "updated_on": o.updated_on or o.created_on,
        }

    def add(self, o: Opportunity) -> int:
        values = self._values(o) | {"owner_id": self.owner_id, "created_on": o.created_on}
        o.id = add_row(self.conn, t.opportunities, dict(**values))
        return o.id

    def update(self, o: Opportunity) -> None:
        self.conn.execute(
            update(t.opportunities)
            .where(OP.owner_id == self.owner_id, OP.id == o.id)
            .values(**self._values(o))
        )

    def get(self, opportunity_id: int) -> Opportunity | None:
        q = select(t.opportunities).where(OP.owner_id == self.owner_id, OP.id == opportunity_id)
        r = self.conn.execute(q).first()
        return _to_opportunity(r) if r else None

    def find(self, stage: str | None = None) -> list[Opportunity]:
        """All opportunities (or those at one stage), by id."""
        q = select(t.opportunities).where(OP.owner_id == self.owner_id).order_by(OP.id)
        if stage is not None:
            q = q.where(OP.stage == stage)
        rows = [_to_opportunity(r) for r in self.conn.execute(q)]
        return sorted(rows, key=lambda o: STAGES.index(o.stage) if o.stage in STAGES else 99)

    def open_next_steps(self, opportunity_ids: Sequence[int]) -> dict[int, Reminder]:
        """The open next-step reminder of each opportunity that has one."""
        out: dict[int, Reminder] = {}
        for chunk in _chunks(list(opportunity_ids), 900):
            q = (
                select(t.reminders)
                .where(R.owner_id == self.owner_id, R.kind == NEXT_STEP,
                       R.status == ReminderStatus.OPEN, R.opportunity_id.in_(chunk))
                .order_by(R.id)
            )  # fmt: skip
            out.update({r.opportunity_id: _to_reminder(r) for r in self.conn.execute(q)})
        return out

    def add_next_step(self, opportunity_id: int, person_id: int, due: date, action: str) -> int:
        """An open 'next-step' reminder for one person, tied to the opportunity."""
        return add_row(
            self.conn,
            t.reminders, dict(
                owner_id=self.owner_id, person_id=person_id, kind=NEXT_STEP, due_on=due,
                action=action, status=str(ReminderStatus.OPEN), opportunity_id=opportunity_id,
            ),
        )  # fmt: skip

    def close_next_steps(self, opportunity_id: int, status: str, on: date) -> int:
        """Close every open next-step reminder of the opportunity; returns how many."""
        result = self.conn.execute(
            update(t.reminders)
            .where(R.owner_id == self.owner_id, R.opportunity_id == opportunity_id,
                   R.kind == NEXT_STEP, R.status == ReminderStatus.OPEN)
            .values(status=status, closed_on=on)
        )  # fmt: skip
        return int(result.rowcount)

    def for_reminders(self, reminder_ids: Sequence[int]) -> dict[int, Opportunity]:
        """The opportunity behind each of these reminders (those that have one)."""
        out: dict[int, Opportunity] = {}
        for chunk in _chunks(list(reminder_ids), 900):
            q = (
                select(R.id.label("reminder_id"), t.opportunities)
                .join(t.opportunities, OP.id == R.opportunity_id)
                .where(R.owner_id == self.owner_id, R.id.in_(chunk))
            )
            out.update({r.reminder_id: _to_opportunity(r) for r in self.conn.execute(q)})
        return out


def _to_opportunity(r: Any) -> Opportunity:
    return Opportunity(
        organization_id=r.organization_id,
        role=r.role,
        created_on=r.created_on,
        source=r.source,
        stage=r.stage,
        via_person_id=r.via_person_id,
        next_step=r.next_step,
        next_step_on=r.next_step_on,
        updated_on=r.updated_on,
        id=r.id,
    )
