"""The `tiekeeper` command: argument parsing plus one service call per command.

Heavy modules (SQLAlchemy, the services) are imported inside commands so `--help` stays instant.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tiekeeper.domain.errors import TiekeeperError

try:  # Typer >= 0.24 ships its own copy of Click; its exceptions are the ones it catches.
    from typer import _click as click
except ImportError:  # pragma: no cover - older Typer on plain Click
    import click  # type: ignore[no-redef]


class UserError(click.ClickException):
    """A TiekeeperError on its way out: one line on stderr, exit code 1, no traceback."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


class Group(TyperGroup):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TiekeeperError as exc:
            raise UserError(str(exc)) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # keep the order the commands were registered in


app = typer.Typer(
    cls=Group,
    name="tiekeeper",
    help="Keep your professional relationships alive: people, what you talked about, what you "
    "promised, and a 15-minute daily agenda.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class State:
    database_url: str | None = None


state = State()


@app.callback()
def _global(
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
    from tiekeeper.cli.common import store

    state.database_url = db
    store.cache_clear()  # one store per invocation, also when tests invoke many times


# One module per command group, each with `register(app)`; the order here is the order in --help.
COMMAND_MODULES = (
    "people", "interactions", "reminders", "agenda", "search",
    "events", "goals", "profile", "jobs", "visibility", "drafts",
    "insights", "imports", "exports", "demo",
)  # fmt: skip


def register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"tiekeeper.cli.{name}").register(app)


register()


def main() -> None:
    """Console-script entry point."""
    app()
