"""Regression (issue 14): /calendar.ics asked without a login, or with a calendar-only token where
it does not open anything, answered a redirect to the login page, so calendar apps and scripts
read HTML as a calendar. It answers 401 in the API's error envelope."""

from __future__ import annotations

from datetime import UTC, date, datetime

from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def test_the_calendar_without_a_login_is_401_not_a_redirect(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", "correct horse battery", NOW)
    api = new_api_token(accounts, "ana", "script", NOW)
    feed = new_api_token(accounts, "ana", "phone", NOW, scope="calendar")
    app = create_app(store, today=lambda: date(2026, 11, 26), now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        for headers in ({}, {"authorization": f"Bearer {feed}"}, {"authorization": "Bearer x"}):
            r = client.get("/calendar.ics", headers=headers, follow_redirects=False)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", headers
            assert r.json()["error"]["kind"] == "LoginRequired"
        for bad in (api, "tk_forged"):  # an API token does not open a feed
            r = client.get(f"/feeds/{bad}/calendar.ics", follow_redirects=False)
            assert r.status_code == 401 and r.json()["error"]["kind"] == "LoginRequired"
        ok = client.get("/calendar.ics", headers={"authorization": f"Bearer {api}"})
        assert ok.status_code == 200 and ok.headers["content-type"].startswith("text/calendar")
        assert client.get(f"/feeds/{feed}/calendar.ics").status_code == 200
        assert client.get("/", follow_redirects=False).status_code == 303  # pages still redirect
