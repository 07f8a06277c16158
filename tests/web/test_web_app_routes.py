"""Every app shares one set of routes, built once per process (web/app.py's _routes), and each app
still answers from its own store and only its own."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from tiekeeper.store.uow import open_store
from tiekeeper.web.app import _routes, create_app


def test_two_apps_share_the_routes_and_keep_their_own_data(tmp_path: Path) -> None:
    first = create_app(open_store(f"sqlite:///{tmp_path / 'a.db'}"))
    second = create_app(open_store(f"sqlite:///{tmp_path / 'b.db'}"))
    shared = _routes(login=False)
    for app in (first, second):
        assert all(any(r is mine for mine in app.router.routes) for r in shared)
    a = TestClient(first, base_url="http://127.0.0.1")
    b = TestClient(second, base_url="http://127.0.0.1")
    assert a.post("/api/v1/people", json={"name": "Only In A"}).status_code == 201
    assert [p["name"] for p in a.get("/api/v1/people").json()] == ["Only In A"]
    assert b.get("/api/v1/people").json() == []
    # each app describes the same API, under its own title and path
    assert a.get("/api/v1/openapi.json").json() == b.get("/api/v1/openapi.json").json()


def test_the_multi_user_server_has_the_login_routes_and_local_mode_not(tmp_path: Path) -> None:
    from tiekeeper.store.accounts import AccountStore

    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    local = TestClient(create_app(store), base_url="http://127.0.0.1")
    hosted = TestClient(create_app(store, accounts=AccountStore(store.engine)),
                        base_url="http://127.0.0.1")  # fmt: skip
    assert local.get("/login").status_code == 404
    assert hosted.get("/login").status_code == 200
