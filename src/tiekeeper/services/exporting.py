"""Exports in open formats: vCard 3.0, Google Contacts CSV, iCalendar, and the JSON backup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import parse_choice
from tiekeeper.interchange.csv_out import write_google_csv
from tiekeeper.interchange.ics_out import Published, calendar_entries, stamp, write_ics
from tiekeeper.interchange.vcard_out import write_vcards
from tiekeeper.services.backup import backup_json
from tiekeeper.store.calendar_state import CalendarStateRepository
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.uow import UnitOfWork

FORMATS = ("vcard", "csv", "ics", "json")
MEDIA_TYPES = {
    "vcard": "text/vcard; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True)
class Export:
    """The bytes of one export, what they are, and how many items they hold."""

    format: str
    media_type: str
    data: bytes
    items: int
    changed: int = 0  # ICS: events new or changed since the last export


def export_vcard(uow: UnitOfWork) -> Export:
    """Every person as a vCard 3.0 card."""
    with uow:
        people = uow.people.find(PersonFilter())
        data = write_vcards(people, uow.owner_id)
    return Export("vcard", MEDIA_TYPES["vcard"], data, len(people))


def export_csv(uow: UnitOfWork) -> Export:
    """Every person as a row of a Google Contacts CSV."""
    with uow:
        people = uow.people.find(PersonFilter())
    return Export("csv", MEDIA_TYPES["csv"], write_google_csv(people), len(people))


def export_ics(uow: UnitOfWork, now: datetime) -> Export:
    """The calendar; records what it published so SEQUENCE moves only when an event changes."""
    if now.tzinfo is None:
        raise InvalidInput("needs a time zone", field="now", value=now)
    now = now.replace(microsecond=0)  # what iCalendar can say, so a re-read state compares equal
    with uow:
        people = uow.people.find(PersonFilter())
        reminders = uow.reminders.open_due_by(date.max)  # every open follow-up
        entries = calendar_entries(people, reminders, uow.owner_id)
        states = uow.repo(CalendarStateRepository)
        previous = {uid: Published(*v) for uid, v in states.all().items()}
        stamped, changed = stamp(entries, previous, now)
        states.put_many(changed)
        uow.commit()
    data = write_ics(stamped, now)
    return Export("ics", MEDIA_TYPES["ics"], data, len(entries), len(changed))


def export_json(uow: UnitOfWork) -> Export:
    """The complete backup."""
    data, rows = backup_json(uow)
    return Export("json", MEDIA_TYPES["json"], data, rows)


def export(uow: UnitOfWork, fmt: str, now: datetime) -> Export:
    """Export in one of FORMATS."""
    kind = parse_choice(fmt, FORMATS, "format")
    if kind == "ics":
        return export_ics(uow, now)
    return {"vcard": export_vcard, "csv": export_csv, "json": export_json}[kind](uow)
