"""The JSON API: the same use cases as the CLI, the same JSON shapes, errors as 404/409/422/403,
and no change at all when a request is refused."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient


def add(client: TestClient, name: str, **fields: Any) -> dict[str, Any]:
    r = client.post("/api/v1/people", json={"name": name, **fields})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def everyone(client: TestClient) -> list[dict[str, Any]]:
    return client.get("/api/v1/people").json()  # type: ignore[no-any-return]


def test_a_person_added_through_the_api_is_listed_shown_and_edited(client: TestClient) -> None:
    ana = add(client, "Ana Lima", emails=["ana@example.com"], tags=["mentor"], closeness=4,
              birthday="03-14", cadence="monthly", company="Acme")  # fmt: skip
    assert ana["tags"] == ["mentor"] and ana["cadence_days"] == 30 and ana["birthday"] == "--03-14"
    add(client, "Bo Chen", company="Globex")
    assert [p["name"] for p in client.get("/api/v1/people?tag=mentor").json()] == ["Ana Lima"]
    shown = client.get("/api/v1/people/ana@example.com").json()
    assert shown["id"] == ana["id"] and shown["next_birthday"] == "2027-03-14"
    assert shown["interactions"] == [] and shown["follow_ups"] == []
    changed = client.patch(f"/api/v1/people/{ana['id']}", json={"tags": ["investor"],
                           "untags": ["mentor"], "position": "CTO"}).json()  # fmt: skip
    assert changed["tags"] == ["investor"] and changed["position"] == "CTO"
    clear = {"network_type": "", "closeness": 0, "remove_emails": ["ana@example.com"]}
    cleared = client.patch(f"/api/v1/people/{ana['id']}", json=clear).json()
    assert (cleared["type"], cleared["closeness"], cleared["emails"]) == (None, None, [])


def test_unknown_and_ambiguous_people_are_404_and_409(client: TestClient) -> None:
    add(client, "Kim Park", company="Acme")
    add(client, "Kim Park", company="Globex")
    missing = client.get("/api/v1/people/999")
    assert missing.status_code == 404 and missing.json()["error"]["kind"] == "NotFound"
    ambiguous = client.get("/api/v1/people/kim park")
    assert ambiguous.status_code == 409
    assert "Acme" in ambiguous.json()["error"]["message"]


def test_bad_input_names_the_field_and_changes_nothing(client: TestClient) -> None:
    ana = add(client, "Ana Lima")
    before = everyone(client)
    cases = [
        ("post", "/api/v1/people", {"name": "Bo", "birthday": "02-30"}, "birthday"),
        ("post", "/api/v1/people", {"name": "Bo", "closeness": 9}, "closeness"),
        ("post", "/api/v1/people", {"name": "Bo", "shoe_size": 44}, "shoe_size"),
        ("patch", f"/api/v1/people/{ana['id']}", {"cadence": "sometimes"}, "cadence"),
        ("post", "/api/v1/interactions", {"people": ["Ana Lima"], "when": "someday"}, "date"),
        ("post", "/api/v1/interactions", {"people": []}, "people"),
    ]
    for method, url, body, field in cases:
        r = getattr(client, method)(url, json=body)
        assert r.status_code == 422, (url, body, r.text)
        assert r.json()["error"]["field"] == field, r.json()
    assert client.get("/api/v1/today?minutes=0").json()["error"]["field"] == "minutes"
    assert everyone(client) == before


def test_logging_restarts_the_cadence_and_its_follow_up_reaches_today(client: TestClient) -> None:
    add(client, "Ana Lima", cadence="weekly")
    add(client, "Bo Chen")
    logged = client.post("/api/v1/interactions", json={
        "people": ["Ana Lima", "Bo Chen"], "when": "2026-11-20", "channel": "coffee",
        "topics": ["career change"], "follow_up": "2026-11-24", "action": "send the deck",
    })  # fmt: skip
    assert logged.status_code == 201, logged.text
    body = logged.json()
    assert [p["name"] for p in body["interaction"]["people"]] == ["Ana Lima", "Bo Chen"]
    assert body["follow_up"]["due_on"] == "2026-11-24"
    ana = client.get("/api/v1/people/Ana Lima").json()
    assert ana["last_interaction_on"] == "2026-11-20" and ana["checkin_due_on"] == "2026-11-27"
    items = client.get("/api/v1/today").json()["items"]
    assert items[0]["kind"] == "follow-up" and "send the deck" in items[0]["reason"]
    assert items[0]["reminder_id"] == body["follow_up"]["id"]


def test_follow_ups_can_be_done_skipped_and_snoozed_once(client: TestClient) -> None:
    add(client, "Ana Lima")
    made = [client.post("/api/v1/follow-ups", json={"person": "Ana Lima", "when": "2026-11-25",
                        "action": f"call {n}"}).json() for n in range(3)]  # fmt: skip
    done = client.post(f"/api/v1/follow-ups/{made[0]['id']}/done").json()
    skipped = client.post(f"/api/v1/follow-ups/{made[1]['id']}/skip").json()
    snoozed = client.post(f"/api/v1/follow-ups/{made[2]['id']}/snooze", json={"until": "in 1 week"})
    assert (done["status"], skipped["status"]) == ("done", "skipped")
    assert snoozed.json()["snoozed_until"] == "2026-12-03"
    again = client.post(f"/api/v1/follow-ups/{made[0]['id']}/done")
    assert again.status_code == 422 and "already done" in again.json()["error"]["message"]
    assert client.post("/api/v1/follow-ups/999/done").status_code == 404
    assert client.get("/api/v1/today").json()["items"] == []
    upcoming = client.get("/api/v1/upcoming?days=10").json()
    assert [(u["date"], u["detail"]) for u in upcoming] == [("2026-12-03", "call 2")]


def test_search_finds_people_and_topics(client: TestClient) -> None:
    add(client, "Zoë Brandt", company="Nimbus Labs")
    client.post("/api/v1/interactions", json={"people": ["Zoë Brandt"], "topics": ["kayaking"]})
    hits = client.get("/api/v1/search", params={"q": "zoe"}).json()
    zoe = hits[0]["id"]
    assert hits[0] == {"kind": "person", "id": zoe, "title": "Zoë Brandt", "date": None,
                       "people": []}  # fmt: skip
    [talk] = [h for h in client.get("/api/v1/search?q=kayak").json() if h["kind"] == "interaction"]
    assert talk["people"] == [{"id": zoe, "name": "Zoë Brandt"}] and talk["date"]


def test_the_api_answers_only_to_its_own_host_and_pages(client: TestClient) -> None:
    assert client.get("/api/v1/people", headers={"host": "evil.example"}).status_code == 400
    refused = client.post("/api/v1/people", json={"name": "Mallory"},
                          headers={"origin": "https://evil.example"})  # fmt: skip
    assert refused.status_code == 403
    assert everyone(client) == []
    ok = client.post(
        "/api/v1/people", json={"name": "Ana"}, headers={"origin": "http://testserver"}
    )
    assert ok.status_code == 201


def test_the_openapi_description_lists_every_route_with_its_schemas(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = {"/api/v1/today", "/api/v1/people", "/api/v1/people/{person}", "/api/v1/interactions",
             "/api/v1/follow-ups", "/api/v1/search", "/api/v1/upcoming"}  # fmt: skip
    assert paths <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    assert {"PersonIn", "PersonOut", "AgendaOut", "LogIn", "LoggedOut", "ErrorOut"} <= set(schemas)
    assert "http" not in str(spec.get("servers", ""))  # nothing points off the machine
    # no page of interactive docs (they would load scripts from a CDN)
    assert client.get("/docs").status_code == 404
