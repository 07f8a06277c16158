"""When an account's digest is due: a local time of day (daily) or a weekday and time (weekly) in
the account's own time zone. Pure: the moments are computed here, stored and sent elsewhere.

A slot is one scheduled sending, named by its kind and local day ("daily 2026-11-26"): the name,
not the moment, is what makes a digest go out once, so moving the time within a day after it was
sent does not send it again.

Clock changes: a local time that a spring-forward skips (02:30 in Berlin on the last Sunday of
March) is sent the length of the gap later (03:30 summer time, PEP 495's fold=0 reading); a
local time that a fall-back meets twice is sent at its first occurrence. Either way one slot per
day, never none and never two."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tiekeeper.domain.errors import InvalidInput

WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_FULL = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
ZONE_MAX = 64

# A failed send is tried again after these delays (cron runs `digest --due` every few minutes),
# then given up: five attempts over about three and a half hours, well within a daily slot.
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=45),
                timedelta(hours=2, minutes=15))  # fmt: skip
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claim still "sending" after this long belongs to a run that died (an SMTP timeout is 30 s):
# it is tried again rather than left hanging, at the risk of a second copy if it did go out.
STALE_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Schedule:
    """Local time `at` in `zone`, every day (weekday None) or on one weekday (0 = Monday)."""

    at: time
    zone: str
    weekday: int | None = None

    @property
    def kind(self) -> str:
        return "daily" if self.weekday is None else "weekly"

    def describe(self) -> str:
        when = "every day" if self.weekday is None else f"every {_FULL[self.weekday].title()}"
        return f"{when} at {self.at:%H:%M} ({self.zone})"


@dataclass(frozen=True)
class Slot:
    kind: str
    day: date  # the local day the digest is for
    moment: datetime  # when it is due, in UTC

    @property
    def key(self) -> str:
        return f"{self.kind} {self.day.isoformat()}"


def parse_time(text: str, field: str = "daily") -> time:
    """HH:MM (or H:MM), 00:00 to 23:59."""
    found = _TIME.fullmatch(text.strip())
    if found is None:
        raise InvalidInput(f"{text!r} is not a time of day; use HH:MM (e.g. 07:30)",
                           field=field, value=text)  # fmt: skip
    return time(int(found[1]), int(found[2]))


def parse_weekday(text: str, field: str = "weekly") -> int:
    """MON..SUN or the full English name, any case; 0 = Monday."""
    word = text.strip().upper()
    for names in (WEEKDAYS, _FULL):
        if word in names:
            return names.index(word)
    raise InvalidInput(f"{text!r} is not a day of the week; use MON, TUE, ... SUN",
                       field=field, value=text)  # fmt: skip


def parse_zone(text: str, field: str = "tz") -> str:
    """An IANA time zone name (Europe/Berlin, America/New_York, UTC), as the database has it."""
    name = text.strip()
    problem = f"{text!r} is not a time zone; use a name like Europe/Berlin or UTC"
    if not name or len(name) > ZONE_MAX or name.startswith(("/", ".")) or ".." in name:
        raise InvalidInput(problem, field=field, value=text)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(problem, field=field, value=text) from None
    return name


def weekday_name(weekday: int | None) -> str | None:
    return None if weekday is None else WEEKDAYS[weekday]


def moment_of(schedule: Schedule, day: date) -> datetime:
    """The UTC moment of the schedule's local time on `day` (see the module's note on DST)."""
    return datetime.combine(day, schedule.at, ZoneInfo(schedule.zone)).astimezone(UTC)


def _slot(schedule: Schedule, day: date) -> Slot | None:
    if schedule.weekday is not None and day.weekday() != schedule.weekday:
        return None
    return Slot(schedule.kind, day, moment_of(schedule, day))


def _days_around(schedule: Schedule, now: datetime) -> list[date]:
    local = now.astimezone(ZoneInfo(schedule.zone)).date()
    return [local + timedelta(days=n) for n in range(-8, 9)]


def latest_slot(schedule: Schedule, now: datetime) -> Slot | None:
    """The most recent slot whose moment is not after `now` (None only before any exists)."""
    past = [s for d in _days_around(schedule, now) if (s := _slot(schedule, d)) and s.moment <= now]
    return max(past, key=lambda s: s.moment, default=None)


def next_slot(schedule: Schedule, now: datetime) -> Slot:
    """The first slot whose moment is after `now`."""
    ahead = [s for d in _days_around(schedule, now) if (s := _slot(schedule, d)) and s.moment > now]
    return min(ahead, key=lambda s: s.moment)


def due_slot(schedule: Schedule, since: datetime, now: datetime) -> Slot | None:
    """The slot to send now: the latest one, when it came at or after `since` (when the schedule
    was set: a digest set at 10:00 for 07:30 starts tomorrow, not with a late one today)."""
    slot = latest_slot(schedule, now)
    return slot if slot is not None and slot.moment >= since else None


def retry_at(attempts: int, failed_at: datetime) -> datetime | None:
    """When to try a send again after its `attempts`-th failure; None once they are used up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return failed_at + RETRY_DELAYS[max(attempts, 1) - 1]
