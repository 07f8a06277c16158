"""Reads behind the weekly review: new people, per-person interaction counts, follow-ups closed."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, func, select

from tiekeeper.store import tables as t
from tiekeeper.store.owner_scan import owner_is

P = t.people.c
I = t.interactions.c  # noqa: E741
IP = t.interaction_people.c
R = t.reminders.c


class ReviewQueries:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def new_people(self, start: date, end: date) -> list[tuple[int, str]]:
        """(id, name) of people connected (or, without that date, added) between two days."""
        day = func.coalesce(P.connected_on, P.created_on)
        q = (
            select(P.id, P.name)
            .where(P.owner_id == self.owner_id, day >= start, day <= end)
            .order_by(P.name_key, P.id)
        )
        return [(r[0], r[1]) for r in self.conn.execute(q)]

    def interactions_per_person(self, start: date, end: date) -> dict[int, int]:
        """person id -> interactions between two days (inclusive).

        From the interactions of those days (the owner-and-date index) to their people: led by
        `IP.owner_id`, SQLite walked all links and looked up each interaction (8 s at 1M)."""
        q = (
            select(IP.person_id, func.count())
            .select_from(t.interactions)
            .join(t.interaction_people, I.id == IP.interaction_id)
            .where(I.owner_id == self.owner_id, I.occurred_on >= start, I.occurred_on <= end)
            .where(owner_is(IP.owner_id, self.owner_id))
            .group_by(IP.person_id)
        )
        return {r[0]: int(r[1]) for r in self.conn.execute(q)}

    def closed_between(self, status: str, start: date, end: date) -> list[tuple[int, int, str]]:
        """(reminder id, person id, kind) of follow-ups closed with `status` between two days."""
        q = (
            select(R.id, R.person_id, R.kind)
            .where(
                R.owner_id == self.owner_id,
                R.status == status,
                R.closed_on >= start,
                R.closed_on <= end,
            )
            .order_by(R.closed_on, R.id)
        )
        return [(r[0], r[1], r[2]) for r in self.conn.execute(q)]
