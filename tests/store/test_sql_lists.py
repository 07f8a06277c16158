"""List parameters of the plain SQL (store/sql.py): `IN :ids` and `NOT IN :ids` read the same rows
on both backends; on PostgreSQL the list is one array, so the statement the driver sees is the
same whatever its length (psycopg parses and prepares it once), ids past 2^31 included."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from tiekeeper.domain.model import Person
from tiekeeper.store.sql import as_rows, expand
from tiekeeper.store.uow import Store

IN = "SELECT name FROM people WHERE owner_id = :owner AND id IN :ids ORDER BY name"
NOT_IN = "SELECT name FROM people WHERE owner_id = :owner AND id NOT IN :ids ORDER BY name"
BY_KEYS = "SELECT name FROM people WHERE owner_id = :owner AND name_key IN :keys ORDER BY name"


def _people(store: Store) -> dict[str, int]:
    with store.uow() as uow:
        ids = {n: uow.people.add(Person(n, created_on=date(2026, 12, 4))) for n in "ABCD"}
        uow.commit()
    return ids


def test_lists_read_the_same_rows_on_both_backends(store: Store) -> None:
    ids = _people(store)
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with store.engine.connect() as conn:
        rows = as_rows(conn)
        owner = {"owner": store.owner_id}
        assert rows.fetch(IN, {**owner, "ids": [ids["B"]]}) == [("B",)]
        assert rows.fetch(IN, {**owner, "ids": [ids["A"], ids["C"], 2**40]}) == [("A",), ("C",)]
        assert rows.fetch(NOT_IN, {**owner, "ids": [ids["A"], ids["D"]]}) == [("B",), ("C",)]
        assert rows.fetch(BY_KEYS, {**owner, "keys": ("b", "d", "z")}) == [("B",), ("D",)]
    lists = seen[:2]
    if store.engine.dialect.name == "postgresql":
        assert lists[0] == lists[1] and "ANY(" in lists[0], lists
    else:
        assert lists[0] != lists[1]  # SQLite: one placeholder per value


def test_an_empty_list_is_refused_where_it_is_used_only() -> None:
    for dialect in ("sqlite", "postgresql"):
        with pytest.raises(ValueError, match="empty list for :ids"):
            expand(IN, {"owner": 1, "ids": []}, dialect)
        _, params = expand("SELECT 1 WHERE a = :owner", {"owner": 1, "skip": []}, dialect)
        assert params == {"owner": 1}


def test_a_list_outside_in_is_refused_on_postgres() -> None:
    with pytest.raises(ValueError, match="outside IN"):
        expand("SELECT * FROM t WHERE a = ANY(:ids) OR b = :ids", {"ids": [1]}, "postgresql")
