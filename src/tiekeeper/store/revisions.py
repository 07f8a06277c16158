"""Per account and table, a number that moves whenever a unit of work commits a change to the
table's rows: results that take seconds at 30,000 people and 1,000,000 interactions (the
insights, the warm paths, the likely duplicates) are kept until a table they read has moved
(services/recomputed.py), where a whole-database probe (store/change_probe.py) would throw them
away at every other account's write, or at a session's last-used time.

The tables a statement writes are read off the SQL the driver is given (every write goes
through SQLAlchemy's cursor, raw driver SQL included), collected on the connection, and bumped
in one statement just before the commit, in name order so that two writers of one account never
wait for each other's rows in opposite orders (PostgreSQL). The same hook tells a unit of work
that only read (`only_read`: store/uow.py ends it with a commit, not a rollback)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tiekeeper.store import tables as t

_WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+\"?(\w+)",
    re.IGNORECASE,
)
_KEY = "tiekeeper_written"
_CHANGED = "tiekeeper_changed"  # None: no statement seen yet; False: SELECTs only; True: more
_READ = re.compile(r"\s*SELECT\b", re.IGNORECASE)
# Bookkeeping whose writes change nothing a page computes: the revisions themselves, logins,
# the search index (it moves with the rows it indexes), DAV and digest state.
IGNORED = frozenset({"data_revisions", "account_sessions", "api_tokens", "login_failures",
                     "server_secrets", "search_docs", "search_fts", "digest_sends",
                     "dav_synced"})  # fmt: skip


def track_writes(engine: Engine) -> None:
    """Collect, on each connection, the tables its statements write (once per engine)."""
    if not event.contains(engine, "before_cursor_execute", _seen):
        event.listen(engine, "before_cursor_execute", _seen)


def _seen(
    conn: Connection, cursor: Any, statement: str, params: Any, context: Any, many: bool
) -> None:
    hit = _WRITE.match(statement)
    if hit:
        conn.info.setdefault(_KEY, set()).add(hit.group(1).lower())
    if not _READ.match(statement):
        conn.info[_CHANGED] = True
    elif conn.info.get(_CHANGED) is None:
        conn.info[_CHANGED] = False


def forget_writes(conn: Connection) -> None:
    """Start a unit of work with nothing written (the connection comes from a pool)."""
    conn.info.pop(_KEY, None)
    conn.info[_CHANGED] = None


def only_read(conn: Connection) -> bool:
    """Whether every statement since `forget_writes` was a SELECT, as seen by `track_writes`
    (False when none was seen: the hook may not be on this engine)."""
    return conn.info.get(_CHANGED) is False


def bump_written(conn: Connection, owner_id: int) -> None:
    """Move the revision of every table this connection wrote since `forget_writes`."""
    written: set[str] = conn.info.pop(_KEY, set())
    tables = sorted(written - IGNORED)
    if not tables or not owner_id:
        return
    conn.execute(
        _bump_statement(conn.dialect.name, len(tables)),
        {f"t{i}": name for i, name in enumerate(tables)} | {"owner": owner_id},
    )
    conn.info.pop(_KEY, None)


@cache
def _bump_statement(dialect: str, count: int) -> Any:
    """One upsert of `count` tables' revisions (:owner, :t0, :t1, ...): its rows are locked in
    the order given, and it is built once per dialect and count (building took longer than
    running it)."""
    r = t.data_revisions
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    rows = [
        {"owner_id": bindparam("owner"), "table_name": bindparam(f"t{i}"), "revision": 1}
        for i in range(count)
    ]
    return (
        make(r)
        .values(rows)
        .on_conflict_do_update(
            index_elements=[r.c.owner_id, r.c.table_name], set_={"revision": r.c.revision + 1}
        )
    )


class Revisions:
    """`uow.repo(Revisions).current(tables)`: what kept results are keyed by."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def current(self, tables: Iterable[str]) -> tuple[int, ...]:
        """The revision of each of `tables` for this account (0: never written)."""
        names = list(tables)
        r = t.data_revisions.c
        rows = self.conn.execute(
            select(r.table_name, r.revision).where(
                r.owner_id == self.owner_id, r.table_name.in_(names)
            )
        )
        known = {name: int(n) for name, n in rows}
        return tuple(known.get(name, 0) for name in names)


@cache
def data_tables() -> tuple[str, ...]:
    """Every table of an account's data whose writes move a revision, by name."""
    owned = (tb.name for tb in t.metadata.sorted_tables if "owner_id" in tb.c)
    return tuple(sorted(set(owned) - IGNORED))
