"""Revision 0011 gives each account a block of ids: a home of two accounts upgrades with every
row kept as it was, the first account's count going on past every earlier row, the second's new
rows in its own block; on PostgreSQL ids become BIGINT with no sequence behind them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, inspect, text

from alembic_steps import downgrade_to, upgrade_to
from tiekeeper.domain.model import Person
from tiekeeper.store.ids import BLOCKS, account_block, block_range
from tiekeeper.store.migrate import migrate
from tiekeeper.store.uow import Store


@pytest.fixture
def old_engine(empty_engine: Engine) -> Engine:
    """An engine on a database at revision 0010, on each backend."""
    return upgrade_to(empty_engine, "0010")


def _old_rows(engine: Engine) -> None:
    """Two accounts whose people were counted together, as before 0011: 1, 2 and 3."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for aid, name in ((1, "local"), (2, "work")):
            conn.execute(
                text("INSERT INTO accounts (id, name, created_at) VALUES (:i, :n, :c)"),
                {"i": aid, "n": name, "c": now},
            )
        for pid, owner, name in ((1, 1, "Ana"), (2, 2, "Ben"), (3, 1, "Cy")):
            conn.execute(
                text(
                    "INSERT INTO people (id, owner_id, name, name_key, created_on, is_kin, "
                    "do_not_suggest) VALUES (:i, :o, :n, :k, :d, false, false)"
                ),
                {"i": pid, "o": owner, "n": name, "k": name.lower(), "d": date(2026, 1, 1)},
            )
        if engine.dialect.name == "postgresql":  # the ids above were written by hand
            conn.execute(text("SELECT setval('people_id_seq', 3)"))


def test_upgrade_keeps_rows_and_numbers_new_ones_per_account(old_engine: Engine) -> None:
    _old_rows(old_engine)
    migrate(old_engine)
    with old_engine.connect() as conn:
        assert account_block(conn, 1) == 0
        work_block = account_block(conn, 2)
        rows = conn.execute(text("SELECT id, owner_id, name FROM people ORDER BY id")).all()
    assert 0 < work_block < BLOCKS
    assert [tuple(r) for r in rows] == [(1, 1, "Ana"), (2, 2, "Ben"), (3, 1, "Cy")]
    local, work = Store(old_engine, 1), Store(old_engine, 2)
    for st, name in ((local, "Dee"), (work, "Eve")):
        with st.uow() as uow:
            uow.people.add(Person(name, created_on=date(2026, 12, 3)))
            uow.commit()
    with old_engine.connect() as conn:
        new = dict(conn.execute(text("SELECT name, id FROM people WHERE id > 3")).all())
    assert new["Dee"] == 4  # past Ben's 2 as well: block 0 steps over every earlier row
    assert new["Eve"] == block_range(work_block)[0]
    if old_engine.dialect.name == "postgresql":
        columns = {c["name"]: c for c in inspect(old_engine).get_columns("people")}
        assert str(columns["id"]["type"]) == "BIGINT" and columns["id"]["default"] is None
        assert str(columns["introduced_by_id"]["type"]) == "BIGINT"
        with old_engine.connect() as conn:
            seqs = conn.execute(text("SELECT count(*) FROM pg_class WHERE relkind = 'S' "
                                     "AND relname = 'people_id_seq'")).scalar_one()  # fmt: skip
        assert seqs == 0


def test_downgrade_gives_back_the_counted_ids(old_engine: Engine) -> None:
    _old_rows(old_engine)
    migrate(old_engine)
    downgrade_to(old_engine, "0010")
    with old_engine.begin() as conn:
        assert "id_block" not in {c["name"] for c in inspect(conn).get_columns("accounts")}
        if old_engine.dialect.name == "postgresql":  # the sequence is back, past every id
            assert conn.execute(text("SELECT nextval('people_id_seq')")).scalar_one() == 4
            columns = {c["name"]: c for c in inspect(conn).get_columns("people")}
            assert str(columns["id"]["type"]) == "INTEGER"
