"""Calendar arithmetic with no clock: every function takes `today` when it needs one."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain.errors import InvalidInput

NO_YEAR_SENTINEL = 1604  # Apple/CardBook write 1604 for "year unknown"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A yearly date (birthday, anniversary) whose year may be unknown."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        # Feb 29 is valid without a year (leap-year birthdays are real); with a year it must exist.
        check_year = self.year if self.year is not None else 2000
        try:
            date(check_year, self.month, self.day)
        except ValueError as exc:
            raise InvalidInput(f"{self.isoformat()!r} is not a real date", value=self) from exc

    def isoformat(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` without a year (the vCard 4 form)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def occurrence(self, year: int) -> date:
        """The day this recurs in `year`; Feb 29 falls on Feb 28 in common years."""
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_on_or_after(self, today: date) -> date:
        """The first occurrence on or after `today`."""
        this_year = self.occurrence(today.year)
        return this_year if this_year >= today else self.occurrence(today.year + 1)

    def turning(self, year: int) -> int | None:
        """The age (or years) reached at the occurrence in `year`, also when Feb 29 falls on 28."""
        return None if self.year is None else year - self.year

    def years_at(self, when: date) -> int | None:
        """Whole years since the original date at `when` (age, years at a company)."""
        if self.year is None:
            return None
        return when.year - self.year - (1 if (when.month, when.day) < (self.month, self.day) else 0)


_PARTIAL = re.compile(r"^(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})$", re.ASCII)


def parse_partial_date(text: str, *, field: str = "date") -> PartialDate:
    """Parse `MM-DD`, `--MM-DD` or `YYYY-MM-DD` (1604 means no year)."""
    m = _PARTIAL.match(text.strip())
    if not m:
        raise InvalidInput(
            f"{text!r} is not a date; use MM-DD or YYYY-MM-DD", field=field, value=text
        )
    year = int(m.group(1)) if m.group(1) else None
    if year == NO_YEAR_SENTINEL:
        year = None
    try:
        return PartialDate(int(m.group(2)), int(m.group(3)), year)
    except InvalidInput as exc:
        raise InvalidInput(f"{text!r} is not a real date", field=field, value=text) from exc


def add_months(day: date, months: int) -> date:
    """Shift by calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# The days tiekeeper takes as "today" or as a date to act on. Every service then adds or takes
# weeks and months (Today looks ahead, the review back): so close to date's own ends (years 1
# and 9999) that arithmetic would overflow into a traceback; a millennium either side is ample.
EARLIEST = date(1000, 1, 1)
LATEST = date(8999, 12, 31)
RANGE_HELP = f"dates go from {EARLIEST.year} to {LATEST.year}"
_UNITS = {"day": 1, "week": 7, "month": 0, "year": 0}
# ASCII digits only: Python's \d also takes other scripts' digits, which no one types here.
_RELATIVE = re.compile(r"^(?:in\s+)?(\d+)\s+(day|week|month|year)s?(\s+ago)?$", re.ASCII)
_WEEKDAYS = [d.lower() for d in calendar.day_name]


def parse_when(text: str, today: date, *, field: str = "date") -> date:
    """Parse an ISO date or plain words: today, tomorrow, yesterday, in 2 weeks, 3 months ago,
    next monday; between EARLIEST and LATEST, else InvalidInput naming `field`."""
    found = _parse_when(text, today, field)
    if not EARLIEST <= found <= LATEST:
        raise InvalidInput(f"{text!r} is too far away; {RANGE_HELP}", field=field, value=text)
    return found


def _parse_when(text: str, today: date, field: str) -> date:
    raw = text.strip().lower()
    words = " ".join(raw.split())
    if words in ("today", "now"):
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words == "yesterday":
        return today - timedelta(days=1)
    m = _RELATIVE.match(words)
    if m and (words.startswith("in ") or m.group(3)):
        return _shifted(today, m.group(1), bool(m.group(3)), m.group(2), (text, field))
    if words.startswith("next ") and words[5:] in _WEEKDAYS:
        ahead = (_WEEKDAYS.index(words[5:]) - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise InvalidInput(
        f"{text!r} is not a date; use YYYY-MM-DD or words like 'tomorrow', 'in 2 weeks', "
        "'3 months ago'",
        field=field,
        value=text,
    )


def _shifted(today: date, digits: str, ago: bool, unit: str, said: tuple[str, str]) -> date:
    """`today` moved by `digits` units (back when `ago`); a day past date's calendar is refused
    in words rather than overflowing ('in 99999 years', or more digits than int() takes)."""
    text, field = said
    try:
        count = int(digits) * (-1 if ago else 1)
        if unit in ("month", "year"):
            return add_months(today, count * (12 if unit == "year" else 1))
        return today + timedelta(days=count * _UNITS[unit])
    except (OverflowError, ValueError):  # past date's range, or int()'s 4,300 digits
        raise InvalidInput(
            f"{text!r} is too far away; {RANGE_HELP}",
            field=field,
            value=text,
        ) from None


def describe_ago(days: int) -> str:
    """Plain words for a past span: '3 days ago', '4 months ago', '2 years ago'."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{round(days / 30.44)} months ago"
    return f"{days // 365} years ago"
