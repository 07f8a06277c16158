"""delete, erase, trash [restore|empty], and the `delete` of interactions, events, opportunities
and posts (their groups add these commands from here, so the deletion rules have one home)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiekeeper.cli.common import JsonOpt, console, emit_json, store, table

if TYPE_CHECKING:
    from tiekeeper.services.trash import Deleted

YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do it without asking.")]

group = typer.Typer(
    help="What was deleted, kept for 30 days: list, restore, empty.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


def now() -> datetime:
    return datetime.now(UTC)


def confirm_possible(yes: bool) -> None:
    """Refuse before anything is printed when no one can answer (a script, a pipe)."""
    from tiekeeper.domain.errors import InvalidInput

    if not yes and not sys.stdin.isatty():
        raise InvalidInput("this asks for confirmation: add --yes to do it without asking")


def confirm(question: str, yes: bool) -> None:
    """Ask in a terminal; a script must say --yes (a pipe cannot answer)."""
    if yes:
        return
    confirm_possible(yes)
    if not typer.confirm(question, default=False):
        console().print("Nothing was changed.")
        raise typer.Exit(1)


def deleted_dict(d: Deleted) -> dict[str, Any]:
    return {"trash_id": d.trash_id, "kind": d.kind, "id": d.ref_id, "label": d.label}


def report(done: list[Deleted], json: bool) -> None:
    if json:
        emit_json([deleted_dict(d) for d in done])
        return
    out = console()
    for d in done:
        out.print(f"Moved {d.kind} #{d.ref_id} {d.label} to the trash (entry {d.trash_id}).")
    if done:
        out.print(f"Undo with `tiekeeper trash restore {done[-1].trash_id}` (kept for 30 days).")


def delete_cmd(
    people: Annotated[
        list[str],
        typer.Argument(help="People to delete (id, e-mail or name).", metavar="PERSON..."),
    ],
    json: JsonOpt = False,
) -> None:
    """Move people to the trash (interactions shared with others stay, without them)."""
    from tiekeeper.services.trash import delete_people

    report(delete_people(store().uow(), people, now()), json)


def erase_cmd(
    person: Annotated[str, typer.Argument(help="An id, an e-mail, or a name matching one person.")],
    yes: YesOpt = False,
    json: JsonOpt = False,
) -> None:
    """Remove a person and everything only about them for good: not to the trash, gone from
    the search index and from every later backup (the right to be forgotten)."""
    from tiekeeper.services.trash import erase_person, person_label

    confirm(f"Erase {person_label(store().uow(), person)} for good? It cannot be undone.", yes)
    pid, name, dropped = erase_person(store().uow(), person)
    if json:
        emit_json({"id": pid, "name": name, "trash_entries_dropped": dropped})
        return
    also = (
        f" and {dropped} trash entr{'y' if dropped == 1 else 'ies'} holding them" if dropped else ""
    )
    console().print(f"Erased #{pid} {name}{also}, for good.")


@group.callback()
def trash_list(ctx: typer.Context, json: JsonOpt = False) -> None:
    """List what was deleted in the last 30 days, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from tiekeeper.services.trash import list_trash

    entries = list_trash(store().uow(), now())
    if json:
        emit_json(
            [
                {"trash_id": e.id, "kind": e.kind, "id": e.ref_id, "label": e.label,
                 "deleted_at": e.deleted_at.isoformat()}
                for e in entries
            ]
        )  # fmt: skip
        return
    if not entries:
        console().print("The trash is empty.")
        return
    out = table("entry", "what", "deleted", title="Trash (kept for 30 days)")
    for e in entries:
        out.add_row(str(e.id), f"{e.kind}: {e.label}", e.deleted_at.strftime("%Y-%m-%d %H:%M"))
    console().print(out)
    console().print("Restore one with `tiekeeper trash restore ENTRY`.")


@group.command("restore")
def trash_restore(
    entry: Annotated[int, typer.Argument(help="The trash entry (see `tiekeeper trash`).")],
    json: JsonOpt = False,
) -> None:
    """Put a deleted thing back exactly as it was (a merge entry: both people, as before)."""
    from tiekeeper.services.trash import restore

    done = restore(store().uow(), entry)
    if json:
        emit_json(
            {"trash_id": entry, "kind": done.entry.kind, "label": done.entry.label,
             "people": done.people, "interactions": done.interactions,
             "not_restored": done.not_restored}
        )  # fmt: skip
        return
    msg = f"Restored {done.entry.kind}: {done.entry.label}."
    if done.not_restored:
        msg += f" {done.not_restored} rows could not come back: what they belonged to is gone."
    console().print(msg)


@group.command("empty")
def trash_empty(
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than", help="Only what was deleted before this age (30d, 2w).", metavar="AGE"
        ),
    ] = None,
    yes: YesOpt = False,
    json: JsonOpt = False,
) -> None:
    """Erase what is in the trash for good."""
    from tiekeeper.services.trash import empty_trash, parse_age

    age = parse_age(older_than) if older_than else None
    if age is None:
        confirm("Empty the whole trash for good?", yes)
    n = empty_trash(store().uow(), now(), age)
    if json:
        emit_json({"erased": n})
        return
    console().print(f"Erased {n} trash entr{'y' if n == 1 else 'ies'} for good.")


def interaction_delete(
    interaction: Annotated[int, typer.Argument(help="The interaction's id.")],
    json: JsonOpt = False,
) -> None:
    """Move an interaction to the trash."""
    from tiekeeper.services.trash import delete_interaction

    report([delete_interaction(store().uow(), interaction, now())], json)


def event_delete(
    event: Annotated[str, typer.Argument(help="An event id, or a name matching one event.")],
    json: JsonOpt = False,
) -> None:
    """Move an event (the people met stay) to the trash."""
    from tiekeeper.services.trash import delete_event

    report([delete_event(store().uow(), event, now())], json)


def opportunity_delete(
    opportunity: Annotated[int, typer.Argument(help="The opportunity's id.")],
    json: JsonOpt = False,
) -> None:
    """Move an opportunity to the trash."""
    from tiekeeper.services.trash import delete_opportunity

    report([delete_opportunity(store().uow(), opportunity, now())], json)


def post_delete(
    post: Annotated[int, typer.Argument(help="The post's id.")],
    json: JsonOpt = False,
) -> None:
    """Move a post to the trash."""
    from tiekeeper.services.trash import delete_post

    report([delete_post(store().uow(), post, now())], json)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("delete")(delete_cmd)
    app.command("erase")(erase_cmd)
    app.add_typer(group, name="trash")
