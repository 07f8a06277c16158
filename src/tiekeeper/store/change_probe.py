"""A value that moves whenever anyone commits a change to the database: the DAV card cache
asks it before each request and, when it has not moved since the cache was filled, serves the
cards it has without reading a row (a phone's first sync is one listing and then dozens of
multigets in a row; each re-checking 30,000 people took ~1 s).

- SQLite: `PRAGMA data_version` on a connection of the probe's own, which changes when any
  other connection (of this process or another) commits a change, and not for a write that
  changed nothing.
- PostgreSQL: the current snapshot (`xmin:xmax:in-progress`): a committed write had an xid,
  which moves xmax or leaves the in-progress list. It is the whole cluster's, so unrelated
  writes move it too; the cache then only checks again.
- anything else (an in-memory SQLite): None, "unknown", and the cache always checks.
Read it before the rows it vouches for, so a commit in between moves it for next time."""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import Engine


class ChangeProbe:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        path = engine.url.database if engine.dialect.name == "sqlite" else None
        # a plain file only: in-memory and URI-style databases are not reachable by path
        plain = path and path != ":memory:" and not path.startswith("file:")
        self._path = path if plain and "uri" not in engine.url.query else None

    def value(self) -> str | None:
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as conn:
                return str(conn.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar())
        if self._path is None:
            return None
        with self._lock:
            if self._sqlite is None:
                self._sqlite = sqlite3.connect(
                    self._path, check_same_thread=False, isolation_level=None
                )
            return str(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
