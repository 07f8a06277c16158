"""draft: a message for each Today item; template list / set / reset."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

NEVER_SENDS = "tiekeeper never sends anything by itself: copy the text and send it yourself."
template = typer.Typer(
    help="The message templates behind `tiekeeper draft`. Placeholders: {first_name}, {name}, "
    "{event}, {topic}, {action}, {favour}, {company}, {role}, {need}.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
Kind = Annotated[
    str,
    typer.Argument(
        help="follow-up, event-follow-up, next-step, birthday, anniversary, check-in, reconnect, "
        "help, meeting or thank-you."
    ),
]


def draft(
    n: Annotated[int | None, typer.Argument(help="Only item N of today's agenda.")] = None,
    date: DateOpt = None,
    minutes: Annotated[int, typer.Option(help="Your time budget, as for `today`.")] = 15,
    json: JsonOpt = False,
) -> None:
    """A short message to copy for each item on Today (or item N)."""
    from tiekeeper.services.drafts import drafts
    from tiekeeper.services.visibility_views import draft_dict

    found = drafts(store().uow(), today(date), n, minutes)
    if json:
        emit_json([draft_dict(d) for d in found])
        return
    out = console()
    if not found:
        out.print("Nothing on Today to write about.")
    for d in found:
        out.print(f"{d.number:>2}. [bold]{d.item.person_name}[/bold] — {d.item.reason}")
        out.print(f"    {d.text}")
    out.print(NEVER_SENDS)


draft.__doc__ = f"{draft.__doc__}\n\n{NEVER_SENDS}"


@template.command("list")
def template_list(json: JsonOpt = False) -> None:
    """Every template, marked when it is your own."""
    from tiekeeper.services.drafts import list_templates
    from tiekeeper.services.visibility_views import template_dict

    views = list_templates(store().uow())
    if json:
        emit_json([template_dict(v) for v in views])
        return
    for v in views:
        console().print(f"[bold]{v.kind}[/bold]{' (yours)' if v.custom else ''}\n    {v.text}")


@template.command("set")
def template_set(
    kind: Kind,
    text: Annotated[str, typer.Argument(help="The template text.")],
    json: JsonOpt = False,
) -> None:
    """Use your own text for one kind of draft (unknown placeholders are refused)."""
    from tiekeeper.services.drafts import set_template
    from tiekeeper.services.visibility_views import template_dict

    v = set_template(store().uow(), kind, text)
    if json:
        emit_json(template_dict(v))
        return
    console().print(f"Template {v.kind} set.")


@template.command("reset")
def template_reset(kind: Kind, json: JsonOpt = False) -> None:
    """Go back to the built-in template for one kind."""
    from tiekeeper.services.drafts import reset_template
    from tiekeeper.services.visibility_views import template_dict

    v = reset_template(store().uow(), kind)
    if json:
        emit_json(template_dict(v))
        return
    console().print(f"Template {v.kind} reset to: {v.text}")


def register(app: typer.Typer) -> None:
    """Add `draft` and `template` to the app."""
    app.command(help=draft.__doc__)(draft)
    app.add_typer(template, name="template")
