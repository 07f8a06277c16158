"""The API of the import, job search, visibility, profile and settings pages: each action has a
route with In/Out schemas in the OpenAPI description, answering the CLI's --json shapes."""

from __future__ import annotations

from starlette.testclient import TestClient
from webforms import add

ROUTES = {
    ("post", "/api/v1/imports"), ("get", "/api/v1/targets"), ("post", "/api/v1/targets"),
    ("delete", "/api/v1/targets/{org}"), ("get", "/api/v1/opportunities"),
    ("post", "/api/v1/opportunities"), ("get", "/api/v1/opportunities/{opportunity_id}"),
    ("post", "/api/v1/opportunities/{opportunity_id}/move"),
    ("delete", "/api/v1/opportunities/{opportunity_id}"), ("get", "/api/v1/questions"),
    ("post", "/api/v1/questions"), ("delete", "/api/v1/questions/{number}"),
    ("post", "/api/v1/interviews"), ("get", "/api/v1/posts"), ("post", "/api/v1/posts"),
    ("delete", "/api/v1/posts/{post_id}"), ("post", "/api/v1/headline/check"),
    ("get", "/api/v1/me"), ("patch", "/api/v1/me"), ("put", "/api/v1/me/pitch"),
    ("post", "/api/v1/me/pitch/check"), ("get", "/api/v1/me/card.{kind}"),
    ("get", "/api/v1/cadences/tags"), ("put", "/api/v1/cadences/tags/{tag}"),
    ("get", "/api/v1/templates"), ("put", "/api/v1/templates/{kind}"),
    ("delete", "/api/v1/templates/{kind}"), ("post", "/api/v1/account/password"),
    ("get", "/api/v1/account/tokens"), ("post", "/api/v1/account/tokens"),
    ("delete", "/api/v1/account/tokens/{token_id}"),
}  # fmt: skip


def test_every_action_has_a_described_route(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for method, path in ROUTES:
        op = paths[path][method]
        assert op.get("summary") and op.get("description"), (method, path)
        if method in ("post", "put", "patch") and not path.endswith(("/move", "/remove")):
            assert "requestBody" in op or path == "/api/v1/account/tokens", (method, path)
        assert "422" in op["responses"] and "404" in op["responses"], (method, path)
    upload = paths["/api/v1/imports"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload


def test_opportunities_move_and_refuse_an_unknown_stage(client: TestClient) -> None:
    ana = add(client, name="Ana Lima", company="Nimbus")
    made = client.post("/api/v1/opportunities", json={"org": "Nimbus", "role": "Staff",
                       "next": "ask for coffee"})  # fmt: skip
    assert made.status_code == 201 and made.json()["reminder_person_id"] == ana
    oid = made.json()["id"]
    moved = client.post(f"/api/v1/opportunities/{oid}/move", json={"stage": "offer"}).json()
    assert moved["stage"] == "offer" and moved["moved_backwards_from"] is None
    back = client.post(f"/api/v1/opportunities/{oid}/move", json={"stage": "talked"}).json()
    assert back["moved_backwards_from"] == "offer"
    bad = client.post(f"/api/v1/opportunities/{oid}/move", json={"stage": "dreaming"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "stage"
    assert client.get("/api/v1/opportunities?stage=talked").json()[0]["id"] == oid
    assert client.get("/api/v1/opportunities/999").status_code == 404
    assert client.delete(f"/api/v1/opportunities/{oid}").json()["kind"] == "opportunity"


def test_targets_questions_interviews(client: TestClient) -> None:
    add(client, name="Bo Chen", company="Nimbus")
    assert client.post("/api/v1/targets", json={"org": "Nimbus"}).status_code == 201
    [target] = client.get("/api/v1/targets").json()
    assert [p["name"] for p in target["people"]] == ["Bo Chen"]
    assert client.delete("/api/v1/targets/Nimbus").json()["is_target"] is False
    assert client.delete("/api/v1/targets/Nimbus").status_code == 404
    qs = client.post("/api/v1/questions", json={"text": "Why here?"}).json()
    assert qs[-1] == "Why here?"
    assert client.delete(f"/api/v1/questions/{len(qs)}").json() == qs[:-1]
    done = client.post("/api/v1/interviews", json={"person": "bo chen", "topics": ["rust"]})
    assert done.status_code == 201 and done.json()["questions"] == qs[:-1]
    assert done.json()["interaction"]["channel"] == "informational-interview"


def test_posts_me_and_settings(client: TestClient) -> None:
    ana = add(client, name="Ana Lima")
    post = client.post("/api/v1/posts", json={"where": "talk", "topic": "Ties",
                       "engaged": ["ana lima"]}).json()  # fmt: skip
    assert post["engaged"] == [{"id": ana, "name": "Ana Lima"}]
    assert client.post("/api/v1/posts", json={"where": "tv", "topic": "x"}).status_code == 422
    check = client.post("/api/v1/headline/check", json={"text": "x" * 221}).json()
    assert check["ok"] is False and check["length"] == 221
    assert client.get("/api/v1/me/card.vcf").status_code == 404  # no profile yet
    me = client.patch("/api/v1/me", json={"name": "Sam Doe", "linkedin": ""}).json()
    assert me["name"] == "Sam Doe" and me["linkedin"] is None
    pitch = client.put("/api/v1/me/pitch", json={"text": "I help teams. Looking for roles."})
    assert pitch.json()["words"] == 6 and pitch.json()["seconds"] == 2.4
    assert client.post("/api/v1/me/pitch/check", json={}).json()["pitch"].startswith("I help")
    assert client.get("/api/v1/me/card.png").content.startswith(b"\x89PNG")
    assert client.get("/api/v1/me/card.gif").status_code == 422
    set_ = client.put("/api/v1/cadences/tags/mentor", json={"every": "monthly"}).json()
    assert set_ == {"target": "tag mentor", "cadence_days": 30, "people": 0}
    assert client.put("/api/v1/cadences/tags/mentor", json={"every": "often"}).status_code == 422
    t = client.put("/api/v1/templates/birthday", json={"text": "Hi {first_name}"}).json()
    assert t == {"kind": "birthday", "text": "Hi {first_name}", "custom": True}
    bad = client.put("/api/v1/templates/birthday", json={"text": "Hi {nick}"})
    assert bad.status_code == 422 and "{nick}" in bad.json()["error"]["message"]
    assert client.delete("/api/v1/templates/birthday").json()["custom"] is False
    assert client.get("/api/v1/account/tokens").status_code == 404  # local mode: no accounts
