"""The pages of the trash work (interaction, delete, erase, trash, duplicates, export) on the
multi-user server: another account's interaction, person, trash entry or pair answers 404 and
never shows in a listing or an export; and every POST needs its form token and our Origin."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from seed import interaction, person, twins
from starlette.testclient import TestClient
from webforms import token

from tiekeeper.services.accounts import add_account
from tiekeeper.services.people import list_people
from tiekeeper.services.trash import delete_people, list_trash
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = "correct horse battery"


def anas_data(ana: Store) -> dict[str, int]:
    """Ana's pair, an interaction and a trash entry."""
    a, b = twins(ana)
    iid = interaction(ana, [a], summary="Secret plans", topics=["kayaking"])
    gone = person(ana, "Yan Ode")
    [entry] = delete_people(ana.uow(), [str(gone)], NOW)
    return {"a": a, "b": b, "ix": iid, "trash": entry.trash_id}


def posts(ids: dict[str, int], csrf: str) -> list[tuple[str, dict[str, Any]]]:
    """Every POST of these pages, with a form that would otherwise be accepted."""
    a, b, iid, tid = ids["a"], ids["b"], ids["ix"], ids["trash"]
    edit = {"when": "2026-11-01", "channel": "call", "by": "me", "summary": "x", "topics": ""}
    return [
        (f"/interactions/{iid}/edit", {"data": {"csrf": csrf, **edit}}),
        (f"/interactions/{iid}/delete", {"data": {"csrf": csrf}}),
        (f"/people/{a}/delete", {"data": {"csrf": csrf}}),
        (f"/people/{a}/erase", {"data": {"csrf": csrf, "typed": "Ana Lima"}}),
        (f"/trash/{tid}/restore", {"data": {"csrf": csrf}}),
        ("/duplicates/merge", {"data": {"csrf": csrf, "keep": str(a), "other": str(b)}}),
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


def test_another_accounts_things_answer_404_and_change_nothing(
    bo_logged_in: tuple[TestClient, Store],
) -> None:
    client, ana = bo_logged_in
    ids = anas_data(ana)
    a, b, iid, tid = ids["a"], ids["b"], ids["ix"], ids["trash"]
    for url in (f"/interactions/{iid}", f"/interactions/{iid}/edit",
                f"/interactions/{iid}/delete", f"/people/{a}/delete", f"/people/{a}/erase",
                f"/trash/{tid}", f"/duplicates/merge?keep={a}&other={b}",
                f"/api/v1/interactions/{iid}"):  # fmt: skip
        r = client.get(url)
        assert r.status_code == 404, url
        assert "Secret plans" not in r.text and "Ana Lima" not in r.text, url
    assert client.patch(f"/api/v1/interactions/{iid}", json={"summary": "x"}).status_code == 404
    csrf = token(client)
    for url, kw in posts(ids, csrf):
        assert client.post(url, **kw).status_code == 404, url
    assert [p.name for p in list_people(ana.uow())] == ["Ana Lima", "Ana Lima"]
    assert len(list_trash(ana.uow(), NOW)) == 1


def test_another_accounts_things_never_show_in_listings_or_exports(
    bo_logged_in: tuple[TestClient, Store],
) -> None:
    client, ana = bo_logged_in
    anas_data(ana)
    assert "The trash is empty." in client.get("/trash").text
    assert "No likely duplicates." in client.get("/duplicates").text
    assert "Yan Ode" not in client.get("/trash/empty").text
    for fmt in ("vcard", "csv", "ics", "json"):
        body = client.get(f"/export/{fmt}").content
        assert b"Ana Lima" not in body and b"Secret plans" not in body, fmt
    assert "Secret plans" not in client.get("/search?q=secret").text
    client.post("/trash/empty", data={"csrf": token(client)})
    assert len(list_trash(ana.uow(), NOW)) == 1  # bo's empty trash is bo's alone


def test_every_post_needs_the_form_token_and_our_origin(client: TestClient, store: Store) -> None:
    ids = anas_data(store)
    csrf = token(client)
    upload = {"file": ("b.json", b"{}", "application/json")}
    forms = [*posts(ids, csrf), ("/trash/empty", {"data": {"csrf": csrf}}),
             ("/export/restore", {"data": {"csrf": csrf}, "files": upload})]  # fmt: skip
    for url, kw in forms:
        without = {**kw, "data": {k: v for k, v in kw["data"].items() if k != "csrf"}}
        assert client.post(url, **without).status_code == 403, url
        forged = {**kw, "data": {**kw["data"], "csrf": "forged"}}
        assert client.post(url, **forged).status_code == 403, url
        cross = client.post(url, headers={"origin": "https://evil.example"}, **kw)
        assert cross.status_code == 403, url
    assert len(list_people(store.uow())) == 2  # both Anas: nothing was deleted or merged
    assert len(list_trash(store.uow(), NOW)) == 1
    got = client.get(f"/api/v1/interactions/{ids['ix']}").json()
    assert got["summary"] == "Secret plans"
