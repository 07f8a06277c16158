"""follow-up, follow-ups, done, snooze, skip, cadence, upcoming."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, table, today

IdArg = Annotated[int, typer.Argument(help="The follow-up's id (shown by today and upcoming).")]


def follow_up(
    person: Annotated[str, typer.Argument(help="Who (id, e-mail or name).")],
    when: Annotated[str, typer.Argument(help="By when (ISO date or words).", metavar="DATE")],
    action: Annotated[str | None, typer.Option(help="What to do.")] = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Remind yourself to follow up with someone."""
    from tiekeeper.services.reminders import add_follow_up
    from tiekeeper.services.views import reminder_dict

    r = add_follow_up(store().uow(), person, when, action, today(date))
    if json:
        emit_json(reminder_dict(r))
    else:
        console().print(f"Follow-up [{r.id}] due {r.due_on}")


def _close(reminder_id: int, status: str, date: str | None, json: bool) -> None:
    from tiekeeper.services.reminders import close_follow_up
    from tiekeeper.services.views import reminder_dict

    r = close_follow_up(store().uow(), reminder_id, status, today(date))
    if json:
        emit_json(reminder_dict(r))
    else:
        console().print(f"Follow-up [{r.id}] {status}")


def done(reminder_id: IdArg, date: DateOpt = None, json: JsonOpt = False) -> None:
    """Mark a follow-up done."""
    _close(reminder_id, "done", date, json)


def skip(reminder_id: IdArg, date: DateOpt = None, json: JsonOpt = False) -> None:
    """Skip a follow-up (it will not come back)."""
    _close(reminder_id, "skipped", date, json)


def snooze(
    reminder_id: IdArg,
    until: Annotated[str, typer.Option(help="Show it again on this day.", metavar="DATE")],
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Hide a follow-up until a later day."""
    from tiekeeper.services.reminders import snooze_follow_up
    from tiekeeper.services.views import reminder_dict

    r = snooze_follow_up(store().uow(), reminder_id, until, today(date))
    if json:
        emit_json(reminder_dict(r))
    else:
        console().print(f"Follow-up [{r.id}] snoozed until {r.snoozed_until}")


def cadence(
    target: Annotated[
        str | None, typer.Argument(help="A person (id, e-mail or name).", metavar="PERSON")
    ] = None,
    every: Annotated[
        str | None,
        typer.Argument(help="weekly, monthly, quarterly, yearly, Nd or off.", metavar="EVERY"),
    ] = None,
    tag: Annotated[
        str | None, typer.Option(help="Set the cadence for everyone with this tag.")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Set a keep-in-touch cadence: `cadence PERSON EVERY` or `cadence --tag TAG EVERY`."""
    from tiekeeper.domain.cadence import describe_cadence
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.services.reminders import set_cadence

    if tag is not None and every is None:
        every, target = target, None
    if every is None:
        raise InvalidInput(
            "say how often: weekly, monthly, quarterly, yearly, Nd or off", field="every"
        )
    result = set_cadence(store().uow(), every, person=target, tag=tag)
    if json:
        emit_json(
            {"target": result.target, "cadence_days": result.cadence_days, "people": result.people}
        )
        return
    what = describe_cadence(result.cadence_days) if result.cadence_days else "no cadence"
    console().print(f"{result.target}: {what} ({result.people} people)")


def upcoming(
    days: Annotated[int, typer.Option(help="How many days ahead.")] = 30,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Follow-ups, birthdays, anniversaries and check-ins coming up."""
    from tiekeeper.services.reminders import upcoming as upcoming_items
    from tiekeeper.services.views import upcoming_dict

    items = upcoming_items(store().uow(), today(date), days)
    if json:
        emit_json([upcoming_dict(u) for u in items])
        return
    t = table("date", "what", "who", "detail", title=f"Next {days} days")
    for u in items:
        rid = f" [{u.reminder_id}]" if u.reminder_id else ""
        t.add_row(str(u.day), u.kind + rid, u.person_name, u.detail)
    console().print(t)


def follow_ups(
    every: Annotated[
        bool, typer.Option("--all", help="Every open follow-up, also future and snoozed ones.")
    ] = False,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Every open follow-up due by today (also those Today had no room for), oldest first."""
    from tiekeeper.services.reminders import open_follow_ups
    from tiekeeper.services.views import open_follow_up_dict

    found = open_follow_ups(store().uow(), today(date), every=every)
    if json:
        emit_json([open_follow_up_dict(f) for f in found])
        return
    if not found:
        console().print("No open follow-ups." if every else "No follow-up due: all caught up.")
        return
    title = f"{len(found)} open follow-ups" if every else f"{len(found)} follow-ups due"
    t = table("id", "due", "who", "why", title=title)
    for f in found:
        t.add_row(str(f.id), str(f.due_on), f.person_name, f.reason)
    console().print(t)


def register(app: typer.Typer) -> None:
    app.command("follow-up")(follow_up)
    app.command("follow-ups")(follow_ups)
    app.command()(done)
    app.command()(snooze)
    app.command()(skip)
    app.command()(cadence)
    app.command()(upcoming)
