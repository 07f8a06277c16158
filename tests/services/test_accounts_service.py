"""Accounts: argon2 passwords, sessions that expire, API tokens kept only as digests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from tiekeeper.services.accounts import (
    SESSION_DAYS,
    add_account,
    api_tokens,
    log_in,
    log_out,
    new_api_token,
    revoke_api_token,
    session_account,
    set_password,
    token_account,
)
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


@pytest.fixture
def accounts(store: Store) -> AccountStore:
    return AccountStore(store.engine)


def test_an_account_logs_in_with_its_password_only(accounts: AccountStore) -> None:
    ana = add_account(accounts, "ana", SECRET, NOW)
    session = log_in(accounts, "ana", SECRET, NOW)
    assert session_account(accounts, session.token, NOW) == ana
    for name, password in (("ana", "wrong password!"), ("nobody", SECRET)):
        with pytest.raises(PermissionDenied, match="wrong account name or password"):
            log_in(accounts, name, password, NOW)


def test_passwords_are_stored_as_argon2id_hashes(store: Store, accounts: AccountStore) -> None:
    add_account(accounts, "ana", SECRET, NOW)
    with store.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT password_hash FROM accounts WHERE name = 'ana'")
        ).scalar()
    assert stored.startswith("$argon2id$") and SECRET not in stored


def test_the_server_hashes_with_the_librarys_recommended_parameters() -> None:
    """The tests swap in a cheap hasher (tests/conftest.py); the server's own is this one."""
    from argon2 import PasswordHasher, Type

    from tiekeeper.services.accounts import server_hasher

    used, recommended = server_hasher(), PasswordHasher()
    assert (used.time_cost, used.memory_cost, used.parallelism, used.type) == (
        recommended.time_cost, recommended.memory_cost, recommended.parallelism, Type.ID,
    )  # fmt: skip
    assert used.memory_cost >= 65536  # 64 MiB: RFC 9106's second recommended option


def test_names_are_unique_and_passwords_long_enough(accounts: AccountStore) -> None:
    add_account(accounts, "ana", SECRET, NOW)
    with pytest.raises(Conflict):
        add_account(accounts, "ana", SECRET, NOW)
    with pytest.raises(InvalidInput, match="password"):
        add_account(accounts, "bo", "short", NOW)
    with pytest.raises(InvalidInput, match="account"):
        add_account(accounts, "bo chen", SECRET, NOW)
    assert [a.name for a in accounts.all() if a.password_hash] == ["ana"]


def test_a_session_expires_and_ends_at_log_out(accounts: AccountStore) -> None:
    add_account(accounts, "ana", SECRET, NOW)
    s = log_in(accounts, "ana", SECRET, NOW)
    later = NOW + timedelta(days=SESSION_DAYS)
    assert session_account(accounts, s.token, later - timedelta(seconds=1)) is not None
    assert session_account(accounts, s.token, later) is None
    s2 = log_in(accounts, "ana", SECRET, NOW)
    log_out(accounts, s2.token)
    assert session_account(accounts, s2.token, NOW) is None
    assert session_account(accounts, "made-up", NOW) is None


def test_a_new_password_replaces_the_old(accounts: AccountStore) -> None:
    add_account(accounts, "ana", SECRET, NOW)
    set_password(accounts, "ana", "another long secret")
    with pytest.raises(PermissionDenied):
        log_in(accounts, "ana", SECRET, NOW)
    assert log_in(accounts, "ana", "another long secret", NOW).account_id
    with pytest.raises(NotFound):
        set_password(accounts, "nobody", SECRET)


def test_api_tokens_identify_their_account_until_revoked(
    store: Store, accounts: AccountStore
) -> None:
    ana = add_account(accounts, "ana", SECRET, NOW)
    token = new_api_token(accounts, "ana", "backup script", NOW)
    assert token_account(accounts, token, NOW) == ana
    assert token_account(accounts, token + "x", NOW) is None
    assert token_account(accounts, "not-a-token", NOW) is None
    [row] = api_tokens(accounts, "ana")
    assert (row.label, row.last_used_at is not None) == ("backup script", True)
    with store.engine.connect() as conn:
        kept = conn.execute(text("SELECT token_hash FROM api_tokens")).scalar()
    assert token not in kept and len(kept) == 64  # a SHA-256 digest only
    revoke_api_token(accounts, "ana", row.id)
    assert token_account(accounts, token, NOW) is None
    with pytest.raises(NotFound):
        revoke_api_token(accounts, "ana", row.id)
