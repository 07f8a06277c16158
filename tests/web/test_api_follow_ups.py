"""The open follow-ups list and the digest's text through the API (= `tiekeeper follow-ups` and
`tiekeeper digest`): due ones oldest first, `all` also the future and snoozed ones, closed ones
never; bad values in the envelope; and no account sees another's follow-ups or digest."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api_accounts import TwoAccounts, two_accounts
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store

H = dict[str, str]


def follow_up(client: TestClient, name: str, when: str, action: str, headers: H | None = None
              ) -> dict[str, Any]:  # fmt: skip
    r = client.post("/api/v1/people", json={"name": name}, headers=headers or {})
    assert r.status_code == 201, r.text
    body = {"person": str(r.json()["id"]), "when": when, "action": action}
    r = client.post("/api/v1/follow-ups", headers=headers or {}, json=body)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def test_open_follow_ups_due_oldest_first_and_all_of_them(client: TestClient) -> None:
    late = follow_up(client, "Ana Lima", "2026-11-20", "send the deck")
    due = follow_up(client, "Bo Chen", "2026-11-26", "call back")
    later = follow_up(client, "Cleo Park", "2026-12-10", "ask about the move")
    done = follow_up(client, "Dan Ruiz", "2026-11-25", "thank them")
    assert client.post(f"/api/v1/follow-ups/{done['id']}/done").status_code == 200

    found = client.get("/api/v1/follow-ups").json()
    assert [f["id"] for f in found] == [late["id"], due["id"]]
    assert found[0]["overdue_days"] == 6 and found[0]["action"] == "send the deck"
    assert found[0]["person"] == "Ana Lima" and found[0]["due_on"] == "2026-11-20"
    every = client.get("/api/v1/follow-ups?all=true").json()
    assert [f["id"] for f in every] == [late["id"], due["id"], later["id"]]
    assert [f["id"] for f in client.get("/api/v1/follow-ups?date=2026-12-10").json()] == [
        late["id"], due["id"], later["id"]]  # fmt: skip

    snoozed = client.post(f"/api/v1/follow-ups/{late['id']}/snooze", json={"until": "2026-12-01"})
    assert snoozed.status_code == 200
    assert [f["id"] for f in client.get("/api/v1/follow-ups").json()] == [due["id"]]


def test_the_digest_text_daily_and_weekly(client: TestClient) -> None:
    follow_up(client, "Ana Lima", "2026-11-26", "send the deck")
    daily = client.get("/api/v1/digest/preview").json()
    assert daily["kind"] == "daily" and daily["subject"] == "tiekeeper: today, Thursday 26 November"
    assert "Ana Lima" in daily["text"] and "send the deck" in daily["text"]
    weekly = client.get("/api/v1/digest/preview?kind=weekly").json()
    assert weekly["subject"] == "tiekeeper: the week of 26 November"


def test_bad_values_are_refused_in_the_envelope(client: TestClient) -> None:
    for url, field in (
        ("/api/v1/follow-ups?all=maybe", "all"),
        ("/api/v1/follow-ups?date=soon", "date"),
        ("/api/v1/digest/preview?kind=hourly", "kind"),
        ("/api/v1/digest/preview?minutes=0", "minutes"),
    ):
        r = client.get(url)
        assert r.status_code == 422 and r.json()["error"]["field"] == field, (url, r.text)


@pytest.fixture
def two(store: Store) -> Iterator[TwoAccounts]:
    with two_accounts(store) as found:
        yield found


def test_no_account_sees_anothers_follow_ups_or_digest(two: TwoAccounts) -> None:
    c, h = two.client, two.headers
    follow_up(c, "Zoë Brandt", "2026-11-24", "send the deck", h["ana"])
    assert len(c.get("/api/v1/follow-ups?all=true", headers=h["ana"]).json()) == 1
    assert c.get("/api/v1/follow-ups?all=true", headers=h["bo"]).json() == []
    text = c.get("/api/v1/digest/preview", headers=h["bo"]).json()["text"]
    assert "Zoë" not in text and "send the deck" not in text
    assert "Zoë" in c.get("/api/v1/digest/preview", headers=h["ana"]).json()["text"]
    assert c.get("/api/v1/follow-ups").status_code == 401
