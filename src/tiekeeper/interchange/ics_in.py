"""Read calendars (.ics, a zip or a folder of them) into event occurrences.

Recurring events are expanded by recurring-ical-events (RRULE, RDATE, EXDATE, RECURRENCE-ID
overrides); each occurrence gets a key that stays the same in every export of the calendar:
the event's UID and the occurrence's original start in UTC. No database, no clock: the caller
says up to when to expand and in which time zone a day is counted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.encoding import bom_encoding
from tiekeeper.interchange.ics_people import Attendee, attendees, channel
from tiekeeper.interchange.zipped import ZipReader

EARLIEST = datetime(1900, 1, 1)
_FOLD = re.compile(r"\r?\n[ \t]")
# Exchange writes `BYDAY=MO, TU, WE`; no rule has a meaningful space, so spaces go.
_RULE_LINE = re.compile(r"(?im)^((?:RRULE|EXRULE)[;:])(.*)$")
_BEGIN_EVENT = re.compile(r"(?im)^BEGIN:VEVENT\s*$")
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of an event: when (its day in the user's time zone), what, with whom."""

    key: str
    title: str | None
    day: date
    starts_at: datetime  # aware; an all-day event starts at midnight in the user's time zone
    all_day: bool
    cancelled: bool
    channel: str
    attendees: tuple[Attendee, ...]
    file: str
    line: int | None

    @property
    def position(self) -> str:
        return f"line {self.line}" if self.line is not None else (self.title or self.key)


@dataclass
class CalendarRead:
    files: list[str]
    events: int = 0
    occurrences: list[Occurrence] = field(default_factory=list)


def is_calendar_bytes(data: bytes) -> bool:
    """Whether the bytes are an iCalendar text (after any byte-order mark)."""
    return _decode(data, "")[:2048].lstrip().upper().startswith("BEGIN:VCALENDAR")


def calendar_members(path: Path) -> bool:
    """Whether `path` is a calendar this module reads: an .ics text, a zip or a folder holding
    .ics files (Google Takeout, a CalDAV dump)."""
    if path.is_dir():
        return any(path.rglob("*.ics"))
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as z:
                return any(n.lower().endswith(".ics") for n in z.namelist())
        except (zipfile.BadZipFile, OSError):
            return False
    return is_calendar_bytes(head)


def _sources(path: Path) -> Iterator[tuple[str, bytes]]:
    file = str(path)
    if path.is_dir():
        for member in sorted(path.rglob("*.ics")):
            yield str(member), _read(member)
        return
    data = _read(path)
    if not data.startswith(b"PK"):
        yield file, data
        return
    with ZipReader(data, file) as archive:
        members = [i for i in archive.files() if i.filename.lower().endswith(".ics")]
        if not members:
            raise InvalidInput("the zip holds no calendar (.ics) files", file=file)
        for info in members:
            yield f"{file}/{info.filename}", archive.read(info)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot be read: {exc.strerror or exc}", file=str(path)) from exc


def _decode(data: bytes, file: str) -> str:
    found = bom_encoding(data)
    if found is not None:
        name, size = found
        return data[size:].decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Thunderbird and Outlook exports are in the machine's 8-bit code page.
        return data.decode("cp1252", errors="replace")


def read_calendar(
    path: Path, tz: tzinfo, until: datetime, progress: Progress | None = None
) -> CalendarRead:
    """Every occurrence up to `until` (aware) of every event in the calendar(s) at `path`.

    A file that is no calendar or is damaged raises InvalidInput naming the file, the line of
    the event and the property."""
    files = list(_sources(path))
    read = CalendarRead([f for f, _ in files])
    for done, (file, data) in enumerate(files, 1):
        _read_one(read, file, data, tz, until)
        if progress:
            progress(done, len(files))
    return read


def _read_one(read: CalendarRead, file: str, data: bytes, tz: tzinfo, until: datetime) -> None:
    import icalendar

    text = _decode(data, file)
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise InvalidInput("not a calendar: no BEGIN:VCALENDAR at the start", file=file, line=1)
    lines = _event_lines(text)
    clean = _RULE_LINE.sub(
        lambda m: m.group(1) + re.sub(r"\s+", "", m.group(2)), _FOLD.sub("", text)
    )
    try:
        cal = icalendar.Calendar.from_ical(clean)
    except ValueError as exc:
        raise InvalidInput(f"not a readable calendar ({exc})", file=file) from None
    events = list(cal.walk("VEVENT"))
    if len(lines) != len(events):
        lines = []  # an odd nesting: positions by title instead of guessing lines
    where: dict[tuple[str, str | None], _Source] = {}
    for i, event in enumerate(events):
        line = lines[i] if lines else None
        _check(event, file, line)
        # Who and how, once per VEVENT: every occurrence of a series has its master's.
        where.setdefault(_series_key(event), _source(event, line))
    read.events += len(events)
    for occ in _expand(cal, events, file, lines, until):
        found = _occurrence(occ, file, where, tz)
        if found.starts_at <= until:
            read.occurrences.append(found)


def _event_lines(text: str) -> list[int]:
    """The line of each BEGIN:VEVENT, counted as it goes (once over the text, not per event)."""
    out, line, at = [], 1, 0
    for m in _BEGIN_EVENT.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        out.append(line)
    return out


def _check(event: Any, file: str, line: int | None) -> None:
    for prop, message in getattr(event, "errors", []):
        raise InvalidInput(f"cannot be read ({message})", file=file, line=line, field=prop)
    start = event.get("DTSTART")
    if start is not None and not isinstance(start.dt, date):
        raise InvalidInput("is not a date or time", file=file, line=line, field="DTSTART")


def _expand(cal: Any, events: list[Any], file: str, lines: list[int], until: datetime) -> list[Any]:
    import recurring_ical_events

    # The library reads a naive bound as each event's own clock; a day more, cut exactly after.
    stop = until.replace(tzinfo=None) + timedelta(days=1)
    try:
        return list(recurring_ical_events.of(cal).between(EARLIEST, stop))
    except Exception as exc:  # the library's errors share no base class
        line = _culprit(cal, events, lines, stop)
        raise InvalidInput(
            f"the recurrence cannot be expanded ({exc})", file=file, line=line, field="RRULE"
        ) from None


def _culprit(cal: Any, events: list[Any], lines: list[int], stop: datetime) -> int | None:
    """The line of the first event whose recurrence alone fails to expand."""
    import icalendar
    import recurring_ical_events

    for i, event in enumerate(events):
        alone = icalendar.Calendar()
        for tz_component in cal.walk("VTIMEZONE"):
            alone.add_component(tz_component)
        alone.add_component(event)
        try:
            recurring_ical_events.of(alone).between(EARLIEST, stop)
        except Exception:
            return lines[i] if lines else None
    return None


def _series_key(event: Any) -> tuple[str, str | None]:
    rid = event.get("RECURRENCE-ID")
    return (str(event.get("UID") or ""), _instant(rid.dt) if rid is not None else None)


def _instant(value: date) -> str:
    """An occurrence's original start as stable text: UTC for a fixed time, as written for a
    floating time or a day."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


@dataclass(frozen=True, slots=True)
class _Source:
    """What every occurrence of one VEVENT shares (a series' occurrences copy its master)."""

    line: int | None
    title: str | None
    cancelled: bool
    attendees: tuple[Attendee, ...]
    channel: str


def _source(event: Any, line: int | None) -> _Source:
    title = " ".join(str(event.get("SUMMARY") or "").split()) or None
    cancelled = str(event.get("STATUS") or "").upper() == "CANCELLED"
    return _Source(line, title, cancelled, tuple(attendees(event)), channel(event))


def _occurrence(occ: Any, file: str, where: dict[tuple[str, str | None], _Source],
                tz: tzinfo) -> Occurrence:  # fmt: skip
    start = occ["DTSTART"].dt
    rid = occ.get("RECURRENCE-ID")
    original = _instant(rid.dt if rid is not None else start)
    uid = str(occ.get("UID") or "")
    found = where.get((uid, original)) or where.get((uid, None)) if uid else None
    source = found or _source(occ, None)  # no UID: nothing to share it with
    title = source.title
    if uid:
        key = f"{uid}|{original}"
    else:  # no UID (old Thunderbird files): what the event says is all that stays the same
        digest = hashlib.sha1(f"{title}|{original}".encode(), usedforsecurity=False)
        key = f"nouid:{digest.hexdigest()}|{original}"
    all_day = not isinstance(start, datetime)
    if all_day:
        starts_at = datetime.combine(start, time(), tz)
    elif start.tzinfo is None:
        starts_at = start.replace(tzinfo=tz)  # a floating time is the user's own clock
    else:
        starts_at = start.astimezone(tz)
    return Occurrence(
        key=key[:500],
        title=title,
        day=start if all_day else starts_at.date(),
        starts_at=starts_at,
        all_day=all_day,
        cancelled=source.cancelled,
        channel=source.channel,
        attendees=source.attendees,
        file=file,
        line=source.line,
    )
