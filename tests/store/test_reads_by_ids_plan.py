"""Reading a few rows by id looks those ids up: SQLite must not walk an (owner_id, ...) index
through every row of the owner (at 1,000,000 interactions a person's page took 300-600 ms for
its 20 interactions; store/owner_scan.py). Checked on the plan of each statement the reads run,
and the owner filter still holds: another account's ids are not read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import event

from tiekeeper.domain.model import Interaction, Person
from tiekeeper.store.review import ReviewQueries
from tiekeeper.store.uow import Store, UnitOfWork, ensure_account


@contextmanager
def plans(store: Store) -> Iterator[list[str]]:
    """The query plan of every SELECT run meanwhile, one string each."""
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", keep)
    out: list[str] = []
    try:
        yield out
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    with store.engine.connect() as conn:
        for statement, params in seen:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
            out.append(" | ".join(str(r[-1]) for r in rows))


def _fill(store: Store) -> tuple[int, list[int]]:
    with store.uow() as uow:
        pid = uow.people.add(Person("Ana Lima", emails=["ana@x.org"], tags=["mentor"],
                                    created_on=date(2026, 1, 1)))  # fmt: skip
        others = [uow.people.add(Person(f"P{i}", created_on=date(2026, 1, 1))) for i in range(30)]
        iids = [
            uow.interactions.add(Interaction(date(2026, 1, 1 + i % 28), [pid], "call"))
            for i in range(40)
        ]
        for o in others:
            uow.interactions.add(Interaction(date(2026, 2, 1), [o], "email"))
        uow.commit()
    return pid, iids


def test_a_persons_page_reads_look_ids_up_not_every_row_of_the_owner(sqlite_store: Store) -> None:
    pid, iids = _fill(sqlite_store)
    with plans(sqlite_store) as seen, sqlite_store.uow() as uow:
        person = uow.people.get(pid)
        recent = uow.interactions.for_person(pid)
        loaded = uow.interactions.load(iids[:5])
    assert person is not None and person.emails == ["ana@x.org"] and person.tags == ["mentor"]
    assert len(recent) == 20 and [i.id for i in loaded] == iids[:5]
    owner_walks = [p for p in seen if "(owner_id=?)" in p]
    assert owner_walks == [], owner_walks


def test_the_owner_filter_still_holds_for_reads_by_id(sqlite_store: Store) -> None:
    pid, iids = _fill(sqlite_store)
    other = ensure_account(sqlite_store.engine, "someone-else")
    with UnitOfWork(sqlite_store.engine, other) as uow:
        assert uow.people.get(pid) is None
        assert uow.people.load([pid]) == []
        assert uow.interactions.load(iids) == []
        assert uow.interactions.for_person(pid) == []


def test_the_weekly_reviews_counts_start_from_that_weeks_interactions(sqlite_store: Store) -> None:
    """At a million interactions, walking every person-link to find one week's took 8 s."""
    pid, _ = _fill(sqlite_store)
    with plans(sqlite_store) as seen, sqlite_store.uow() as uow:
        counts = uow.repo(ReviewQueries).interactions_per_person(date(2026, 1, 1), date(2026, 1, 7))
    assert counts == {pid: 14}  # days 1-7 of each 28-day round
    walks = [p for p in seen if "SCAN" in p and "interaction_people" in p]
    assert walks == [], walks
    other = ensure_account(sqlite_store.engine, "someone-else")
    with UnitOfWork(sqlite_store.engine, other) as uow:
        assert (
            uow.repo(ReviewQueries).interactions_per_person(date(2026, 1, 1), date(2027, 1, 1))
            == {}
        )
