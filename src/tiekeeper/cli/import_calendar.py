"""`tiekeeper import` for calendars: the time zone, the clock and the printed summary."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from tiekeeper.cli.common import console, emit_json, store, today

SHOWN_LINES = 10


def calendar_source(path: Path) -> bool:
    """Whether `path` is a calendar (an .ics, or a zip or folder holding some)."""
    from tiekeeper.services.imports.calendar import is_calendar

    return is_calendar(path)


def import_calendar_cmd(
    path: Path, dry_run: bool, date: str | None, json: bool, max_attendees: int
) -> None:
    """Import a calendar (.ics, a zip or folder of them) and print what it did."""
    from tiekeeper.cli.imports import _progress
    from tiekeeper.config import load_timezone
    from tiekeeper.services.imports.calendar import import_calendar
    from tiekeeper.services.imports.calendar_views import calendar_summary_dict

    tz = load_timezone()
    now = datetime.now(tz)
    if date is not None:  # --date moves the day, keeping the time of day
        now = datetime.combine(today(date), now.timetz())
    with _progress(sys.stdout.isatty() and not json) as progress:
        summary = import_calendar(store().uow(), path, now, tz, max_attendees, dry_run, progress)
    data = calendar_summary_dict(summary)
    if json:
        emit_json(data)
        return
    print_summary(data)


def print_summary(data: dict[str, object]) -> None:
    out = console()
    verb = "Would import" if data["dry_run"] else "Imported"
    out.print(
        f"[bold]{verb} {data['file']}[/bold] (calendar: {data['events']} events, "
        f"{data['occurrences']} occurrences)"
    )
    out.print(
        f"  interactions: {data['interactions_created']} created, {data['interactions_updated']} "
        f"updated, {data['unchanged']} already there"
    )
    if data["kept_edited"] or data["kept_deleted"]:
        out.print(
            f"  left as you made them: {data['kept_edited']} edited, {data['kept_deleted']} deleted"
        )
    if data["meetings_planned"]:
        out.print(
            f"  upcoming meetings: {data['meetings_planned']} (Today reminds you the day before)"
        )
    reasons = data["skipped_reasons"]
    assert isinstance(reasons, dict)
    if reasons:
        out.print("  skipped: " + ", ".join(f"{n} {why}" for why, n in reasons.items()))
    unknown = data["not_in_tiekeeper"]
    assert isinstance(unknown, dict)
    if unknown:
        top = ", ".join(f"{email} ({n})" for email, n in list(unknown.items())[:SHOWN_LINES])
        more = f" and {len(unknown) - SHOWN_LINES} more" if len(unknown) > SHOWN_LINES else ""
        out.print(f"  not in tiekeeper ({len(unknown)} addresses, not created): {top}{more}")
    if not data["knows_your_addresses"]:
        out.print(
            "  tip: tell tiekeeper your own addresses (`tiekeeper me --email ADDR`, repeatable) "
            "so it knows which attendee is you and which events you declined"
        )
    if data["dry_run"]:
        out.print("  (dry run: nothing was written)")
