"""The `caldav` client library, a real CalDAV client, against a running tiekeeper server: it finds
the three calendars next to the address book, completes a follow-up (closed in the database),
sees a follow-up closed in tiekeeper leave, moves one's DUE (a snooze), creates a task that
names a person (a new follow-up), deletes one (skipped, not lost), and is refused with a 403
when it edits a birthday or an event."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import caldav
import pytest
from caldav.lib import error as caldav_error

from tiekeeper.domain.model import ReminderStatus
from tiekeeper.services.events import add_event
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up, close_follow_up
from tiekeeper.services.sync.calendars import CHECKED_IN
from tiekeeper.store.uow import Store


def _client(base: str, user: str, password: str) -> caldav.DAVClient:
    return caldav.DAVClient(url=f"{base}/dav/", username=user, password=password)


def _calendars(client: caldav.DAVClient) -> dict[str, Any]:
    return {str(c.url).rstrip("/").rsplit("/", 1)[1]: c for c in client.principal().calendars()}


def _reminder(store: Store, rid: int) -> Any:
    with store.uow() as uow:
        return uow.reminders.get(rid)


def _ics(kind: str, *lines: str) -> str:
    """A calendar object as a phone writes it (the client library's own builder needs an older
    icalendar than this project uses)."""
    body = [f"BEGIN:{kind}", f"UID:{uuid.uuid4()}@phone.example", "DTSTAMP:20261126T090000Z",
            *lines, f"END:{kind}"]  # fmt: skip
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//phone//EN", *body,
                          "END:VCALENDAR", ""])  # fmt: skip


def _todos(cal: Any) -> dict[str, Any]:
    """summary -> the todo (every one, completed or not: the server decides what is there)."""
    return {str(t.icalendar_component["summary"]): t for t in cal.todos(include_completed=True)}


def _fill(store: Store, today: date) -> dict[str, int]:
    add_person(store.uow(), PersonChanges(name="Ana Lima", birthday="1990-03-14"), today)
    add_person(
        store.uow(),
        PersonChanges(name="Bo Chen", birthday="02-29", started="2019-06-03", company="Nimbus"),
        today,
    )
    add_person(
        store.uow(), PersonChanges(name="Cy Dow", cadence="monthly", connected="2025-01-01"), today
    )
    deck = add_follow_up(store.uow(), "Ana Lima", "2026-12-05", "send the deck", today)
    call = add_follow_up(store.uow(), "Bo Chen", "2026-12-10", "call about the job", today)
    old = add_follow_up(store.uow(), "Ana Lima", "2026-11-30", "thank her", today)
    add_event(
        store.uow(), "PyCon Lisbon", "2026-12-20", today, kind="conference", location="Lisbon"
    )
    assert deck.id and call.id and old.id
    return {"deck": deck.id, "call": call.id, "old": old.id}


def test_caldav_client_lists_completes_snoozes_creates_and_is_refused_read_only_edits(
    store: Store, dav: Any
) -> None:
    ids = _fill(store, dav.today)
    with dav.serve(store) as base:
        client = _client(base, "local", dav.token(store))
        cals = _calendars(client)
        assert set(cals) == {"follow-ups", "birthdays", "events"}  # the address book is no calendar
        assert cals["birthdays"].get_display_name() == "tiekeeper birthdays"

        todos = _todos(cals["follow-ups"])
        assert set(todos) == {
            "Follow up with Ana Lima: send the deck",
            "Follow up with Bo Chen: call about the job",
            "Follow up with Ana Lima: thank her",
            "Check in with Cy Dow",
        }
        deck = todos["Follow up with Ana Lima: send the deck"]
        assert deck.icalendar_component["due"].dt == date(2026, 12, 5)
        assert str(deck.icalendar_component["status"]) == "NEEDS-ACTION"

        # completed on the phone: done in tiekeeper
        deck.complete()
        assert _reminder(store, ids["deck"]).status == ReminderStatus.DONE
        assert "Follow up with Ana Lima: send the deck" not in _todos(cals["follow-ups"])

        # closed in tiekeeper: gone from the phone's next listing
        close_follow_up(store.uow(), ids["old"], ReminderStatus.DONE, dav.today)
        assert "Follow up with Ana Lima: thank her" not in _todos(cals["follow-ups"])

        # DUE moved on the phone: the follow-up is snoozed to that day
        call = _todos(cals["follow-ups"])["Follow up with Bo Chen: call about the job"]
        call.icalendar_component["due"].dt = date(2026, 12, 18)
        call.save()
        assert _reminder(store, ids["call"]).effective_due == date(2026, 12, 18)
        again = _todos(cals["follow-ups"])["Follow up with Bo Chen: call about the job"]
        assert again.icalendar_component["due"].dt == date(2026, 12, 18)

        # a check-in completed on the phone is logged as an interaction: the next one moves on
        checkin = _todos(cals["follow-ups"])["Check in with Cy Dow"]
        was_due = checkin.icalendar_component["due"].dt
        assert was_due < dav.today  # overdue
        checkin.complete()
        moved = _todos(cals["follow-ups"])["Check in with Cy Dow"]
        assert moved.icalendar_component["due"].dt == dav.today + timedelta(days=30)
        assert moved.icalendar_component["uid"] != checkin.icalendar_component["uid"]
        with store.uow() as uow:
            [cy] = uow.people.ids_by_name_key("cy dow")
            [logged] = uow.interactions.for_person(cy)
            assert logged.summary == CHECKED_IN

        # a task made on the phone that names a person is a new follow-up for them
        cals["follow-ups"].save_todo(
            ical=_ics(
                "VTODO", "SUMMARY:Follow up with Bo Chen: send the intro", "DUE;VALUE=DATE:20261208"
            )
        )
        with store.uow() as uow:
            [bo] = uow.people.ids_by_name_key("bo chen")
            actions = {(r.action, r.due_on) for r in uow.reminders.open_for_person(bo)}
        assert ("send the intro", date(2026, 12, 8)) in actions
        assert "Follow up with Bo Chen: send the intro" in _todos(cals["follow-ups"])
        # ...and one naming nobody tiekeeper knows is refused with a reason, nothing made
        with pytest.raises(caldav_error.PutError, match="400"):
            cals["follow-ups"].save_todo(
                ical=_ics("VTODO", "SUMMARY:Follow up with Nobody Known: hi")
            )

        # deleted on the phone: skipped in tiekeeper (still in its history), not lost
        _todos(cals["follow-ups"])["Follow up with Bo Chen: call about the job"].delete()
        assert _reminder(store, ids["call"]).status == ReminderStatus.SKIPPED

        # birthdays: yearly, all-day, the year-less one too; read-only
        events = {str(e.icalendar_component["summary"]): e for e in cals["birthdays"].events()}
        assert set(events) == {
            "Ana Lima's birthday",
            "Bo Chen's birthday",
            "Bo Chen: work anniversary at Nimbus",
        }
        ana = events["Ana Lima's birthday"].icalendar_component
        assert ana["dtstart"].dt == date(1990, 3, 14)
        assert ana["rrule"]["FREQ"] == ["YEARLY"] and ana.get("x-apple-omit-year") is None
        bo_bday = events["Bo Chen's birthday"].icalendar_component
        assert bo_bday["dtstart"].dt == date(2000, 2, 29)  # the leap-safe base year
        assert str(bo_bday["x-apple-omit-year"]) == "2000"
        assert bo_bday["rrule"]["BYMONTHDAY"] == [-1]  # Feb 28 in common years
        birthday = events["Ana Lima's birthday"]
        birthday.icalendar_component["summary"] = "Ana's party"
        with pytest.raises(caldav_error.AuthorizationError, match="Forbidden"):
            birthday.save()
        with pytest.raises(caldav_error.AuthorizationError, match="Forbidden"):
            birthday.delete()
        with pytest.raises(caldav_error.AuthorizationError, match="Forbidden"):
            cals["birthdays"].save_event(
                ical=_ics(
                    "VEVENT",
                    "SUMMARY:party",
                    "DTSTART;VALUE=DATE:20261224",
                    "DTEND;VALUE=DATE:20261225",
                )
            )

        # events: tiekeeper's events, read-only too
        [event] = cals["events"].events()
        assert str(event.icalendar_component["summary"]) == "PyCon Lisbon"
        assert event.icalendar_component["dtstart"].dt == date(2026, 12, 20)
        assert str(event.icalendar_component["location"]) == "Lisbon"
        with pytest.raises(caldav_error.AuthorizationError, match="Forbidden"):
            event.delete()
        # a time-range search (what phones ask for) finds it
        found = cals["events"].search(
            start=date(2026, 12, 19), end=date(2026, 12, 21), event=True, expand=False
        )
        assert len(found) == 1
    with store.uow() as uow:
        assert uow.people.ids_by_name_key("nobody known") == []
