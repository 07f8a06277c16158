"""The coaching pages and their API on the multi-user server: another account's event or goal
answers 404, changes nothing and never shows in a listing, the insights, the review or a
draft; and every new POST needs its form token and our Origin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from seed import DAY, interaction, person
from starlette.testclient import TestClient
from webforms import token

from tiekeeper.services.accounts import add_account
from tiekeeper.services.events import add_event, met_at_event, show_event
from tiekeeper.services.goals import add_goal, list_goals
from tiekeeper.services.people import PersonChanges
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


def anas_data(ana: Store) -> dict[str, int]:
    """Ana's event (with someone met), goal, and a follow-up on Today."""
    ev = add_event(ana.uow(), "Secret Summit", "2026-11-25", DAY, goal="meet 2 people")
    assert ev.id is not None
    met_at_event(ana.uow(), str(ev.id), "Zed Quill", PersonChanges(), DAY)
    goal = add_goal(ana.uow(), "secret coffees", "week", 1, DAY, channel="coffee")
    yan = person(ana, "Yan Ode", needs="a secret intro")
    interaction(ana, [yan], when="2026-11-24", channel="coffee")
    add_follow_up(ana.uow(), str(yan), "today", "secret action", DAY)
    assert goal.id is not None
    return {"event": ev.id, "goal": goal.id}


def posts(ids: dict[str, int], csrf: str) -> list[tuple[str, dict[str, Any]]]:
    """Every POST of the coaching pages, with a form that would otherwise be accepted."""
    ev, goal = ids["event"], ids["goal"]
    return [
        (f"/events/{ev}/met", {"data": {"csrf": csrf, "person": "New Person"}}),
        (f"/events/{ev}/delete", {"data": {"csrf": csrf}}),
        (f"/goals/{goal}/remove", {"data": {"csrf": csrf}}),
    ]


@pytest.fixture
def bo_logged_in(store: Store) -> Iterator[tuple[TestClient, Store]]:
    """The server with accounts ana and bo, a browser logged in as bo; ana's store."""
    accounts = AccountStore(store.engine)
    ana_id = add_account(accounts, "ana", SECRET, NOW)
    add_account(accounts, "bo", SECRET, NOW)
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        login = client.get("/login").text
        csrf = login.split('name="csrf" value="')[1].split('"')[0]
        client.post("/login", data={"name": "bo", "password": SECRET, "csrf": csrf})
        yield client, Store(store.engine, ana_id)


def test_another_accounts_event_and_goal_answer_404_and_change_nothing(
    bo_logged_in: tuple[TestClient, Store],
) -> None:
    client, ana = bo_logged_in
    ids = anas_data(ana)
    ev, goal = ids["event"], ids["goal"]
    for url in (f"/events/{ev}", f"/events/{ev}/delete", f"/goals/{goal}/remove",
                f"/api/v1/events/{ev}"):  # fmt: skip
        r = client.get(url)
        assert r.status_code == 404, url
        assert "Secret" not in r.text and "Zed Quill" not in r.text, url
    by_name = client.get("/api/v1/events/Secret Summit")  # the message echoes only the query
    assert by_name.status_code == 404 and "Zed Quill" not in by_name.text
    csrf = token(client)
    for url, kw in posts(ids, csrf):
        assert client.post(url, **kw).status_code == 404, url
    assert client.post(f"/api/v1/events/{ev}/met", json={"person": "X"}).status_code == 404
    assert client.delete(f"/api/v1/events/{ev}").status_code == 404
    assert client.delete(f"/api/v1/goals/{goal}").status_code == 404
    view = show_event(ana.uow(), str(ev))
    assert [m.name for m in view.people] == ["Zed Quill"]
    assert [g.goal.id for g in list_goals(ana.uow(), DAY)] == [goal]


def test_another_accounts_things_never_show_in_listings_insights_review_or_drafts(
    bo_logged_in: tuple[TestClient, Store],
) -> None:
    client, ana = bo_logged_in
    anas_data(ana)
    for url in ("/events", "/goals", "/review", "/insights", "/", "/api/v1/events",
                "/api/v1/goals", "/api/v1/review", "/api/v1/insights",
                "/api/v1/today/drafts"):  # fmt: skip
        r = client.get(url)
        assert r.status_code == 200, url
        for secret in ("Secret", "secret", "Zed Quill", "Yan Ode"):
            assert secret not in r.text, (url, secret)
    assert client.get("/drafts/1").status_code == 422  # bo's Today is empty
    assert client.get("/api/v1/today/drafts/1").status_code == 422


def test_every_new_post_needs_the_form_token_and_our_origin(
    client: TestClient, store: Store
) -> None:
    ids = anas_data(store)
    csrf = token(client)
    add_event_form = {"csrf": csrf, "name": "Forged", "date": "2026-12-01", "kind": "other"}
    add_goal_form = {"csrf": csrf, "title": "forged", "target": "1", "per": "week"}
    forms = [*posts(ids, csrf), ("/events", {"data": add_event_form}),
             ("/goals", {"data": add_goal_form})]  # fmt: skip
    for url, kw in forms:
        without = {**kw, "data": {k: v for k, v in kw["data"].items() if k != "csrf"}}
        assert client.post(url, **without).status_code == 403, url
        forged = {**kw, "data": {**kw["data"], "csrf": "forged"}}
        assert client.post(url, **forged).status_code == 403, url
        cross = client.post(url, headers={"origin": "https://evil.example"}, **kw)
        assert cross.status_code == 403, url
    evil = {"origin": "https://evil.example"}
    api = [("post", f"/api/v1/events/{ids['event']}/met", {"person": "X"}),
           ("post", "/api/v1/events", {"name": "X", "date": "today"}),
           ("post", "/api/v1/goals", {"title": "x", "per": "week", "target": 1})]  # fmt: skip
    for method, url, body in api:
        assert client.request(method, url, json=body, headers=evil).status_code == 403, url
    for url in (f"/api/v1/events/{ids['event']}", f"/api/v1/goals/{ids['goal']}"):
        assert client.delete(url, headers=evil).status_code == 403, url
    assert [m.name for m in show_event(store.uow(), str(ids["event"])).people] == ["Zed Quill"]
    assert len(list_goals(store.uow(), DAY)) == 1
    assert "Forged" not in client.get("/events").text
