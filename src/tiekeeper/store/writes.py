"""Many-row writes shared by the repositories."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Table, insert

from tiekeeper.store.ids import next_ids, numbered, sole_owner

# Bound variables one SQLite statement may hold (SQLITE_MAX_VARIABLE_NUMBER's default).
_SQLITE_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
_ROWS_PER_STATEMENT = 2000


def _sqlite_values(column_type: Any, values: Sequence[Any]) -> Sequence[Any]:
    # What SQLAlchemy's SQLite types would store: ISO text for dates, 0/1 for booleans.
    if isinstance(column_type, Date):
        return [None if v is None else v.isoformat() for v in values]
    if isinstance(column_type, Boolean):
        return [None if v is None else int(v) for v in values]
    return values


def insert_many(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT many rows given as dicts (the keys of the first row name the columns); rows of a
    numbered table without ids get the owner's next ones (store/ids.py)."""
    if not rows:
        return
    names = [c.name for c in table.columns if c.name in rows[0]]
    insert_columns(conn, table, {n: [r.get(n) for r in rows] for n in names})


def _numbered(
    conn: Connection, table: Table, columns: Mapping[str, Sequence[Any]]
) -> Mapping[str, Sequence[Any]]:
    if "id" in columns or table.name not in numbered() or not columns.get("owner_id"):
        return columns
    n = len(columns["owner_id"])
    start = next_ids(conn, table, sole_owner(columns["owner_id"]), n)
    return {"id": range(start, start + n), **columns}


def insert_columns(conn: Connection, table: Table, columns: Mapping[str, Sequence[Any]]) -> None:
    """INSERT rows given column by column (every sequence as long as the others).

    On SQLite the statement goes straight to the driver: SQLAlchemy's per-row parameter
    processing was a third of a 30,000-person import. A column that is NULL in every row is left
    out (binding 20 NULLs per person cost more than the insert itself), and the rows go in
    multi-row VALUES statements rather than executemany: FTS5 flushes its pending terms at the
    end of every statement that fires the search_docs trigger, so one statement per row made
    indexing 30,000 documents five times slower.

    Rows of a numbered table without ids get the owner's next ones (store/ids.py)."""
    columns = _numbered(conn, table, columns)
    cols = [c for c in table.columns if c.name in columns]
    count = len(columns[cols[0].name]) if cols else 0
    if not count:
        return
    if conn.dialect.name != "sqlite":
        names = [c.name for c in cols]
        data = zip(*(columns[n] for n in names), strict=True)
        conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in data])
        return
    names, values = [], []
    for c in cols:
        col = columns[c.name]
        if len(col) != count:
            raise ValueError(f"column {c.name} has {len(col)} values, not {count}")
        if c.server_default is None and col.count(None) == count:
            continue  # an omitted column is NULL, exactly what would be bound
        names.append(c.name)
        values.append(_sqlite_values(c.type, col))
    if not names:  # every column NULL: still one row each
        names, values = [cols[0].name], [columns[cols[0].name]]
    per = max(1, min(_ROWS_PER_STATEMENT, _SQLITE_VARIABLES // len(names)))
    head = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES "
    one = "(" + ", ".join("?" * len(names)) + ")"
    for start in range(0, count, per):
        end = min(start + per, count)
        flat = tuple(chain.from_iterable(zip(*(v[start:end] for v in values), strict=True)))
        conn.exec_driver_sql(head + ", ".join([one] * (end - start)), flat)
