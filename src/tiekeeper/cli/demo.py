"""demo: fill an empty home with an invented network."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today


def demo(
    people: Annotated[int, typer.Option(help="How many people to invent.")] = 300,
    interactions: Annotated[int, typer.Option(help="How many interactions to invent.")] = 3000,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Fill an empty home with a realistic invented network (does nothing if you have data)."""
    from tiekeeper.services.demo import DemoSize, fill_demo, has_people

    st = store()
    if has_people(st.uow()):
        if json:
            emit_json({"created": False, "reason": "home already has people"})
        else:
            console().print("Your home already has people; the demo only fills an empty one.")
        return
    result = fill_demo(st.uow(), today(date), DemoSize(people, interactions))
    if json:
        emit_json(
            {
                "created": True,
                "people": result.people,
                "interactions": result.interactions,
                "follow_ups": result.follow_ups,
            }
        )
    else:
        console().print(
            f"Created a demo network: {result.people} people, "
            f"{result.interactions} interactions, {result.follow_ups} follow-ups. "
            "Try `tiekeeper today`."
        )


def register(app: typer.Typer) -> None:
    app.command()(demo)
