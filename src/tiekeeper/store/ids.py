"""Ids that tell one account nothing about another: each account numbers its rows in a block of
its own.

An id is `block × SPAN + n`: the account's block, then the row's number in it, counted per
table. The first account of a database (the single-user home's `local`) has block 0, so its
ids stay 1, 2, 3, ... and the CLI's numbers stay short. Every other account gets a block drawn
at random when it is made, so neither the size of its ids nor their order says how many rows, or
how many accounts, came before it. The largest id is below 2^53: a browser's JavaScript reads
every one exactly.

A new id is the largest in the block, plus one: on SQLite the database's one write lock, taken
before that read, makes that safe; on PostgreSQL an advisory lock per account (held to the
commit) does. Rows written before blocks existed (revision 0011) kept their ids, all below SPAN:
block 0's count steps over them, whoever owns them, and no other account ever counts there.
"""

from __future__ import annotations

import re
import secrets
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, Final

from sqlalchemy import (
    BigInteger,
    Connection,
    Table,
    bindparam,
    cast,
    func,
    insert,
    select,
    text,
)

from tiekeeper.store import tables as t

SPAN: Final = 2**32  # ids per account and table: far past 1,000,000 interactions
BLOCKS: Final = 2**21  # SPAN × BLOCKS = 2^53
# pg_advisory_xact_lock(key, account): a key of its own among the app's advisory locks
_LOCK_KEY: Final = zlib.crc32(b"tiekeeper ids") - 2**31
_HELD: Final = "tiekeeper_id_locks"  # conn.info: (the transaction, the accounts it holds locked)


class OutOfIds(RuntimeError):
    """An account's block is full for a table (2^32 rows: not reached by any real use)."""


@cache
def numbered() -> frozenset[str]:
    """The tables whose ids are counted per account: every owned table with an `id`."""
    return frozenset(
        tb.name for tb in t.metadata.tables.values() if "id" in tb.c and "owner_id" in tb.c
    )


def block_range(block: int) -> tuple[int, int]:
    """The first and the last id of a block."""
    return block * SPAN + 1, (block + 1) * SPAN - 1


def new_block(conn: Connection) -> int:
    """The block for an account about to be made: 0 for a database's first, else one drawn at
    random among those no account holds (a unique index keeps two from sharing one)."""
    taken = {int(b) for (b,) in conn.execute(select(t.accounts.c.id_block))}
    if not taken:
        return 0
    while True:
        block = 1 + secrets.randbelow(BLOCKS - 1)
        if block not in taken:
            return block


def account_block(conn: Connection, owner_id: int) -> int:
    block = conn.execute(
        select(t.accounts.c.id_block).where(t.accounts.c.id == owner_id)
    ).scalar_one_or_none()
    if block is None:
        raise LookupError(f"no account {owner_id}")
    return int(block)


def next_ids(conn: Connection, table: Table, owner_id: int, count: int = 1) -> int:
    """The first of `count` consecutive new ids of `table` for the account; they are its until
    the unit of work ends (commit or rollback)."""
    if table.name not in numbered():
        raise ValueError(f"{table.name} has no per-account ids")
    if conn.dialect.name == "postgresql":
        _hold_postgres_id_lock(conn, owner_id)
    else:
        _hold_sqlite_write_lock(conn)
    block, top = conn.execute(_next_query(table), {"owner": owner_id}).one_or_none() or (None, None)
    if block is None:
        raise LookupError(f"no account {owner_id}")
    first, last = block_range(int(block))
    start = first if top is None else int(top) + 1
    if start + count - 1 > last:
        raise OutOfIds(f"account {owner_id} has no ids left for {table.name}")
    return start


def _hold_postgres_id_lock(conn: Connection, owner_id: int) -> None:
    """Take the account's advisory lock for the rest of the transaction, once: an add writes
    ids of two or three tables, and asking again is a round trip that changes nothing."""
    held = conn.info.get(_HELD)
    transaction = conn.get_transaction()
    if transaction is not None and held and held[0] is transaction and owner_id in held[1]:
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(:k, :o)"), {"k": _LOCK_KEY, "o": owner_id})
    transaction = conn.get_transaction()  # begun by the statement above, if it was not yet
    if not held or held[0] is not transaction:
        held = (transaction, set[int]())
        conn.info[_HELD] = held
    held[1].add(owner_id)


def _hold_sqlite_write_lock(conn: Connection) -> None:
    """Make the unit of work hold SQLite's write lock before it reads the largest id. Python's
    sqlite3 opens a transaction only at the first write, so the reads before it see whatever
    another connection committed last, and a largest id read there may be taken by the time of
    the INSERT. BEGIN IMMEDIATE waits for the lock up to the busy timeout ("database is locked"
    after it: the request is answered again, web/busy_retry.py)."""
    raw = conn.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        # through SQLAlchemy, so that a lock not had is its OperationalError (store/failures.py)
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@cache
def _next_query(table: Table) -> Any:
    """The account's block and the largest id of `table` in it, in one statement (an insert's
    only extra one on SQLite)."""
    a = t.accounts.c
    lo = cast(a.id_block, BigInteger) * SPAN + 1  # 64-bit arithmetic on PostgreSQL
    top = (
        select(func.max(table.c.id))
        .where(table.c.id >= lo, table.c.id <= lo + (SPAN - 2))
        .scalar_subquery()
    )
    return select(a.id_block, top).where(a.id == bindparam("owner"))


def add_row(conn: Connection, table: Table, values: Mapping[str, Any]) -> int:
    """INSERT one row of a numbered table (values hold its owner_id) and return its new id."""
    rid = next_ids(conn, table, int(values["owner_id"]))
    conn.execute(insert(table).values(id=rid, **values))
    return rid


def with_ids(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """`rows` of one owner, each given the next id of `table` (when it is numbered and they
    have none yet)."""
    if not rows or table.name not in numbered() or "id" in rows[0]:
        return list(rows)
    start = next_ids(conn, table, sole_owner(r["owner_id"] for r in rows), len(rows))
    return [{**r, "id": start + i} for i, r in enumerate(rows)]


def sole_owner(owners: Iterable[Any]) -> int:
    """The one owner of a batch of rows (ids are handed out per owner)."""
    found = set(owners)
    if len(found) != 1:
        raise ValueError(f"rows of {len(found)} owners in one batch")
    return int(found.pop())


_INSERT = re.compile(r"\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+\"?(\w+)\"?\s*\(([^)]*)\)", re.I)


def unnumbered_insert(statement: str) -> str | None:
    """The table an INSERT writes without an id although its ids are counted per account (the
    database would then number the row itself, outside the account's block), else None."""
    hit = _INSERT.match(statement)
    if not hit or hit.group(1).lower() not in numbered():
        return None
    names = {c.strip().strip('"').lower() for c in hit.group(2).split(",")}
    return None if "id" in names else hit.group(1).lower()
