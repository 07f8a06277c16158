"""Kept results (services/recomputed.py) and the revisions they are keyed by
(store/revisions.py): a result is computed again exactly when a table it reads has been
changed by a committed unit of work of its own account; a slow one is served stale, marked,
while it is refreshed; the pairs of a stale duplicates list that were merged since are left
out; a stale list of warm paths is never served for another set of target companies."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tiekeeper.services import recomputed
from tiekeeper.services.duplicates import best_pairs
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.jobs import add_target, kept_targets
from tiekeeper.services.merging import merge_people
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.revisions import Revisions
from tiekeeper.store.uow import Store, UnitOfWork, ensure_account

DAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def add(store: Store, name: str, **fields: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **fields), DAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def revs(store: Store, *tables: str) -> tuple[int, ...]:
    with store.uow() as uow:
        return uow.repo(Revisions).current(tables)


def test_a_commit_moves_the_revisions_of_the_tables_it_wrote_and_no_others(store: Store) -> None:
    assert revs(store, "people", "interactions", "goals") == (0, 0, 0)
    pid = add(store, "Ana Lima")
    people, interactions, goals = revs(store, "people", "interactions", "goals")
    assert people >= 1 and interactions == 0 and goals == 0
    log_interaction(store.uow(), LogRequest(people=[str(pid)], summary="Coffee"), DAY)
    after = revs(store, "people", "interactions", "goals")
    assert after[0] > people and after[1] >= 1 and after[2] == 0


def test_a_rolled_back_write_and_bookkeeping_move_nothing(store: Store) -> None:
    add(store, "Ana Lima")
    before = revs(store, "people", "account_sessions")
    with store.uow() as uow:  # left without commit: rolled back
        uow.conn.execute(t.people.update().values(name="Changed"))
    with store.uow() as uow:  # a login's session row is not data a page computes from
        add_row(uow.conn, t.account_sessions, {"owner_id": store.owner_id, "token_hash": "s" * 64,
                                               "created_at": NOW, "expires_at": NOW})  # fmt: skip
        uow.commit()
    assert revs(store, "people", "account_sessions") == before


def test_another_accounts_writes_move_only_its_own_revisions(store: Store) -> None:
    other = Store(store.engine, ensure_account(store.engine, "other"))
    add(store, "Ana Lima")
    mine = revs(store, "people")
    add(other, "Bo Chen")
    assert revs(store, "people") == mine and revs(other, "people")[0] >= 1


def test_a_result_is_kept_until_a_table_it_reads_changes(store: Store) -> None:
    calls: list[int] = []

    def count_people(uow: UnitOfWork) -> int:
        with uow:
            calls.append(uow.people.count())
            return calls[-1]

    got = recomputed.kept(store.uow(), "n", count_people, tables=["people"])
    again = recomputed.kept(store.uow(), "n", count_people, tables=["people"])
    assert (got.value, again.value, got.fresh, again.fresh, calls) == (0, 0, True, True, [0])
    add(store, "Ana Lima")
    assert recomputed.kept(store.uow(), "n", count_people, tables=["people"]).value == 1
    goal = recomputed.kept(store.uow(), "n", count_people, tables=["goals"])
    assert goal.value == 1 and calls == [0, 1, 1]  # another key: computed once for itself


def test_each_account_gets_its_own_result(store: Store) -> None:
    other = Store(store.engine, ensure_account(store.engine, "other"))
    add(store, "Ana Lima")

    def names(uow: UnitOfWork) -> list[str]:
        with uow:
            return sorted(p.name for p in uow.people.load(uow.people.ids_by_name_key("ana lima")))

    assert recomputed.kept(store.uow(), "names", names).value == ["Ana Lima"]
    assert recomputed.kept(other.uow(), "names", names).value == []


def test_a_slow_result_is_served_stale_while_it_is_refreshed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recomputed, "SLOW_SECONDS", 0.0)  # every result counts as slow

    def count(uow: UnitOfWork) -> int:
        with uow:
            return uow.people.count()

    assert recomputed.kept(store.uow(), "n", count, stale_ok=True).value == 0
    add(store, "Ana Lima")
    stale = recomputed.kept(store.uow(), "n", count, stale_ok=True)
    assert stale.value == 0 and not stale.fresh
    waited = recomputed.kept(store.uow(), "n", count)  # the API's way: the new result
    assert waited.value == 1 and waited.fresh
    add(store, "Bo Chen")
    assert recomputed.kept(store.uow(), "n", count, stale_ok=True).value == 1
    recomputed.settle(store.engine)
    fresh = recomputed.kept(store.uow(), "n", count, stale_ok=True)
    assert fresh.value == 2 and fresh.fresh


def test_a_quick_result_is_never_served_stale(store: Store) -> None:
    def count(uow: UnitOfWork) -> int:
        with uow:
            return uow.people.count()

    recomputed.kept(store.uow(), "n", count, stale_ok=True)
    add(store, "Ana Lima")
    got = recomputed.kept(store.uow(), "n", count, stale_ok=True)
    assert got.value == 1 and got.fresh


def test_a_stale_duplicates_list_leaves_out_the_pairs_merged_since(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recomputed, "SLOW_SECONDS", 0.0)
    a = add(store, "Ana Lima", phones=["+1 555 0100"])
    b = add(store, "Ana Lima", phones=["+1 555 0100"])
    c = add(store, "Bo Chen", phones=["+1 555 0199"])
    d = add(store, "Bo Chen", phones=["+1 555 0199"])
    first = best_pairs(store.uow(), 50, stale_ok=True).value
    assert first.total == 2 and {(p.a.id, p.b.id) for p in first.pairs} == {(a, b), (c, d)}
    merge_people(store.uow(), str(a), str(b), NOW)
    stale = best_pairs(store.uow(), 50, stale_ok=True)
    assert not stale.fresh and stale.value.total == 1
    assert [(p.a.id, p.b.id) for p in stale.value.pairs] == [(c, d)]
    recomputed.settle(store.engine)
    assert best_pairs(store.uow(), 50, stale_ok=True).fresh


def test_stale_warm_paths_are_never_served_for_another_set_of_targets(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recomputed, "SLOW_SECONDS", 0.0)
    add(store, "Ana Lima", company="Acme")
    add_target(store.uow(), "Acme", None, None)
    assert [v.organization.name for v in kept_targets(store.uow(), DAY).value] == ["Acme"]
    add(store, "Bo Chen", company="Quantix")
    add_target(store.uow(), "Quantix", "their data team", None)
    got = kept_targets(store.uow(), DAY, stale_ok=True)
    assert got.fresh and sorted(v.organization.name for v in got.value) == ["Acme", "Quantix"]
    add_target(store.uow(), "Quantix", "hiring in Lisbon", None)  # the same targets, a new note
    stale = kept_targets(store.uow(), DAY, stale_ok=True)
    assert not stale.fresh
    why = {v.organization.name: v.organization.why for v in stale.value}
    assert why["Quantix"] == "hiring in Lisbon"  # the company as it is now
