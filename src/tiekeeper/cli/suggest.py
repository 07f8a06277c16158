"""suggest, suggest add: people worth adding, from the mail you imported."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

group = typer.Typer(
    help="Addresses you often write to that are no person in tiekeeper yet; add them.",
    invoke_without_command=True,
    rich_markup_mode=None,
)


@group.callback()
def suggest_list(
    ctx: typer.Context,
    at_least: Annotated[
        int,
        typer.Option("--at-least", min=1, help="Messages you wrote them in the last year (3)."),
    ] = 3,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """List the addresses you wrote to at least 3 times in the last year, with counts."""
    if ctx.invoked_subcommand is not None:
        return
    from tiekeeper.services.suggest import suggestion_dict, suggestions

    found = [suggestion_dict(c) for c in suggestions(store().uow(), today(date), at_least)]
    if json:
        emit_json(found)
        return
    out = console()
    if not found:
        out.print("No suggestions: import your mail first (`tiekeeper import mail.mbox`).")
        return
    for c in found:
        name = f"{c['name']} " if c["name"] else ""
        out.print(
            f"{c['sent']:>4} sent {c['received']:>4} received  {name}<{c['email']}>  "
            f"last {c['last_on']}"
        )
    out.print("Add them with `tiekeeper suggest add ADDR...`.")


@group.command("add")
def suggest_add(
    addresses: Annotated[
        list[str],
        typer.Argument(help="E-mail addresses from `tiekeeper suggest`.", metavar="ADDR..."),
    ],
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Add each address as a person, named as your mail names them."""
    from tiekeeper.services.suggest import add_suggested

    result = add_suggested(store().uow(), addresses, today(date))
    if json:
        emit_json(
            {
                "added": [{"id": p.id, "name": p.name, "email": p.emails[0]} for p in result.added],
                "already": [{"email": e, "person_id": i} for e, i in result.already.items()],
            }
        )
        return
    out = console()
    for p in result.added:
        out.print(f"Added #{p.id} {p.name} <{p.emails[0]}>")
    for email, pid in result.already.items():
        out.print(f"{email} is already #{pid}")
    if result.added:
        out.print("Import your mail again to log your conversations with them.")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.add_typer(group, name="suggest")
