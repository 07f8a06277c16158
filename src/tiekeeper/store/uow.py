"""The unit of work: one connection, one transaction, one owner. Every repository it hands out
filters by that owner, so no query can wander into another account's rows."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, insert, select

from tiekeeper.domain.errors import SetupError
from tiekeeper.store import tables as t
from tiekeeper.store.agenda_queries import AgendaQueries
from tiekeeper.store.bulk import BulkWriter
from tiekeeper.store.ids import new_block
from tiekeeper.store.interactions import InteractionRepository
from tiekeeper.store.people import PeopleRepository
from tiekeeper.store.reminders import ReminderRepository
from tiekeeper.store.revisions import bump_written, forget_writes, only_read, track_writes
from tiekeeper.store.search import SearchIndex
from tiekeeper.store.tables import new_id

LOCAL_ACCOUNT = "local"
R = TypeVar("R")


class UnitOfWork:
    """`with uow: ...; uow.commit()` — leaving the block without commit rolls everything back."""

    conn: Connection
    people: PeopleRepository
    interactions: InteractionRepository
    reminders: ReminderRepository
    search: SearchIndex
    agenda: AgendaQueries
    bulk: BulkWriter

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    def __enter__(self) -> UnitOfWork:
        self.__dict__.pop("_repos", None)
        self.conn = self.engine.connect()
        forget_writes(self.conn)
        self._tx = self.conn.begin()
        self.search = SearchIndex(self.conn, self.owner_id)
        self.people = PeopleRepository(self.conn, self.owner_id, self.search)
        self.interactions = InteractionRepository(
            self.conn, self.owner_id, self.search, self.people
        )
        self.reminders = ReminderRepository(self.conn, self.owner_id)
        self.agenda = AgendaQueries(self.conn, self.owner_id)
        self.bulk = BulkWriter(self.conn, self.owner_id, self.people)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._tx.is_active:
                if exc_type is None and only_read(self.conn):
                    # Ending a read is the same either way, but psycopg drops every statement
                    # it has prepared on the server at each ROLLBACK (DEALLOCATE ALL, a round
                    # trip, and the next use is parsed and planned again).
                    self._tx.commit()
                else:
                    self._tx.rollback()
        finally:
            self.conn.close()

    def commit(self) -> None:
        bump_written(self.conn, self.owner_id)
        self._tx.commit()

    def repo(self, cls: type[R]) -> R:
        """A repository of any kind built on this unit's connection and owner, made once.

        Repositories take `(conn, owner_id)`; this keeps new features from editing this class."""
        made: dict[type[Any], Any] = self.__dict__.setdefault("_repos", {})
        if cls not in made:
            made[cls] = cls(self.conn, self.owner_id)  # type: ignore[call-arg]
        return made[cls]  # type: ignore[no-any-return]


class UnknownAccount(SetupError):
    """The account asked for (TIEKEEPER_ACCOUNT) does not exist; only `local` appears by itself."""


def ensure_account(engine: Engine, name: str = LOCAL_ACCOUNT) -> int:
    """The id of the named account, created when missing (setups and tests; the entry points
    go through `account_id`, which creates only 'local')."""
    with engine.begin() as conn:
        found = conn.execute(select(t.accounts.c.id).where(t.accounts.c.name == name)).scalar()
        if found is not None:
            return int(found)
        values = {"name": name, "created_at": datetime.now(UTC), "id_block": new_block(conn)}
        return int(new_id(conn, insert(t.accounts).values(**values)))


def account_id(engine: Engine, name: str) -> int:
    """The id of the account an invocation acts as. Single-user mode's 'local' is created on
    first use; any other name must have been added (`tiekeeper account add`): a typo must not
    start an empty address book."""
    if name == LOCAL_ACCOUNT:
        return ensure_account(engine)
    with engine.connect() as conn:
        found = conn.execute(select(t.accounts.c.id).where(t.accounts.c.name == name)).scalar()
    if found is None:
        raise UnknownAccount(
            f"there is no account named {name!r} (add it with `tiekeeper account add {name}`)"
        )
    return int(found)


class Store:
    """An opened, migrated database and the owner acting on it; hands out units of work."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id
        track_writes(engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.owner_id)


def open_store(url: str, account: str | None = LOCAL_ACCOUNT) -> Store:
    """Open (creating and migrating as needed) the database at `url` for one account.

    `account=None` opens the database alone (owner 0), for the account commands. A URL that
    cannot work raises SetupError; so does a SQLite file whose folder does not exist, rather
    than a new empty database somewhere the user did not mean."""
    from tiekeeper.store.engine import make_engine, parse_url, shown
    from tiekeeper.store.failures import user_error
    from tiekeeper.store.migrate import migrate

    parsed = parse_url(url)
    where = shown(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(parsed.database)
        if path is not None:
            where = str(path)
            _create_private(path)
    engine = make_engine(url)
    try:
        migrate(engine)
        owner = 0 if account is None else account_id(engine, account)
    except Exception as exc:
        engine.dispose()
        translated = user_error(exc, where)
        if translated is None:
            raise
        raise translated from None
    return Store(engine, owner)


def sqlite_file(database: str | None) -> Path | None:
    """The file of a SQLite URL's database part; None for memory and `file:` URIs."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _create_private(path: Path) -> None:
    """Create a missing database file readable by its owner only (its WAL and shared-memory
    files take its mode); SetupError when its folder does not exist or is not writable."""
    if path.exists():
        if path.is_dir():
            raise SetupError(f"{path} is a folder, not a database file")
        return
    if not path.parent.is_dir():
        raise SetupError(f"the folder {path.parent} does not exist (create it first)")
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another process made it just now
    except OSError as exc:
        raise SetupError(f"cannot create {path} ({exc.strerror})") from None
