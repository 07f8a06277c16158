"""Duplicates and the merge through the API: pairs with their evidence, a dry run that changes
nothing, a merge undone through the trash, errors in the envelope, and no account sees or merges
another's people."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api_accounts import TwoAccounts, two_accounts
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store


def add(client: TestClient, name: str, headers: dict[str, str] | None = None, **kw: Any) -> int:
    r = client.post("/api/v1/people", json={"name": name, **kw}, headers=headers or {})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_a_pair_is_listed_merged_and_the_merge_undone(client: TestClient) -> None:
    keep = add(client, "Ana Lima", emails=["ana@example.com"], company="Nimbus", tags=["mentor"])
    other = add(client, "Ana Lima", emails=["ana.l@home.example"], company="Nimbus",
                tags=["lisbon"])  # fmt: skip
    add(client, "Bo Chen")
    r = client.post("/api/v1/interactions", json={"people": [str(other)], "summary": "coffee"})
    assert r.status_code == 201

    [pair] = client.get("/api/v1/duplicates").json()
    assert {pair["a"]["id"], pair["b"]["id"]} == {keep, other}
    assert pair["score"] > 0 and pair["evidence"]

    body = {"keep": str(keep), "other": str(other), "dry_run": True}
    plan = client.post("/api/v1/merges", json=body)
    assert plan.status_code == 200, plan.text
    assert plan.json()["merged"] is None and plan.json()["dry_run"] is True
    assert plan.json()["plan"]["interactions"] == 1
    assert "ana.l@home.example" in plan.json()["plan"]["gained"]["emails"]
    assert client.get(f"/api/v1/people/{other}").status_code == 200  # nothing changed

    done = client.post("/api/v1/merges", json={"keep": str(keep), "other": str(other)}).json()
    merged = done["merged"]
    assert merged["merged_id"] == other and merged["kept"]["id"] == keep
    assert sorted(merged["kept"]["tags"]) == ["lisbon", "mentor"]
    assert client.get(f"/api/v1/people/{other}").status_code == 404
    assert len(client.get(f"/api/v1/people/{keep}").json()["interactions"]) == 1
    assert client.get("/api/v1/duplicates").json() == []

    back = client.post(f"/api/v1/trash/{merged['trash_id']}/restore")
    assert back.status_code == 200, back.text
    assert client.get(f"/api/v1/people/{other}").json()["tags"] == ["lisbon"]
    assert client.get(f"/api/v1/people/{keep}").json()["interactions"] == []
    assert len(client.get("/api/v1/duplicates").json()) == 1


def test_bad_merges_are_refused_in_the_envelope_and_change_nothing(client: TestClient) -> None:
    ana = add(client, "Ana Lima")
    missing = client.post("/api/v1/merges", json={"keep": str(ana), "other": "999"})
    assert missing.status_code == 404 and missing.json()["error"]["kind"] == "NotFound"
    same = client.post("/api/v1/merges", json={"keep": str(ana), "other": "Ana Lima"})
    assert same.status_code == 422 and same.json()["error"]["field"] == "other"
    for body in ({"keep": str(ana)}, {"keep": "1", "other": "2", "yes": True},
                 {"keep": "", "other": "2"}):  # fmt: skip
        r = client.post("/api/v1/merges", json=body)
        assert r.status_code == 422 and set(r.json()["error"]) >= {"kind", "message", "field"}
    assert [p["id"] for p in client.get("/api/v1/people").json()] == [ana]
    assert client.get("/api/v1/trash").json() == []


def test_a_cross_site_merge_is_refused(client: TestClient) -> None:
    a, b = add(client, "Ana Lima"), add(client, "Ana Lima ")
    r = client.post("/api/v1/merges", json={"keep": str(a), "other": str(b)},
                    headers={"origin": "https://evil.example"})  # fmt: skip
    assert r.status_code == 403
    assert len(client.get("/api/v1/people").json()) == 2


@pytest.fixture
def two(store: Store) -> Iterator[TwoAccounts]:
    with two_accounts(store) as found:
        yield found


def test_no_account_sees_or_merges_anothers_duplicates(two: TwoAccounts) -> None:
    c, h = two.client, two.headers
    keep = add(c, "Zoë Brandt", h["ana"], company="Nimbus")
    other = add(c, "Zoë Brandt", h["ana"], company="Nimbus")
    mine = add(c, "Zoë Brandt", h["bo"], company="Nimbus")  # bo's own, the same name
    assert len(c.get("/api/v1/duplicates", headers=h["ana"]).json()) == 1
    assert c.get("/api/v1/duplicates", headers=h["bo"]).json() == []

    for body in ({"keep": str(keep), "other": str(other)},
                 {"keep": str(mine), "other": str(other)},
                 {"keep": str(mine), "other": str(keep), "dry_run": True}):  # fmt: skip
        r = c.post("/api/v1/merges", json=body, headers=h["bo"])
        assert r.status_code == 404, (body, r.text)
    assert c.get(f"/api/v1/people/{other}", headers=h["ana"]).status_code == 200

    done = c.post("/api/v1/merges", json={"keep": str(keep), "other": str(other)},
                  headers=h["ana"]).json()  # fmt: skip
    restore = f"/api/v1/trash/{done['merged']['trash_id']}/restore"
    assert c.post(restore, headers=h["bo"]).status_code == 404
    assert c.get("/api/v1/trash", headers=h["bo"]).json() == []
    assert c.get(f"/api/v1/people/{mine}", headers=h["bo"]).status_code == 200
    assert c.post("/api/v1/merges", json={"keep": "1", "other": "2"}).status_code == 401
