"""The slow pages worked out ahead (web/warm_up.py): `tiekeeper serve` computes the insights, the
warm paths and the likely duplicates for the local account as it starts, and the multi-user
server for an account as it logs in (that account's only), so the first visit finds them kept."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from api_accounts import NOW, TODAY
from seed import person, twins
from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account
from tiekeeper.services.insights import report
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app


def warmed() -> None:
    for thread in threading.enumerate():
        if thread.name == "tiekeeper-warm-up":
            thread.join(60)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The owners network_insights was computed for, in order."""
    calls: list[int] = []
    real = report.network_insights

    def counting(uow: Any, now: Any) -> Any:
        calls.append(uow.owner_id)
        return real(uow, now)

    monkeypatch.setattr(report, "network_insights", counting)
    from tiekeeper.web.pages import insights

    monkeypatch.setattr(insights, "network_insights", counting)
    return calls


def test_the_local_server_works_the_slow_pages_out_as_it_starts(
    sqlite_store: Store, counted: list[int]
) -> None:
    twins(sqlite_store)
    person(sqlite_store, "Bo Chen", company="Acme")
    app = create_app(sqlite_store, today=lambda: TODAY, allowed_hosts=["testserver"],
                     warm_up=True)  # fmt: skip
    warmed()
    assert counted == [sqlite_store.owner_id]
    with TestClient(app) as client:
        assert "Your network" in client.get("/insights").text
        assert "Ana Lima and Ana Lima" in client.get("/duplicates").text
    assert counted == [sqlite_store.owner_id]  # the page took the kept result


def test_without_warm_up_nothing_is_worked_out_ahead(
    sqlite_store: Store, counted: list[int]
) -> None:
    create_app(sqlite_store, today=lambda: TODAY, allowed_hosts=["testserver"])
    warmed()
    assert counted == []


def test_the_multi_user_server_works_out_the_pages_of_who_logs_in(
    store: Store, counted: list[int]
) -> None:
    accounts = AccountStore(store.engine)
    ana = add_account(accounts, "ana", "correct horse battery", NOW)
    add_account(accounts, "bo", "correct horse battery", NOW)
    person(Store(store.engine, ana), "Ana Lima")
    app = create_app(store, today=lambda: TODAY, now=lambda: NOW, allowed_hosts=["testserver"],
                     accounts=accounts, warm_up=True)  # fmt: skip
    with TestClient(app) as client:
        warmed()
        assert counted == []  # nobody has logged in yet
        csrf = token_of_login(client)
        done = client.post("/login", data={"name": "ana", "password": "correct horse battery",
                                           "csrf": csrf}, follow_redirects=False)  # fmt: skip
        assert done.status_code == 303
        warmed()
        assert counted == [ana]  # ana's, not bo's
        assert "1 contacts" in client.get("/insights").text
        assert counted == [ana]


def token_of_login(client: TestClient) -> str:
    page = client.get("/login")
    assert page.status_code == 200
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1)
