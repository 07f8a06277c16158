"""Guessing app passwords over DAV is slowed like guessing the password on /login: the same
database-backed counts per account+address (services/login_throttle.py), so a stranger's wrong
guesses delay the stranger's address only, and the web login and DAV share one count."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, Protocol

import pytest
from starlette.testclient import TestClient

from tiekeeper.services.login_throttle import FIRST_DELAY, PAIR_FREE
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

OWNER = "198.51.100.7"
STRANGER = "203.0.113.66"
PROPFIND = {"Depth": "0", "Content-Type": "application/xml"}


class Client(Protocol):
    def __call__(self, address: str, *, accounts: bool = True) -> TestClient: ...


@pytest.fixture
def clock(dav: Any) -> list[datetime]:
    return [dav.now]


@pytest.fixture
def client(store: Store, dav: Any, clock: list[datetime]) -> Iterator[Client]:
    """client(address): a fresh app over the same database (another worker) as seen from there."""
    made: list[TestClient] = []

    def make(address: str, *, accounts: bool = True) -> TestClient:
        users = AccountStore(store.engine) if accounts else None
        app = create_app(store, today=lambda: clock[0].date(), now=lambda: clock[0],
                         allowed_hosts=["testserver"], accounts=users)  # fmt: skip
        c = TestClient(app, client=(address, 50000))
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def _answer(c: TestClient, name: str, secret: str) -> Any:
    return c.request("PROPFIND", f"/dav/{name}/contacts/", headers=PROPFIND, auth=(name, secret))


def _book(c: TestClient, name: str, secret: str) -> int:
    return int(_answer(c, name, secret).status_code)


def _throttled(c: TestClient, name: str, secret: str) -> None:
    """429 with when to come back, in words a phone shows: not the 401 of a wrong password."""
    r = _answer(c, name, secret)
    assert r.status_code == 429, r.text
    assert int(r.headers["retry-after"]) > 0
    assert "too many wrong passwords; try again in" in r.text


def test_wrong_dav_passwords_slow_that_account_from_that_address_only(
    store: Store, dav: Any, client: Client, clock: list[datetime]
) -> None:
    dav.account(store, "ana")
    token = dav.token(store, "ana")
    for n in range(PAIR_FREE):
        assert _book(client(STRANGER), "ana", f"tk_guess{n:04}") == 401
    # the stranger now waits, even with the right app password (it is not even checked) ...
    _throttled(client(STRANGER), "ana", token)
    # ... while the owner, at their own address, is not slowed at all
    assert _book(client(OWNER), "ana", token) == 207
    assert _book(client(OWNER), "ana", dav.password) == 207
    # the web login shares the count: the stranger's next password on /login waits too
    web = client(STRANGER)
    page = web.get("/login").text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    form = {"name": "ana", "password": dav.password, "csrf": csrf}
    assert web.post("/login", data=form, follow_redirects=False).status_code == 429
    # once the delay is over the right app password works again from there
    clock[0] = dav.now + FIRST_DELAY + timedelta(seconds=1)
    assert _book(client(STRANGER), "ana", token) == 207


def test_a_right_login_starts_the_count_afresh(store: Store, dav: Any, client: Client) -> None:
    dav.account(store, "ana")
    token = dav.token(store, "ana")
    for _ in range(2):  # mistypes, then the right one, again and again: never slowed
        for n in range(PAIR_FREE - 1):
            assert _book(client(OWNER), "ana", f"mistyped {n}") == 401
        assert _book(client(OWNER), "ana", token) == 207


def test_local_mode_app_passwords_are_throttled_too(store: Store, dav: Any, client: Client) -> None:
    token = dav.token(store)
    local = client(OWNER, accounts=False)
    for n in range(PAIR_FREE):
        assert _book(local, "local", f"tk_guess{n:04}") == 401
    _throttled(local, "local", token)
    assert _book(client(STRANGER, accounts=False), "local", token) == 207
