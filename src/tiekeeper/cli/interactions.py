"""log: record an interaction; interaction show: one interaction in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tiekeeper.cli.common import JsonOpt, console, emit_json, store, today
from tiekeeper.cli.trash import interaction_delete

if TYPE_CHECKING:
    from tiekeeper.services.interactions import InteractionView


def log(
    people: Annotated[
        list[str],
        typer.Argument(help="One or more people (id, e-mail or name).", metavar="PERSON..."),
    ],
    date: Annotated[str, typer.Option("--date", help="When it happened (ISO or words).")] = "today",
    channel: Annotated[
        str,
        typer.Option(help="coffee, call, video, email, message, event, meeting, introduction, ..."),
    ] = "other",
    by: Annotated[str, typer.Option("--by", help="Who started it: me, them or mutual.")] = "me",
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Key topic (repeatable).")
    ] = None,
    summary: Annotated[str | None, typer.Option(help="What you talked about.")] = None,
    gave: Annotated[
        list[str] | None, typer.Option(help="A favour you gave, e.g. 'introduction to Bo'.")
    ] = None,
    received: Annotated[list[str] | None, typer.Option(help="A favour you received.")] = None,
    follow_up: Annotated[
        str | None, typer.Option("--follow-up", help="Follow up by this day.")
    ] = None,
    action: Annotated[str | None, typer.Option(help="What to do at the follow-up.")] = None,
    json: JsonOpt = False,
) -> None:
    """Log an interaction with one or more people."""
    from tiekeeper.services.interactions import LogRequest, log_interaction
    from tiekeeper.services.views import logged_dict

    req = LogRequest(
        people=people,
        when=date,
        channel=channel,
        by=by,
        topics=topic or [],
        summary=summary,
        gave=gave or [],
        received=received or [],
        follow_up=follow_up,
        action=action,
    )
    done = log_interaction(store().uow(), req, today())
    if json:
        emit_json(logged_dict(done))
        return
    ix = done.interaction
    msg = f"Logged #{ix.id}: {ix.channel} on {ix.occurred_on}"
    if done.reminder:
        msg += f"; follow-up [{done.reminder.id}] due {done.reminder.due_on}"
    console().print(msg)


# `interaction` is a group so that more subcommands (delete) can join `show`.
interaction = typer.Typer(
    help="One logged interaction: who, when, what was said and promised.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
IdArg = Annotated[int, typer.Argument(help="The interaction's id (shown by search and log).")]


@interaction.command("show")
def show(interaction_id: IdArg, json: JsonOpt = False) -> None:
    """Show an interaction: people, date, channel, topics, favours and its follow-up."""
    from tiekeeper.services.interactions import show_interaction
    from tiekeeper.services.views import interaction_view_dict

    view = show_interaction(store().uow(), interaction_id)
    if json:
        emit_json(interaction_view_dict(view))
        return
    out = console()
    for line in interaction_lines(view):
        out.print(line)


def interaction_lines(view: InteractionView) -> list[str]:
    """The plain-text page of one interaction."""
    ix, names = view.interaction, view.names
    who = ", ".join(f"#{pid} {names.get(pid, '?')}" for pid in ix.person_ids)
    head = f"[bold]#{ix.id} {ix.channel} on {ix.occurred_on}[/bold]"
    lines = [f"{head} (started by {ix.initiated_by})", f"with {who}"]
    if ix.summary:
        lines.append(f"summary: {ix.summary}")
    if ix.topics:
        lines.append(f"topics: {', '.join(ix.topics)}")
    # One favour logged with several people is stored once per person: shown once, with them.
    favours: dict[tuple[str, str], list[str]] = {}
    for f in ix.favours:
        what = f"{f.kind} {f.note}" if f.note else f.kind
        verb = "gave" if f.direction == "given" else "received"
        favours.setdefault((verb, what), []).append(names.get(f.person_id, "?"))
    for (verb, what), people in favours.items():
        lines.append(f"favour: {verb} {what} ({', '.join(people)})")
    for r in view.follow_ups:
        action = f": {r.action}" if r.action else ""
        lines.append(f"follow-up [{r.id}] due {r.effective_due}{action} ({r.status})")
    if not view.follow_ups:
        lines.append("no follow-up set")
    return lines


interaction.command("delete")(interaction_delete)


def register(app: typer.Typer) -> None:
    app.command()(log)
    app.add_typer(interaction, name="interaction")
