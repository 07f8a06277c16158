"""`tiekeeper import` for mail (an mbox, a Takeout zip, .eml files, a Maildir, imap://): the
routing, the password and the summary; cli/imports.py hands such sources over here."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import typer

from tiekeeper.cli.common import console, emit_json, store
from tiekeeper.domain.errors import InvalidInput

PASSWORD_VARIABLE = "TIEKEEPER_IMAP_PASSWORD"
SHOWN_LINES = 10
_IMAP = re.compile(r"^(imaps?):/+", re.IGNORECASE)


def mail_source(path: Path) -> str | None:
    """The mail source `path` names (an imap:// URL comes through Path with one slash left),
    or None when it is no mailbox."""
    text = str(path)
    if _IMAP.match(text):
        return _IMAP.sub(lambda m: f"{m.group(1)}://", text, count=1)
    from tiekeeper.interchange.mail_in import looks_like_mail

    return text if looks_like_mail(path) else None


def _password(source: str) -> str | None:
    if not _IMAP.match(source):
        return None
    found = os.environ.get(PASSWORD_VARIABLE)
    if found:
        return found
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"set {PASSWORD_VARIABLE} (no terminal to ask for the password on)", file=source
        )
    return str(typer.prompt("IMAP password", hide_input=True))


def import_mail_cmd(
    source: str,
    day: date,
    subjects: bool,
    dry_run: bool,
    json: bool,
    progress: Callable[[str, int, int], None] | None,
) -> None:
    """Run the mail import and print its summary."""
    from tiekeeper.config import load_timezone
    from tiekeeper.services.imports.any_file import mail_summary_dict
    from tiekeeper.services.imports.mail import import_mail

    summary = import_mail(store().uow(), source, day, subjects=subjects, dry_run=dry_run,
                          password=_password(source), progress=progress,
                          tz=load_timezone())  # fmt: skip
    data = mail_summary_dict(summary)
    if json:
        emit_json(data)
        return
    print_summary(data)


def print_summary(data: dict[str, Any]) -> None:
    out = console()
    verb = "Would import" if data["dry_run"] else "Imported"
    out.print(f"[bold]{verb} {data['source']}[/bold] (mail)")
    out.print(f"  messages: {data['messages']}, {data['with_people']} with people in tiekeeper")
    out.print(
        f"  interactions: {data['interactions_created']} created, "
        f"{data['interactions_updated']} updated, {data['already_imported']} already imported"
    )
    kept = [(data["already_logged"], "already logged by hand"),
            (data["kept_edited"], "edited by you, left as they are"),
            (data["kept_deleted"], "deleted by you, not brought back")]  # fmt: skip
    for count, what in kept:
        if count:
            out.print(f"  {count} {what}")
    for reason, count in data["skipped"].items():
        out.print(f"  skipped {count}: {reason}")
    for item in data["problems"][:SHOWN_LINES]:
        out.print(f"  {item['file']}, message {item['position']}: {item['reason']}")
    if len(data["problems"]) > SHOWN_LINES:
        out.print(f"  ... and {len(data['problems']) - SHOWN_LINES} more (see --json)")
    if data["correspondence_added"]:
        out.print(
            f"  {data['correspondence_added']} new letters with addresses not in tiekeeper: "
            "see `tiekeeper suggest`"
        )
    if data["dry_run"]:
        out.print("  (dry run: nothing was written)")
