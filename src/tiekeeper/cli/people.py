"""add, edit, show, list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, table, today

if TYPE_CHECKING:
    from tiekeeper.domain.model import Person

Name = Annotated[str, typer.Argument(help="The person's full name.")]
PersonArg = Annotated[str, typer.Argument(help="An id, an e-mail, or a name matching one person.")]
Emails = Annotated[list[str] | None, typer.Option("--email", help="E-mail (repeatable).")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="Phone (repeatable).")]
Company = Annotated[str | None, typer.Option(help="Company or organization.")]
Position = Annotated[str | None, typer.Option(help="Job title.")]
Industry = Annotated[str | None, typer.Option(help="Industry.")]
Function = Annotated[str | None, typer.Option("--function", help="Job function.")]
Seniority = Annotated[str | None, typer.Option(help="Seniority (e.g. junior, senior, director).")]
Location = Annotated[str | None, typer.Option(help="City or region.")]
Generation = Annotated[str | None, typer.Option(help="Generation (optional, your own label).")]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")]
Type = Annotated[
    str | None, typer.Option("--type", help="strategic, operational or personal ('none' clears).")
]
Closeness = Annotated[
    int | None, typer.Option(help="How close you are, 1 (distant) to 5 (0 clears the rating).")
]
Birthday = Annotated[str | None, typer.Option(help="MM-DD or YYYY-MM-DD.")]
Started = Annotated[str | None, typer.Option(help="Day they started at their company.")]
Connected = Annotated[str | None, typer.Option(help="Day you connected.")]
Cadence = Annotated[
    str | None, typer.Option(help="Keep in touch: weekly, monthly, quarterly, yearly or Nd.")
]
HowMet = Annotated[str | None, typer.Option("--how-met", help="How you met.")]
IntroducedBy = Annotated[
    str | None, typer.Option("--introduced-by", help="The person who introduced you.")
]
LinkedIn = Annotated[str | None, typer.Option("--linkedin", help="LinkedIn profile URL.")]
Interests = Annotated[str | None, typer.Option(help="Their interests.")]
WorkingOn = Annotated[str | None, typer.Option("--working-on", help="What they are working on.")]
HowToHelp = Annotated[str | None, typer.Option("--how-to-help", help="How you could help.")]
Needs = Annotated[str | None, typer.Option(help="What they currently need.")]
Note = Annotated[str | None, typer.Option(help="A free-form note.")]


# Option names that differ from PersonChanges fields (the options are singular: --email, --tag).
_RENAMED = {"email": "emails", "phone": "phones", "tag": "tags", "untag": "untags",
            "type_": "network_type", "remove_email": "remove_emails",
            "remove_phone": "remove_phones"}  # fmt: skip


def _changes(options: dict[str, object]):  # type: ignore[no-untyped-def]
    """PersonChanges from a command's own arguments (its `locals()`)."""
    from dataclasses import fields

    from tiekeeper.services.people import PersonChanges

    wanted = {f.name for f in fields(PersonChanges)}
    kw = {_RENAMED.get(k, k): v for k, v in options.items()}
    kw = {k: v for k, v in kw.items() if k in wanted}
    for key in ("emails", "phones", "tags", "untags", "remove_emails", "remove_phones"):
        kw[key] = kw.get(key) or []
    return PersonChanges(**kw)  # type: ignore[arg-type]


def _print_person(p) -> None:  # type: ignore[no-untyped-def]
    out = console()
    out.print(f"[bold]#{p.id} {p.name}[/bold]")
    for label, value in (
        ("company", p.company),
        ("position", p.position),
        ("industry", p.industry),
        ("function", p.function),
        ("seniority", p.seniority),
        ("location", p.location),
        ("generation", p.generation),
        ("e-mail", ", ".join(p.emails)),
        ("phone", ", ".join(p.phones)),
        ("linkedin", p.linkedin_url),
        ("links", ", ".join(p.links)),
        ("tags", ", ".join(p.tags)),
        ("type", p.network_type),
        ("closeness", p.closeness),
        ("birthday", p.birthday.isoformat() if p.birthday else None),
        ("started", p.started_on),
        ("connected", p.connected_on),
        ("how met", p.how_met),
        ("interests", p.interests),
        ("working on", p.working_on),
        ("how to help", p.how_to_help),
        ("needs", p.needs),
        ("notes", p.notes),
    ):
        if value not in (None, ""):
            out.print(f"  {label:<12} {value}")
    for a in p.addresses:
        label = f"address ({a.kind})" if a.kind else "address"
        out.print(f"  {label:<12} {a.one_line()}")
    from tiekeeper.services.views import card_property_counts

    kept = card_property_counts(p)
    if kept:
        names = ", ".join(f"{n} {c}" if c > 1 else n for n, c in kept.items())
        out.print(f"  {'from vCard':<12} {names}")


def add(
    name: Name,
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    position: Position = None,
    industry: Industry = None,
    function: Function = None,
    seniority: Seniority = None,
    location: Location = None,
    generation: Generation = None,
    tag: Tags = None,
    type_: Type = None,
    closeness: Closeness = None,
    birthday: Birthday = None,
    started: Started = None,
    connected: Connected = None,
    cadence: Cadence = None,
    how_met: HowMet = None,
    introduced_by: IntroducedBy = None,
    linkedin: LinkedIn = None,
    interests: Interests = None,
    working_on: WorkingOn = None,
    how_to_help: HowToHelp = None,
    needs: Needs = None,
    note: Note = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Add a person."""
    from tiekeeper.services.people import add_person, same_name
    from tiekeeper.services.views import person_dict

    changes = _changes(locals())
    p = add_person(store().uow(), changes, today(date))
    if json:
        emit_json(person_dict(p))
    else:
        console().print(f"Added #{p.id} {p.name}")
    _warn_same_name(p, same_name(store().uow(), p))


def _warn_same_name(p: Person, others: list[Person]) -> None:
    # On stderr, so `add --json` output stays one JSON document.
    if not others:
        return
    who = ", ".join(f"#{o.id} {o.name}" + (f" ({o.company})" if o.company else "") for o in others)
    typer.echo(
        f"warning: {who} {'has' if len(others) == 1 else 'have'} the same name; #{p.id} was "
        f"added as someone else. If they are one person: tiekeeper merge {others[0].id} {p.id}",
        err=True,
    )


def edit(
    person: PersonArg,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    position: Position = None,
    industry: Industry = None,
    function: Function = None,
    seniority: Seniority = None,
    location: Location = None,
    generation: Generation = None,
    tag: Tags = None,
    untag: Annotated[list[str] | None, typer.Option("--untag", help="Remove a tag.")] = None,
    remove_email: Annotated[
        list[str] | None, typer.Option("--remove-email", help="Remove an e-mail address.")
    ] = None,
    remove_phone: Annotated[
        list[str] | None, typer.Option("--remove-phone", help="Remove a phone number.")
    ] = None,
    type_: Type = None,
    closeness: Closeness = None,
    birthday: Birthday = None,
    started: Started = None,
    connected: Connected = None,
    cadence: Cadence = None,
    how_met: HowMet = None,
    introduced_by: IntroducedBy = None,
    linkedin: LinkedIn = None,
    interests: Interests = None,
    working_on: WorkingOn = None,
    how_to_help: HowToHelp = None,
    needs: Needs = None,
    note: Note = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Change a person's details (lists such as --email and --tag add to what is there)."""
    from tiekeeper.services.people import edit_person
    from tiekeeper.services.views import person_dict

    changes = _changes(locals())
    p = edit_person(store().uow(), person, changes, today(date))
    if json:
        emit_json(person_dict(p))
    else:
        console().print(f"Updated #{p.id} {p.name}")


def show(person: PersonArg, date: DateOpt = None, json: JsonOpt = False) -> None:
    """Show a person with recent interactions and open follow-ups."""
    from tiekeeper.domain.cadence import describe_cadence
    from tiekeeper.services.people import show_person
    from tiekeeper.services.views import person_view_dict

    view = show_person(store().uow(), person, today(date))
    if json:
        emit_json(person_view_dict(view))
        return
    out = console()
    _print_person(view.person)
    if view.introduced_by:
        out.print(f"  {'introduced by':<12} {view.introduced_by}")
    if view.cadence_days:
        due = view.person.checkin_due_on
        out.print(
            f"  {'cadence':<12} {describe_cadence(view.cadence_days)}"
            + (f", next check-in {due}" if due else "")
        )
    if view.reminders:
        out.print("[bold]Open follow-ups[/bold]")
        for r in view.reminders:
            out.print(f"  [{r.id}] {r.effective_due} {r.action or 'follow up'}")
    if view.interactions:
        out.print("[bold]Recent interactions[/bold]")
        for ix in view.interactions:
            topics = f" [topics: {', '.join(ix.topics)}]" if ix.topics else ""
            out.print(
                f"  {ix.occurred_on} {ix.channel} ({ix.initiated_by}) {ix.summary or ''}{topics}"
            )


def list_(
    tag: Annotated[str | None, typer.Option(help="Only people with this tag.")] = None,
    company: Annotated[str | None, typer.Option(help="Only people at this company.")] = None,
    type_: Type = None,
    overdue: Annotated[bool, typer.Option(help="Only people whose check-in is overdue.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """List people, optionally filtered."""
    from tiekeeper.services.people import list_people
    from tiekeeper.services.views import person_dict

    day = today(date)
    people = list_people(
        store().uow(),
        tag=tag,
        company=company,
        network_type=type_,
        overdue_on=day if overdue else None,
        limit=limit,
    )
    if json:
        emit_json([person_dict(p) for p in people])
        return
    t = table(
        "id", "name", "company", "position", "tags", "last talked", title=f"{len(people)} people"
    )
    for p in people:
        t.add_row(
            str(p.id),
            p.name,
            p.company or "",
            p.position or "",
            ", ".join(p.tags),
            str(p.last_interaction_on or ""),
        )
    console().print(t)


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command()(edit)
    app.command()(show)
    app.command("list")(list_)
