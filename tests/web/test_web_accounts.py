"""The multi-user server: every request needs a session or a token, and each account sees only
its own people, agenda and search results."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


@pytest.fixture
def server(store: Store) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """The app in accounts mode with two accounts; their API tokens by name."""
    accounts = AccountStore(store.engine)
    tokens = {}
    for name in ("ana", "bo"):
        add_account(accounts, name, SECRET, NOW)
        tokens[name] = new_api_token(accounts, name, "tests", NOW)
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        yield client, tokens


def as_(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_the_api_requires_a_token(server: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = server
    r = client.get("/api/v1/people")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/people", headers=as_("tk_forged")).status_code == 401
    assert client.post("/api/v1/people", json={"name": "Eve"}).status_code == 401


def test_each_account_sees_only_its_own_data(server: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = server
    made = client.post("/api/v1/people", json={"name": "Zoë Brandt", "cadence": "weekly"},
                       headers=as_(tokens["ana"])).json()  # fmt: skip
    client.post("/api/v1/interactions", json={"people": [str(made["id"])], "when": "2026-10-01",
                "topics": ["kayaking"]}, headers=as_(tokens["ana"]))  # fmt: skip
    ana, bo = as_(tokens["ana"]), as_(tokens["bo"])
    assert [p["name"] for p in client.get("/api/v1/people", headers=ana).json()] == ["Zoë Brandt"]
    assert client.get("/api/v1/people", headers=bo).json() == []
    assert client.get(f"/api/v1/people/{made['id']}", headers=bo).status_code == 404
    assert client.patch(f"/api/v1/people/{made['id']}", json={"company": "X"},
                        headers=bo).status_code == 404  # fmt: skip
    assert client.get("/api/v1/search?q=kayak", headers=bo).json() == []
    assert client.get("/api/v1/search?q=kayak", headers=ana).json() != []
    assert client.get("/api/v1/today", headers=bo).json()["items"] == []
    assert client.get("/api/v1/today", headers=ana).json()["items"][0]["person"] == "Zoë Brandt"


def test_a_browser_logs_in_and_out(server: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = server
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/"
    form = client.get("/login?next=/")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    wrong = client.post("/login", data={"name": "ana", "password": "nope nope nope", "csrf": csrf})
    assert wrong.status_code == 403 and "wrong account name or password" in wrong.text
    done = client.post("/login", data={"name": "ana", "password": SECRET, "csrf": csrf,
                       "next": "/"}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/people").status_code == 200  # the session works for the API too
    # the token of the login page belonged to the browser; a logged-in page's to the session
    assert client.post("/logout", data={"csrf": csrf}).status_code == 403
    csrf = client.get("/").text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/logout", data={"csrf": csrf})
    assert client.get("/api/v1/people").status_code == 401


def test_login_needs_the_form_token_and_stays_on_this_site(
    server: tuple[TestClient, dict[str, str]],
) -> None:
    client, _ = server
    form = client.get("/login")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    assert client.post("/login", data={"name": "ana", "password": SECRET}).status_code == 403
    away = client.post("/login", data={"name": "ana", "password": SECRET, "csrf": csrf,
                       "next": "//evil.example/"}, follow_redirects=False)  # fmt: skip
    assert away.headers["location"] == "/"


def test_five_wrong_passwords_make_that_address_wait_a_while(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", SECRET, NOW)
    clock = [NOW]
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: clock[0],
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        csrf = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]

        def attempt(password: str) -> str:
            r = client.post("/login", data={"name": "ana", "password": password, "csrf": csrf},
                            follow_redirects=False)  # fmt: skip
            return "in" if r.status_code == 303 else r.text

        for _ in range(5):
            assert "wrong account name or password" in attempt("not the password")
        assert "too many wrong passwords; try again in 30 seconds" in attempt(SECRET)
        clock[0] = NOW + timedelta(seconds=30)
        assert attempt(SECRET) == "in"  # the wait has passed
