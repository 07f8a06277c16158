"""demo: fill an empty home with an invented network, and take it out again."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

REMOVE_HINT = "tiekeeper demo --remove"


def _where() -> tuple[str, str]:
    """The database (a SQLite file's path, else its URL without the password) and the home."""
    from sqlalchemy.engine import make_url

    from tiekeeper.cli.app import state
    from tiekeeper.config import load_settings

    settings = load_settings(state.database_url)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database, str(settings.home)
    return url.render_as_string(hide_password=True), str(settings.home)


def demo(
    people: Annotated[int, typer.Option(help="How many people to invent.")] = 300,
    interactions: Annotated[int, typer.Option(help="How many interactions to invent.")] = 3000,
    remove: Annotated[
        bool,
        typer.Option("--remove", help="Take the demo out again (what you added yourself stays)."),
    ] = False,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Fill an empty home with a realistic invented network (does nothing if you have data);
    --remove takes it out again."""
    if remove:
        _remove(json)
        return
    from tiekeeper.services.demo import DemoSize, fill_demo, has_demo, has_people

    st = store()
    if has_people(st.uow()):
        if json:
            emit_json({"created": False, "reason": "home already has people"})
        elif has_demo(st.uow()):
            console().print(f"Your home already has the demo; `{REMOVE_HINT}` takes it out.")
        else:
            console().print("Your home already has people; the demo only fills an empty one.")
        return
    result = fill_demo(st.uow(), today(date), DemoSize(people, interactions))
    database, home = _where()
    if json:
        emit_json(
            {
                "created": True,
                "people": result.people,
                "interactions": result.interactions,
                "follow_ups": result.follow_ups,
                "showcase": asdict(result.extras) if result.extras else None,
                "database": database,
                "home": home,
                "remove_with": REMOVE_HINT,
            }
        )
        return
    console().print(
        f"Created a demo network: {result.people} people, "
        f"{result.interactions} interactions, {result.follow_ups} follow-ups. "
        "Try `tiekeeper today`."
    )
    if (x := result.extras) is not None:
        console().print(
            f"Also a goal ({x.goal}, with a streak), {x.past_event} yesterday "
            f"({x.met} people met), {x.next_event} next week, {x.target} as a target company "
            f"with an open opportunity ({x.opportunity}) and a post ({x.engaged} people "
            "engaged): try `tiekeeper goal list`, `event list`, `target list`, "
            "`opportunity list`, `post list`."
        )
    console().print(f"It is stored in {database} (home: {home}).")
    console().print(f"`{REMOVE_HINT}` takes it out again; people you add yourself stay.")


def _remove(json: bool) -> None:
    from tiekeeper.services.demo_removal import remove_demo

    done = remove_demo(store().uow())
    if json:
        if done.removed:
            emit_json({"removed": True, "people": done.people, "interactions": done.interactions,
                       "organizations": done.organizations,
                       "kept_interactions": done.kept_interactions,
                       "trash_entries": done.trash_entries,
                       "showcase": done.showcase})  # fmt: skip
        else:
            emit_json({"removed": False, "reason": "no demo in this home"})
        return
    if not done.removed:
        console().print("There is no demo in this home; nothing changed.")
        return
    console().print(
        f"Removed the demo: {done.people} people, {done.interactions} interactions, "
        f"{done.organizations} organizations, and its goal, events, target, opportunity and "
        "post."
    )
    if done.trash_entries:
        console().print(f"Dropped {done.trash_entries} demo people from the trash.")
    if done.kept_interactions:
        console().print(
            f"Kept {done.kept_interactions} interactions you logged with demo people and someone "
            "of your own (without the demo people)."
        )


def register(app: typer.Typer) -> None:
    app.command()(demo)
