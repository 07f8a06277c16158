"""Taking SQLite's write lock before a long write (an import, a restore) rather than at its
first INSERT: a second writer then waits or gives up before any work, never after 30 s of it.

PostgreSQL locks rows, not the database: writers there do not wait for each other this way, so
`take` does nothing on it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import Connection

from tiekeeper.domain.errors import Busy
from tiekeeper.store import engine as engine_settings
from tiekeeper.store.failures import BUSY_MESSAGE

# How long a long write waits for the lock once it has said it is waiting (seconds). Another
# import can hold it for a few seconds; a stuck one should not keep us forever.
WAIT_SECONDS = 30.0
log = logging.getLogger("tiekeeper")


class WriteLock:
    """`uow.repo(WriteLock).take()` first thing in a unit of work that will write a lot."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def take(self) -> None:
        """Hold the database's write lock until the unit of work ends: at once when it is free;
        else say so (on stderr, through logging) and wait up to WAIT_SECONDS; else Busy."""
        if self.conn.dialect.name != "sqlite":
            return
        raw = self.conn.connection.driver_connection
        assert raw is not None
        if raw.in_transaction:
            raise RuntimeError("WriteLock.take() must come before the unit of work's first write")
        try:
            if self._begin_immediate(raw, timeout_ms=0):
                return
            log.warning("another tiekeeper is writing; waiting up to %d s", WAIT_SECONDS)
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                left = max(1, int((deadline - time.monotonic()) * 1000))
                if self._begin_immediate(raw, timeout_ms=min(left, 1000)):
                    return
            raise Busy(BUSY_MESSAGE)
        finally:
            raw.execute(f"PRAGMA busy_timeout={int(engine_settings.BUSY_TIMEOUT_MS)}")

    @staticmethod
    def _begin_immediate(raw: Any, timeout_ms: int) -> bool:
        """BEGIN IMMEDIATE with SQLite's busy handler waiting up to `timeout_ms`; False when
        another connection still holds the lock."""
        import sqlite3

        raw.execute(f"PRAGMA busy_timeout={timeout_ms}")
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                return False
            raise
        return True
