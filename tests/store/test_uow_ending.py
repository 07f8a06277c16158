"""How a unit of work ends: one that wrote and was not committed is rolled back, whatever it
wrote with; one that only read is committed, which changes nothing but keeps what psycopg has
prepared on the PostgreSQL server (each ROLLBACK drops it all, and every read request of the
server ended with one: nothing was ever prepared)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from tiekeeper.domain.model import Person
from tiekeeper.store.uow import Store


def _names(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(text("SELECT name FROM people ORDER BY name")).scalars())


def test_a_write_not_committed_is_rolled_back(store: Store) -> None:
    with store.uow() as uow:
        uow.people.add(Person("Ana", created_on=date(2026, 12, 4)))
    with store.uow() as uow:  # raw SQL too, and a write after reads
        uow.people.names([1])
        uow.conn.execute(
            text("WITH n AS (SELECT 1) UPDATE people SET name = 'X' WHERE owner_id = :o"),
            {"o": store.owner_id},
        )
    with pytest.raises(RuntimeError), store.uow() as uow:
        uow.people.names([1])
        raise RuntimeError("a read that failed")
    assert _names(store) == []


def test_reads_keep_the_statements_prepared_on_postgres(store: Store) -> None:
    if store.engine.dialect.name != "postgresql":
        pytest.skip("psycopg prepares statements on PostgreSQL only")
    with store.uow() as uow:
        pid = uow.people.add(Person("Bo", created_on=date(2026, 12, 4)))
        uow.commit()
    for _ in range(8):  # past psycopg's prepare_threshold (5)
        with store.uow() as uow:
            assert uow.people.names([pid]) == {pid: "Bo"}
    with store.uow() as uow:
        prepared = uow.conn.execute(text("SELECT count(*) FROM pg_prepared_statements"))
        assert prepared.scalar_one() > 0
    assert _names(store) == ["Bo"]
