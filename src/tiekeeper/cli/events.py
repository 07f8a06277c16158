"""event add, event met, event show, event list."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, table, today
from tiekeeper.cli.people import (
    Closeness,
    Company,
    Emails,
    Function,
    HowMet,
    Industry,
    Interests,
    LinkedIn,
    Location,
    Needs,
    Note,
    Phones,
    Position,
    Tags,
    Type,
)
from tiekeeper.cli.trash import event_delete

group = typer.Typer(
    help="Events: goals, quick capture of the people met, 48-hour follow-ups, retrospective.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
EventArg = Annotated[str, typer.Argument(help="An event id, or a name matching one event.")]


@group.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The event's name.")],
    when: Annotated[str, typer.Option("--date", help="The day of the event.", metavar="DATE")],
    kind: Annotated[
        str, typer.Option(help="conference, meetup, webinar, association or other.")
    ] = "other",
    location: Annotated[str | None, typer.Option(help="Where it takes place.")] = None,
    goal: Annotated[
        str | None, typer.Option(help="Your goal, e.g. 'introduce myself to two people'.")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Add an event (a countable goal gets a target)."""
    from tiekeeper.services.events import add_event
    from tiekeeper.services.events_views import event_dict

    ev = add_event(store().uow(), name, when, today(), kind=kind, location=location, goal=goal)
    if json:
        emit_json(event_dict(ev))
        return
    target = f" (goal: {ev.goal_target} people)" if ev.goal_target else ""
    console().print(f"Added event #{ev.id} {ev.name} on {ev.occurred_on}{target}")


@group.command("met")
def met(
    event: EventArg,
    person: Annotated[
        str, typer.Argument(help="A person you know (id, e-mail, name) or a new name.")
    ],
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    position: Position = None,
    industry: Industry = None,
    function: Function = None,
    location: Location = None,
    tag: Tags = None,
    type_: Type = None,
    closeness: Closeness = None,
    how_met: HowMet = None,
    linkedin: LinkedIn = None,
    interests: Interests = None,
    needs: Needs = None,
    note: Note = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record someone you met at an event; they get a follow-up within 48 hours."""
    from tiekeeper.services.events import met_at_event
    from tiekeeper.services.events_views import capture_dict
    from tiekeeper.services.people import PersonChanges

    changes = PersonChanges(
        emails=email or [], phones=phone or [], tags=tag or [], company=company,
        position=position, industry=industry, function=function, location=location,
        network_type=type_, closeness=closeness, how_met=how_met, linkedin=linkedin,
        interests=interests, needs=needs, note=note,
    )  # fmt: skip
    c = met_at_event(store().uow(), event, person, changes, today(date))
    if json:
        emit_json(capture_dict(c))
        return
    what = "new contact" if c.is_new else "already known"
    console().print(
        f"Met #{c.person.id} {c.person.name} ({what}) at {c.event.name}; "
        f"follow up by {c.follow_up.due_on} [{c.follow_up.id}]"
    )


@group.command("show")
def show(event: EventArg, json: JsonOpt = False) -> None:
    """Show an event: its goal, the people met, and who became a tie since."""
    from tiekeeper.domain.events import goal_line
    from tiekeeper.services.events import show_event
    from tiekeeper.services.events_views import event_view_dict

    v = show_event(store().uow(), event)
    if json:
        emit_json(event_view_dict(v))
        return
    out = console()
    e = v.event
    where = f", {e.location}" if e.location else ""
    out.print(f"[bold]#{e.id} {e.name}[/bold] ({e.kind}, {e.occurred_on}{where})")
    out.print(f"  goal: {goal_line(e.goal, e.goal_target, len(v.people))}")
    ties = [m for m in v.people if m.became_tie]
    if v.people:
        out.print("[bold]People met[/bold]")
        for m in v.people:
            status = f"tie: {m.interactions_after} since" if m.became_tie else "no contact since"
            new = ", new" if m.is_new else ""
            out.print(f"  #{m.person_id} {m.name}{new} ({status})")
    out.print(f"Retrospective: {len(ties)} of {len(v.people)} became a tie")


@group.command("list")
def list_(json: JsonOpt = False) -> None:
    """List events, newest first, with the people met at each."""
    from tiekeeper.services.events import list_events
    from tiekeeper.services.events_views import event_summary_dict

    events = list_events(store().uow())
    if json:
        emit_json([event_summary_dict(s) for s in events])
        return
    t = table("id", "date", "name", "kind", "met", "goal", title=f"{len(events)} events")
    for s in events:
        e = s.event
        t.add_row(str(e.id), str(e.occurred_on), e.name, e.kind, str(s.met), e.goal or "")
    console().print(t)


group.command("delete")(event_delete)


def register(app: typer.Typer) -> None:
    """Add the `event` group to the app."""
    app.add_typer(group, name="event")
