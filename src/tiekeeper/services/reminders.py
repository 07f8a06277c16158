"""Follow-ups (add, done, snooze, skip), cadences, and the upcoming list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain.cadence import describe_cadence, parse_cadence
from tiekeeper.domain.dates import PartialDate, parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.model import Reminder, ReminderStatus
from tiekeeper.services.people import resolve
from tiekeeper.store.uow import UnitOfWork


def add_follow_up(
    uow: UnitOfWork, ref: str, when: str, action: str | None, today: date
) -> Reminder:
    """Remind me to do something for a person by a date."""
    due = parse_when(when, today, field="date")
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
            p = uow.people.get(resolve(uow, person))
            assert p is not None
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


def upcoming(uow: UnitOfWork, today: date, days: int) -> list[Upcoming]:
    """Follow-ups, birthdays, anniversaries and check-ins in the next `days` days."""
    if days < 1 or days > 366:
        raise InvalidInput(f"{days} is not between 1 and 366", field="days", value=days)
    end = today + timedelta(days=days - 1)
    window = [today + timedelta(days=i) for i in range(days)]
    out: list[Upcoming] = []
    with uow:
        reminders = uow.reminders.open_between(today, end)
        names = uow.people.names({r.person_id for r in reminders})
        for r in reminders:
            assert r.id is not None
            out.append(
                Upcoming(
                    r.effective_due,
                    r.kind,
                    r.person_id,
                    names.get(r.person_id, "?"),
                    r.action or "follow up",
                    r.id,
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
            out.append(
                Upcoming(
                    max(c.due_on, today),
                    "check-in",
                    c.person_id,
                    c.name,
                    f"{describe_cadence(c.cadence_days)} check-in",
                )
            )
    return sorted(out, key=lambda u: (u.day, u.kind, u.person_name, u.person_id))
