"""The digest on /settings and /api/v1/digest: a form for the schedule, the recent sends with
failures shown clearly, in local mode and per account on the multi-user server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from starlette.testclient import TestClient
from webforms import token

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.services.digests.due import run_due
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.digests import DigestStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


def refusing(to: str, subject: str, text: str) -> str:
    raise OSError("550 5.1.1 mailbox unavailable")


def accepting(to: str, subject: str, text: str) -> str:
    return f"<{to}.digest@example.com>"


def schedule(client: TestClient, **fields: str) -> object:
    data = {"csrf": token(client), "to": "me@example.com", "time": "07:30", "day": "",
            "tz": "Europe/Berlin"} | fields  # fmt: skip
    return client.post("/settings/digest", data=data, follow_redirects=False)


def test_local_mode_schedules_shows_and_stops_the_digest(client: TestClient, store: Store) -> None:
    page = client.get("/settings").text
    assert "Digest by e-mail" in page and "Not scheduled." in page
    done = schedule(client)
    assert (
        done.status_code == 303
        and done.headers["location"] == "/settings?notice=digest-saved#digest"
    )  # type: ignore[attr-defined]
    page = client.get("/settings").text
    assert "every day at 07:30 (Europe/Berlin)" in page and 'value="me@example.com"' in page
    # a refused send is on the page, clearly
    # the local app's clock is the real one: the schedule starts from now
    run_due(DigestStore(store.engine), datetime.now(UTC) + timedelta(days=2), refusing)
    page = client.get("/settings").text
    assert 'role="alert"><strong>Not sent:</strong> the daily 20' in page
    assert "mailbox unavailable" in page and "FAILED (attempt 1 of 5)" in page
    stop = client.post("/settings/digest", data={"csrf": token(client), "off": "1"},
                       follow_redirects=False)  # fmt: skip
    assert stop.status_code == 303
    page = client.get("/settings").text
    assert "Not scheduled." in page and "to me@example.com" in page  # the history stays


@pytest.mark.parametrize(
    ("fields", "says"),
    [({"time": "25:00"}, "Time: &#39;25:00&#39; is not a time of day"),
     ({"tz": "Mars/Base"}, "Time zone: &#39;Mars/Base&#39; is not a time zone"),
     ({"to": "nope"}, "Send to: &#39;nope&#39; is not an e-mail address"),
     ({"day": "FUN"}, "Day: &#39;FUN&#39; is not a day of the week")],
)  # fmt: skip
def test_a_refused_form_names_the_field_and_keeps_the_schedule(
    sqlite_client: TestClient, fields: dict[str, str], says: str
) -> None:
    schedule(sqlite_client)
    bad = schedule(sqlite_client, **fields)
    assert bad.status_code == 422  # type: ignore[attr-defined]
    assert says in bad.text and 'aria-invalid="true"' in bad.text  # type: ignore[attr-defined]
    assert "every day at 07:30 (Europe/Berlin)" in sqlite_client.get("/settings").text


@pytest.fixture
def server(store: Store) -> Iterator[tuple[TestClient, dict[str, str]]]:
    accounts = AccountStore(store.engine)
    tokens = {}
    for name in ("ana", "bo"):
        add_account(accounts, name, SECRET, NOW)
        tokens[name] = new_api_token(accounts, name, "tests", NOW)
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as c:
        yield c, tokens


def login(client: TestClient, name: str) -> None:
    page = client.get("/login?next=/")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    done = client.post("/login", data={"name": name, "password": SECRET, "csrf": csrf,
                       "next": "/"}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303


def test_each_account_sees_only_its_own_digest(
    server: tuple[TestClient, dict[str, str]], store: Store
) -> None:
    client, tokens = server
    ana, bo = ({"authorization": f"Bearer {tokens[n]}"} for n in ("ana", "bo"))
    put = client.put("/api/v1/digest", headers=ana, json={"to": "ana@example.com",
                     "time": "07:30", "day": "MON", "tz": "Europe/Berlin"})  # fmt: skip
    assert put.status_code == 200, put.text
    want = {"to": "ana@example.com", "time": "07:30", "tz": "Europe/Berlin", "weekday": "MON",
            "kind": "weekly"}  # fmt: skip
    assert put.json()["schedule"] == want
    run_due(DigestStore(store.engine), datetime(2026, 11, 30, 6, 31, tzinfo=UTC), refusing)
    mine = client.get("/api/v1/digest", headers=ana).json()
    assert [s["status"] for s in mine["sends"]] == ["failed"]
    assert "mailbox unavailable" in mine["sends"][0]["error"]
    theirs = client.get("/api/v1/digest", headers=bo).json()
    assert theirs == {"schedule": None, "next_at": None, "sends": []}
    assert client.delete("/api/v1/digest", headers=bo).status_code == 204  # bo's, not ana's
    assert client.get("/api/v1/digest", headers=ana).json()["schedule"] is not None
    login(client, "bo")
    page = client.get("/settings").text
    assert "ana@example.com" not in page and "Not sent" not in page and "None sent yet." in page
    schedule(client, to="bo@example.com")
    assert client.get("/api/v1/digest", headers=ana).json()["schedule"]["to"] == "ana@example.com"
    client.cookies.clear()
    login(client, "ana")
    page = client.get("/settings").text
    assert "Not sent:" in page and "bo@example.com" not in page


def test_the_api_refuses_a_bad_schedule(server: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = server
    ana = {"authorization": f"Bearer {tokens['ana']}"}
    for bad in ({"time": "24:00"}, {"tz": "Mars/Base"}, {"to": ".a@b.de"}, {"day": "FUN"}):
        body = {"to": "ana@example.com", "time": "07:30", "tz": "UTC"} | bad
        assert client.put("/api/v1/digest", headers=ana, json=body).status_code == 422
    assert client.get("/api/v1/digest", headers=ana).json()["schedule"] is None
