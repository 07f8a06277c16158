"""What every command shares: opening the store, today's date, JSON and table output."""

from __future__ import annotations

import json
import sys
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from tiekeeper.config import Settings
    from tiekeeper.store.light import LightStore
    from tiekeeper.store.uow import Store

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (stable keys) instead of text.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help="Act as if today were this day (ISO or words: 'tomorrow').", metavar="DATE"
    ),
]


@cache
def store() -> Store:
    """The store for this invocation (opened and migrated once), acting as TIEKEEPER_ACCOUNT."""
    from tiekeeper.config import load_settings

    settings = load_settings(_database_url())
    return _open(settings, settings.account)


@cache
def database() -> Store:
    """The database alone, for the account commands: TIEKEEPER_ACCOUNT may name an account
    that does not exist yet (`tiekeeper account add` is how it comes to exist)."""
    from tiekeeper.config import load_settings

    return _open(load_settings(_database_url()), None)


def _database_url() -> str | None:
    from tiekeeper.cli.app import state

    return state.database_url


def _open(settings: Settings, account: str | None) -> Store:
    """open_store with each setup mistake named by its setting (SetupError: one line, exit 2)."""
    from tiekeeper.config import prepare_home
    from tiekeeper.domain.errors import SetupError
    from tiekeeper.store.uow import UnknownAccount, open_store

    prepare_home(settings)
    try:
        return open_store(settings.database_url, account)
    except UnknownAccount as exc:
        raise SetupError(f"TIEKEEPER_ACCOUNT: {exc}") from None
    except SetupError as exc:
        raise SetupError(f"{settings.database_setting}: {exc}") from None


def read_store() -> LightStore | Store:
    """A store for read-only commands: straight on sqlite3 when the database allows it (no
    SQLAlchemy to import: `tiekeeper today` starts in half the time), else the full store."""
    from tiekeeper.config import load_settings
    from tiekeeper.store.light import open_light

    settings = load_settings(_database_url())
    return open_light(settings.database_url, settings.account) or store()


def today(option: str | None = None) -> date:
    """The real date, or the --date option parsed relative to it."""
    real = date.today()
    if option is None:
        return real
    from tiekeeper.domain.dates import parse_when

    return parse_when(option, real, field="date")


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


class Printer:
    """Plain lines with [bold]...[/bold] made bold on a terminal. Rich is kept for tables only:
    importing it costs a tenth of a second that `tiekeeper today` should not pay."""

    def print(self, text: Any = "") -> None:
        if not isinstance(text, str):  # a Rich renderable (a table)
            from rich.console import Console

            Console(highlight=False).print(text)
            return
        tty = sys.stdout.isatty()
        text = text.replace("[bold]", "\x1b[1m" if tty else "")
        text = text.replace("[/bold]", "\x1b[0m" if tty else "")
        sys.stdout.write(text + "\n")


def console() -> Printer:
    return Printer()


def table(*columns: str, title: str | None = None) -> Any:
    from rich.table import Table

    t = Table(*columns, title=title, title_justify="left", show_lines=False)
    return t
