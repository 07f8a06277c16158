"""INSERT ... ON CONFLICT DO NOTHING on both backends, for writes that may meet a row another
request wrote at the same moment (a get-or-create, a tag added twice at once).

A plain select-then-insert lets two requests both see nothing and both insert; the second then
fails on the unique index (a 500). With ON CONFLICT DO NOTHING the loser's insert simply does
nothing (PostgreSQL waits for the winner's transaction first), and a select afterwards finds
the winner's row.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Insert, Table


def insert_or_skip(conn: Connection, table: Table, keys: Sequence[str] | None = None) -> Insert:
    """An INSERT into `table` that skips rows clashing with a unique index (`keys`: that
    index's columns; None: any unique index)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=keys)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)
