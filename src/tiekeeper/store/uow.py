"""The unit of work: one connection, one transaction, one owner. Every repository it hands out
filters by that owner, so no query can wander into another account's rows."""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, insert, select

from tiekeeper.store import tables as t
from tiekeeper.store.agenda_queries import AgendaQueries
from tiekeeper.store.bulk import BulkWriter
from tiekeeper.store.interactions import InteractionRepository
from tiekeeper.store.people import PeopleRepository
from tiekeeper.store.reminders import ReminderRepository
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
                self._tx.rollback()
        finally:
            self.conn.close()

    def commit(self) -> None:
        self._tx.commit()

    def repo(self, cls: type[R]) -> R:
        """A repository of any kind built on this unit's connection and owner, made once.

        Repositories take `(conn, owner_id)`; this keeps new features from editing this class."""
        made: dict[type[Any], Any] = self.__dict__.setdefault("_repos", {})
        if cls not in made:
            made[cls] = cls(self.conn, self.owner_id)  # type: ignore[call-arg]
        return made[cls]  # type: ignore[no-any-return]


def ensure_account(engine: Engine, name: str = LOCAL_ACCOUNT) -> int:
    """The id of the named account, created on first use (single-user mode uses 'local')."""
    with engine.begin() as conn:
        found = conn.execute(select(t.accounts.c.id).where(t.accounts.c.name == name)).scalar()
        if found is not None:
            return int(found)
        return int(new_id(conn, insert(t.accounts).values(name=name, created_at=datetime.now(UTC))))


class Store:
    """An opened, migrated database and the owner acting on it; hands out units of work."""

    def __init__(self, engine: Engine, owner_id: int) -> None:
        self.engine = engine
        self.owner_id = owner_id

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.owner_id)


def open_store(url: str, account: str = LOCAL_ACCOUNT) -> Store:
    """Open (creating and migrating as needed) the database at `url` for one account."""
    from pathlib import Path

    from tiekeeper.store.engine import make_engine
    from tiekeeper.store.migrate import migrate

    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    migrate(engine)
    return Store(engine, ensure_account(engine, account))
