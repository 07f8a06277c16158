"""Date shapes seen in contact and LinkedIn files, parsed without regular expressions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tiekeeper.domain.dates import NO_YEAR_SENTINEL, PartialDate
from tiekeeper.domain.errors import InvalidInput

MONTHS = {
    name: index
    for index, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < 70 else 1900
    return year


def _month(text: str) -> int:
    return MONTHS[text.strip()[:3].lower()]


def day_month_year(text: str) -> date:
    """`05 Nov 2024`."""
    day, month, year = text.split()
    return date(_year(year), _month(month), int(day))


def month_day_year_time(text: str) -> date:
    """`1/8/18, 6:14 PM` or `6/14/24` (US order, two- or four-digit year)."""
    month, day, year = text.split(",")[0].split(" ")[0].split("/")
    return date(_year(year.strip()), int(month), int(day))


def dash_day_month_year(text: str) -> date:
    """`18-Jun-24` (a spreadsheet re-save)."""
    day, month, year = text.split("-")
    return date(_year(year), _month(month), int(day))


def iso_datetime(text: str) -> date:
    """`2024-12-16 18:24:37 UTC` or `2024-12-16`."""
    return date.fromisoformat(text.strip()[:10])


def month_name_day_year(text: str) -> date:
    """`Jan 8, 2018` or `January 8, 2018 6:14 PM`."""
    words = text.replace(",", " ").split()
    return date(_year(words[2]), _month(words[0]), int(words[1]))


DateParser = Callable[[str], date]
LINKEDIN_DATE_PARSERS: tuple[DateParser, ...] = (
    day_month_year,
    month_day_year_time,
    dash_day_month_year,
    iso_datetime,
    month_name_day_year,
)


class DateReader:
    """Remembers which known format worked last in a file and tries it first."""

    def __init__(self, parsers: tuple[DateParser, ...] = LINKEDIN_DATE_PARSERS) -> None:
        self._parsers = parsers
        self._last: DateParser | None = None
        self._seen: dict[str, date | None] = {}  # 30,000 connections share a few thousand days

    def __call__(self, text: str | None) -> date | None:
        if not text:
            return None
        if text in self._seen:
            return self._seen[text]
        found = self._parse(text)
        self._seen[text] = found
        return found

    def _parse(self, text: str) -> date | None:
        value = text.strip()
        if not value:
            return None
        if self._last is not None:
            try:
                return self._last(value)
            except (ValueError, KeyError, IndexError):
                pass
        for parser in self._parsers:
            try:
                found = parser(value)
            except (ValueError, KeyError, IndexError):
                continue
            self._last = parser
            return found
        return None


def _partial(month: int, day: int, year: int | None) -> PartialDate | None:
    if year == NO_YEAR_SENTINEL or year == 0:
        year = None
    try:
        return PartialDate(month, day, year)
    except InvalidInput:
        return None


def parse_partial(text: str | None, omit_year: str | None = None) -> PartialDate | None:
    """Birthday/anniversary text to a PartialDate; None when it is not a real month and day.

    Accepts `1996-04-15`, `19960415`, `--0415`, `--04-15`, ` --12-25`, `1955-07-19T00:00:00Z`,
    `1604-04-15` and `16040101` (1604 = no year), `04-15`, `3/22/1980` (US), `Mar 31`,
    `Feb 17, 1998` and `17 Feb 1998`. `omit_year` is Apple's X-APPLE-OMIT-YEAR value.
    """
    if not text:
        return None
    value = text.strip()
    if "T" in value:
        value = value.split("T", 1)[0]
    if not value:
        return None
    try:
        if value[0].isalpha() or (" " in value and value.replace(",", " ").split()[1].isalpha()):
            return _named_month(value)
        year: int | None = None
        if value.startswith("--"):
            digits = value[2:].replace("-", "")
            if len(digits) != 4 or not digits.isdigit():
                return None
            month, day = int(digits[:2]), int(digits[2:])
        elif "/" in value:
            parts = value.split("/")
            if len(parts) != 3:
                return None
            month, day = int(parts[0]), int(parts[1])
            year = _year(parts[2]) if parts[2].strip() not in ("", "0", "00") else None
            if month == 0 or day == 0:
                return None
        else:
            digits = value.replace("-", "")
            if not digits.isdigit():
                return None
            if len(digits) == 8:
                year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
            elif len(digits) == 4:
                month, day = int(digits[:2]), int(digits[2:])
            else:
                return None
        if omit_year is not None and year is not None and str(year) == omit_year.strip():
            year = None
        return _partial(month, day, year)
    except (ValueError, KeyError, IndexError):
        return None


def _named_month(value: str) -> PartialDate | None:
    words = value.replace(",", " ").split()
    if words[0][0].isalpha():
        month, day = _month(words[0]), int(words[1])
    else:
        day, month = int(words[0]), _month(words[1])
    year = _year(words[2]) if len(words) > 2 else None
    return _partial(month, day, year)
