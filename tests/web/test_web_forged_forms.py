"""Issue 14: a page served on another port of the same machine could create people on the local
server (the Origin check ignored the port; the form token was just a cookie's value, and such a
page can set our cookies). Now the origin must match in scheme, host and port, and a token is
an HMAC of the session or browser, under a key only the server has."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from starlette.testclient import TestClient
from webforms import everyone, token

from tiekeeper.services.accounts import add_account
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

OURS = "http://127.0.0.1:8765"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


@pytest.fixture
def local(store: Store) -> Iterator[TestClient]:
    """The local server as a browser reaches it at 127.0.0.1:8765, on both backends."""
    app = create_app(store, today=lambda: date(2026, 11, 26), allowed_hosts=["127.0.0.1"])
    with TestClient(app, base_url=OURS) as client:
        yield client


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:9999",
        "http://127.0.0.1",
        "https://127.0.0.1:8765",
        "http://localhost:8765",
    ],
)
def test_a_form_from_another_origin_of_this_machine_is_refused(
    local: TestClient, origin: str
) -> None:
    sent = {"csrf": token(local), "name": "Mallory"}
    assert local.post("/people", data=sent, headers={"origin": origin}).status_code == 403
    api = local.post("/api/v1/people", json={"name": "Mallory"}, headers={"origin": origin})
    assert api.status_code == 403
    assert everyone(local) == []


def test_a_form_from_our_own_origin_goes_through(local: TestClient) -> None:
    sent = {"csrf": token(local), "name": "Ada"}
    made = local.post("/people", data=sent, headers={"origin": OURS}, follow_redirects=False)
    assert made.status_code == 303
    assert [p["name"] for p in everyone(local)] == ["Ada"]


def test_a_planted_form_token_cookie_does_not_let_a_forged_form_through(local: TestClient) -> None:
    """Another port's page replaces (or floods out) tk_csrf with a value it knows and posts that
    value as the form's token: what the cookie holds is no token."""
    token(local)  # the browser has been here before
    local.cookies.clear()
    local.cookies.set("tk_csrf", "chosen-by-the-attacker", domain="127.0.0.1")
    page = local.post("/people", data={"csrf": "chosen-by-the-attacker", "name": "Mallory"})
    assert page.status_code == 403
    assert everyone(local) == []


def test_the_token_of_one_browser_does_not_work_in_another(local: TestClient, store: Store) -> None:
    mine = token(local)
    app = create_app(store, today=lambda: date(2026, 11, 26), allowed_hosts=["127.0.0.1"])
    with TestClient(app, base_url=OURS) as other:
        token(other)  # its own tk_csrf cookie
        assert other.post("/people", data={"csrf": mine, "name": "Mallory"}).status_code == 403
    assert everyone(local) == []


def test_tokens_hold_across_workers_and_restarts(local: TestClient, store: Store) -> None:
    """The signing key is in the database: a second app over it accepts the first one's token."""
    sent = {"csrf": token(local), "name": "Ada"}
    app = create_app(store, today=lambda: date(2026, 11, 26), allowed_hosts=["127.0.0.1"])
    with TestClient(app, base_url=OURS, cookies=dict(local.cookies.items())) as again:
        assert again.post("/people", data=sent, follow_redirects=False).status_code == 303
    assert [p["name"] for p in everyone(local)] == ["Ada"]


def test_in_server_mode_the_token_belongs_to_the_session(store: Store) -> None:
    """Bo, another member, copies his own session's token into a form aimed at Ana's browser."""
    accounts = AccountStore(store.engine)
    for name in ("ana", "bo"):
        add_account(accounts, name, SECRET, NOW)

    def logged_in(name: str) -> TestClient:
        app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                         allowed_hosts=["127.0.0.1"], accounts=accounts)  # fmt: skip
        client = TestClient(app, base_url=OURS)
        login = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
        done = client.post("/login", data={"name": name, "password": SECRET, "csrf": login},
                           follow_redirects=False)  # fmt: skip
        assert done.status_code == 303
        return client

    with logged_in("ana") as ana, logged_in("bo") as bo:
        bos_token = token(bo)
        forged = ana.post("/people", data={"csrf": bos_token, "name": "Mallory"})
        assert forged.status_code == 403
        assert everyone(ana) == []
        ok = ana.post("/people", data={"csrf": token(ana), "name": "Ada"}, follow_redirects=False)
        assert ok.status_code == 303
