"""A read-only store on the standard library's sqlite3, for `tiekeeper today` and `search`.

The daily command must answer in under half a second, and importing SQLAlchemy alone takes most
of that on a small machine. Today's reads are plain SQL on `Rows` (store/sql.py), so on an
up-to-date SQLite database they run here, straight on sqlite3; anything else (another database,
a schema to migrate, a first run that must create the account) returns None from `open_light`
and the caller opens the full store, which handles it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from tiekeeper.store.agenda_queries import AgendaQueries
from tiekeeper.store.schema_head import SCHEMA_HEAD
from tiekeeper.store.search_sql import SearchReads
from tiekeeper.store.sql import SqliteRows

R = TypeVar("R")


class ReadUnit(Protocol):
    """What the read-only services need of a unit of work; `store.uow.UnitOfWork` and
    `LightUnit` both provide it."""

    # read-only members: a unit may hold a richer subclass (UnitOfWork's SearchIndex)
    @property
    def owner_id(self) -> int: ...

    @property
    def agenda(self) -> AgendaQueries: ...

    @property
    def search(self) -> SearchReads: ...

    def __enter__(self) -> Any: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def repo(self, cls: type[R]) -> R: ...


def sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL; None for anything else (memory, URL options)."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = url.removeprefix("sqlite:///")
    return None if path in ("", ":memory:") else Path(path)


class LightUnit:
    """One read transaction on its own sqlite3 connection; repositories built from plain SQL
    (`repo(Cls)` gives `Cls(rows, owner_id)`)."""

    def __init__(self, path: Path, owner_id: int) -> None:
        self.path = path
        self.owner_id = owner_id

    def __enter__(self) -> Self:
        self.conn = _connect(self.path)
        self.conn.execute("BEGIN")  # one snapshot for every read of the unit
        self.rows = SqliteRows(self.conn)
        self.agenda = AgendaQueries(self.rows, self.owner_id)
        self.search = SearchReads(self.rows, self.owner_id)
        self._repos: dict[type[Any], Any] = {}
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.conn.close()  # read only: nothing to commit

    def repo(self, cls: type[R]) -> R:
        """A plain-SQL repository on this unit's connection and owner, made once."""
        if cls not in self._repos:
            self._repos[cls] = cls(self.rows, self.owner_id)  # type: ignore[call-arg]
        return self._repos[cls]  # type: ignore[no-any-return]


class LightStore:
    def __init__(self, path: Path, owner_id: int) -> None:
        self.path = path
        self.owner_id = owner_id

    def uow(self) -> LightUnit:
        return LightUnit(self.path, self.owner_id)


def _connect(path: Path) -> sqlite3.Connection:
    # Read only, autocommit off by hand (isolation_level=None: BEGIN is ours); a writer holding
    # the database waits up to 5 s, as in store/engine.py.
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5.0)


def open_light(url: str, account: str) -> LightStore | None:
    """The light store for an up-to-date SQLite database that has the account, else None."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        conn = _connect(path)
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if version != [(SCHEMA_HEAD,)]:
                return None
            found = conn.execute("SELECT id FROM accounts WHERE name = ?", (account,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # not ours to diagnose: the full store reports it properly
    return None if found is None else LightStore(path, int(found[0]))
