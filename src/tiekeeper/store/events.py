"""Events, the people met at them, and their 48-hour follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, case, func, insert, select, update

from tiekeeper.domain.events import Event
from tiekeeper.domain.model import Reminder, name_key
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.people import _chunks

E = t.events.c
EP = t.event_people.c
R = t.reminders.c
I = t.interactions.c  # noqa: E741
IP = t.interaction_people.c


def _to_event(r: Any) -> Event:
    return Event(r.name, r.occurred_on, r.kind, r.location, r.goal, r.goal_target, r.notes, r.id)


class EventRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def add(self, ev: Event) -> int:
        """Insert an event; returns its id."""
        ev.id = add_row(
            self.conn,
            t.events, dict(
                owner_id=self.owner_id, name=ev.name, name_key=name_key(ev.name), kind=ev.kind,
                occurred_on=ev.occurred_on, location=ev.location, goal=ev.goal,
                goal_target=ev.goal_target, notes=ev.notes,
            ),
        )  # fmt: skip
        return ev.id

    def get(self, event_id: int) -> Event | None:
        q = select(t.events).where(E.owner_id == self.owner_id, E.id == event_id)
        row = self.conn.execute(q).first()
        return _to_event(row) if row else None

    def find_by_name(self, text: str) -> list[Event]:
        """Events whose name equals `text` (case/accents ignored), else whose name contains it."""
        key = name_key(text)
        base = select(t.events).where(E.owner_id == self.owner_id).order_by(E.occurred_on, E.id)
        rows = self.conn.execute(base.where(E.name_key == key)).all()
        if not rows:
            pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.conn.execute(base.where(E.name_key.like(pattern, escape="\\"))).all()
        return [_to_event(r) for r in rows]

    def all(self) -> list[Event]:
        """Every event, newest first."""
        q = (
            select(t.events)
            .where(E.owner_id == self.owner_id)
            .order_by(E.occurred_on.desc(), E.id.desc())
        )
        return [_to_event(r) for r in self.conn.execute(q)]

    def met_counts(self) -> dict[int, tuple[int, int]]:
        """event id -> (people met, of whom new)."""
        q = (
            select(EP.event_id, func.count(), func.sum(case((EP.is_new.is_(True), 1), else_=0)))
            .where(EP.owner_id == self.owner_id)
            .group_by(EP.event_id)
        )
        return {r[0]: (int(r[1]), int(r[2] or 0)) for r in self.conn.execute(q)}

    def add_person(self, event_id: int, person_id: int, is_new: bool) -> bool:
        """Record that the person was met at the event; False when already recorded."""
        exists = select(EP.person_id).where(
            EP.owner_id == self.owner_id, EP.event_id == event_id, EP.person_id == person_id
        )
        if self.conn.execute(exists).first():
            return False
        self.conn.execute(
            insert(t.event_people).values(
                owner_id=self.owner_id, event_id=event_id, person_id=person_id, is_new=is_new
            )
        )
        return True

    def people_met(self, event_id: int) -> list[tuple[int, bool]]:
        """(person id, is new) of everyone met at the event."""
        q = (
            select(EP.person_id, EP.is_new)
            .where(EP.owner_id == self.owner_id, EP.event_id == event_id)
            .order_by(EP.person_id)
        )
        return [(r[0], bool(r[1])) for r in self.conn.execute(q)]

    def link_interaction(self, interaction_id: int, event_id: int) -> None:
        self.conn.execute(
            update(t.interactions)
            .where(I.owner_id == self.owner_id, I.id == interaction_id)
            .values(event_id=event_id)
        )

    def add_follow_up(self, r: Reminder, event_id: int) -> int:
        """Insert an event follow-up (a reminder carrying the event's id)."""
        r.id = add_row(
            self.conn,
            t.reminders, dict(
                owner_id=self.owner_id, person_id=r.person_id, kind=r.kind, due_on=r.due_on,
                action=r.action, status=str(r.status), event_id=event_id,
            ),
        )  # fmt: skip
        return r.id

    def events_of_reminders(self, reminder_ids: Sequence[int]) -> dict[int, Event]:
        """reminder id -> the event it follows up, for reminders that have one."""
        out: dict[int, Event] = {}
        for chunk in _chunks(list(reminder_ids), 900):
            q = (
                select(R.id.label("reminder_id"), t.events)
                .join(t.events, E.id == R.event_id)
                .where(R.owner_id == self.owner_id, R.id.in_(chunk))
            )
            out.update({r.reminder_id: _to_event(r) for r in self.conn.execute(q)})
        return out

    def interactions_after(self, person_ids: Sequence[int], day: date) -> dict[int, int]:
        """person id -> interactions logged after `day` (the event retrospective)."""
        out: dict[int, int] = {}
        for chunk in _chunks(list(person_ids), 900):
            q = (
                select(IP.person_id, func.count())
                .join(t.interactions, I.id == IP.interaction_id)
                .where(IP.owner_id == self.owner_id, IP.person_id.in_(chunk), I.occurred_on > day)
                .group_by(IP.person_id)
            )
            out.update({r[0]: int(r[1]) for r in self.conn.execute(q)})
        return out
