"""The calendars a CalDAV client syncs, one set per account, and what a phone sends back.

- follow-ups: every open follow-up and every keep-in-touch check-in as a VTODO. Two-way: a task
  completed on the phone closes the follow-up (a check-in is logged as an interaction, which is
  what moves a check-in on); a DUE moved on the phone snoozes it; a task deleted on the phone
  skips the follow-up; a new task whose summary names a person is a new follow-up. A follow-up
  closed in tiekeeper leaves the calendar, so the phone drops it at its next sync.
- birthdays: birthdays and work anniversaries as yearly all-day VEVENTs, read-only.
- events: tiekeeper's events as all-day VEVENTs, read-only.

Every item is derived from the store as it is now, with deterministic text (a fixed DTSTAMP,
no "now" anywhere), so its ETag is the hash of its text and stays put while nothing changes.
A follow-up's, birthday's and anniversary's UID is the one the .ics export and the calendar feed
give it (ics_out), an event's is made the same way; a check-in's is per person and due day, so
the next check-in after one completed on the phone is a new task. An item keeps its UID (and its
file name, UID.ics) for as long as it exists.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache, partial

from icalendar import Calendar
from icalendar.prop import vDDDTypes

from tiekeeper.domain.cadence import describe_cadence
from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from tiekeeper.domain.model import ReminderStatus
from tiekeeper.interchange.vcard_out import escape_text, fold, person_uid
from tiekeeper.services.agenda import follow_up_facts
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import resolve
from tiekeeper.services.reminders import (
    add_follow_up,
    close_follow_up,
    reword_follow_up,
    snooze_follow_up,
)
from tiekeeper.store.change_probe import ChangeProbe
from tiekeeper.store.events import EventRepository
from tiekeeper.store.uow import UnitOfWork

FOLLOW_UPS = "follow-ups"
BIRTHDAYS = "birthdays"
EVENTS = "events"
CALENDARS = (FOLLOW_UPS, BIRTHDAYS, EVENTS)
READ_ONLY: dict[str, str] = {
    BIRTHDAYS: "the birthdays calendar is read-only: birthdays and work anniversaries come from "
    "the people in tiekeeper (edit the person, or the contact's card, instead)",
    EVENTS: "the events calendar is read-only: add or change events in tiekeeper "
    "(tiekeeper event add, or the Events page)",
}
COMPONENT = {FOLLOW_UPS: "VTODO", BIRTHDAYS: "VEVENT", EVENTS: "VEVENT"}
SUFFIX = ".ics"
PRODID = "-//tiekeeper//tiekeeper CalDAV//EN"
# DTSTAMP is required; "now" would change every item's text (and ETag) on every request.
STAMP = "20000101T000000Z"
# A birthday without a year still needs a first occurrence: 2000 is a leap year (a Feb 29
# birthday is a valid date) and is the base year the calendar feed uses, so both show the same
# days. X-APPLE-OMIT-YEAR (what Apple's own vCards write for a year-less BDAY) tells a client
# that understands it not to compute an age; the summary never states one either.
NO_YEAR = 2000
# A check-in is done on the phone: tiekeeper logs this, which moves the next check-in on.
CHECKED_IN = "checked in (task completed in the calendar app)"
# "Follow up with Ana Lima: send the deck", "Check in with Bo", or "Ana Lima: send the deck".
_WITH = re.compile(
    r"^\s*(?:follow[ -]?up|check[ -]?in|catch[ -]?up|talk|meet|call|write)\s+(?:with|to)\s+"
    r"(?P<who>[^:]+?)\s*(?::\s*(?P<action>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
_COLON = re.compile(r"^\s*(?P<who>[^:]+?)\s*:\s*(?P<action>.*)$", re.DOTALL)


@dataclass(frozen=True)
class CalItem:
    """One calendar object as served: `kind` says what it is, `ref` which row it comes from
    (the reminder's id for a follow-up, the person's for a check-in, birthday or anniversary,
    the event's for an event)."""

    uid: str
    href: str
    text: str
    etag: str
    component: str  # VTODO | VEVENT
    kind: str  # follow-up | check-in | birthday | work-anniversary | event
    ref: int
    due: date | None = None


class CalendarCache:
    """Items already written, by (owner, UID) and what they were built from: writing one with
    icalendar costs ~0.2 ms, and a sync of the birthdays of 30,000 people asks for them all."""

    def __init__(self) -> None:
        self._items: dict[tuple[int, str], tuple[Hashable, CalItem]] = {}
        self._served: dict[tuple[int, str], set[str]] = {}
        # (owner, calendar) -> (the change probe's value when read, the items): served again
        # unread while nothing was committed to the database since (store/change_probe.py);
        # a phone's sync is a listing, then multigets, each one a request of its own
        self._calendars: dict[tuple[int, str], tuple[str, dict[str, CalItem]]] = {}
        self._probe: ChangeProbe | None = None
        self._lock = threading.Lock()

    def marker(self, uow: UnitOfWork) -> str | None:
        """The change probe's value now (None: unknown, build anew)."""
        with self._lock:
            if self._probe is None or self._probe.engine is not uow.engine:
                self._probe = ChangeProbe(uow.engine)
            probe = self._probe
        return probe.value()

    def unchanged(self, owner_id: int, name: str, marker: str | None) -> dict[str, CalItem] | None:
        with self._lock:
            hit = self._calendars.get((owner_id, name))
        return dict(hit[1]) if marker is not None and hit and hit[0] == marker else None

    def remember(
        self, owner_id: int, name: str, marker: str | None, items: dict[str, CalItem]
    ) -> None:
        if marker is not None:
            with self._lock:
                self._calendars[(owner_id, name)] = (marker, dict(items))

    def item(
        self, owner_id: int, uid: str, source: Hashable, build: Callable[[], CalItem]
    ) -> CalItem:
        hit = self._items.get((owner_id, uid))
        if hit is not None and hit[0] == source:
            return hit[1]
        made = build()
        self._items[(owner_id, uid)] = (source, made)
        return made

    def keep_only(self, owner_id: int, name: str, uids: set[str]) -> None:
        """Drop the items calendar `name` served last time and holds no more (a follow-up
        closed, a check-in moved to its next day), so the cache does not grow."""
        before = self._served.get((owner_id, name), set())
        for uid in before - uids:
            self._items.pop((owner_id, uid), None)
        self._served[(owner_id, name)] = uids


@lru_cache(maxsize=1 << 17)
def _uid(owner_id: int, ref: int, kind: str) -> str:
    """person_uid, kept: a uuid5 is ~10 us, and a birthdays sync asks for one per person."""
    return person_uid(owner_id, ref, kind)


def etag_of(text: str) -> str:
    """A quoted strong ETag: the item's hash, so it moves exactly when the item changes."""
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest() + '"'


def href_for(uid: str) -> str:
    return uid + SUFFIX


def _fold(line: str) -> str:
    # Most lines fit: vcard_out.fold walks every character, 0.3 ms a line (a cold sync of the
    # birthdays of 30,000 people took 15 s in it).
    if len(line) <= 75 and (line.isascii() or len(line.encode("utf-8")) <= 75):
        return line + "\r\n"
    return fold(line)


def _line(name: str, value: str) -> str:
    return _fold(f"{name}:{value}")


def _text(name: str, value: str) -> str:
    return _fold(f"{name}:{escape_text(value)}")


def _day_value(day: date) -> str:
    return day.strftime("%Y%m%d")


def _item(
    uid: str, component: str, lines: list[str], kind: str, ref: int, due: date | None
) -> CalItem:
    """The VCALENDAR text around one component. Written by hand, not with icalendar: a first sync
    of 30,000 people's birthdays took 19 s through icalendar, and the lines are few and fixed."""
    text = "".join(
        [
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            _text("PRODID", PRODID),
            f"BEGIN:{component}\r\n",
            _text("UID", uid),
            f"DTSTAMP:{STAMP}\r\n",
            *lines,
            f"END:{component}\r\n",
            "END:VCALENDAR\r\n",
        ]
    )
    return CalItem(uid, href_for(uid), text, etag_of(text), component, kind, ref, due)


def _todo(uid: str, summary: str, description: str, due: date, kind: str, ref: int) -> CalItem:
    lines = [
        _text("SUMMARY", summary),
        _text("DESCRIPTION", description),
        _line("DUE;VALUE=DATE", _day_value(due)),
        "STATUS:NEEDS-ACTION\r\n",
        _text("CATEGORIES", kind),
        _text("X-TIEKEEPER-KIND", kind),
    ]
    return _item(uid, "VTODO", lines, kind, ref, due)


def _yearly(start: date) -> str:
    """FREQ=YEARLY; Feb 29 as the last day of February, so it shows on Feb 28 in common years
    (plain FREQ=YEARLY skips the years without the date: RFC 5545 section 3.3.10)."""
    if (start.month, start.day) == (2, 29):
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    return "FREQ=YEARLY"


def _all_day(
    uid: str,
    summary: str,
    start: date,
    kind: str,
    ref: int,
    *,
    yearly: bool = False,
    description: str | None = None,
    location: str | None = None,
    omit_year: int | None = None,
) -> CalItem:
    lines = [
        _text("SUMMARY", summary),
        _line("DTSTART;VALUE=DATE", _day_value(start)),
        _line("DTEND;VALUE=DATE", _day_value(start + timedelta(days=1))),
    ]
    if yearly:
        lines.append(_line("RRULE", _yearly(start)))
    if description:
        lines.append(_text("DESCRIPTION", description))
    if location:
        lines.append(_text("LOCATION", location))
    if omit_year is not None:
        lines.append(_line("X-APPLE-OMIT-YEAR", str(omit_year)))
    lines += ["TRANSP:TRANSPARENT\r\n", _text("CATEGORIES", kind)]
    return _item(uid, "VEVENT", lines, kind, ref, start)


def _follow_ups(uow: UnitOfWork, cache: CalendarCache) -> list[CalItem]:
    out = []
    for f in follow_up_facts(uow, date.max):
        uid = _uid(uow.owner_id, f.reminder_id, "reminder")
        what = f": {f.action}" if f.action else ""
        summary = f"Follow up with {f.person_name}{what}"
        about = [f"Follow-up for {f.person_name}{what or '.'}"]
        if f.event:
            about.append(f"You met at {f.event} ({f.event_on}).")
        if f.context:
            about.append(f"It came {f.context}.")
        source = (summary, tuple(about), f.due_on)
        build = partial(_todo, uid, summary, " ".join(about), f.due_on, "follow-up", f.reminder_id)
        out.append(cache.item(uow.owner_id, uid, source, build))
    for c in uow.agenda.checkins_due(date.max):
        # One UID per person and due day: a check-in completed on the phone stays completed
        # there, and the next one (after the interaction it logs) is a new task.
        uid = _uid(uow.owner_id, c.person_id, f"check-in {c.due_on.isoformat()}")
        summary = f"Check in with {c.name}"
        why = f"Time to get back in touch with {c.name} ({describe_cadence(c.cadence_days)})."
        build = partial(_todo, uid, summary, why, c.due_on, "check-in", c.person_id)
        out.append(cache.item(uow.owner_id, uid, (summary, why, c.due_on), build))
    return out


def _leap_year_days() -> list[date]:
    return [date(NO_YEAR, 1, 1) + timedelta(days=i) for i in range(366)]


def _birthdays(uow: UnitOfWork, cache: CalendarCache) -> list[CalItem]:
    out = []
    owner = uow.owner_id
    for row in uow.agenda.dated_people(_leap_year_days()):
        pid = row.person_id
        if row.birthday_month and row.birthday_day:
            year = row.birthday_year
            start = date(year or NO_YEAR, row.birthday_month, row.birthday_day)
            uid = _uid(owner, pid, "birthday")
            summary = f"{row.name}'s birthday"
            omit = None if year else NO_YEAR
            build = partial(_all_day, uid, summary, start, "birthday", pid, yearly=True,
                            omit_year=omit)  # fmt: skip
            out.append(cache.item(owner, uid, (summary, start, omit), build))
        if row.started_on:
            started = row.started_on
            uid = _uid(owner, pid, "work-anniversary")
            where = f" at {row.company}" if row.company else ""
            summary = f"{row.name}: work anniversary{where}"
            about = f"{row.name} started{where} on {started.isoformat()}."
            build = partial(_all_day, uid, summary, started, "work-anniversary", pid,
                            yearly=True, description=about)  # fmt: skip
            out.append(cache.item(owner, uid, (summary, about, started), build))
    return out


def _events(uow: UnitOfWork, cache: CalendarCache) -> list[CalItem]:
    out = []
    for ev in uow.repo(EventRepository).all():
        assert ev.id is not None
        eid = ev.id
        uid = _uid(uow.owner_id, eid, "event")
        source = (ev.name, ev.occurred_on, ev.kind, ev.location, ev.goal)
        goal = f"Goal: {ev.goal}" if ev.goal else None
        build = partial(_all_day, uid, ev.name, ev.occurred_on, "event", eid,
                        location=ev.location, description=goal)  # fmt: skip
        out.append(cache.item(uow.owner_id, uid, source, build))
    return out


_BUILDERS = {FOLLOW_UPS: _follow_ups, BIRTHDAYS: _birthdays, EVENTS: _events}


def calendar(uow: UnitOfWork, name: str, cache: CalendarCache | None = None) -> dict[str, CalItem]:
    """The items of calendar `name` (one of CALENDARS) by href."""
    if name not in _BUILDERS:
        raise NotFound(f"no calendar {name!r}; there are {', '.join(CALENDARS)}")
    cache = cache or CalendarCache()
    marker = cache.marker(uow)  # before the rows it vouches for
    found = cache.unchanged(uow.owner_id, name, marker)
    if found is not None:
        return found
    with uow:
        items = _BUILDERS[name](uow, cache)
    cache.keep_only(uow.owner_id, name, {i.uid for i in items})
    out = {i.href: i for i in items}
    cache.remember(uow.owner_id, name, marker, out)
    return out


# --- what a client sends -------------------------------------------------------------------


@dataclass(frozen=True)
class SentTask:
    """The parts of a VTODO a phone sent that tiekeeper acts on."""

    uid: str
    summary: str
    due: date | None
    completed: bool
    cancelled: bool
    completed_on: date | None
    ours: bool = False  # it carries X-TIEKEEPER-KIND: tiekeeper served it once


def _day(value: object) -> date | None:
    if isinstance(value, vDDDTypes):
        value = value.dt
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def read_task(href: str, text: str) -> SentTask:
    """The one VTODO of an upload; anything else is refused naming the file."""
    try:
        cal = Calendar.from_ical(text)
    except ValueError as exc:
        raise InvalidInput(f"not an iCalendar object ({exc})", file=href) from exc
    todos = [c for c in cal.walk() if c.name == "VTODO"]
    if len(todos) != 1 or any(c.name in ("VEVENT", "VJOURNAL") for c in cal.walk()):
        raise InvalidInput("the follow-ups calendar takes one task (VTODO) per file", file=href)
    todo = todos[0]
    status = str(todo.get("status", "")).strip().upper()
    try:
        percent = int(str(todo.get("percent-complete", "0")).strip() or 0)
    except ValueError:
        percent = 0
    completed_at = todo.get("completed")
    return SentTask(
        uid=str(todo.get("uid", "")).strip(),
        summary=" ".join(str(todo.get("summary", "")).split()),
        due=_day(todo.get("due")),
        completed=status == "COMPLETED" or completed_at is not None or percent >= 100,
        cancelled=status == "CANCELLED",
        completed_on=_day(completed_at),
        ours="x-tiekeeper-kind" in todo,
    )


def _find(items: dict[str, CalItem], href: str, uid: str) -> CalItem | None:
    return items.get(href) or next((i for i in items.values() if uid and i.uid == uid), None)


def _writable(name: str) -> None:
    if name in READ_ONLY:
        raise PermissionDenied(READ_ONLY[name])
    if name != FOLLOW_UPS:
        raise NotFound(f"no calendar {name!r}; there are {', '.join(CALENDARS)}")


def _new_follow_up(uow: UnitOfWork, href: str, task: SentTask, today: date) -> int:
    """A task made on the phone: its summary must name one person tiekeeper knows."""
    if task.completed or task.cancelled:
        raise InvalidInput("a new task that is already done makes no follow-up", file=href)
    found = _WITH.match(task.summary) or _COLON.match(task.summary)
    who = found.group("who") if found else task.summary
    action = ((found.group("action") or "").strip() or None) if found else None
    if not who.strip():
        raise InvalidInput(
            "name the person, as in 'Follow up with Ana Lima: send the deck'", field="SUMMARY"
        )
    try:
        with uow:
            pid = resolve(uow, who)
    except (NotFound, Conflict, InvalidInput) as exc:
        raise InvalidInput(
            f"{exc}; name the person as in 'Follow up with Ana Lima: send the deck'",
            field="SUMMARY",
            file=href,
        ) from exc
    when = (task.due or today).isoformat()
    r = add_follow_up(uow, str(pid), when, action, today)
    assert r.id is not None
    return r.id


def put_task(
    uow: UnitOfWork,
    name: str,
    href: str,
    text: str,
    today: date,
    cache: CalendarCache | None = None,
) -> tuple[CalItem | None, CalItem | None]:
    """Act on a task a client sent to `href` of calendar `name`. Returns the item as it is now
    served (None when the task left the calendar: completed, skipped) and the one it replaced."""
    _writable(name)
    task = read_task(href, text)
    cache = cache or CalendarCache()
    old = _find(calendar(uow, name, cache), href, task.uid)
    if old is None and task.ours:
        # served once, closed in tiekeeper since (a client that sends no If-Match gets here;
        # Radicale answers the others 412): done on both sides is no news; anything else must
        # not bring the follow-up back as a new one
        if task.completed or task.cancelled:
            return None, None
        raise Conflict(
            "this follow-up is no longer open in tiekeeper (done, skipped or deleted there); "
            "sync again to drop it"
        )
    if old is None:
        rid = _new_follow_up(uow, href, task, today)
        uid = _uid(uow.owner_id, rid, "reminder")
        return calendar(uow, name, cache).get(href_for(uid)), None
    if old.kind == "check-in":
        if task.completed:
            on = min(task.completed_on or today, today).isoformat()
            log_interaction(uow, LogRequest([str(old.ref)], when=on, summary=CHECKED_IN), today)
        elif task.cancelled:
            raise PermissionDenied(_CHECKIN_FIXED)
        elif task.due is not None and task.due != old.due:
            raise InvalidInput(
                "a check-in's day follows the keep-in-touch cadence and cannot be moved; "
                "complete the task when you have been in touch, or change the cadence in "
                "tiekeeper",
                field="DUE",
                file=href,
            )
    elif task.completed or task.cancelled:
        status = ReminderStatus.DONE if task.completed else ReminderStatus.SKIPPED
        close_follow_up(uow, old.ref, status, today)
    else:
        _reword(uow, old, task, href)
        if task.due is not None and task.due != old.due:
            snooze_follow_up(uow, old.ref, task.due.isoformat(), today)
    return calendar(uow, name, cache).get(old.href), old


def _reword(uow: UnitOfWork, old: CalItem, task: SentTask, href: str) -> None:
    """A follow-up's summary edited on the phone ("Follow up with Ana Lima: send the new deck"):
    the new action is kept; another name is refused (a follow-up stays with its person)."""
    served = read_task(href, old.text).summary
    if task.summary == served:
        return
    found = _WITH.match(task.summary) or _COLON.match(task.summary)
    was = _WITH.match(served)

    def who(match: re.Match[str]) -> str:
        return " ".join(match.group("who").split()).casefold()

    if found is None or was is None or who(found) != who(was):
        raise InvalidInput(
            f"a follow-up stays with its person: keep {served.split(':')[0]!r} at the start of "
            "the summary and change what follows the colon (for someone else, make a new task)",
            field="SUMMARY",
            file=href,
        )
    reword_follow_up(uow, old.ref, (found.group("action") or "").strip() or None)


_CHECKIN_FIXED = (
    "a check-in comes from the keep-in-touch cadence and cannot be deleted or cancelled; "
    "complete it when you have been in touch, or turn the cadence off in tiekeeper"
)


def delete_task(
    uow: UnitOfWork, name: str, href: str, today: date, cache: CalendarCache | None = None
) -> CalItem:
    """A task deleted on the phone: the follow-up is skipped (closed, still in its history),
    never silently lost; a check-in cannot be deleted (it would only come back)."""
    _writable(name)
    old = calendar(uow, name, cache).get(href)
    if old is None:
        raise NotFound(f"no task {href}")
    if old.kind == "check-in":
        raise PermissionDenied(_CHECKIN_FIXED)
    close_follow_up(uow, old.ref, ReminderStatus.SKIPPED, today)
    return old
