"""Job search: target companies and warm paths, interview questions, informational interviews.
Opportunities live in cli/opportunities.py and are registered from here."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

GOAL_HINT = (
    "A goal of 3 informational interviews a month is one command away: "
    'tiekeeper goal add "informational interviews" --per month --target 3 '
    "--channel informational-interview"
)
target = typer.Typer(
    help="Target companies and the warm paths into them (who you know there, who knows someone "
    "there).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
Org = Annotated[str, typer.Argument(help="Organization name (case and accents do not matter).")]


@target.command("add")
def target_add(
    org: Org,
    why: Annotated[str | None, typer.Option(help="Why this company interests you.")] = None,
    industry: Annotated[str | None, typer.Option(help="The company's industry.")] = None,
    json: JsonOpt = False,
) -> None:
    """Mark a company as a target (created if new; adding again updates --why/--industry)."""
    from tiekeeper.services.jobs import add_target

    org_ = add_target(store().uow(), org, why, industry)
    if json:
        emit_json({"id": org_.id, "name": org_.name, "industry": org_.industry, "why": org_.why,
                   "is_target": org_.is_target})  # fmt: skip
        return
    console().print(f"Target #{org_.id} {org_.name}" + (f": {org_.why}" if org_.why else ""))


@target.command("list")
def target_list(date: DateOpt = None, json: JsonOpt = False) -> None:
    """Each target company with who you know there and who knows someone there, best first.

    Ranked like `tiekeeper paths`: your tie strength, times how well they know the person there."""
    from tiekeeper.services.jobs import list_targets
    from tiekeeper.services.jobs_views import target_dict

    views = list_targets(store().uow(), today(date))
    if json:
        emit_json([target_dict(v) for v in views])
        return
    out = console()
    if not views:
        out.print("No target companies yet: tiekeeper target add ORG --why TEXT")
    for v in views:
        o = v.organization
        out.print(f"[bold]{o.name}[/bold]" + (f" ({o.industry})" if o.industry else "")
                  + (f" — {o.why}" if o.why else ""))  # fmt: skip
        for c in v.people[:5]:
            role = f", {c.position}" if c.position else ""
            latent = ", not yet in touch" if c.label == "latent" else ""
            out.print(f"  you know #{c.person_id} {c.name}{role} (tie {c.score:.2f}{latent})")
        for p in v.paths[:5]:
            out.print(f"  #{p.via.person_id} {p.via.name} knows #{p.target.person_id} "
                      f"{p.target.name} there (path {p.strength:.2f})")  # fmt: skip
        if not v.people and not v.paths:
            out.print("  no warm path yet: who in your network could introduce you?")


@target.command("remove")
def target_remove(org: Org, json: JsonOpt = False) -> None:
    """Stop treating a company as a target (the company and its people stay)."""
    from tiekeeper.services.jobs import remove_target

    org_ = remove_target(store().uow(), org)
    if json:
        emit_json({"id": org_.id, "name": org_.name, "industry": org_.industry, "why": org_.why,
                   "is_target": org_.is_target})  # fmt: skip
        return
    console().print(f"{org_.name} is no longer a target.")


def questions(
    add: Annotated[str | None, typer.Option("--add", help="Add a question at the end.")] = None,
    remove: Annotated[
        int | None, typer.Option("--remove", help="Remove question N (as numbered).")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Your informational-interview questions (good defaults until you change them)."""
    from tiekeeper.services.jobs import questions as service

    qs = service(store().uow(), add, remove)
    if json:
        emit_json(qs)
        return
    _print_questions(qs)
    console().print(GOAL_HINT)


questions.__doc__ = f"{questions.__doc__}\n\n{GOAL_HINT}"


def _print_questions(qs: list[str]) -> None:
    out = console()
    if not qs:
        out.print("No questions: tiekeeper questions --add TEXT")
    for n, q in enumerate(qs, 1):
        out.print(f"{n:>2}. {q}")


def interview(
    person: Annotated[str, typer.Argument(help="Who you talked to (id, e-mail or name).")],
    date: Annotated[str, typer.Option("--date", help="When it happened (ISO or words).")] = "today",
    summary: Annotated[str | None, typer.Option(help="What you learned.")] = None,
    topic: Annotated[
        list[str] | None, typer.Option("--topic", help="Key topic (repeatable).")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Log an informational interview and print your questions to ask."""
    from tiekeeper.cli.common import today as real_today
    from tiekeeper.services.jobs import log_interview
    from tiekeeper.services.jobs_views import interview_dict

    done = log_interview(store().uow(), person, real_today(), date, summary, topic or [])
    if json:
        emit_json(interview_dict(done))
        return
    ix = done.interaction
    console().print(f"Logged #{ix.id}: informational interview with {done.person_name} "
                    f"on {ix.occurred_on}. Questions to ask:")  # fmt: skip
    _print_questions(done.questions)


def register(app: typer.Typer) -> None:
    """Add the job-search commands to the app."""
    from tiekeeper.cli import opportunities

    app.add_typer(target, name="target")
    app.command(help=questions.__doc__)(questions)
    app.command()(interview)
    opportunities.register(app)
