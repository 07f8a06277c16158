"""Every CLI command's use case has an /api/v1 route, or a reason why not (cli/api_routes.py).

The check walks the real Typer app (nested groups, and groups that run on their own such as
`trash` and `suggest`) and the real OpenAPI description of create_app; it is itself tested on a
small made-up command tree and description with known gaps."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import typer.main

from tiekeeper.cli.api_routes import ROUTES, NoRoute
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
# A command's last word and the methods that do it, for spotting a route a reason overlooks.
VERB_METHODS = {
    "add": {"POST"}, "list": {"GET"}, "show": {"GET"}, "delete": {"DELETE"},
    "remove": {"DELETE"}, "revoke": {"DELETE"}, "reset": {"DELETE"}, "empty": {"DELETE"},
    "set": {"PUT", "PATCH"},
}  # fmt: skip


def walk(group: Any, prefix: str = "") -> Iterator[str]:
    """Every command path that runs something: leaves, and groups with a callback of their own
    (`tiekeeper trash` lists the trash)."""
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}".strip()
        if isinstance(getattr(cmd, "commands", None), dict):
            if getattr(cmd, "invoke_without_command", False) and cmd.callback is not None:
                yield full
            yield from walk(cmd, full)
        else:
            yield full


def operations(spec: Mapping[str, Any]) -> set[str]:
    """ "METHOD /path" of every operation in an OpenAPI description."""
    return {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


PLURALS = {"person": "people", "opportunity": "opportunities"}


def _forms(word: str) -> set[str]:
    return {word, word + "s", word.removesuffix("s"), PLURALS.get(word, word)}


def lookalikes(command: str, ops: Iterable[str]) -> list[str]:
    """Operations that look like `command`'s route: its noun is a segment of the path and,
    for `NOUN VERB`, the verb is the method on the noun (or a segment of its own)."""
    words = command.split()
    noun, verb = words[0], words[-1] if len(words) > 1 else None
    found = []
    for op in sorted(ops):
        method, path = op.split(" ", 1)
        literal = [s for s in path.split("/")[3:] if s and not s.startswith("{")]
        if not _forms(noun) & set(literal):
            continue
        on_noun = literal[-1] in _forms(noun) and method in VERB_METHODS.get(verb or "", set())
        if verb is None or _forms(verb) & set(literal) or on_noun:
            found.append(op)
    return found


def problems(
    commands: Iterable[str], ops: set[str], routes: Mapping[str, tuple[str, ...] | NoRoute]
) -> list[str]:
    """What is wrong with `routes` as the map of `commands` onto `ops`, one line each."""
    out = []
    commands = list(commands)
    for command in commands:
        if command not in routes:
            out.append(f"{command!r}: no route and no reason in cli/api_routes.py")
            continue
        entry = routes[command]
        if isinstance(entry, NoRoute):
            if not entry.reason.strip():
                out.append(f"{command!r}: an empty reason")
            similar = lookalikes(command, ops)
            if similar:
                out.append(f"{command!r}: a reason is given, but {similar} look like its route")
            continue
        if not entry:
            out.append(f"{command!r}: no operation named")
        for op in entry:
            if op not in ops:
                out.append(f"{command!r}: {op!r} is not in the OpenAPI description")
    for command in sorted(set(routes) - set(commands)):
        out.append(f"{command!r}: in the map, but the CLI has no such command")
    return out


def test_every_cli_command_has_a_route_or_a_reason(sqlite_store: Store) -> None:
    from tiekeeper.cli.app import app

    commands = list(walk(typer.main.get_command(app)))
    assert {"trash", "suggest", "trash empty", "account add"} <= set(commands)
    spec = create_app(sqlite_store, allowed_hosts=["testserver"]).openapi()
    assert problems(commands, operations(spec), ROUTES) == []


def test_the_reasons_are_only_for_commands_without_a_route() -> None:
    reasons = sorted(c for c, e in ROUTES.items() if isinstance(e, NoRoute))
    assert reasons == ["account add", "account delete", "account list", "demo", "serve"]


# --- the checker itself, on a made-up tree and description with known gaps -----------------
SPEC = {
    "paths": {
        "/api/v1/people": {"get": {}, "post": {}},
        "/api/v1/people/{person}": {"delete": {}, "parameters": []},
        "/api/v1/widgets/{id}/polish": {"post": {}},
        "/api/v1/account/password": {"post": {}},
    }
}


def test_operations_reads_methods_only() -> None:
    assert operations(SPEC) == {
        "GET /api/v1/people", "POST /api/v1/people", "DELETE /api/v1/people/{person}",
        "POST /api/v1/widgets/{id}/polish", "POST /api/v1/account/password",
    }  # fmt: skip


def test_the_checker_finds_each_kind_of_gap() -> None:
    ops = operations(SPEC)
    routes: dict[str, tuple[str, ...] | NoRoute] = {
        "list": ("GET /api/v1/people",),
        "add": ("POST /api/v1/people", "POST /api/v1/persons"),  # a route that does not exist
        "widget polish": NoRoute("said to have none"),  # but it has one
        "account password": NoRoute("operator only"),  # and so has this one
        "person delete": NoRoute("no such route"),  # DELETE /people/{person} is one
        "serve": NoRoute("starts the server"),  # right: nothing like it
        "gone": ("GET /api/v1/people",),  # a command the CLI does not have
    }
    commands = ["list", "add", "widget polish", "account password", "person delete", "serve",
                "export"]  # fmt: skip
    assert problems(commands, ops, routes) == [
        "'add': 'POST /api/v1/persons' is not in the OpenAPI description",
        "'widget polish': a reason is given, but ['POST /api/v1/widgets/{id}/polish'] look like "
        "its route",
        "'account password': a reason is given, but ['POST /api/v1/account/password'] look like "
        "its route",
        "'person delete': a reason is given, but ['DELETE /api/v1/people/{person}'] look like "
        "its route",
        "'export': no route and no reason in cli/api_routes.py",
        "'gone': in the map, but the CLI has no such command",
    ]


def test_walk_finds_nested_commands_and_groups_that_run_alone() -> None:
    app = typer.Typer()
    trash = typer.Typer(invoke_without_command=True)
    quiet = typer.Typer()

    @app.command()
    def today() -> None: ...

    @trash.callback()
    def listing() -> None: ...

    @trash.command()
    def empty() -> None: ...

    @quiet.command()
    def check() -> None: ...

    @quiet.command()
    def other() -> None: ...

    app.add_typer(trash, name="trash")
    app.add_typer(quiet, name="headline")
    found = list(walk(typer.main.get_command(app)))
    assert found == ["today", "trash", "trash empty", "headline check", "headline other"]
