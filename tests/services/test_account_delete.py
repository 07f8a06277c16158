"""Deleting an account takes every row it owns and not one row of another account."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.accounts import (
    account_contents,
    add_account,
    delete_account,
    log_in,
    new_api_token,
    session_account,
    token_account,
)
from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.events import add_event
from tiekeeper.services.goals import add_goal
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.profile import update_profile
from tiekeeper.services.search import search
from tiekeeper.store import tables as t
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store

TODAY = date(2025, 3, 10)
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


def owned(engine: Any, owner_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the owner in every table, sorted."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            if "owner_id" in table.c:
                q = select(table).where(table.c.owner_id == owner_id)
                out[table.name] = sorted((tuple(r) for r in conn.execute(q)), key=repr)
    return out


def filled(store: Store, name: str) -> Store:
    """An account with a login, a demo network, its own person, goal, event, profile, tokens."""
    accounts = AccountStore(store.engine)
    st = Store(store.engine, add_account(accounts, name, PASSWORD, NOW))
    fill_demo(st.uow(), TODAY, DemoSize(people=30, interactions=200))
    add_person(st.uow(), PersonChanges(name=f"Zebulon {name}", company="Acme"), TODAY)
    add_goal(st.uow(), "coffee chats", "week", 1, TODAY, channel="coffee")
    add_event(st.uow(), "PyCon", "2025-04-01", TODAY)
    update_profile(st.uow(), name=name)
    log_in(accounts, name, PASSWORD, NOW)
    new_api_token(accounts, name, "backup", NOW)
    return st


def test_deleting_an_account_takes_all_its_rows_and_none_of_another(store: Store) -> None:
    accounts = AccountStore(store.engine)
    ann = filled(store, "ann")
    bob = filled(store, "bob")
    bob_token = new_api_token(accounts, "bob", "sync", NOW)
    bob_session = log_in(accounts, "bob", PASSWORD, NOW)
    bobs = owned(store.engine, bob.owner_id)
    before = account_contents(accounts, "ann")
    assert before.rows["people"] == 31 and before.rows["api_tokens"] == 1

    gone = delete_account(accounts, "ann")

    assert gone.rows == before.rows and gone.id == ann.owner_id
    assert all(rows == [] for rows in owned(store.engine, ann.owner_id).values())
    assert [a.name for a in accounts.all()] == ["bob", "local"]
    assert owned(store.engine, bob.owner_id) == bobs
    assert token_account(accounts, bob_token, NOW) == bob.owner_id
    assert session_account(accounts, bob_session.token, NOW) == bob.owner_id
    assert [h.title for h in search(bob.uow(), "Zebulon")] == ["Zebulon bob"]
    assert "people" in gone.summary() and gone.summary().startswith("31 people, ")


def test_an_unknown_name_is_not_found_and_nothing_changes(store: Store) -> None:
    filled(store, "ann")
    accounts = AccountStore(store.engine)
    with pytest.raises(NotFound, match="no account named 'zed'"):
        delete_account(accounts, "zed")
    with pytest.raises(NotFound, match="no account named 'zed'"):
        account_contents(accounts, "zed")
    assert [a.name for a in accounts.all()] == ["ann", "local"]


def test_an_account_made_after_a_deletion_starts_empty(store: Store) -> None:
    accounts = AccountStore(store.engine)
    ann = filled(store, "ann")
    delete_account(accounts, "ann")
    cat = add_account(accounts, "cat", PASSWORD, NOW)
    if store.engine.dialect.name == "sqlite":
        assert cat == ann.owner_id  # SQLite gives the id out again: leftovers would be cat's
    assert account_contents(accounts, "cat").rows == {}
    assert account_contents(accounts, "cat").summary() == "no data"


def test_deletion_does_not_depend_on_sqlites_foreign_keys_switch(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL always enforces foreign keys")
    ann = filled(store, "ann")
    bob = filled(store, "bob")
    bobs = owned(store.engine, bob.owner_id)
    bare = create_engine(store.engine.url)  # no PRAGMA foreign_keys=ON: cascades do nothing
    try:
        delete_account(AccountStore(bare), "ann")
    finally:
        bare.dispose()
    assert all(rows == [] for rows in owned(store.engine, ann.owner_id).values())
    assert owned(store.engine, bob.owner_id) == bobs
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"))
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
