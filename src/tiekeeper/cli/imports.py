"""import, duplicates, merge."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

PathArg = Annotated[
    Path,
    typer.Argument(
        help="A LinkedIn export (.zip, its folder or a CSV), a contacts CSV, a vCard file, "
        "mail: an mbox, a Takeout zip, a folder of .eml files, a Maildir, imap://user@host/INBOX, "
        "or a calendar: an .ics file, or a zip or folder of them."
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", help="auto, linkedin, google, outlook, thunderbird or vcard (default: auto)."
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would happen and write nothing.")
]
SubjectsOpt = Annotated[
    bool, typer.Option("--subjects", help="Mail: keep each thread's subject as the summary.")
]
MaxAttendeesOpt = Annotated[
    int, typer.Option(help="Calendar: skip events with more attendees than this (default 12).")
]
PersonArg = Annotated[str, typer.Argument(help="An id, an e-mail, or a name matching one person.")]
ProgressFn = Callable[[str, int, int], None]
SHOWN_LINES = 10


@contextmanager
def _progress(enabled: bool) -> Iterator[ProgressFn | None]:
    """A Rich progress bar fed by (phase, done, total), on a terminal only."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(TextColumn("{task.description:<8}"), BarColumn(), TaskProgressColumn(),
                   transient=True)  # fmt: skip
    tasks: dict[str, Any] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=max(total, 1))
        bar.update(tasks[phase], completed=done, total=max(total, 1))

    with bar:
        yield update


def import_cmd(
    path: PathArg,
    format: FormatOpt = "auto",
    dry_run: DryRunOpt = False,
    subjects: SubjectsOpt = False,
    date: DateOpt = None,
    json: JsonOpt = False,
    max_attendees: MaxAttendeesOpt = 12,
) -> None:
    """Import people (and LinkedIn messages and invitations) without creating duplicates;
    conversations from e-mail (mbox, Takeout zip, .eml folder, Maildir, imap://); meetings
    from a calendar (.ics, a zip or folder of them)."""
    from tiekeeper.cli.import_calendar import calendar_source, import_calendar_cmd
    from tiekeeper.cli.mail_import import import_mail_cmd, mail_source
    from tiekeeper.services.imports.contacts import import_file
    from tiekeeper.services.imports.views import summary_dict

    mail = mail_source(path) if format == "auto" else None
    calendar = format == "auto" and calendar_source(path)
    if mail is not None and calendar:  # a Google Takeout of mail and calendars: both, in turn
        return _import_both(path, dry_run, subjects, date, json, max_attendees)
    if calendar:
        return import_calendar_cmd(path, dry_run, date, json, max_attendees)
    with _progress(sys.stdout.isatty() and not json) as progress:
        if mail is not None:
            import_mail_cmd(mail, today(date), subjects, dry_run, json, progress)
            return
        summary = import_file(store().uow(), path, today(date), format, dry_run, progress)
    data = summary_dict(summary)
    if json:
        emit_json(data)
        return
    out = console()
    verb = "Would import" if dry_run else "Imported"
    out.print(f"[bold]{verb} {data['file']}[/bold] ({data['format']})")
    out.print(
        f"  people: {data['created']} created, {data['updated']} updated, "
        f"{data['unchanged']} unchanged, {data['skipped_count']} skipped"
    )
    if data["organizations_created"]:
        out.print(f"  organizations: {data['organizations_created']} created")
    if data["interactions_created"] or data["interactions_skipped"]:
        out.print(
            f"  interactions: {data['interactions_created']} created, "
            f"{data['interactions_skipped']} already there or skipped"
        )
    if data["profile_updated"]:
        out.print("  your profile was filled in")
    if data["not_kept"]:
        lost = ", ".join(f"{name} {count}" for name, count in data["not_kept"].items())
        out.print(f"  not kept: {lost}")
    for item in data["skipped"][:SHOWN_LINES]:
        out.print(f"  skipped {item['file']}:{item['position']}: {item['reason']}")
    _more(len(data["skipped"]), "skipped")
    dups = data["possible_duplicates"]
    for d in dups[:SHOWN_LINES]:
        others = ", ".join(f"#{i}" for i in d["matches"])
        out.print(f"  possible duplicate: #{d['person_id']} {d['name']} ({d['reason']} {others})")
    _more(len(dups), "possible duplicates")
    if dups:
        out.print("  Review them with `tiekeeper duplicates`; merge with `tiekeeper merge`.")
    if dry_run:
        out.print("  (dry run: nothing was written)")


def _import_both(
    path: Path, dry_run: bool, subjects: bool, date: str | None, json: bool, max_attendees: int
) -> None:
    from tiekeeper.cli import import_calendar, mail_import
    from tiekeeper.config import load_timezone
    from tiekeeper.services.imports.any_file import import_any

    tz = load_timezone()
    day = today(date)
    now = datetime.combine(day, datetime.now(tz).timetz())
    with _progress(sys.stdout.isatty() and not json) as progress:
        parts = import_any(store(), path, day, tz, dry_run=dry_run, subjects=subjects,
                           max_attendees=max_attendees, now=now, progress=progress)  # fmt: skip
    if json:
        emit_json({"format": "several", "parts": parts})
        return
    mail_import.print_summary(parts[0])
    import_calendar.print_summary(parts[1])


def _more(count: int, what: str) -> None:
    if count > SHOWN_LINES:
        console().print(f"  ... and {count - SHOWN_LINES} more {what} (see --json)")


def duplicates_cmd(json: JsonOpt = False) -> None:
    """List likely duplicate people with a score and the evidence."""
    from tiekeeper.services.duplicates import find_duplicates
    from tiekeeper.services.imports.views import pair_dict

    pairs = [pair_dict(p) for p in find_duplicates(store().uow())]
    if json:
        emit_json(pairs)
        return
    if not pairs:
        console().print("No likely duplicates.")
        return
    out = console()
    for p in pairs:
        a, b = p["a"], p["b"]
        out.print(
            f"[bold]{p['score']:>3}[/bold]  #{a['id']} {a['name']}  <->  #{b['id']} {b['name']}"
        )
        out.print(f"     {'; '.join(p['evidence'])}")
    out.print("Merge a pair with `tiekeeper merge KEEP OTHER`.")


def merge_cmd(
    keep: PersonArg,
    other: Annotated[str, typer.Argument(help="The duplicate to merge into KEEP and delete.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Merge without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what the merge would do; change nothing.")
    ] = False,
    json: JsonOpt = False,
) -> None:
    """Merge OTHER into KEEP (fields, tags, interactions, reminders, events) and delete OTHER.
    Shows what it will do and asks first; `tiekeeper trash restore` undoes it."""
    from tiekeeper.cli.trash import confirm, confirm_possible
    from tiekeeper.services.imports.views import merge_dict, merge_plan_dict
    from tiekeeper.services.merging import merge_people, plan_merge

    plan = plan_merge(store().uow(), keep, other)
    if not dry_run:
        confirm_possible(yes)
    if json and dry_run:
        emit_json(merge_plan_dict(plan))
        return
    if not json or not yes:
        _print_plan(merge_plan_dict(plan))
    if dry_run:
        console().print("(dry run: nothing was changed)")
        return
    confirm("Merge them?", yes)
    data = merge_dict(merge_people(store().uow(), keep, other))
    if json:
        emit_json(data)
        return
    kept = data["kept"]
    console().print(
        f"Merged #{data['merged_id']} {data['merged_name']} into #{kept['id']} {kept['name']}. "
        f"Undo with `tiekeeper trash restore {data['trash_id']}`."
    )


def _print_plan(plan: dict[str, Any]) -> None:
    out = console()
    k, o = plan["keep"], plan["other"]
    out.print(f"Merge #{o['id']} {o['name']} into #{k['id']} {k['name']}:")
    out.print(
        f"  {plan['interactions']} interactions and {plan['follow_ups']} open follow-ups move"
    )
    for name, values in plan["gained"].items():
        out.print(f"  {name.replace('_', ' ')}: + {', '.join(values)}")
    out.print(f"  #{o['id']} is then deleted (to the trash: the merge can be undone)")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("import")(import_cmd)
    app.command("duplicates")(duplicates_cmd)
    app.command("merge")(merge_cmd)
