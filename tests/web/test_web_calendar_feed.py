"""The calendar feed: local mode at /calendar.ics; server mode behind a calendar-only token."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar
from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def summaries(body: bytes) -> list[str]:
    cal = Calendar.from_ical(body)
    return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


def test_local_mode_serves_the_calendar_to_subscribe_to(client: TestClient) -> None:
    client.post("/api/v1/people", json={"name": "Ana Lima", "birthday": "02-29"})
    client.post("/api/v1/follow-ups", json={"person": "Ana Lima", "when": "2026-12-01",
                                            "action": "send the deck"})  # fmt: skip
    r = client.get("/calendar.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    found = summaries(r.content)
    assert any("Ana Lima" in s and "birthday" in s.lower() for s in found), found
    assert any("send the deck" in s for s in found), found


def test_a_calendar_token_opens_its_feed_and_nothing_else(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", "correct horse battery", NOW)
    add_account(accounts, "bo", "correct horse battery", NOW)
    api = new_api_token(accounts, "ana", "script", NOW)
    feed = new_api_token(accounts, "ana", "phone", NOW, scope="calendar")
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        client.post("/api/v1/people", json={"name": "Zoë Brandt", "birthday": "12-03"},
                    headers={"authorization": f"Bearer {api}"})  # fmt: skip
        r = client.get(f"/feeds/{feed}/calendar.ics")
        assert r.status_code == 200 and any("Zoë Brandt" in s for s in summaries(r.content))
        assert client.get(f"/feeds/{api}/calendar.ics").status_code == 401  # API token: no
        assert client.get("/feeds/tk_forged/calendar.ics").status_code == 401
        as_feed = {"authorization": f"Bearer {feed}"}
        assert client.get("/api/v1/people", headers=as_feed).status_code == 401
        bare = client.get("/calendar.ics", follow_redirects=False)  # no session, no token
        assert bare.status_code == 401 and bare.headers["www-authenticate"] == "Bearer"
