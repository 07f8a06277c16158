"""iCalendar out, read back by an independent strict parser (`ical`) and expanded with
`recurring_ical_events`."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person, Reminder
from tiekeeper.interchange.ics_out import Published, calendar_entries, stamp, write_ics

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
OWNER = 1


def person(pid: int, name: str, **kw: object) -> Person:
    return Person(name=name, id=pid, created_on=date(2026, 1, 1), **kw)  # type: ignore[arg-type]


PEOPLE = [
    person(1, "Leap Year", birthday=PartialDate(2, 29, 1992)),
    person(2, "No Year", birthday=PartialDate(7, 4)),
    person(3, "Worker", started_on=date(2020, 3, 10), company="Acme"),
    person(4, "Cadence", checkin_due_on=date(2026, 12, 5)),
]
REMINDERS = [
    Reminder(3, date(2026, 12, 1), "send the deck", id=11),
    Reminder(4, date(2026, 12, 1), None, snoozed_until=date(2026, 12, 9), id=12),
]


def export(people: list[Person] = PEOPLE, reminders: list[Reminder] = REMINDERS) -> bytes:
    stamped, _ = stamp(calendar_entries(people, reminders, OWNER), {}, NOW)
    return write_ics(stamped, NOW)


def days(data: bytes, uid_summary: str, start: date, end: date) -> list[date]:
    cal = icalendar.Calendar.from_ical(data)
    found = recurring_ical_events.of(cal).between(start, end)
    return sorted(e.start for e in found if uid_summary in str(e.get("SUMMARY")))


def test_the_calendar_parses_with_the_independent_strict_reader() -> None:
    cal = IcsCalendarStream.calendar_from_ics(export().decode("utf-8"))
    assert len(cal.events) == 6
    for ev in cal.events:
        assert isinstance(ev.dtstart, date) and not isinstance(ev.dtstart, datetime)
        assert (ev.dtend - ev.dtstart).days == 1  # all-day, exclusive end
        assert ev.transparency is not None and ev.transparency.upper() == "TRANSPARENT"
        assert ev.sequence == 0
        [alarm] = ev.alarm
        assert alarm.action == "DISPLAY" and alarm.description


def test_the_feed_says_how_often_to_refresh() -> None:
    text = export().decode("utf-8")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text
    assert "X-PUBLISHED-TTL:PT12H\r\n" in text


def test_a_feb_29_birthday_shows_on_feb_28_in_common_years_and_feb_29_in_leap_years() -> None:
    data = export()
    assert days(data, "Leap Year", date(2027, 1, 1), date(2029, 1, 1)) == [
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_a_birthday_without_year_recurs_every_year_and_claims_no_age() -> None:
    data = export()
    assert days(data, "No Year", date(2026, 1, 1), date(2030, 1, 1)) == [
        date(y, 7, 4) for y in range(2026, 2030)
    ]
    summary = next(
        str(e["SUMMARY"])
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        if "No Year" in str(e["SUMMARY"])
    )
    assert not any(ch.isdigit() for ch in summary)


def test_work_anniversaries_recur_and_follow_ups_sit_on_their_effective_day() -> None:
    data = export()
    assert days(data, "work anniversary", date(2026, 1, 1), date(2028, 1, 1)) == [
        date(2026, 3, 10),
        date(2027, 3, 10),
    ]
    assert days(data, "send the deck", date(2026, 1, 1), date(2028, 1, 1)) == [date(2026, 12, 1)]
    assert days(data, "Follow up with Cadence", date(2026, 1, 1), date(2028, 1, 1)) == [
        date(2026, 12, 9)
    ]
    assert days(data, "Check in with Cadence", date(2026, 1, 1), date(2028, 1, 1)) == [
        date(2026, 12, 5)
    ]


def test_uids_are_opaque_and_one_per_person_and_kind() -> None:
    cal = IcsCalendarStream.calendar_from_ics(export().decode("utf-8"))
    uids = [ev.uid for ev in cal.events]
    assert len(set(uids)) == len(uids)
    for uid in uids:
        assert uid is not None
        assert "@" not in uid and not any(w in uid.lower() for w in ("leap", "year", "acme"))


def test_sequence_stays_when_nothing_changed_and_moves_when_an_event_changed() -> None:
    entries = calendar_entries(PEOPLE, REMINDERS, OWNER)
    first, changed = stamp(entries, {}, NOW)
    assert len(changed) == len(entries)
    previous = {e.uid: s for e, s in first}
    later = datetime(2026, 12, 1, tzinfo=UTC)
    again, changed = stamp(entries, previous, later)
    assert changed == {}
    assert [s for _, s in again] == [s for _, s in first]
    moved = [Reminder(3, date(2026, 12, 3), "send the deck", id=11), REMINDERS[1]]
    _, changed = stamp(calendar_entries(PEOPLE, moved, OWNER), previous, later)
    [(uid, state)] = changed.items()
    assert state == Published(state.fingerprint, 1, later)
    assert previous[uid].fingerprint != state.fingerprint
