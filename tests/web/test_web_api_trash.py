"""Deleting through the API: to the trash and back, erase for good, and no account can touch
another's people, interactions or trash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def add(client: TestClient, name: str, **kw: Any) -> dict[str, Any]:
    r = client.post("/api/v1/people", json={"name": name, **kw})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_delete_restore_and_erase_through_the_api(client: TestClient) -> None:
    ana = add(client, "Ana Lima", tags=["mentor"])
    bo = add(client, "Bo Chen")
    r = client.post("/api/v1/interactions", json={"people": ["Ana Lima", "Bo Chen"],
                    "when": "2026-11-01", "summary": "Lisbon plans"})  # fmt: skip
    shared = r.json()["interaction"]["id"]
    before = client.get(f"/api/v1/people/{bo['id']}").json()

    gone = client.delete(f"/api/v1/people/{ana['id']}")
    assert gone.status_code == 200 and gone.json()["label"] == "Ana Lima"
    assert client.get(f"/api/v1/people/{ana['id']}").status_code == 404
    assert [p["name"] for p in client.get("/api/v1/people").json()] == ["Bo Chen"]
    [entry] = client.get("/api/v1/trash").json()
    assert entry["kind"] == "person" and entry["id"] == ana["id"]

    back = client.post(f"/api/v1/trash/{entry['trash_id']}/restore")
    assert back.status_code == 200 and back.json()["people"] == [ana["id"]]
    assert client.get(f"/api/v1/people/{bo['id']}").json() == before
    assert client.get("/api/v1/people/Ana Lima").json()["tags"] == ["mentor"]

    assert client.delete(f"/api/v1/interactions/{shared}").status_code == 200
    assert client.get(f"/api/v1/people/{bo['id']}").json()["interactions"] == []
    assert client.delete("/api/v1/trash?older_than=1d").json() == {"erased": 0}
    assert client.delete("/api/v1/trash").json() == {"erased": 1}

    erased = client.post(f"/api/v1/people/{ana['id']}/erase")
    assert erased.json() == {"id": ana["id"], "name": "Ana Lima", "trash_entries_dropped": 0}
    assert client.get("/api/v1/search?q=Lima").json() == []
    assert client.get("/api/v1/trash").json() == []


def test_unknown_ids_are_404_and_bad_ages_422(client: TestClient) -> None:
    for method, url in (
        ("delete", "/api/v1/people/999"),
        ("delete", "/api/v1/interactions/999"),
        ("delete", "/api/v1/events/999"),
        ("delete", "/api/v1/opportunities/999"),
        ("delete", "/api/v1/posts/999"),
        ("post", "/api/v1/trash/999/restore"),
        ("post", "/api/v1/people/999/erase"),
    ):
        assert getattr(client, method)(url).status_code == 404, url
    bad = client.delete("/api/v1/trash?older_than=soon")
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "older-than"


def test_a_cross_site_delete_is_refused(client: TestClient) -> None:
    ana = add(client, "Ana Lima")
    r = client.delete(f"/api/v1/people/{ana['id']}", headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    assert client.get(f"/api/v1/people/{ana['id']}").status_code == 200


@pytest.fixture
def two_accounts(store: Store) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    accounts = AccountStore(store.engine)
    headers = {}
    for name in ("ana", "bo"):
        add_account(accounts, name, "correct horse battery", NOW)
        token = new_api_token(accounts, name, "tests", NOW)
        headers[name] = {"authorization": f"Bearer {token}"}
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        yield client, headers


def test_no_account_deletes_restores_or_erases_anothers_data(
    two_accounts: tuple[TestClient, dict[str, dict[str, str]]],
) -> None:
    client, h = two_accounts
    mine = client.post("/api/v1/people", json={"name": "Zoë Brandt"}, headers=h["ana"]).json()
    ix = client.post("/api/v1/interactions", json={"people": [str(mine["id"])]},
                     headers=h["ana"]).json()["interaction"]["id"]  # fmt: skip
    other = client.post("/api/v1/people", json={"name": "Yan Ode"}, headers=h["ana"]).json()
    assert client.delete(f"/api/v1/people/{mine['id']}", headers=h["bo"]).status_code == 404
    assert client.post(f"/api/v1/people/{mine['id']}/erase", headers=h["bo"]).status_code == 404
    assert client.delete(f"/api/v1/interactions/{ix}", headers=h["bo"]).status_code == 404
    entry = client.delete(f"/api/v1/people/{other['id']}", headers=h["ana"]).json()
    assert client.get("/api/v1/trash", headers=h["bo"]).json() == []
    restore = f"/api/v1/trash/{entry['trash_id']}/restore"
    assert client.post(restore, headers=h["bo"]).status_code == 404
    assert client.delete("/api/v1/trash", headers=h["bo"]).json() == {"erased": 0}
    assert len(client.get("/api/v1/trash", headers=h["ana"]).json()) == 1
    assert client.get(f"/api/v1/people/{mine['id']}", headers=h["ana"]).status_code == 200
    assert client.delete("/api/v1/people/1", headers={}).status_code == 401
