"""opportunity add / list / move / show (registered by cli/jobs.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today
from tiekeeper.cli.trash import opportunity_delete

if TYPE_CHECKING:
    from tiekeeper.services.opportunities import OpportunityView

STAGES_HELP = "idea, reached-out, talked, referred, applied, interview, offer, closed"
group = typer.Typer(
    help="Opportunities, advertised or not, with stages and a next step that shows on Today. "
    'Tip: tiekeeper goal add "informational interviews" --per month --target 3 '
    "--channel informational-interview",
    no_args_is_help=True,
    rich_markup_mode=None,
)
IdArg = Annotated[int, typer.Argument(help="The opportunity's id.")]
Next = Annotated[
    str | None, typer.Option("--next", help="The next step; it shows on Today when due.")
]
NextDate = Annotated[
    str | None, typer.Option("--next-date", help="When the next step is due (default: today).")
]


def _print(v: OpportunityView) -> None:
    o = v.opportunity
    out = console()
    out.print(f"[bold]#{o.id} {o.role} at {v.organization}[/bold] — {o.stage} ({o.source})")
    if v.via:
        out.print(f"  via       {v.via}")
    if o.next_step:
        out.print(f"  next step {o.next_step}, due {o.next_step_on}")
        if v.reminder:
            out.print(f"  on Today  [{v.reminder.id}] with {v.reminder_person}")
        else:
            out.print("  no reminder: nobody you know at the company yet (add --via PERSON)")


@group.command("add")
def add(
    org: Annotated[str, typer.Argument(help="Organization (created if new).")],
    role: Annotated[str, typer.Argument(help="The role, e.g. 'Product Designer'.")],
    source: Annotated[
        str, typer.Option(help="referral, hidden (unadvertised) or posted.")
    ] = "hidden",
    via: Annotated[
        str | None, typer.Option("--via", help="The person it goes through (PERSON).")
    ] = None,
    next_: Next = None,
    next_date: NextDate = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record an opportunity at stage 'idea'; --next puts a next step on Today."""
    from tiekeeper.services.jobs_views import opportunity_dict
    from tiekeeper.services.opportunities import add_opportunity

    v = add_opportunity(store().uow(), org, role, today(date), source, via, next_, next_date)
    if json:
        emit_json(opportunity_dict(v))
        return
    _print(v)


@group.command("list")
def list_(
    stage: Annotated[str | None, typer.Option(help=f"Only this stage: {STAGES_HELP}.")] = None,
    json: JsonOpt = False,
) -> None:
    """Opportunities in stage order, with their next steps."""
    from tiekeeper.services.jobs_views import opportunity_dict
    from tiekeeper.services.opportunities import list_opportunities

    views = list_opportunities(store().uow(), stage)
    if json:
        emit_json([opportunity_dict(v) for v in views])
        return
    if not views:
        console().print("No opportunities yet: tiekeeper opportunity add ORG ROLE")
        return
    out = console()
    for v in views:
        o = v.opportunity
        via = f" via {v.via}" if v.via else ""
        out.print(f"#{o.id:<3} {o.stage:<11} [bold]{o.role}[/bold] at {v.organization}{via}")
        if o.next_step and v.reminder is not None:
            out.print(f"     next: {o.next_step} ({o.next_step_on}) with {v.reminder_person}")
        elif o.next_step:
            out.print(f"     next: {o.next_step} ({o.next_step_on}), no reminder: "
                      "nobody you know there yet")  # fmt: skip


@group.command("move")
def move(
    id_: IdArg,
    stage: Annotated[str, typer.Argument(help=f"The new stage: {STAGES_HELP}.")],
    next_: Next = None,
    next_date: NextDate = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Move to another stage (backwards is allowed and said); --next replaces the next step."""
    from tiekeeper.services.jobs_views import opportunity_dict
    from tiekeeper.services.opportunities import move_opportunity

    v = move_opportunity(store().uow(), id_, stage, today(date), next_, next_date)
    if json:
        emit_json(opportunity_dict(v))
        return
    if v.backwards_from:
        console().print(f"Note: moved back from {v.backwards_from} to {v.opportunity.stage}.")
    _print(v)


@group.command("show")
def show(id_: IdArg, json: JsonOpt = False) -> None:
    """One opportunity with its next step and who it goes through."""
    from tiekeeper.services.jobs_views import opportunity_dict
    from tiekeeper.services.opportunities import show_opportunity

    v = show_opportunity(store().uow(), id_)
    if json:
        emit_json(opportunity_dict(v))
        return
    _print(v)


group.command("delete")(opportunity_delete)


def register(app: typer.Typer) -> None:
    """Add `opportunity` to the app."""
    app.add_typer(group, name="opportunity")
