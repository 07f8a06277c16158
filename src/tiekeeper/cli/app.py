"""The `tiekeeper` command: argument parsing plus one service call per command.

Heavy modules (SQLAlchemy, the services) are imported inside commands so `--help` stays instant.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tiekeeper.domain.errors import TiekeeperError

try:  # Typer >= 0.24 ships its own copy of Click; its exceptions are the ones it catches.
    from typer import _click as click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer on plain Click
    import click  # type: ignore[no-redef]
    from click import exceptions as click_errors  # type: ignore[no-redef]


class UserError(click_errors.ClickException):
    """A TiekeeperError on its way out: one line on stderr, exit code 1, no traceback."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


class BadValue(UserError):
    """A value the parser could not convert (`--closeness abc`): one line, usage exit code 2."""

    exit_code = 2


class SetupProblem(UserError):
    """A setting that cannot work, or a database another process is writing: nothing ran, so
    the same command works once the setting is fixed (or the writer is done). Exit code 2."""

    exit_code = 2


def _user_error(exc: Exception) -> UserError | None:
    """The one CLI line for an error a user can act on; None for a bug (its traceback shows)."""
    from tiekeeper.domain.errors import Busy, SetupError

    if isinstance(exc, SetupError | Busy):
        return SetupProblem(str(exc))
    if isinstance(exc, TiekeeperError):
        return UserError(str(exc))
    # SQLite's driver raises a bare OverflowError for an id past 2**63 (SQLAlchemy is loaded then)
    if type(exc).__module__.startswith("sqlalchemy") or isinstance(exc, OverflowError):
        from tiekeeper.store.failures import user_error

        found = user_error(exc)
        return None if found is None else _user_error(found)
    return None


def _raw_value(command: Any, args: list[str], param: Any) -> str | None:
    """The text the user typed for `param`, found again in the command's own arguments."""
    opts = list(getattr(param, "opts", [])) + list(getattr(param, "secondary_opts", []))
    if getattr(param, "param_type_name", "") == "option":
        for i, arg in enumerate(args):
            if arg in opts and i + 1 < len(args):
                return args[i + 1]
            for opt in opts:
                if arg.startswith(opt + "="):
                    return arg[len(opt) + 1 :]
        return None
    takes_value = {
        o for p in getattr(command, "params", []) if not getattr(p, "is_flag", True)
        for o in getattr(p, "opts", [])
    }  # fmt: skip
    positional, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg.startswith("-"):
            skip = arg in takes_value
        else:
            positional.append(arg)
    arguments = [p for p in command.params if getattr(p, "param_type_name", "") == "argument"]
    index = arguments.index(param) if param in arguments else -1
    return positional[index] if 0 <= index < len(positional) else None


class Group(TyperGroup):
    def invoke(self, ctx: click.Context) -> Any:
        # The parser empties these before the subcommand runs; keep them to quote bad values.
        protected = getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])
        args = [*protected, *ctx.args]
        try:
            return super().invoke(ctx)
        except click_errors.BadParameter as exc:
            if exc.param is None or isinstance(exc, click_errors.MissingParameter):
                raise
            command = self.get_command(ctx, args[0]) if args else None
            value = _raw_value(command, args[1:], exc.param) if command else None
            name = (exc.param.name or "value").replace("_", "-")
            what = "a whole number" if "integer" in exc.message else "valid"
            shown = f"{value!r} is not {what}" if value is not None else exc.message
            raise BadValue(f"{name}: {shown}") from None
        except click_errors.ClickException:
            raise
        except Exception as exc:
            translated = _user_error(exc)
            if translated is None:
                raise
            raise translated from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # keep the order the commands were registered in


class State:
    database_url: str | None = None


state = State()


def _version() -> str:
    """The installed distribution's version; the package's own when run from a source tree."""
    from importlib import metadata

    try:
        return metadata.version("tiekeeper")
    except metadata.PackageNotFoundError:  # pragma: no cover - not installed (PYTHONPATH=src)
        from tiekeeper import __version__

        return __version__


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"tiekeeper {_version()}")
        raise typer.Exit()


def _global(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the installed version and exit.",
            is_eager=True,  # before --db and the subcommand are even looked at
            callback=_show_version,
        ),
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLAlchemy database URL (default: TIEKEEPER_DATABASE_URL, "
            "else a SQLite file in TIEKEEPER_HOME).",
            metavar="URL",
        ),
    ] = None,
) -> None:
    from tiekeeper.cli.common import database, store

    state.database_url = db
    store.cache_clear()  # one store per invocation, also when tests invoke many times
    database.cache_clear()


def _new_app() -> typer.Typer:
    return typer.Typer(
        cls=Group,
        name="tiekeeper",
        help="Keep your professional relationships alive: people, what you talked about, what you "
        "promised, and a 15-minute daily agenda.",
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        # Typer's --install-completion / --show-completion: its completion code is already loaded
        # with Typer itself and the shell is only detected when one of them is given, so this
        # costs the light path nothing (tests/cli/test_first_run.py measures the imports).
        add_completion=True,
    )


# One module per command group, each with `register(app)`; the order here is the order in --help.
COMMAND_MODULES = (
    "people", "interactions", "reminders", "agenda", "search",
    "events", "goals", "profile", "jobs", "visibility", "drafts",
    "insights", "imports", "suggest", "exports", "trash", "demo", "serve", "accounts", "digest",
)  # fmt: skip

# Which module registers each top-level command, so one invocation loads only its own module
# (tests/cli/test_command_registry.py fails when this disagrees with the modules).
COMMANDS = {
    "add": "people", "edit": "people", "show": "people", "list": "people",
    "log": "interactions", "interaction": "interactions", "follow-up": "reminders",
    "follow-ups": "reminders", "done": "reminders", "snooze": "reminders",
    "skip": "reminders", "cadence": "reminders", "upcoming": "reminders", "today": "agenda",
    "search": "search", "event": "events", "review": "goals", "help-someone": "goals",
    "introduce": "goals", "goal": "goals", "me": "profile", "card": "profile", "pitch": "profile",
    "questions": "jobs", "interview": "jobs", "target": "jobs", "opportunity": "jobs",
    "post": "visibility", "headline": "visibility", "draft": "drafts", "template": "drafts",
    "insights": "insights", "tie": "insights", "paths": "insights", "reconnect": "insights",
    "knows": "insights", "report": "insights", "import": "imports", "duplicates": "imports",
    "merge": "imports", "export": "exports", "restore": "exports", "demo": "demo",
    "serve": "serve", "account": "accounts", "digest": "digest", "delete": "trash",
    "erase": "trash", "trash": "trash", "suggest": "suggest",
}  # fmt: skip


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The Typer app with the commands of `modules` (all of them by default)."""
    import importlib

    new = _new_app()
    new.callback()(_global)
    for name in modules:
        importlib.import_module(f"tiekeeper.cli.{name}").register(new)
    return new


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    # `from tiekeeper.cli.app import app` (tests, docs checks) gets every command.
    global _full_app
    if name != "app":
        raise AttributeError(name)
    if _full_app is None:
        _full_app = build_app()
    return _full_app


def _command_of(args: list[str]) -> str | None:
    """The command word of an invocation, past the global options."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    """Console-script entry point: builds only the invoked command's group (faster start)."""
    module = COMMANDS.get(_command_of(sys.argv[1:]) or "")
    build_app((module,) if module else COMMAND_MODULES)()
