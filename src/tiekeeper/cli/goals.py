"""goal add/list/remove, review, help-someone, introduce."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

group = typer.Typer(
    help="Countable networking goals per day, week, month or event, with streaks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
PersonArg = Annotated[str, typer.Argument(help="An id, an e-mail, or a name matching one person.")]
_ARROW = {"up": "↑", "down": "↓", "same": "=", "new": "·"}


def _goal_line(p) -> str:  # type: ignore[no-untyped-def]
    g = p.goal
    mark = "✓" if p.met else " "
    per = f"per {g.period}"
    trend = _ARROW[p.trend]
    streak = f", streak {p.streak}" if p.streak else ""
    return f"[{g.id}] {g.title}: {p.count}/{g.target} {per} {mark} {trend}{streak}"


@group.command("add")
def add(
    title: Annotated[str, typer.Argument(help="What the goal is, e.g. 'coffee chats'.")],
    per: Annotated[str, typer.Option(help="day, week, month or event.")],
    target: Annotated[int, typer.Option(help="How many per period.")],
    channel: Annotated[
        str | None, typer.Option(help="Count interactions on this channel only.")
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option(help="interactions, new-people, posts, days-active or introductions."),
    ] = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Add a goal measured from your log (the metric defaults from --channel or the title)."""
    from tiekeeper.services.goals import add_goal

    g = add_goal(store().uow(), title, per, target, today(date), channel=channel, metric=metric)
    if json:
        emit_json({"id": g.id, "title": g.title, "per": g.period, "target": g.target,
                   "metric": g.metric, "channel": g.channel})  # fmt: skip
        return
    on = f" on {g.channel}" if g.channel else ""
    console().print(f"Added goal #{g.id}: {g.target} {g.metric}{on} per {g.period}")


@group.command("list")
def list_(date: DateOpt = None, json: JsonOpt = False) -> None:
    """Goals with progress this period, streak of periods met, and trend vs the last period."""
    from tiekeeper.services.goals import list_goals
    from tiekeeper.services.goals_views import goal_dict

    progress = list_goals(store().uow(), today(date))
    if json:
        emit_json([goal_dict(p) for p in progress])
        return
    if not progress:
        console().print("No goals yet: tiekeeper goal add 'coffee chats' --per week --target 1")
    for p in progress:
        console().print(_goal_line(p))


@group.command("remove")
def remove(
    goal_id: Annotated[int, typer.Argument(help="The goal's id.", metavar="ID")],
    json: JsonOpt = False,
) -> None:
    """Delete a goal."""
    from tiekeeper.services.goals import remove_goal

    remove_goal(store().uow(), goal_id)
    if json:
        emit_json({"removed": True, "id": goal_id})
        return
    console().print(f"Removed goal #{goal_id}")


def review(
    week: Annotated[
        str | None, typer.Option(help="A day in the week to review (default: this week).")
    ] = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """The week in one screen: goals, new people, ties, follow-ups, one person to help."""
    from tiekeeper.domain.dates import parse_when
    from tiekeeper.services.goals_views import review_dict
    from tiekeeper.services.review import weekly_review

    day = today(date)
    r = weekly_review(store().uow(), parse_when(week, day, field="week") if week else day, day)
    if json:
        emit_json(review_dict(r))
        return
    out = console()
    out.print(f"[bold]Week {r.start} to {r.end}[/bold]")
    # Every section says something: an empty one says so in words (and how to fill it), never a
    # bare heading or "New people 0:".
    if r.goals:
        out.print("[bold]Goals[/bold]")
    else:
        out.print("No goals yet: tiekeeper goal add 'coffee chats' --per week --target 1")
    for p in r.goals:
        out.print("  " + _goal_line(p))
    if r.new_people:
        out.print(f"[bold]New people[/bold] {len(r.new_people)}: "
                  + ", ".join(n for _, n in r.new_people[:10]))  # fmt: skip
    else:
        out.print("No new people this week")
    for label, ties, none in (("Strengthened", r.strengthened, "No tie grew stronger this week"),
                              ("Faded", r.faded, "No tie faded this week")):  # fmt: skip
        shown = ", ".join(
            f"{r.names.get(c.person_id, '?')} ({c.this_week} vs {c.weekly_average:.1f}/week)"
            for c in ties)  # fmt: skip
        out.print(f"[bold]{label}[/bold] {shown}" if shown else none)
    if r.done or r.missed:
        out.print(f"[bold]Follow-ups[/bold] {len(r.done)} done, {len(r.missed)} missed")
    else:
        out.print("No follow-ups were due this week")
    for f in r.missed[:10]:
        out.print(f"  missed [{f.reminder_id}] {f.name} ({f.kind})")
    if r.help is not None:
        out.print(f"[bold]Who can I help this week?[/bold] {r.help.name}: {r.help.reason}")
    else:
        out.print("Who can I help this week? Nobody to suggest: record needs with "
                  "`tiekeeper edit PERSON --needs`.")  # fmt: skip


def help_someone(date: DateOpt = None, json: JsonOpt = False) -> None:
    """Propose one person whose need you know and can meet (never the same two weeks running)."""
    from tiekeeper.services.giving import help_someone as pick
    from tiekeeper.services.goals_views import help_dict

    h = pick(store().uow(), today(date))
    if json:
        emit_json(help_dict(h))
        return
    if h is None:
        console().print("Nobody to suggest: record needs with `tiekeeper edit PERSON --needs`.")
        return
    console().print(f"Help #{h.person_id} {h.name}: {h.reason}")


def introduce(
    a: PersonArg,
    b: PersonArg,
    note: Annotated[str | None, typer.Option(help="What the introduction was about.")] = None,
    when: Annotated[
        str, typer.Option("--date", help="The day you made it (default today).", metavar="DATE")
    ] = "today",
    json: JsonOpt = False,
) -> None:
    """Introduce two contacts: an interaction with both and a 'knows' edge between them."""
    from tiekeeper.services.giving import introduce as do_introduce
    from tiekeeper.services.goals_views import introduction_dict

    i = do_introduce(store().uow(), a, b, today(), note=note, when=when)
    if json:
        emit_json(introduction_dict(i))
        return
    console().print(f"Introduced {i.names[0]} and {i.names[1]} on {i.interaction.occurred_on}")


def register(app: typer.Typer) -> None:
    """Add goal, review, help-someone and introduce to the app."""
    app.add_typer(group, name="goal")
    app.command()(review)
    app.command("help-someone")(help_someone)
    app.command()(introduce)
