"""Issue 14: five wrong passwords locked a name for 15 minutes whoever sent them (a stranger could
keep a member out for ever), guessing many names was never slowed, and the counts lived in one
process's memory. Now: per (name, address) and per address, a growing delay, in the database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account
from tiekeeper.services.login_throttle import delay_after, source_of
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"
OWNER = "198.51.100.7"
STRANGER = "203.0.113.66"
Attempt = Callable[[str, str, str], int]


@pytest.fixture
def clock() -> list[datetime]:
    return [NOW]


@pytest.fixture
def attempt(store: Store, clock: list[datetime]) -> Iterator[Attempt]:
    """attempt(address, name, password) -> the login's status, each address its own browser;
    every call builds a new app over the same database (another worker, or after a restart)."""
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    clients: list[TestClient] = []

    def run(address: str, name: str, password: str) -> int:
        app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: clock[0],
                         allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
        client = TestClient(app, client=(address, 50000))
        clients.append(client)
        page = client.get("/login").text
        csrf = page.split('name="csrf" value="')[1].split('"')[0]
        form = {"name": name, "password": password, "csrf": csrf}
        return client.post("/login", data=form, follow_redirects=False).status_code

    yield run
    for c in clients:
        c.close()


def test_a_strangers_wrong_passwords_do_not_keep_the_owner_out(
    attempt: Attempt, clock: list[datetime]
) -> None:
    for minute in range(30):  # half an hour of a stranger trying, at his own pace
        clock[0] = NOW + timedelta(minutes=minute)
        attempt(STRANGER, "ana", f"guess {minute:04}")
    assert attempt(STRANGER, "ana", SECRET) == 429  # the stranger waits ...
    assert attempt(OWNER, "ana", SECRET) == 303  # ... the owner at her address does not


def test_the_owner_who_mistypes_waits_longer_each_time_never_locked(
    attempt: Attempt, clock: list[datetime]
) -> None:
    for _ in range(5):
        assert attempt(OWNER, "ana", "mistyped it") == 403
    assert attempt(OWNER, "ana", SECRET) == 429
    clock[0] = NOW + timedelta(seconds=30)
    assert attempt(OWNER, "ana", "mistyped again") == 403
    clock[0] += timedelta(seconds=59)
    assert attempt(OWNER, "ana", SECRET) == 429  # the delay doubled: 60 s
    clock[0] += timedelta(seconds=1)
    assert attempt(OWNER, "ana", SECRET) == 303


def test_guessing_many_names_from_one_address_is_slowed(attempt: Attempt) -> None:
    for i in range(20):
        assert attempt(STRANGER, f"user{i}", "password1234") == 403
    assert attempt(STRANGER, "someone-else", "password1234") == 429
    assert attempt(OWNER, "ana", SECRET) == 303  # other addresses are not slowed


def test_a_throttled_login_says_when_to_come_back(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app, client=(STRANGER, 1)) as client:
        csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
        for _ in range(6):
            r = client.post("/login", data={"name": "ana", "password": "nope nope", "csrf": csrf})
        assert r.status_code == 429 and r.headers["retry-after"] == "30"
        assert "too many wrong passwords; try again in 30 seconds" in r.text


def test_the_delay_grows_to_a_ceiling() -> None:
    steps = [delay_after(n, 5).total_seconds() for n in range(1, 40)]
    assert steps[:4] == [0, 0, 0, 0] and steps[4:7] == [30, 60, 120]
    assert max(steps) == 900 and steps == sorted(steps)


def test_ipv6_addresses_count_by_their_network() -> None:
    assert source_of("2001:db8::1") == source_of("2001:db8::ffff") == "2001:db8::/64"
    assert source_of("::ffff:192.0.2.1") == "192.0.2.1"
    assert source_of(None) == "unknown"
