"""A process killed during the first migration used to leave tables without an Alembic stamp on
SQLite (pysqlite committed each CREATE TABLE on its own), and every later command died with
"table accounts already exists". The migration is all or nothing: open the home again and it
works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.schema_head import SCHEMA_HEAD
from tiekeeper.store.uow import open_store

# Opens the store in a child that kills itself (SIGKILL: no cleanup, no rollback) right after
# the migration has created a few tables.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy import event
    import tiekeeper.store.engine as engine_module
    from tiekeeper.store.uow import open_store

    made = engine_module.make_engine
    created = []

    def dying_engine(url):
        engine = made(url)

        @event.listens_for(engine, "after_cursor_execute")
        def die(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith("CREATE TABLE"):
                created.append(statement)
                if len(created) == 4:
                    os.kill(os.getpid(), signal.SIGKILL)

        return engine

    engine_module.make_engine = dying_engine
    open_store(sys.argv[1])
    """
)


def _kill_during_first_migration(url: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, url], capture_output=True, text=True, timeout=120
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def _tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _reopens(url: str) -> None:
    st = open_store(url)
    try:
        with st.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                SCHEMA_HEAD
            )
        assert add_person(st.uow(), PersonChanges(name="Ana"), date(2026, 1, 5)).id == 1
    finally:
        st.engine.dispose()


def test_sqlite_home_killed_during_first_migration_opens_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tiekeeper.db'}"
    _kill_during_first_migration(url)
    assert _tables(url) == []  # nothing half made
    _reopens(url)


@pytest.fixture
def empty_postgres_url(postgres: object) -> Iterator[str]:
    admin = postgres.admin  # type: ignore[attr-defined]
    name = f"tk_kill_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield postgres.url(name)  # type: ignore[attr-defined]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))


def test_postgresql_database_killed_during_first_migration_opens_again(
    empty_postgres_url: str,
) -> None:
    _kill_during_first_migration(empty_postgres_url)
    assert _tables(empty_postgres_url) == []
    _reopens(empty_postgres_url)
