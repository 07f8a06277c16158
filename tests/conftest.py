"""Fixtures: every test gets its own home and database; store and service tests run on SQLite and
on a real PostgreSQL server that this suite starts itself (initdb + pg_ctl in a temp dir)."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from tiekeeper.store.ids import unnumbered_insert
from tiekeeper.store.uow import Store, open_store

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(autouse=True, scope="session")
def _quick_argon2() -> Iterator[None]:
    """argon2id at its lowest cost in this process: the throttle, session and DAV tests log in
    hundreds of times, at ~0.2 s each with the library's parameters, which the server keeps
    (tests/services/test_accounts_service.py holds them; servers the tests start as processes
    keep them too)."""
    from argon2 import PasswordHasher

    from tiekeeper.services import accounts

    kept = accounts._hasher, accounts._DUMMY
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    accounts._DUMMY = accounts._hasher.hash("dummy")
    yield
    accounts._hasher, accounts._DUMMY = kept


def _refuse_unnumbered(conn: object, cursor: object, statement: str, *args: object) -> None:
    table = unnumbered_insert(statement)
    if table is not None:
        raise AssertionError(f"an INSERT into {table} without ids from store/ids.py: {statement}")


@pytest.fixture(autouse=True, scope="session")
def _ids_per_account() -> Iterator[None]:
    """Every insert the suite makes, on every engine, gives its rows ids of their account's
    block: one that left it to the database would number the row outside it (SQLite's rowid;
    PostgreSQL refuses it, the ids having no default)."""
    event.listen(Engine, "before_cursor_execute", _refuse_unnumbered)
    yield
    event.remove(Engine, "before_cursor_execute", _refuse_unnumbered)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per session (by the migrations); tests start from copies."""
    path = tmp_path_factory.mktemp("template") / "tiekeeper.db"
    open_store(f"sqlite:///{path}").engine.dispose()
    return path


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_template: Path) -> Path:
    """No test touches real user data: each test gets its own home with a fresh database."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(sqlite_template, home / "tiekeeper.db")
    monkeypatch.setenv("TIEKEEPER_HOME", str(home))
    monkeypatch.delenv("TIEKEEPER_DATABASE_URL", raising=False)
    monkeypatch.delenv("TIEKEEPER_ACCOUNT", raising=False)
    return home


def _pg_bindir() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """A throwaway PostgreSQL cluster. It refuses to run as root, so as root we use `postgres`."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.base = Path(tempfile.mkdtemp(prefix="tiekeeper-pg-"))
        self.base.chmod(0o755)
        self.data = self.base / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.base, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        opts = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.base / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    bindir = _pg_bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found"
        if IN_CI:
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests")
        pytest.skip(reason)
    server = PostgresServer(bindir)
    server.start()
    try:
        from sqlalchemy import create_engine, text

        from tiekeeper.store.migrate import migrate

        admin = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE tk_template"))
        template = create_engine(server.url("tk_template"))
        migrate(template)  # migrations are the only way tables appear, here too
        template.dispose()
        server.admin = admin  # type: ignore[attr-defined]
        yield server
        admin.dispose()
    finally:
        server.stop()


_db_numbers = itertools.count()


def _postgres_store(server: PostgresServer) -> Iterator[Store]:
    from sqlalchemy import text

    name = f"tk_{os.getpid()}_{next(_db_numbers)}"
    # FILE_COPY: a copy of the small template's files, 31 ms here against WAL_LOG's 69 (PG 15's
    # default writes every page through the WAL), for each of the suite's ~1,000 databases
    with server.admin.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE tk_template STRATEGY FILE_COPY"))
    st = open_store(server.url(name))
    try:
        yield st
    finally:
        st.engine.dispose()
        with server.admin.connect() as conn:  # type: ignore[attr-defined]
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh migrated database for one test, on each backend."""
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), tmp_path / "test.db")
        st = open_store(f"sqlite:///{tmp_path / 'test.db'}")
        yield st
        st.engine.dispose()
    else:
        yield from _postgres_store(request.getfixturevalue("postgres"))


@pytest.fixture
def sqlite_store(tmp_path: Path, sqlite_template: Path) -> Iterator[Store]:
    shutil.copy(sqlite_template, tmp_path / "test.db")
    st = open_store(f"sqlite:///{tmp_path / 'test.db'}")
    yield st
    st.engine.dispose()
