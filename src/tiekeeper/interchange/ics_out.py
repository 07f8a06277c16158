"""iCalendar out: birthdays, work anniversaries, open follow-ups and check-in due days.

Every event is all-day (DATE start, exclusive DATE end, no TZID), transparent (it blocks no
time), carries a display alarm, and has a UID that is stable and opaque. SEQUENCE and
LAST-MODIFIED come from what was published last time (`Published`), so they move only when the
event's content changes: calendar apps ignore a changed event whose SEQUENCE did not move.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from icalendar import Alarm, Calendar, Event, vDuration

from tiekeeper.domain.model import Person, Reminder
from tiekeeper.interchange.vcard_out import person_uid

PRODID = "-//tiekeeper//tiekeeper export//EN"
REFRESH = timedelta(hours=12)
ALARM_AT = timedelta(hours=9)  # 09:00 on the day (relative to the all-day start)
# A year-less birthday needs some first year; 2000 is a leap year (Feb 29 is valid) and the
# summary never states an age, so the start year claims nothing.
NO_YEAR_START = 2000


@dataclass(frozen=True)
class CalendarEntry:
    """One event before stamping; its fingerprint covers everything a calendar shows."""

    uid: str
    kind: str  # birthday | work-anniversary | follow-up | check-in
    summary: str
    description: str
    start: date
    yearly: bool = False

    def rrule(self) -> dict[str, Any] | None:
        """FREQ=YEARLY; Feb 29 as the last day of February, so it shows on Feb 28 in common
        years (plain FREQ=YEARLY drops the invalid date: RFC 5545 section 3.3.10)."""
        if not self.yearly:
            return None
        if (self.start.month, self.start.day) == (2, 29):
            return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
        return {"freq": "yearly"}

    def fingerprint(self) -> str:
        """SHA-256 of the content (64 hex digits)."""
        content = [self.kind, self.summary, self.description, self.start.isoformat(), self.rrule()]
        blob = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


class Published(NamedTuple):
    """What was last published for one UID."""

    fingerprint: str
    sequence: int
    modified_at: datetime


def _person_entries(p: Person, owner_id: int) -> list[CalendarEntry]:
    assert p.id is not None
    out: list[CalendarEntry] = []
    if p.birthday:
        b = p.birthday
        year = b.year if b.year is not None else NO_YEAR_START
        out.append(
            CalendarEntry(
                person_uid(owner_id, p.id, "birthday"),
                "birthday",
                f"{p.name}'s birthday",
                f"Birthday of {p.name}.",
                date(year, b.month, b.day),
                yearly=True,
            )
        )
    if p.started_on:
        where = f" at {p.company}" if p.company else ""
        out.append(
            CalendarEntry(
                person_uid(owner_id, p.id, "work-anniversary"),
                "work-anniversary",
                f"{p.name}: work anniversary{where}",
                f"{p.name} started{where} on {p.started_on.isoformat()}.",
                p.started_on,  # a date that exists, also for Feb 29 (see rrule)
                yearly=True,
            )
        )
    if p.checkin_due_on:
        out.append(
            CalendarEntry(
                person_uid(owner_id, p.id, "check-in"),
                "check-in",
                f"Check in with {p.name}",
                f"Time to get back in touch with {p.name} (keep-in-touch cadence).",
                p.checkin_due_on,
            )
        )
    return out


def _reminder_entry(r: Reminder, name: str, owner_id: int) -> CalendarEntry:
    assert r.id is not None
    action = f": {r.action}" if r.action else ""
    return CalendarEntry(
        person_uid(owner_id, r.id, "reminder"),
        "follow-up",
        f"Follow up with {name}{action}",
        f"Follow-up for {name}{action or '.'}",
        r.effective_due,
    )


def calendar_entries(
    people: Sequence[Person], reminders: Iterable[Reminder], owner_id: int
) -> list[CalendarEntry]:
    """Every event of the export, in a stable order (by UID)."""
    names = {p.id: p.name for p in people}
    entries = [e for p in people for e in _person_entries(p, owner_id)]
    entries += [
        _reminder_entry(r, names.get(r.person_id, f"#{r.person_id}"), owner_id) for r in reminders
    ]
    return sorted(entries, key=lambda e: e.uid)


def stamp(
    entries: Sequence[CalendarEntry], previous: Mapping[str, Published], now: datetime
) -> tuple[list[tuple[CalendarEntry, Published]], dict[str, Published]]:
    """Pair each entry with its SEQUENCE/LAST-MODIFIED; also return the states that changed.

    New UIDs start at SEQUENCE 0; a changed fingerprint bumps SEQUENCE and LAST-MODIFIED;
    an unchanged one keeps both."""
    stamped: list[tuple[CalendarEntry, Published]] = []
    changed: dict[str, Published] = {}
    for entry in entries:
        fp = entry.fingerprint()
        old = previous.get(entry.uid)
        if old is None:
            state = Published(fp, 0, now)
        elif old.fingerprint != fp:
            state = Published(fp, old.sequence + 1, now)
        else:
            state = old
        if state is not old:
            changed[entry.uid] = state
        stamped.append((entry, state))
    return stamped, changed


def _event(entry: CalendarEntry, state: Published, now: datetime) -> Event:
    ev = Event()
    ev.add("uid", entry.uid)
    ev.add("dtstamp", now)
    ev.add("dtstart", entry.start)
    ev.add("dtend", entry.start + timedelta(days=1))
    rule = entry.rrule()
    if rule is not None:
        ev.add("rrule", rule)
    ev.add("summary", entry.summary)
    ev.add("description", entry.description)
    ev.add("categories", [entry.kind])
    ev.add("transp", "TRANSPARENT")
    ev.add("sequence", state.sequence)
    ev.add("last-modified", state.modified_at)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", entry.summary)  # DISPLAY alarms must have a DESCRIPTION
    alarm.add("trigger", ALARM_AT)
    ev.add_component(alarm)
    return ev


def write_ics(
    stamped: Iterable[tuple[CalendarEntry, Published]], now: datetime, name: str = "tiekeeper"
) -> bytes:
    """A VCALENDAR with every stamped event (CRLF, UTF-8, folded by icalendar)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    # RFC 7986 requires VALUE=DURATION on REFRESH-INTERVAL; Outlook and Google read the X- one.
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    for entry, state in stamped:
        cal.add_component(_event(entry, state, now))
    return bytes(cal.to_ical())
