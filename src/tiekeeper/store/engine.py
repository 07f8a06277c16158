"""Engines: SQLite (WAL, foreign keys on) by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from tiekeeper.domain.errors import SetupError

# How long a write waits for another process's write lock before giving up (SQLite's busy
# handler retries for us in the meantime). Read at each connect, so tests can shorten it.
BUSY_TIMEOUT_MS = 5000
EXAMPLES = "sqlite:///path/to/tiekeeper.db or postgresql://user@host/dbname"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    # Deleted rows are overwritten, not left in free pages: `tiekeeper erase` must leave nothing
    # behind (Debian's SQLite does this by default, other builds do not).
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def shown(url: str | URL) -> str:
    """The URL as it may be printed: never with its password."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1:***@", url)


def parse_url(url: str) -> URL:
    """The URL parsed (`postgresql://` means psycopg 3); SetupError when it is not one."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    try:
        return make_url(url)
    except (ArgumentError, ValueError):
        raise SetupError(f"{shown(url)!r} is not a database URL (use {EXAMPLES})") from None


def make_engine(url: str) -> Engine:
    """Create the engine for `url`; SQLite gets the pragmas that make it safe and quick. A URL
    that cannot work (unknown database, driver not installed) raises SetupError saying why."""
    parsed = parse_url(url)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        # Without it an unreachable host hangs for the TCP timeout (minutes) before failing.
        options["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(parsed, **options)
    except NoSuchModuleError:
        raise SetupError(
            f"{parsed.drivername!r} in {shown(parsed)!r} is not a database SQLAlchemy knows "
            f"(use {EXAMPLES})"
        ) from None
    except ImportError as exc:
        raise SetupError(
            f"the driver for {parsed.drivername} is not installed ({exc}); tiekeeper works "
            "with SQLite and PostgreSQL"
        ) from None
    except (ArgumentError, TypeError, ValueError) as exc:
        raise SetupError(f"{shown(parsed)!r} cannot be used ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
