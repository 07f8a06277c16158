"""export, restore."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

Format = Annotated[
    str, typer.Argument(help="vcard (3.0), csv (Google Contacts), ics (calendar) or json (backup).")
]
Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of stdout.", metavar="FILE"),
]
BackupFile = Annotated[Path, typer.Argument(help="A JSON backup written by `export json`.")]


def export(fmt: Format, output: Output = None, date: DateOpt = None, json: JsonOpt = False) -> None:
    """Export everyone (vCard, Google CSV), the calendar (ICS) or a complete backup (JSON)."""
    from datetime import UTC, datetime

    from tiekeeper.services.export_views import export_dict
    from tiekeeper.services.exporting import export as run_export

    now = datetime.now(UTC)
    if date is not None:  # stamps DTSTAMP / LAST-MODIFIED as if it were that day
        now = datetime.combine(today(date), now.time(), UTC)
    result = run_export(store().uow(), fmt, now)
    if output is None:
        sys.stdout.buffer.write(result.data)  # the bytes exactly as written (CRLF, UTF-8)
        sys.stdout.flush()
        return
    output.write_bytes(result.data)
    if json:
        emit_json(export_dict(result, str(output)))
        return
    extra = f", {result.changed} new or changed" if result.format == "ics" else ""
    console().print(f"Wrote {result.items} {_noun(result.format)}{extra} to {output}")


def _noun(fmt: str) -> str:
    return {"ics": "events", "json": "rows"}.get(fmt, "people")


def restore(file: BackupFile, json: JsonOpt = False) -> None:
    """Restore a JSON backup into an empty home (refused when the home has data)."""
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.services.backup import restore_backup
    from tiekeeper.services.export_views import restored_dict

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read it ({exc.strerror})", file=str(file)) from exc
    result = restore_backup(store().uow(), data, str(file))
    if json:
        emit_json(restored_dict(result))
        return
    rows = sum(result.tables.values())
    out = console()
    out.print(f"Restored {result.people} people ({rows} rows) from {file}")
    for line in result.changed:  # a backup older than today's rules, brought up to them
        out.print(f"  {line} (noted on the person; merge them if they are one)")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("export")(export)
    app.command("restore")(restore)
