"""One door for every import file: what a file holds decides which import reads it. A Google
Takeout zip can hold mail and calendars together; both are read (mail first, then the calendar,
each all or nothing), so neither is left behind without a word."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, Literal

from tiekeeper.interchange.mail_in import looks_like_mail
from tiekeeper.services.imports.calendar import MAX_ATTENDEES, import_calendar, is_calendar
from tiekeeper.services.imports.calendar_views import calendar_summary_dict
from tiekeeper.services.imports.contacts import Progress, import_file
from tiekeeper.services.imports.mail import MailImportSummary, import_mail
from tiekeeper.services.imports.views import summary_dict
from tiekeeper.store.uow import Store

Kind = Literal["mail", "calendar", "contacts"]


def kinds_of(path: Path, format: str = "auto") -> list[Kind]:
    """The imports `path` needs: mail and/or calendar when it holds them (format auto), else
    contacts (a LinkedIn export, a contacts CSV or a vCard; refused there when it is none)."""
    if format == "mail":
        return ["mail"]
    if format == "calendar":
        return ["calendar"]
    if format != "auto":
        return ["contacts"]
    found: list[Kind] = []
    if looks_like_mail(path):
        found.append("mail")
    if is_calendar(path):
        found.append("calendar")
    return found or ["contacts"]


def mail_summary_dict(summary: MailImportSummary) -> dict[str, Any]:
    """The JSON shape of a mail import's summary (docs/json.md)."""
    data = asdict(summary)
    data["format"] = "mail"
    return data


def import_any(
    store: Store,
    path: Path,
    today: date,
    tz: tzinfo,
    *,
    format: str = "auto",
    dry_run: bool = False,
    subjects: bool = False,
    max_attendees: int = MAX_ATTENDEES,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Run every import `path` needs; one summary (its JSON shape) per import, in order (a
    contacts import's also lists the people it created). `now` splits past meetings from
    planned ones (default: the current time of day on `today`)."""
    out: list[dict[str, Any]] = []
    for kind in kinds_of(path, format):
        if kind == "mail":
            mail = import_mail(store.uow(), str(path), today, subjects=subjects,
                               dry_run=dry_run, progress=progress, tz=tz)  # fmt: skip
            out.append(mail_summary_dict(mail))
        elif kind == "calendar":
            moment = now or datetime.combine(today, datetime.now(tz).time(), tz)
            cal = import_calendar(store.uow(), path, moment, tz, max_attendees, dry_run, progress)
            out.append(calendar_summary_dict(cal))
        else:
            summary = import_file(store.uow(), path, today, format, dry_run, progress)
            data = summary_dict(summary)
            data["people_created"] = (
                [] if dry_run else [{"id": i, "name": n} for i, n in summary.created_people]
            )
            out.append(data)
    return out
