"""Goals and the per-day counts they are measured by (read straight from the log)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, select

from tiekeeper.domain.goals import Goal
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row

G = t.goals.c
I = t.interactions.c  # noqa: E741
P = t.people.c
PO = t.posts.c
E = t.events.c
EP = t.event_people.c


def _to_goal(r: Any) -> Goal:
    return Goal(r.title, r.period, r.target, r.metric, r.channel, r.created_on, r.id)


class GoalRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def add(self, g: Goal) -> int:
        g.id = add_row(
            self.conn,
            t.goals, dict(
                owner_id=self.owner_id, title=g.title, period=g.period, target=g.target,
                metric=g.metric, channel=g.channel, created_on=g.created_on, active=True,
            ),
        )  # fmt: skip
        return g.id

    def active(self) -> list[Goal]:
        q = select(t.goals).where(G.owner_id == self.owner_id, G.active.is_(True)).order_by(G.id)
        return [_to_goal(r) for r in self.conn.execute(q)]

    def remove(self, goal_id: int) -> bool:
        result = self.conn.execute(
            delete(t.goals).where(G.owner_id == self.owner_id, G.id == goal_id)
        )
        return bool(result.rowcount)

    def daily_counts(self, metric: str, channel: str | None, start: date, end: date) -> dict[
        date, int]:  # fmt: skip
        """Per-day counts of a metric between two days (inclusive)."""
        day: Any
        if metric == "posts":
            day, table, owner = PO.occurred_on, t.posts, PO.owner_id
        elif metric == "new-people":
            day, table, owner = func.coalesce(P.connected_on, P.created_on), t.people, P.owner_id
        else:
            day, table, owner = I.occurred_on, t.interactions, I.owner_id
        q = (
            select(day, func.count())
            .select_from(table)
            .where(owner == self.owner_id, day >= start, day <= end)
        )
        if metric == "introductions":
            q = q.where(I.channel == "introduction")
        elif channel and metric in ("interactions", "days-active"):
            q = q.where(I.channel == channel)
        return {_as_date(r[0]): int(r[1]) for r in self.conn.execute(q.group_by(day))}

    def event_counts(self, new_only: bool, until: date) -> list[tuple[date, int]]:
        """(event day, people met there) for events on or before `until`, oldest first."""
        met = func.count(EP.person_id)
        join_on = EP.event_id == E.id
        if new_only:
            join_on = join_on & EP.is_new.is_(True)
        q = (
            select(E.occurred_on, met)
            .select_from(t.events)
            .outerjoin(t.event_people, join_on)
            .where(E.owner_id == self.owner_id, E.occurred_on <= until)
            .group_by(E.id, E.occurred_on)
            .order_by(E.occurred_on, E.id)
        )
        return [(r[0], int(r[1])) for r in self.conn.execute(q)]


def _as_date(value: Any) -> date:
    # SQLite returns coalesce() of two DATE columns as text.
    return value if isinstance(value, date) else date.fromisoformat(str(value))
