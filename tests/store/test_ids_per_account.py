"""Issue 14: ids were one count for the whole database, so a second account's first person was #3
and told its owner how many rows the others had. Each account now numbers its rows in a block
of its own (store/ids.py): the first keeps 1, 2, 3, every other one a block drawn at random."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tiekeeper.domain.errors import Conflict
from tiekeeper.domain.model import Interaction, Person
from tiekeeper.services.accounts import add_account
from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.store import accounts as accounts_store
from tiekeeper.store import ids as ids_module
from tiekeeper.store import tables as t
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.analytics_raw import RawAnalytics
from tiekeeper.store.ids import BLOCKS, account_block, block_range, numbered
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import Store

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 12, tzinfo=UTC)


def account(store: Store, name: str) -> Store:
    return Store(
        store.engine, add_account(AccountStore(store.engine), name, "long passphrase", NOW)
    )


def add_people(st: Store, *names: str) -> list[int]:
    with st.uow() as uow:
        ids = [uow.people.add(Person(n, created_on=TODAY, emails=[f"{n}@x.org"])) for n in names]
        uow.commit()
    return ids


def owned_ids(st: Store) -> dict[str, list[int]]:
    """Every id of the account's rows, per numbered table."""
    out = {}
    with st.engine.connect() as conn:
        for name in sorted(numbered()):
            table = t.metadata.tables[name]
            q = select(table.c.id).where(table.c.owner_id == st.owner_id)
            out[name] = [int(i) for (i,) in conn.execute(q)]
    return out


def test_the_first_account_counts_from_one_and_another_from_its_own_block(store: Store) -> None:
    assert add_people(store, "ana", "ben", "cy") == [1, 2, 3]
    work = account(store, "work")
    with store.engine.connect() as conn:
        block = account_block(conn, work.owner_id)
    assert 0 < block < BLOCKS
    first, last = block_range(block)
    [dee] = add_people(work, "dee")
    assert dee == first  # not #4: nothing of the local account's three people shows
    assert last < 2**53  # a browser reads it exactly
    assert add_people(store, "eve") == [4]  # the first account's count goes on
    for name, ids in owned_ids(work).items():
        assert all(first <= i <= last for i in ids), name
    assert owned_ids(work)["person_emails"] and owned_ids(work)["search_docs"]


def test_each_account_gets_a_block_of_its_own_drawn_at_random(store: Store) -> None:
    made = [account(store, f"member{i}") for i in range(12)]
    with store.engine.connect() as conn:
        blocks = [account_block(conn, st.owner_id) for st in made]
        assert account_block(conn, store.owner_id) == 0
    assert len(set(blocks)) == 12 and 0 not in blocks
    # drawn, not counted: the blocks say nothing of how many accounts came before
    assert blocks != sorted(blocks) or max(blocks) > 1000


def test_simultaneous_adds_in_one_account_get_distinct_ids(store: Store) -> None:
    if store.engine.dialect.name == "sqlite":
        # one writer at a time on SQLite: the server's retry makes turns (tests/web concurrency)
        return
    work = account(store, "work")
    start = threading.Barrier(20)
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            start.wait()
            add_people(work, f"p{i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    ids = owned_ids(work)["people"]
    with store.engine.connect() as conn:
        first, _ = block_range(account_block(conn, work.owner_id))
    assert sorted(ids) == list(range(first, first + 20))


def test_analytics_read_the_ids_of_an_account_high_in_its_block(store: Store) -> None:
    work = account(store, "work")
    a, b, c = add_people(work, "ana", "ben", "cy")
    with work.uow() as uow:
        uow.interactions.add(Interaction(TODAY, [a, c], "coffee"))
        uow.repo(KnowsRepository).add(c, b, 2, "entered", TODAY)
        uow.commit()
    with work.uow() as uow:
        raw = uow.repo(RawAnalytics)
        cols = raw.interaction_columns(TODAY)
        assert sorted(cols.person.tolist()) == [a, c]
        assert sorted(raw.interaction_columns(TODAY, [c]).person.tolist()) == [c]
        knows = raw.knows_columns()
        assert (knows.a.tolist(), knows.b.tolist()) == ([b], [c])


def test_a_backup_of_one_account_goes_into_another_accounts_block(store: Store) -> None:
    work = account(store, "work")
    ana, ben = add_people(work, "ana", "ben")
    with work.uow() as uow:
        uow.interactions.add(Interaction(TODAY, [ana, ben], "call"))
        uow.commit()
    dump, _ = backup_json(work.uow())
    home = account(store, "home")
    restore_backup(home.uow(), dump, "work.json")
    with store.engine.connect() as conn:
        first, last = block_range(account_block(conn, home.owner_id))
    ids = owned_ids(home)
    assert len(ids["people"]) == 2 and len(ids["interactions"]) == 1
    for name, values in ids.items():
        assert all(first <= i <= last for i in values), name
    with home.uow() as uow:
        [ix] = uow.interactions.load(ids["interactions"])
        assert sorted(ix.person_ids) == sorted(ids["people"])  # references moved with the rows


def test_the_same_network_in_a_high_block_gives_the_same_insights(store: Store) -> None:
    """The analytics pack ids as offsets and count them from the lowest (store/analytics_raw.py,
    graph/tie_summaries.py): an account far up the id range must see what the first sees."""
    from tiekeeper.services.demo import DemoSize, fill_demo
    from tiekeeper.services.insights.html import render_report
    from tiekeeper.services.insights.report import network_insights

    work = account(store, "work")
    reports = []
    for st in (store, work):
        fill_demo(st.uow(), TODAY, DemoSize(people=40, interactions=400))
        with st.uow() as uow:
            reports.append(render_report(network_insights(uow, TODAY)))
    with store.engine.connect() as conn:
        assert account_block(conn, work.owner_id) > 0
    assert reports[0] == reports[1]


def test_a_block_drawn_twice_is_drawn_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first = account(store, "first")
    with store.engine.connect() as conn:
        taken = account_block(conn, first.owner_id)
    draws = iter([taken - 1, taken - 1, 41])  # randbelow: the block is 1 + the draw
    monkeypatch.setattr(ids_module.secrets, "randbelow", lambda _n: next(draws))
    second = account(store, "second")
    with store.engine.connect() as conn:
        assert account_block(conn, second.owner_id) == 42
    # two accounts made at one moment that drew one block: the unique index refuses the
    # second, which draws again (AccountStore.create)
    raced = iter([taken, 7, 8])
    monkeypatch.setattr(accounts_store, "new_block", lambda _conn: next(raced))
    third = account(store, "third")
    with store.engine.connect() as conn:
        assert account_block(conn, third.owner_id) == 7
    with pytest.raises(Conflict, match="exists already"):
        account(store, "third")
