"""Follow-ups (add, done, snooze, skip), cadences, and the upcoming list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain import limits
from tiekeeper.domain.agenda import follow_up_reason
from tiekeeper.domain.cadence import describe_cadence, parse_cadence
from tiekeeper.domain.dates import PartialDate, parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.model import Reminder, ReminderStatus
from tiekeeper.services.agenda import follow_up_facts
from tiekeeper.services.people import resolve, resolve_person
from tiekeeper.store.light import ReadUnit
from tiekeeper.store.uow import UnitOfWork


def add_follow_up(
    uow: UnitOfWork, ref: str, when: str, action: str | None, today: date
) -> Reminder:
    """Remind me to do something for a person by a date."""
    due = parse_when(when, today, field="date")
    limits.check("note", action)
    with uow:
        r = Reminder(resolve(uow, ref), due, (action or "").strip() or None)
        uow.reminders.add(r)
        uow.commit()
    return r


def _open(uow: UnitOfWork, reminder_id: int) -> Reminder:
    r = uow.reminders.get(reminder_id)
    if r is None:
        raise NotFound(f"no follow-up with id {reminder_id}")
    if r.status != ReminderStatus.OPEN:
        raise InvalidInput(f"follow-up {reminder_id} is already {r.status}", field="id")
    return r


def close_follow_up(uow: UnitOfWork, reminder_id: int, status: str, today: date) -> Reminder:
    """Mark a follow-up done or skipped."""
    with uow:
        r = _open(uow, reminder_id)
        uow.reminders.close(reminder_id, status, today)
        uow.commit()
    r.status = status
    return r


def reword_follow_up(uow: UnitOfWork, reminder_id: int, action: str | None) -> Reminder:
    """Change what an open follow-up is for ("send the deck" -> "send the new deck")."""
    limits.check("note", action)
    with uow:
        r = _open(uow, reminder_id)
        r.action = (action or "").strip() or None
        uow.reminders.set_action(reminder_id, r.action)
        uow.commit()
    return r


def snooze_follow_up(uow: UnitOfWork, reminder_id: int, until: str, today: date) -> Reminder:
    """Hide a follow-up until a later day."""
    day = parse_when(until, today, field="until")
    if day <= today:
        raise InvalidInput(f"{until!r} is not after today ({today})", field="until", value=until)
    with uow:
        r = _open(uow, reminder_id)
        uow.reminders.snooze(reminder_id, day)
        uow.commit()
    r.snoozed_until = day
    return r


@dataclass
class CadenceSet:
    target: str
    cadence_days: int | None
    people: int


def set_cadence(
    uow: UnitOfWork, every: str, *, person: str | None = None, tag: str | None = None
) -> CadenceSet:
    """Keep in touch with a person or everyone with a tag; 'off' removes it."""
    if (person is None) == (tag is None):
        raise InvalidInput("give either a person or --tag", field="target")
    days = None if every.strip().lower() in ("off", "none") else parse_cadence(every)
    with uow:
        if person is not None:
            p = resolve_person(uow, person)
            p.cadence_days = days
            uow.people.update(p)
            result = CadenceSet(p.name, days, 1)
        else:
            assert tag is not None
            ids = uow.people.set_tag_cadence(tag.strip(), days)
            result = CadenceSet(f"tag {tag}", days, len(ids))
        uow.commit()
    return result


@dataclass(frozen=True)
class Upcoming:
    day: date
    kind: str
    person_id: int
    person_name: str
    detail: str
    reminder_id: int | None = None
    overdue_days: int = 0  # how late it is on the first day of the list


def _late(days: int) -> str:
    return f" ({days} day{'s' if days != 1 else ''} overdue)" if days > 0 else ""


def upcoming(uow: UnitOfWork, today: date, days: int, *, overdue: bool = True) -> list[Upcoming]:
    """Follow-ups, birthdays, anniversaries and check-ins in the next `days` days.

    With `overdue`, open follow-ups already late come first, on their own due day (Today's
    "N more did not fit" sends the user here, so what did not fit must be here), and late
    check-ins show on `today`; without it (the digest's week ahead, which starts tomorrow)
    only what falls inside the window is listed."""
    if days < 1 or days > 366:
        raise InvalidInput(f"{days} is not between 1 and 366", field="days", value=days)
    end = today + timedelta(days=days - 1)
    window = [today + timedelta(days=i) for i in range(days)]
    out: list[Upcoming] = []
    with uow:
        if overdue:
            reminders = uow.reminders.open_due_by(end)
        else:
            reminders = uow.reminders.open_between(today, end)
        names = uow.people.names({r.person_id for r in reminders})
        for r in reminders:
            assert r.id is not None
            late = max(0, (today - r.effective_due).days)
            out.append(
                Upcoming(
                    r.effective_due,
                    r.kind,
                    r.person_id,
                    names.get(r.person_id, "?"),
                    (r.action or "follow up") + _late(late),
                    r.id,
                    late,
                )
            )
        for row in uow.agenda.dated_people(window):
            if row.birthday_month and row.birthday_day:
                b = PartialDate(row.birthday_month, row.birthday_day, row.birthday_year)
                day = b.next_on_or_after(today)
                if day <= end:
                    age = b.turning(day.year)
                    out.append(
                        Upcoming(
                            day,
                            "birthday",
                            row.person_id,
                            row.name,
                            f"turns {age}" if age else "birthday",
                        )
                    )
            for kind, start in (
                ("work-anniversary", row.started_on),
                ("connected-anniversary", row.connected_on),
            ):
                if start is None:
                    continue
                anniv = PartialDate(start.month, start.day, start.year)
                day = anniv.next_on_or_after(today)
                years = anniv.turning(day.year) or 0
                if day <= end and years >= 1:
                    what = f"{years} year{'s' if years > 1 else ''}"
                    detail = what + (
                        f" at {row.company}"
                        if kind == "work-anniversary" and row.company
                        else " since you connected"
                    )
                    out.append(Upcoming(day, kind, row.person_id, row.name, detail))
        for c in uow.agenda.checkins_due(end):
            late = max(0, (today - c.due_on).days)
            if late and not overdue:
                continue
            out.append(
                Upcoming(
                    max(c.due_on, today),
                    "check-in",
                    c.person_id,
                    c.name,
                    f"{describe_cadence(c.cadence_days)} check-in" + _late(late),
                    None,
                    late,
                )
            )
    return sorted(out, key=lambda u: (u.day, u.kind, u.person_name, u.person_id))


@dataclass(frozen=True)
class OpenFollowUp:
    id: int
    person_id: int
    person_name: str
    kind: str
    due_on: date  # the day it shows: the snooze's day when snoozed
    action: str | None
    reason: str
    overdue_days: int


def open_follow_ups(uow: ReadUnit, today: date, *, every: bool = False) -> list[OpenFollowUp]:
    """Every open follow-up to act on by today, oldest first, however many Today had no room
    for; with `every`, each open one whatever its day (snoozed and future ones too)."""
    with uow:
        facts = follow_up_facts(uow, date.max if every else today)
    return [
        OpenFollowUp(f.reminder_id, f.person_id, f.person_name, f.kind, f.due_on, f.action,
                     follow_up_reason(f, today), max(0, (today - f.due_on).days))
        for f in facts
    ]  # fmt: skip
