"""The network through the API: a tie explained, warm paths, dormant ties to revive, who knows
whom, who to help and introductions; errors in the envelope; and no account reads or links
another's people."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api_accounts import TwoAccounts, two_accounts
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store

H = dict[str, str]


def add(client: TestClient, name: str, headers: H | None = None, **kw: Any) -> int:
    r = client.post("/api/v1/people", json={"name": name, **kw}, headers=headers or {})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def log(client: TestClient, who: int, when: str, headers: H | None = None) -> None:
    r = client.post("/api/v1/interactions", headers=headers or {},
                    json={"people": [str(who)], "when": when, "topics": ["design"]})  # fmt: skip
    assert r.status_code == 201, r.text


def test_a_tie_explained_and_the_knows_edges_behind_a_warm_path(client: TestClient) -> None:
    ana = add(client, "Ana Lima", closeness=4)
    bo = add(client, "Bo Chen", company="Nimbus")
    log(client, ana, "2026-11-01")

    tie = client.get(f"/api/v1/people/{ana}/tie")
    assert tie.status_code == 200, tie.text
    t = tie.json()
    assert t["person_id"] == ana and t["interactions"] == 1 and t["last_topics"] == ["design"]
    assert t["components"]["closeness"] is not None and t["reasons"] and t["sources"]
    assert t["knows"] == []

    knows = client.put(f"/api/v1/people/{ana}/knows/{bo}", json={"strength": 4})
    assert knows.json() == {"a": ana, "b": bo, "strength": 4, "removed": False}
    [k] = client.get("/api/v1/people/Ana Lima/tie").json()["knows"]
    assert k["person_id"] == bo and not k["inferred"]

    paths = client.get("/api/v1/paths", params={"to": "Nimbus"}).json()
    assert paths["kind"] == "company" and paths["people"] == 1
    best = paths["paths"][0]
    assert (best["via_id"], best["target_id"]) == (ana, bo)

    gone = client.delete(f"/api/v1/people/{ana}/knows/{bo}")
    assert gone.json() == {"a": ana, "b": bo, "strength": None, "removed": True}
    assert client.get(f"/api/v1/people/{ana}/tie").json()["knows"] == []
    again = client.delete(f"/api/v1/people/{ana}/knows/{bo}")
    assert again.status_code == 404 and again.json()["error"]["kind"] == "NotFound"


def test_dormant_ties_help_and_introductions(client: TestClient) -> None:
    old = add(client, "Cleo Park", closeness=4)
    log(client, old, "2022-03-01")
    log(client, old, "2021-06-01")
    needy = add(client, "Dan Ruiz", needs="looking for a designer")
    assert [r["person_id"] for r in client.get("/api/v1/reconnect").json()] == [old]
    assert client.get("/api/v1/reconnect?limit=1").json()[0]["dormant_days"] > 3 * 365

    pick = client.get("/api/v1/help-someone").json()
    assert pick["person_id"] == needy and pick["need"] == "looking for a designer"

    made = client.post("/api/v1/introductions", json={"a": str(old), "b": "Dan Ruiz",
                                                      "note": "both into design"})  # fmt: skip
    assert made.status_code == 201, made.text
    body = made.json()
    assert [p["id"] for p in body["people"]] == [old, needy]
    assert body["summary"] == "both into design" and body["date"] == "2026-11-26"
    [k] = client.get(f"/api/v1/people/{old}/tie").json()["knows"]
    assert k["person_id"] == needy
    assert client.get(f"/api/v1/interactions/{body['interaction_id']}").status_code == 200


def test_help_someone_is_null_without_needs(client: TestClient) -> None:
    add(client, "Ana Lima")
    r = client.get("/api/v1/help-someone")
    assert r.status_code == 200 and r.json() is None


def test_bad_network_requests_are_refused_in_the_envelope(client: TestClient) -> None:
    ana = add(client, "Ana Lima")
    add(client, "Ana Lima")  # two of the name: ambiguous
    bo = add(client, "Bo Chen")
    cases = [
        ("get", "/api/v1/people/999/tie", None, 404, None),
        ("get", "/api/v1/people/Ana Lima/tie", None, 409, None),
        ("get", "/api/v1/paths?to=Nowhere Inc", None, 404, None),
        ("get", "/api/v1/paths?to=", None, 422, "to"),
        ("get", "/api/v1/reconnect?limit=0", None, 422, "limit"),
        ("put", f"/api/v1/people/{ana}/knows/{ana}", {}, 422, "b"),
        ("put", f"/api/v1/people/{ana}/knows/{bo}", {"strength": 9}, 422, "strength"),
        ("put", f"/api/v1/people/{ana}/knows/999", {}, 404, None),
        ("delete", f"/api/v1/people/{ana}/knows/{bo}", None, 404, None),
        ("post", "/api/v1/introductions", {"a": str(ana), "b": str(ana)}, 422, "person"),
        ("post", "/api/v1/introductions", {"a": str(ana), "b": "999"}, 404, None),
        ("post", "/api/v1/introductions", {"a": str(ana), "b": str(bo), "date": "soon"}, 422,
         "date"),
    ]  # fmt: skip
    for method, url, body, status, field in cases:
        kw = {} if body is None else {"json": body}
        r = client.request(method.upper(), url, **kw)
        assert r.status_code == status, (url, r.text)
        error = r.json()["error"]
        assert error["kind"] and error["message"]
        if field:
            assert error["field"] == field, (url, error)
    assert client.get(f"/api/v1/people/{ana}/tie").json()["knows"] == []
    assert client.get(f"/api/v1/people/{ana}").json()["interactions"] == []


def test_a_cross_site_knows_edge_is_refused(client: TestClient) -> None:
    ana, bo = add(client, "Ana Lima"), add(client, "Bo Chen")
    r = client.put(f"/api/v1/people/{ana}/knows/{bo}", json={},
                   headers={"origin": "https://evil.example"})  # fmt: skip
    assert r.status_code == 403
    assert client.get(f"/api/v1/people/{ana}/tie").json()["knows"] == []


@pytest.fixture
def two(store: Store) -> Iterator[TwoAccounts]:
    with two_accounts(store) as found:
        yield found


def test_no_account_reads_or_links_anothers_people(two: TwoAccounts) -> None:
    c, h = two.client, two.headers
    zoe = add(c, "Zoë Brandt", h["ana"], company="Orbit", needs="a designer", closeness=4)
    yan = add(c, "Yan Ode", h["ana"])
    log(c, zoe, "2021-01-10", h["ana"])
    mine = add(c, "Xu Li", h["bo"])
    assert c.put(f"/api/v1/people/{zoe}/knows/{yan}", json={}, headers=h["ana"]).status_code == 200

    for method, url, body in (
        ("get", f"/api/v1/people/{zoe}/tie", None),
        ("get", "/api/v1/paths?to=Orbit", None),
        ("get", "/api/v1/paths?to=Zoë Brandt", None),
        ("put", f"/api/v1/people/{mine}/knows/{zoe}", {}),
        ("delete", f"/api/v1/people/{zoe}/knows/{yan}", None),
        ("post", "/api/v1/introductions", {"a": str(mine), "b": str(zoe)}),
    ):
        kw = {} if body is None else {"json": body}
        r = c.request(method.upper(), url, headers=h["bo"], **kw)
        assert r.status_code == 404, (url, r.text)
    assert c.get("/api/v1/reconnect", headers=h["bo"]).json() == []
    assert c.get("/api/v1/help-someone", headers=h["bo"]).json() is None
    assert [r["person_id"] for r in c.get("/api/v1/reconnect", headers=h["ana"]).json()] == [zoe]
    [k] = c.get(f"/api/v1/people/{zoe}/tie", headers=h["ana"]).json()["knows"]
    assert k["person_id"] == yan  # bo's DELETE left it
    assert c.get(f"/api/v1/people/{mine}", headers=h["bo"]).json()["interactions"] == []
    assert c.get("/api/v1/reconnect").status_code == 401
