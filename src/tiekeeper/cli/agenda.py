"""today: the daily agenda."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, read_store
from tiekeeper.cli.common import today as real_today


def today(
    date: DateOpt = None,
    minutes: Annotated[int, typer.Option(help="Your time budget in minutes.")] = 15,
    json: JsonOpt = False,
) -> None:
    """The few networking actions worth doing today, each with its reason."""
    from tiekeeper.services.agenda import today_agenda
    from tiekeeper.services.views import agenda_dict

    agenda = today_agenda(read_store().uow(), real_today(date), minutes)
    if json:
        emit_json(agenda_dict(agenda))
        return
    out = console()
    out.print(
        f"[bold]Today, {agenda.day:%A %d %B %Y}[/bold] — {agenda.minutes} of "
        f"{agenda.budget_minutes} minutes"
    )
    if not agenda.items:
        out.print("Nothing due. A good day to reach out to someone you have not talked to lately.")
    for n, item in enumerate(agenda.items, 1):
        rid = f" [{item.reminder_id}]" if item.reminder_id else ""
        out.print(f"{n:>2}. [bold]{item.person_name}[/bold] ({item.minutes} min){rid}")
        out.print(f"    {item.reason}")
    if agenda.left_out_count:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(agenda.left_out.items()))
        out.print(
            f"{agenda.left_out_count} more did not fit ({kinds}); "
            "see `tiekeeper upcoming` or raise --minutes."
        )


def register(app: typer.Typer) -> None:
    app.command()(today)
