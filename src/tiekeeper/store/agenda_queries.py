"""The narrow, indexed reads behind the Today agenda and the upcoming list.

Plain SQL on `Rows` (store/sql.py), so `tiekeeper today` can run them without SQLAlchemy."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tiekeeper.domain.model import name_key
from tiekeeper.store.sql import as_date, as_rows, chunks


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
    due_in_all: int = 0  # how many check-ins are due, when asked for (most_urgent_checkins)


@dataclass(frozen=True)
class DueFollowUp:
    """An open reminder due by the day, with what Today says about its origin."""

    id: int
    person_id: int
    name: str
    effective_due: date
    action: str | None
    kind: str
    origin: tuple[str, date, str | None] | None  # (channel, day, summary) of its interaction
    event: tuple[str, date] | None  # (name, day) of the event it follows up


@dataclass(frozen=True)
class PlannedMeeting:
    """A meeting from an imported calendar (store/calendar_import) with one person."""

    person_id: int
    name: str
    day: date
    title: str | None


def _month_days(days: list[date]) -> list[tuple[int, int]]:
    """(month, day) pairs to look for; a Feb 28 in a common year also catches Feb 29."""
    pairs = {(d.month, d.day) for d in days}
    for d in days:
        if d.month == 2 and d.day == 28 and not calendar.isleap(d.year):
            pairs.add((2, 29))
    return sorted(pairs)


# One indexed lookup per kind of date, united: an OR across the three columns makes SQLite walk
# every person of the owner instead.
_DATED = """
SELECT p.id, p.name, p.birthday_month, p.birthday_day, p.birthday_year, p.started_on,
       p.connected_on, o.name
FROM people p
JOIN (SELECT id FROM people WHERE owner_id = :owner AND birthday_mmdd IN :keys
      UNION SELECT id FROM people WHERE owner_id = :owner AND started_mmdd IN :keys
      UNION SELECT id FROM people WHERE owner_id = :owner AND connected_mmdd IN :keys) ids
  ON ids.id = p.id
LEFT JOIN organizations o ON o.id = p.organization_id
"""

_DUE = "p.owner_id = :owner AND p.checkin_due_on <= :day AND p.checkin_cadence_days IS NOT NULL"
# Days late, per dialect: SQLite keeps dates as ISO text, PostgreSQL subtracts dates to days.
_LATE = {
    "sqlite": "julianday(:day) - julianday(p.checkin_due_on)",
    "postgresql": "CAST(:day AS date) - p.checkin_due_on",
}

_FOLLOW_UPS = """
SELECT r.id, r.person_id, p.name, COALESCE(r.snoozed_until, r.due_on) AS effective, r.action,
       r.kind, i.channel, i.occurred_on, i.summary, e.name, e.occurred_on
FROM reminders r
JOIN people p ON p.id = r.person_id
LEFT JOIN interactions i ON i.id = r.interaction_id
LEFT JOIN events e ON e.id = r.event_id
WHERE r.owner_id = :owner AND r.status = 'open'
  AND (COALESCE(r.snoozed_until, r.due_on) <= :day
       OR (r.kind = 'event-follow-up' AND r.snoozed_until IS NULL AND e.occurred_on < :day))
ORDER BY effective, r.id
"""

# Planned meetings are reminders no follow-up list reads (status 'planned'), shown from the day
# before: a meeting passed is history, which the next calendar import logs.
_MEETINGS = """
SELECT r.person_id, p.name, r.due_on, r.action, r.id
FROM reminders r
JOIN people p ON p.id = r.person_id
WHERE r.owner_id = :owner AND r.status = 'planned' AND r.kind = 'meeting'
  AND r.due_on >= :day AND r.due_on <= :last
ORDER BY r.due_on, r.id
"""

_LAST_TALKS = """
SELECT ip.person_id, i.occurred_on, i.summary
FROM interaction_people ip
JOIN interactions i ON i.id = ip.interaction_id
WHERE ip.owner_id = :owner AND ip.person_id IN :ids AND i.occurred_on < :before
ORDER BY ip.person_id, i.occurred_on DESC, i.id DESC
"""

_LAST_TOPICS = """
SELECT ip.person_id, tp.topic, i.id
FROM interaction_people ip
JOIN interactions i ON i.id = ip.interaction_id
JOIN interaction_topics tp ON tp.interaction_id = i.id
JOIN (SELECT ip2.person_id AS person_id, MAX(i2.occurred_on) AS day
      FROM interaction_people ip2
      JOIN interactions i2 ON i2.id = ip2.interaction_id
      JOIN interaction_topics tp2 ON tp2.interaction_id = i2.id
      WHERE ip2.owner_id = :owner AND ip2.person_id IN :ids
      GROUP BY ip2.person_id) latest
  ON latest.person_id = ip.person_id AND latest.day = i.occurred_on
WHERE ip.owner_id = :owner
ORDER BY ip.person_id, i.id DESC, tp.topic
"""


def last_topics(
    conn: Any, owner_id: int, person_ids: Sequence[int], per_person: int = 2
) -> dict[int, list[str]]:
    """The topics of each person's most recent interaction that had topics."""
    rows = as_rows(conn)
    out: dict[int, list[str]] = {}
    for chunk in chunks(person_ids, 500):
        for pid, topic, _ in rows.fetch(_LAST_TOPICS, {"owner": owner_id, "ids": chunk}):
            got = out.setdefault(pid, [])
            if topic not in got and len(got) < per_person:
                got.append(topic)
    return out


class AgendaQueries:
    def __init__(self, conn: Any, owner_id: int) -> None:
        self.rows = as_rows(conn)
        self.owner_id = owner_id

    def dated_people(self, days: list[date]) -> list[DateRow]:
        """People with a birthday, work start or connection date falling on one of `days`."""
        keys = [m * 100 + d for m, d in _month_days(days)]
        found = self.rows.fetch(_DATED, {"owner": self.owner_id, "keys": keys})
        rows = [
            DateRow(r[0], r[1], r[2], r[3], r[4], as_date(r[5]), as_date(r[6]), r[7]) for r in found
        ]
        return sorted(rows, key=lambda r: (name_key(r.name), r.person_id))

    def checkins_due(
        self, day: date, limit: int | None = None, *, counted: bool = False
    ) -> list[CheckinRow]:
        """People whose check-in is due on or before `day`, with their effective cadence; with
        `limit`, only the most urgent ones by the agenda's own priority (domain.agenda);
        `counted`: each row also says how many are due in all (a window over the rows before
        the limit)."""
        total = ", COUNT(*) OVER ()" if counted else ", 0"
        sql = (
            "SELECT p.id, p.name, p.checkin_cadence_days, p.checkin_due_on, "
            f"p.last_interaction_on, p.closeness{total} FROM people p WHERE {_DUE}"
        )
        params: dict[str, Any] = {"owner": self.owner_id, "day": day}
        if limit is not None:
            # checkin_priority() in SQL, so a thousand overdue check-ins are not all fetched.
            late = _LATE.get(self.rows.dialect, _LATE["postgresql"])
            sql += (
                f" ORDER BY (1 + ({late}) * 1.0 / p.checkin_cadence_days)"
                " * (0.5 + COALESCE(p.closeness / 5.0, 0.5)) DESC,"
                " p.last_interaction_on ASC NULLS FIRST, p.id LIMIT :limit"
            )
            params["limit"] = limit
        return [
            CheckinRow(r[0], r[1], r[2], as_date(r[3]) or day, as_date(r[4]), r[5], int(r[6]))
            for r in self.rows.fetch(sql, params)
        ]

    def most_urgent_checkins(self, day: date, limit: int) -> tuple[list[CheckinRow], int]:
        """The `limit` most urgent of the check-ins due by `day` (as `checkins_due`), and how
        many are due in all, in one statement."""
        found = self.checkins_due(day, limit, counted=True)
        return found, found[0].due_in_all if found else 0

    def due_follow_ups(self, day: date) -> list[DueFollowUp]:
        """Open reminders to act on by `day`, oldest first, each with its originating interaction
        and event (one query): those whose effective day (snooze or due) is on or before `day`,
        and event follow-ups from the day after their event (the 48 hours run from then; one
        shown only on its last day is often missed)."""
        out = []
        for r in self.rows.fetch(_FOLLOW_UPS, {"owner": self.owner_id, "day": day}):
            origin = None if r[6] is None else (r[6], as_date(r[7]) or day, r[8])
            event = None if r[9] is None else (r[9], as_date(r[10]) or day)
            out.append(
                DueFollowUp(r[0], r[1], r[2], as_date(r[3]) or day, r[4], r[5], origin, event)
            )
        return out

    def last_topics(self, person_ids: Sequence[int], per_person: int = 2) -> dict[int, list[str]]:
        """The topics of each person's most recent interaction that had topics."""
        return last_topics(self.rows, self.owner_id, person_ids, per_person)

    def planned_meetings(self, day: date, last: date) -> list[PlannedMeeting]:
        """Meetings from imported calendars between `day` and `last`, a person each, one
        per person and day."""
        found = self.rows.fetch(_MEETINGS, {"owner": self.owner_id, "day": day, "last": last})
        out: dict[tuple[int, date], PlannedMeeting] = {}
        for pid, name, due, title, _ in found:
            when = as_date(due) or day
            out.setdefault((pid, when), PlannedMeeting(pid, name, when, title))
        return list(out.values())

    def last_talks(
        self, person_ids: Sequence[int], before: date
    ) -> dict[int, tuple[date, str | None]]:
        """Each person's latest interaction before `before`: its day and summary."""
        out: dict[int, tuple[date, str | None]] = {}
        for chunk in chunks(person_ids, 500):
            params = {"owner": self.owner_id, "ids": chunk, "before": before}
            for pid, day, summary in self.rows.fetch(_LAST_TALKS, params):
                out.setdefault(pid, (as_date(day) or before, summary))
        return out
