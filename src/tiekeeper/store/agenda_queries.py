"""The narrow, indexed reads behind the Today agenda and the upcoming list."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, literal, select, union

from tiekeeper.domain.model import name_key
from tiekeeper.store import tables as t

P = t.people.c


@dataclass(frozen=True)
class DateRow:
    person_id: int
    name: str
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    started_on: date | None
    connected_on: date | None
    company: str | None


@dataclass(frozen=True)
class CheckinRow:
    person_id: int
    name: str
    cadence_days: int
    due_on: date
    last_interaction_on: date | None
    closeness: int | None


def _month_days(days: list[date]) -> list[tuple[int, int]]:
    """(month, day) pairs to look for; a Feb 28 in a common year also catches Feb 29."""
    pairs = {(d.month, d.day) for d in days}
    for d in days:
        if d.month == 2 and d.day == 28 and not calendar.isleap(d.year):
            pairs.add((2, 29))
    return sorted(pairs)


class AgendaQueries:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def dated_people(self, days: list[date]) -> list[DateRow]:
        """People with a birthday, work start or connection date falling on one of `days`."""
        keys = [m * 100 + d for m, d in _month_days(days)]
        # One indexed lookup per kind of date, united: an OR across the three columns makes
        # SQLite walk every person of the owner instead.
        ids = union(*(
            select(P.id).where(P.owner_id == self.owner_id, col.in_(keys))
            for col in (P.birthday_mmdd, P.started_mmdd, P.connected_mmdd)
        )).subquery()  # fmt: skip
        q = (
            select(
                P.id, P.name, P.birthday_month, P.birthday_day, P.birthday_year, P.started_on,
                P.connected_on, t.organizations.c.name,
            )
            .join(ids, ids.c.id == P.id)
            .outerjoin(t.organizations, t.organizations.c.id == P.organization_id)
        )  # fmt: skip
        rows = [DateRow(*r) for r in self.conn.execute(q)]
        return sorted(rows, key=lambda r: (name_key(r.name), r.person_id))

    def checkins_due(self, day: date, limit: int | None = None) -> list[CheckinRow]:
        """People whose check-in is due on or before `day`, with their effective cadence; with
        `limit`, only the most urgent ones by the agenda's own priority (domain.agenda)."""
        due = (P.owner_id == self.owner_id, P.checkin_due_on <= day,
               P.checkin_cadence_days.is_not(None))  # fmt: skip
        q = select(
            P.id, P.name, P.checkin_cadence_days, P.checkin_due_on, P.last_interaction_on,
            P.closeness,
        ).where(*due)  # fmt: skip
        if limit is not None:
            # checkin_priority() in SQL, so a thousand overdue check-ins are not all fetched.
            if self.conn.dialect.name == "sqlite":
                late = func.julianday(literal(day.isoformat())) - func.julianday(P.checkin_due_on)
            else:
                late = literal(day) - P.checkin_due_on
            weight = 0.5 + func.coalesce(P.closeness / 5.0, 0.5)
            priority = (1 + late * 1.0 / P.checkin_cadence_days) * weight
            q = q.order_by(priority.desc(), P.last_interaction_on.asc().nulls_first(), P.id).limit(
                limit
            )
        return [CheckinRow(*r) for r in self.conn.execute(q)]

    def count_checkins_due(self, day: date) -> int:
        q = select(func.count()).where(
            P.owner_id == self.owner_id,
            P.checkin_due_on <= day,
            P.checkin_cadence_days.is_not(None),
        )
        return int(self.conn.execute(q).scalar_one())

    def dormant_candidates(
        self, before: date, limit: int = 500
    ) -> list[tuple[int, str, date, int | None]]:
        """People whose last interaction was before `before` (and not opted out), closest first."""
        q = (
            select(P.id, P.name, P.last_interaction_on, P.closeness)
            .where(
                P.owner_id == self.owner_id,
                P.last_interaction_on < before,
                P.do_not_suggest.is_(False),
            )
            .order_by(P.closeness.desc().nulls_last(), P.last_interaction_on, P.id)
            .limit(limit)
        )
        return [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(q)]
