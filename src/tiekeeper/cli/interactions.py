"""log: record an interaction."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import JsonOpt, console, emit_json, store, today


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


def register(app: typer.Typer) -> None:
    app.command()(log)
