"""services/sync/calendars.py without a server: the items are valid iCalendar for a strict parser
(the `ical` library), their text and ETags do not depend on when they are built, awkward names are
escaped and long lines folded, and what a phone may send is read as the docs say."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from ical.calendar_stream import IcsCalendarStream

from tiekeeper.domain.errors import Conflict, InvalidInput, PermissionDenied
from tiekeeper.domain.model import ReminderStatus
from tiekeeper.services.events import add_event
from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.reminders import add_follow_up, close_follow_up
from tiekeeper.services.sync.calendars import (
    CalendarCache,
    calendar,
    delete_task,
    put_task,
    read_task,
)
from tiekeeper.store.uow import Store

TODAY = date(2026, 12, 2)
TASK = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VTODO\r\nUID:{uid}\r\n"
    "DTSTAMP:20261201T000000Z\r\nSUMMARY:{summary}\r\n{extra}END:VTODO\r\nEND:VCALENDAR\r\n"
)


def _task(summary: str, uid: str = "p1", extra: str = "") -> str:
    return TASK.format(uid=uid, summary=summary, extra=extra)


def _open(store: Store) -> list[tuple[str | None, date]]:
    with store.uow() as uow:
        found = uow.reminders.open_due_by(date.max)
    return sorted(((r.action, r.effective_due) for r in found), key=lambda a: (a[0] or "", a[1]))


def test_items_are_strict_icalendar_with_etags_independent_of_when_built(
    sqlite_store: Store,
) -> None:
    long_name = "José Núñez-Ørsted; the third, of Ålesund " * 2
    add_person(sqlite_store.uow(), PersonChanges(name=long_name.strip(), birthday="02-29",
               started="2020-02-29", company="A, B; C"), TODAY)  # fmt: skip
    add_follow_up(sqlite_store.uow(), long_name.strip(), "2026-12-05", "line one\nline two", TODAY)
    add_event(sqlite_store.uow(), "Meetup, with; commas", "2026-12-20", TODAY, goal="meet 3 people")
    for name in ("follow-ups", "birthdays", "events"):
        items = calendar(sqlite_store.uow(), name)
        again = calendar(sqlite_store.uow(), name, CalendarCache())
        assert items == again and items  # a fresh build, the same bytes and ETags
        for item in items.values():
            assert all(len(line.encode()) <= 75 for line in item.text.split("\r\n"))
            parsed = IcsCalendarStream.calendar_from_ics(item.text)  # strict RFC 5545
            got = [*parsed.todos, *parsed.events]
            assert len(got) == 1 and got[0].uid == item.uid
            if name == "follow-ups":
                assert got[0].summary == f"Follow up with {long_name.strip()}: line one\nline two"
                assert got[0].due == date(2026, 12, 5)
            if name == "events":
                assert got[0].summary == "Meetup, with; commas"
                assert got[0].description == "Goal: meet 3 people"
    summaries = {
        IcsCalendarStream.calendar_from_ics(i.text).events[0].summary: i.text
        for i in calendar(sqlite_store.uow(), "birthdays").values()
    }
    work = summaries[f"{long_name.strip()}: work anniversary at A, B; C"]
    assert "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" in work  # Feb 28 in common years


def test_what_a_phone_sends_is_read_as_documented(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima"), TODAY)
    add_person(store.uow(), PersonChanges(name="Ana Souza"), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo Chen"), TODAY)
    # the three ways a summary names a person
    for summary, uid in (("Check in with Bo Chen", "a"), ("Bo Chen: send the deck", "b"),
                         ("call with bo: ask", "c")):  # fmt: skip
        put_task(store.uow(), "follow-ups", f"{uid}.ics",
                 _task(summary, uid, "DUE;VALUE=DATE:20261210\r\n"), TODAY)  # fmt: skip
    assert _open(store) == [
        (None, date(2026, 12, 10)),
        ("ask", date(2026, 12, 10)),
        ("send the deck", date(2026, 12, 10)),
    ]
    before = _open(store)
    # two Anas: refused with the candidates, nothing made; nobody: refused too
    with pytest.raises(InvalidInput, match=r"matches 2 people.*Ana Lima.*Ana Souza"):
        put_task(store.uow(), "follow-ups", "x.ics", _task("Follow up with Ana: hi", "x"), TODAY)
    with pytest.raises(InvalidInput, match="SUMMARY: no person matches"):
        put_task(store.uow(), "follow-ups", "y.ics", _task("Follow up with Zed: hi", "y"), TODAY)
    with pytest.raises(InvalidInput, match="already done"):
        put_task(store.uow(), "follow-ups", "z.ics",
                 _task("Bo Chen: x", "z", "STATUS:COMPLETED\r\n"), TODAY)  # fmt: skip
    with pytest.raises(InvalidInput, match="not an iCalendar object"):
        put_task(store.uow(), "follow-ups", "j.ics", "junk", TODAY)
    with pytest.raises(PermissionDenied, match="birthdays calendar is read-only"):
        put_task(store.uow(), "birthdays", "b.ics", _task("Bo Chen: x"), TODAY)
    assert _open(store) == before

    # PERCENT-COMPLETE:100 alone completes; a snooze to a day not after today is refused
    assert read_task("t.ics", _task("x", extra="PERCENT-COMPLETE:100\r\n")).completed
    [deck] = [i for i in calendar(store.uow(), "follow-ups").values() if "deck" in i.text]
    past = deck.text.replace("DUE;VALUE=DATE:20261210", "DUE;VALUE=DATE:20261201")
    with pytest.raises(InvalidInput, match="is not after today"):
        put_task(store.uow(), "follow-ups", deck.href, past, TODAY)
    # a task tiekeeper served and closed since: completed again is no news, edited is a clash
    close_follow_up(store.uow(), deck.ref, ReminderStatus.DONE, TODAY)
    done = deck.text.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED")
    assert put_task(store.uow(), "follow-ups", deck.href, done, TODAY) == (None, None)
    moved = deck.text.replace("DUE;VALUE=DATE:20261210", "DUE;VALUE=DATE:20261220")
    with pytest.raises(Conflict, match="no longer open in tiekeeper"):
        put_task(store.uow(), "follow-ups", deck.href, moved, TODAY)
    assert len(_open(store)) == 2  # the closed one did not come back as a new follow-up
    # a check-in cannot be deleted (it would only come back)
    add_person(store.uow(), PersonChanges(name="Cy Dow", cadence="weekly"), TODAY)
    [checkin] = [i for i in calendar(store.uow(), "follow-ups").values() if i.kind == "check-in"]
    with pytest.raises(PermissionDenied, match="cadence"):
        delete_task(store.uow(), "follow-ups", checkin.href, TODAY)


def test_a_task_reworded_on_the_phone_changes_what_the_follow_up_is_for(store: Store) -> None:
    """Phone edits to a task's text were dropped: the action after the colon is kept now, with a
    new due day in the same upload; another name is refused, the follow-up left as it was."""
    add_person(store.uow(), PersonChanges(name="Ana Lima"), TODAY)
    add_follow_up(store.uow(), "Ana Lima", "2026-12-10", "send the deck", TODAY)
    [task] = calendar(store.uow(), "follow-ups").values()
    assert "SUMMARY:Follow up with Ana Lima: send the deck" in task.text
    edited = task.text.replace("send the deck", "send the new deck").replace(
        "DUE;VALUE=DATE:20261210", "DUE;VALUE=DATE:20261212"
    )
    put_task(store.uow(), "follow-ups", task.href, edited, TODAY)
    assert _open(store) == [("send the new deck", date(2026, 12, 12))]
    [now] = calendar(store.uow(), "follow-ups").values()
    assert "SUMMARY:Follow up with Ana Lima: send the new deck" in now.text
    other = now.text.replace("Follow up with Ana Lima", "Follow up with Bo Chen")
    with pytest.raises(InvalidInput, match="a follow-up stays with its person"):
        put_task(store.uow(), "follow-ups", now.href, other, TODAY)
    unchanged = now.text.replace("DUE;VALUE=DATE:20261212", "DUE;VALUE=DATE:20261214")
    put_task(store.uow(), "follow-ups", now.href, unchanged, TODAY)  # the text as served
    assert _open(store) == [("send the new deck", date(2026, 12, 14))]


def test_the_cache_forgets_items_that_left(sqlite_store: Store) -> None:
    add_person(sqlite_store.uow(), PersonChanges(name="Bo Chen"), TODAY)
    cache = CalendarCache()
    ids = [add_follow_up(sqlite_store.uow(), "Bo Chen", f"2026-12-{d}", None, TODAY).id
           for d in (10, 11, 12)]  # fmt: skip
    assert len(calendar(sqlite_store.uow(), "follow-ups", cache)) == 3
    for rid in ids[:2]:
        assert rid is not None
        close_follow_up(sqlite_store.uow(), rid, ReminderStatus.DONE, TODAY)
    assert len(calendar(sqlite_store.uow(), "follow-ups", cache)) == 1
    kept: dict[Any, Any] = cache._items  # what the cache still holds
    assert len(kept) == 1


def test_a_cached_calendar_sees_every_commit_and_only_then_rebuilds(store: Store) -> None:
    """The cache serves a calendar unread while nothing was committed (store/change_probe.py):
    every kind of change must still reach it, on both backends."""
    cache = CalendarCache()
    add_person(store.uow(), PersonChanges(name="Bo Chen", birthday="07-01"), TODAY)
    first = calendar(store.uow(), "birthdays", cache)
    assert calendar(store.uow(), "birthdays", cache) == first  # nothing committed: the same
    edit_person(store.uow(), "Bo Chen", PersonChanges(birthday="1990-07-02"), TODAY)
    [moved] = calendar(store.uow(), "birthdays", cache).values()
    assert (
        "DTSTART;VALUE=DATE:19900702" in moved.text
        and moved.etag != next(iter(first.values())).etag
    )
    assert calendar(store.uow(), "follow-ups", cache) == {}
    rid = add_follow_up(store.uow(), "Bo Chen", "2026-12-09", "ask", TODAY).id
    assert [i.ref for i in calendar(store.uow(), "follow-ups", cache).values()] == [rid]
    assert calendar(store.uow(), "events", cache) == {}
    add_event(store.uow(), "Meetup", "2026-12-20", TODAY)
    assert len(calendar(store.uow(), "events", cache)) == 1
