"""Issue 14: sessions outlived a password change, and API tokens never expired. Now a password
change logs the account out everywhere, tokens may carry an expiry (refused with 401 after it),
and their last use is noted (to the minute: a busy script does not write on every request)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.accounts import (
    add_account,
    api_tokens,
    new_api_token,
    set_password,
    token_expiry,
)
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


def app_over(store: Store, accounts: AccountStore, clock: list[datetime]) -> TestClient:
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: clock[0],
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    return TestClient(app)


def log_in(client: TestClient, name: str, password: str) -> None:
    csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
    done = client.post("/login", data={"name": name, "password": password, "csrf": csrf},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303, done.text


def test_a_password_change_ends_the_accounts_sessions(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    add_account(accounts, "bo", SECRET, NOW)
    clock = [NOW]
    with (
        app_over(store, accounts, clock) as laptop,
        app_over(store, accounts, clock) as stolen,
        app_over(store, accounts, clock) as bo,
    ):
        for client, name in ((laptop, "ana"), (stolen, "ana"), (bo, "bo")):
            log_in(client, name, SECRET)
        assert set_password(accounts, "ana", "a new long password") == 2
        assert stolen.get("/api/v1/people").status_code == 401
        assert laptop.get("/api/v1/people").status_code == 401
        assert bo.get("/api/v1/people").status_code == 200  # other accounts keep theirs
        log_in(laptop, "ana", "a new long password")
        assert laptop.get("/api/v1/people").status_code == 200


def test_an_expired_token_is_refused_with_401(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    clock = [NOW]
    api = new_api_token(accounts, "ana", "ci", NOW, expires=NOW + timedelta(days=90))
    feed = new_api_token(accounts, "ana", "phone", NOW, "calendar", NOW + timedelta(days=1))
    forever = new_api_token(accounts, "ana", "backup", NOW)
    with app_over(store, accounts, clock) as client:
        as_api = {"authorization": f"Bearer {api}"}
        assert client.get("/api/v1/people", headers=as_api).status_code == 200
        assert client.get(f"/feeds/{feed}/calendar.ics").status_code == 200
        clock[0] = NOW + timedelta(days=90)
        r = client.get("/api/v1/people", headers=as_api)
        assert r.status_code == 401 and r.json()["error"]["kind"] == "LoginRequired"
        assert client.get(f"/feeds/{feed}/calendar.ics").status_code == 401
        as_forever = {"authorization": f"Bearer {forever}"}
        assert client.get("/api/v1/people", headers=as_forever).status_code == 200
    expiries = {t.label: t.expires_at for t in api_tokens(accounts, "ana")}
    assert expiries == {"ci": NOW + timedelta(days=90), "phone": NOW + timedelta(days=1),
                        "backup": None}  # fmt: skip


def test_the_last_use_of_a_token_is_noted_to_the_minute(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    clock = [NOW]
    api = new_api_token(accounts, "ana", "ci", NOW)
    [row] = api_tokens(accounts, "ana")
    assert row.last_used_at is None
    with app_over(store, accounts, clock) as client:
        for seconds in (0, 30, 59):
            clock[0] = NOW + timedelta(seconds=seconds)
            client.get("/api/v1/people", headers={"authorization": f"Bearer {api}"})
            [row] = api_tokens(accounts, "ana")
            assert row.last_used_at == NOW
        clock[0] = NOW + timedelta(minutes=5)
        client.get("/api/v1/people", headers={"authorization": f"Bearer {api}"})
    [row] = api_tokens(accounts, "ana")
    assert row.last_used_at == NOW + timedelta(minutes=5)


def test_an_expiry_is_a_span_or_a_day() -> None:
    assert token_expiry("90d", NOW) == NOW + timedelta(days=90)
    assert token_expiry("12w", NOW) == NOW + timedelta(weeks=12)
    assert token_expiry("1y", NOW) == NOW + timedelta(days=365)
    assert token_expiry("2027-06-30", NOW) == datetime(2027, 6, 30, tzinfo=UTC)
    assert token_expiry("in 3 months", NOW) == datetime(2027, 2, 26, tzinfo=UTC)
    for bad in ("0d", "soon"):
        with pytest.raises(InvalidInput) as refused:
            token_expiry(bad, NOW)
        assert refused.value.field == "expires"


def test_an_expiry_in_the_past_is_refused(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    with pytest.raises(InvalidInput, match="expires: the expiry must be in the future"):
        new_api_token(accounts, "ana", "ci", NOW, expires=token_expiry("2026-01-01", NOW))
    assert api_tokens(accounts, "ana") == []
