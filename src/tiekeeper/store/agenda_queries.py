"""The narrow, indexed reads behind the Today agenda and the upcoming list."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, extract, or_, select

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
        pairs = _month_days(days)

        def on(col_m: Any, col_d: Any) -> Any:
            return or_(*[and_(col_m == m, col_d == d) for m, d in pairs])

        conds = [
            on(P.birthday_month, P.birthday_day),
            on(extract("month", P.started_on), extract("day", P.started_on)),
            on(extract("month", P.connected_on), extract("day", P.connected_on)),
        ]
        q = (
            select(
                P.id,
                P.name,
                P.birthday_month,
                P.birthday_day,
                P.birthday_year,
                P.started_on,
                P.connected_on,
                t.organizations.c.name,
            )
            .outerjoin(t.organizations, t.organizations.c.id == P.organization_id)
            .where(P.owner_id == self.owner_id, or_(*conds))
            .order_by(P.name_key, P.id)
        )
        return [DateRow(*r) for r in self.conn.execute(q)]

    def checkins_due(self, day: date) -> list[CheckinRow]:
        """People whose check-in is due on or before `day`, with their effective cadence."""
        q = select(
            P.id,
            P.name,
            P.cadence_days,
            P.checkin_due_on,
            P.last_interaction_on,
            P.closeness,
            P.connected_on,
            P.created_on,
        ).where(P.owner_id == self.owner_id, P.checkin_due_on <= day)
        rows = self.conn.execute(q).all()
        if not rows:
            return []
        missing = [r.id for r in rows if r.cadence_days is None]
        tag_cad = self._tag_cadence_of(missing) if missing else {}
        out = []
        for r in rows:
            cadence = r.cadence_days or tag_cad.get(r.id)
            if cadence:
                out.append(
                    CheckinRow(
                        r.id, r.name, cadence, r.checkin_due_on, r.last_interaction_on, r.closeness
                    )
                )
        return out

    def _tag_cadence_of(self, ids: list[int]) -> dict[int, int]:
        tg, tc = t.person_tags.c, t.tag_cadences.c
        out: dict[int, int] = {}
        q = (
            select(tg.person_id, tc.cadence_days)
            .join(t.tag_cadences, and_(tc.owner_id == tg.owner_id, tc.tag == tg.tag))
            .where(tg.owner_id == self.owner_id)
        )
        wanted = set(ids)
        for pid, days in self.conn.execute(q):
            if pid in wanted:
                out[pid] = min(days, out.get(pid, days))
        return out

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
