"""The API of the coaching pages: events (list, add, show, met; delete is DELETE /events/{id}),
goals (list, add, remove), the review, insights and the drafts of Today, each in the OpenAPI
description with its In and Out schemas, answering what the CLI's --json says."""

from __future__ import annotations

from seed import person
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store

ROUTES = {
    ("get", "/api/v1/events"), ("post", "/api/v1/events"), ("get", "/api/v1/events/{event}"),
    ("post", "/api/v1/events/{event}/met"), ("delete", "/api/v1/events/{event}"),
    ("get", "/api/v1/goals"), ("post", "/api/v1/goals"), ("delete", "/api/v1/goals/{goal_id}"),
    ("get", "/api/v1/review"), ("get", "/api/v1/insights"), ("get", "/api/v1/today/drafts"),
    ("get", "/api/v1/today/drafts/{item}"),
}  # fmt: skip


def test_every_route_is_described_with_its_schemas(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for method, path in ROUTES:
        op = spec["paths"][path][method]
        assert op.get("summary") and op.get("description"), (method, path)
        ok = next(c for c in op["responses"] if c.startswith("2"))
        if method in ("post",):
            assert "requestBody" in op, path
        if ok != "204":
            assert "$ref" in str(op["responses"][ok]["content"]["application/json"]), path
        assert "404" in op["responses"] and "422" in op["responses"], path
    schemas = spec["components"]["schemas"]
    for name in ("EventIn", "MetIn", "EventDetailOut", "CaptureOut", "GoalIn", "GoalOut",
                 "ReviewOut", "InsightsOut", "DraftOut"):  # fmt: skip
        assert name in schemas, name


def test_events_add_met_show_list_delete(client: TestClient) -> None:
    made = client.post("/api/v1/events", json={"name": "PyCon", "date": "2026-11-25",
                       "kind": "conference", "goal": "introduce myself to two people"})  # fmt: skip
    assert made.status_code == 201, made.text
    ev = made.json()
    assert ev["goal_target"] == 2 and ev["date"] == "2026-11-25"
    body = {"person": "Bo Chen", "company": "Nimbus", "note": "slides"}
    met = client.post(f"/api/v1/events/{ev['id']}/met", json=body)
    assert met.status_code == 201, met.text
    capture = met.json()
    assert capture["is_new"] and capture["follow_up_due"] == "2026-11-27"
    shown = client.get("/api/v1/events/PyCon").json()
    assert shown["goal_line"] == "introduce myself to two people: 1 of 2 met ✗"
    assert [p["name"] for p in shown["people"]] == ["Bo Chen"]
    assert [f["id"] for f in shown["follow_ups"]] == [capture["follow_up_id"]]
    assert shown["follow_ups"][0]["kind"] == "event-follow-up"
    assert client.get("/api/v1/events").json()[0]["people_met"] == 1
    again = client.post(f"/api/v1/events/{ev['id']}/met", json={"person": "Bo Chen"})
    assert again.status_code == 409
    assert client.post("/api/v1/events", json={"name": "X", "date": "soon"}).status_code == 422
    gone = client.delete(f"/api/v1/events/{ev['id']}")
    assert gone.status_code == 200 and gone.json()["kind"] == "event"
    assert client.get(f"/api/v1/events/{ev['id']}").status_code == 404


def test_goals_add_list_remove_and_the_review(client: TestClient, store: Store) -> None:
    made = client.post("/api/v1/goals", json={"title": "coffee chats", "per": "week",
                       "target": 1, "channel": "coffee"})  # fmt: skip
    assert made.status_code == 201, made.text
    goal = made.json()
    assert (goal["metric"], goal["count"], goal["met"]) == ("interactions", 0, False)
    ana = person(store, "Ana Lima")
    client.post("/api/v1/interactions", json={"people": [str(ana)], "channel": "coffee"})
    [listed] = client.get("/api/v1/goals").json()
    assert listed["count"] == 1 and listed["met"]
    review = client.get("/api/v1/review").json()
    assert review["week_start"] == "2026-11-23" and review["goals"][0]["met"]
    assert review["new_people"] == [{"id": ana, "name": "Ana Lima"}]
    assert client.get("/api/v1/review?week=2026-11-02").json()["week_end"] == "2026-11-08"
    assert client.delete(f"/api/v1/goals/{goal['id']}").status_code == 204
    assert client.get("/api/v1/goals").json() == []
    assert client.delete(f"/api/v1/goals/{goal['id']}").status_code == 404
    bad = client.post("/api/v1/goals", json={"title": "x", "per": "fortnight", "target": 1})
    assert bad.status_code == 422


def test_insights_and_drafts(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima", birthday="11-26")
    data = client.get("/api/v1/insights").json()
    assert data["contacts"] == 1 and "granovetter1973" in data["references"]
    assert data["ties"]["sources"][0] == "granovetter1973"
    drafts = client.get("/api/v1/today/drafts").json()
    assert [d["person_id"] for d in drafts] == [ana]
    one = client.get("/api/v1/today/drafts/1?minutes=30").json()
    assert one["text"].startswith("Happy birthday, Ana!") and one["item"] == 1
    missing = client.get("/api/v1/today/drafts/2")
    assert missing.status_code == 422 and missing.json()["error"]["field"] == "N"
