"""vdirsyncer, a real CalDAV client, syncs tiekeeper's calendars into folders of .ics files: the
follow-ups both ways (a task completed or deleted in the folder closes or skips the follow-up, a
task written there naming a person is a new follow-up, a follow-up closed in tiekeeper leaves
the folder), and the birthdays read-only (a local edit is refused, tiekeeper's stays)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import vobject

from tiekeeper.domain.model import ReminderStatus
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up, close_follow_up
from tiekeeper.services.sync.calendars import calendar
from tiekeeper.store.uow import Store

Vdir = Any
NEW_TASK = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VTODO\r\nUID:phone-task-1\r\n"
    "DTSTAMP:20261202T080000Z\r\nSUMMARY:Follow up with Bo Chen: lunch\r\n"
    "DUE;VALUE=DATE:20261211\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
)


def _summaries(phone: Vdir) -> dict[str, str]:
    """summary -> file name, read with vobject (another parser than the server's)."""
    out = {}
    for name, text in phone.cards(".ics").items():
        comp = vobject.readOne(text)
        inner = next(iter(comp.vtodo_list if hasattr(comp, "vtodo") else comp.vevent_list))
        out[inner.summary.value] = name
    return out


def _lf(text: str) -> str:
    """What read_text gives back of a file written with CRLF lines."""
    return text.replace("\r\n", "\n")


def _status(store: Store, rid: int) -> str:
    with store.uow() as uow:
        r = uow.reminders.get(rid)
        assert r is not None
        return r.status


def test_vdirsyncer_syncs_follow_ups_both_ways_and_birthdays_one_way(
    store: Store, vdir: Callable[..., Vdir], dav: Any
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", birthday="1990-03-14"), dav.today)
    add_person(store.uow(), PersonChanges(name="Bo Chen", birthday="07-01"), dav.today)
    ids = {
        action: add_follow_up(store.uow(), who, "2026-12-05", action, dav.today).id
        for who, action in (("Ana Lima", "send the deck"), ("Bo Chen", "ask about the job"),
                            ("Ana Lima", "thank her"), ("Bo Chen", "keep this one"))
    }  # fmt: skip
    with dav.serve(store) as base:
        token = dav.token(store)
        tasks = vdir(f"{base}/dav/local/follow-ups/", "local", token, kind="caldav", ext=".ics",
                     name="tasks")  # fmt: skip
        tasks.sync()
        files = _summaries(tasks)
        assert set(files) == {f"Follow up with {w}: {a}" for w, a in (
            ("Ana Lima", "send the deck"), ("Bo Chen", "ask about the job"),
            ("Ana Lima", "thank her"), ("Bo Chen", "keep this one"))}  # fmt: skip

        # completed in the folder (as a phone writes it): done in tiekeeper, then gone
        path = tasks.folder / files["Follow up with Ana Lima: send the deck"]
        text = path.read_text("utf-8").replace(
            "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261202T100000Z"
        )
        path.write_text(text, "utf-8")
        # deleted in the folder: skipped in tiekeeper, not lost
        (tasks.folder / files["Follow up with Bo Chen: ask about the job"]).unlink()
        # closed in tiekeeper: leaves the folder
        close_follow_up(store.uow(), ids["thank her"], ReminderStatus.DONE, dav.today)
        # made in the folder: a new follow-up for the person it names
        (tasks.folder / "phone-task-1.ics").write_text(NEW_TASK, "utf-8")
        tasks.sync()
        tasks.sync()  # the second sync brings what the first made on the server
        assert _status(store, ids["send the deck"]) == ReminderStatus.DONE
        assert _status(store, ids["ask about the job"]) == ReminderStatus.SKIPPED
        assert _status(store, ids["thank her"]) == ReminderStatus.DONE
        assert _status(store, ids["keep this one"]) == ReminderStatus.OPEN
        assert sorted(_summaries(tasks)) == [
            "Follow up with Bo Chen: keep this one",
            "Follow up with Bo Chen: lunch",
        ]
        served = {_lf(i.text) for i in calendar(store.uow(), "follow-ups").values()}
        assert set(tasks.cards(".ics").values()) == served  # the same objects on both sides

        # the birthdays, year-less one too, arrive; a local edit cannot reach tiekeeper
        days = vdir(f"{base}/dav/local/birthdays/", "local", token, kind="caldav", ext=".ics",
                    name="birthdays")  # fmt: skip
        days.sync()
        found = _summaries(days)
        assert set(found) == {"Ana Lima's birthday", "Bo Chen's birthday"}
        bo = vobject.readOne(days.cards(".ics")[found["Bo Chen's birthday"]]).vevent
        assert bo.dtstart.value.isoformat() == "2000-07-01" and bo.rrule.value == "FREQ=YEARLY"
        path = days.folder / found["Ana Lima's birthday"]
        path.write_text(path.read_text("utf-8").replace("Ana Lima's", "Ana's party"), "utf-8")
        with pytest.raises(AssertionError, match="403"):
            days.sync()
        assert {_lf(i.text) for i in calendar(store.uow(), "birthdays").values()} >= {
            t for n, t in days.cards(".ics").items() if n != path.name
        }
        assert "Ana Lima's birthday" in {
            vobject.readOne(i.text).vevent.summary.value
            for i in calendar(store.uow(), "birthdays").values()
        }
