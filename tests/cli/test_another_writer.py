"""Two writers at once on SQLite. An import or a restore used to die after 30 s of work with a
40-line "database is locked" traceback. Now they take the write lock before any work (waiting
with a message, then giving up), a short write waits for the busy timeout, and the loser gets
one line, "another tiekeeper is writing; try again", exit code 2. The other writer is a real
second process holding SQLite's write lock."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiekeeper.cli.app import app
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.store import engine as engine_module
from tiekeeper.store import write_lock
from tiekeeper.store.uow import open_store

VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n"
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()  # hold the lock until the test closes our stdin
"""
LINE = "error: another tiekeeper is writing; try again"


class Holder:
    """A second process holding the database's write lock until `release`."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        if self.proc.stdout is not None and not self.proc.stdout.closed:
            self.proc.stdout.close()


@pytest.fixture
def holder(_isolated_home: Path) -> Iterator[Holder]:
    h = Holder(_isolated_home / "tiekeeper.db")
    yield h
    h.release()


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write_lock, "WAIT_SECONDS", 0.6)
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)


def _people(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])


def _one_line(result: object) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert isinstance(result.exception, SystemExit)  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    return str(lines[-1])


@pytest.mark.usefixtures("short_waits")
def test_import_gives_up_before_any_work_with_one_line(
    holder: Holder, tmp_path: Path, _isolated_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    card = tmp_path / "ana.vcf"
    card.write_text(VCARD)
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["import", str(card)])
    assert time.perf_counter() - started < 5
    assert _one_line(result) == LINE
    assert "another tiekeeper is writing; waiting up to" in caplog.text
    holder.release()
    assert _people(_isolated_home / "tiekeeper.db") == 0


@pytest.mark.usefixtures("short_waits")
def test_a_short_write_waits_then_says_try_again(holder: Holder, _isolated_home: Path) -> None:
    result = CliRunner().invoke(app, ["add", "Ana Lima"])
    assert _one_line(result) == LINE
    assert result.stderr.count("\n") == 1
    holder.release()
    again = CliRunner().invoke(app, ["add", "Ana Lima"])  # the same command, once it is free
    assert again.exit_code == 0, again.output
    assert _people(_isolated_home / "tiekeeper.db") == 1


@pytest.mark.usefixtures("short_waits")
def test_restore_gives_up_before_any_work(holder: Holder, tmp_path: Path) -> None:
    source = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    from tiekeeper.services.backup import backup_json
    from tiekeeper.services.people import PersonChanges, add_person

    add_person(source.uow(), PersonChanges(name="Ana"), date(2026, 1, 5))
    backup = tmp_path / "backup.json"
    backup.write_bytes(backup_json(source.uow())[0])
    source.engine.dispose()
    assert _one_line(CliRunner().invoke(app, ["restore", str(backup)])) == LINE


def test_reads_go_on_while_another_process_writes(holder: Holder) -> None:
    result = CliRunner().invoke(app, ["today", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["items"] == []


def test_import_waits_for_a_writer_that_finishes(
    _isolated_home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = _isolated_home / "tiekeeper.db"
    h = Holder(db)
    threading.Timer(0.8, h.release).start()
    card = tmp_path / "ana.vcf"
    card.write_text(VCARD)
    st = open_store(f"sqlite:///{db}")
    try:
        summary = import_file(st.uow(), card, date(2026, 1, 5))
    finally:
        st.engine.dispose()
        h.release()
    assert summary.created == 1
    assert "waiting up to 30 s" in caplog.text


def test_the_lock_is_taken_up_front_so_a_second_import_cannot_start(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    st = open_store(f"sqlite:///{db}")
    try:
        with st.uow() as uow:
            uow.repo(write_lock.WriteLock).take()
            other = sqlite3.connect(db, timeout=0.1, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
        with st.uow() as uow:  # released with the unit of work
            uow.repo(write_lock.WriteLock).take()
    finally:
        st.engine.dispose()


@pytest.mark.usefixtures("short_waits")
def test_the_api_answers_503_while_another_process_writes(
    holder: Holder, _isolated_home: Path
) -> None:
    from starlette.testclient import TestClient

    from tiekeeper.web.app import create_app

    st = open_store(f"sqlite:///{_isolated_home / 'tiekeeper.db'}")
    try:
        with TestClient(create_app(st, allowed_hosts=["testserver"])) as client:
            answer = client.post("/api/v1/people", json={"name": "Ana Lima"})
    finally:
        st.engine.dispose()
    assert answer.status_code == 503
    assert answer.json()["error"] == {
        "kind": "Busy",
        "message": "another tiekeeper is writing; try again",
    }
