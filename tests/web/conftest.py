"""The web app over a fresh store on each backend, with the clock pinned."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

TODAY = date(2026, 11, 26)


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    """A client of the app over `store` (SQLite and PostgreSQL), today pinned to TODAY."""
    app = create_app(store, today=lambda: TODAY, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        yield c


@pytest.fixture
def sqlite_client(sqlite_store: Store) -> Iterator[TestClient]:
    """The same on SQLite only (for page tests that need no second backend)."""
    app = create_app(sqlite_store, today=lambda: TODAY, allowed_hosts=["testserver"])
    with TestClient(app) as c:
        yield c


# --- browser tests: the app served for real over the demo network, driven by chromium --------
# (imports inside the fixtures: the top of this file belongs to the API tests)
CHROMIUM = "/usr/bin/chromium"  # Debian's; the tests never download a browser


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free local port (uvicorn in a thread) over a SQLite store filled with the
    demo network as of TODAY; yields its base URL. Shared by the session: tests that change data
    pick what they change so they do not depend on each other."""
    from liveserve import serve_in_thread

    from tiekeeper.services.demo import fill_demo
    from tiekeeper.store.uow import open_store

    path = tmp_path_factory.mktemp("live") / "tiekeeper.db"
    store = open_store(f"sqlite:///{path}")
    fill_demo(store.uow(), TODAY)
    app = create_app(store, today=lambda: TODAY, allowed_hosts=["127.0.0.1"])
    try:
        with serve_in_thread(app) as url:
            yield url
    finally:
        store.engine.dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless chromium for the whole session (a playwright Browser)."""
    import os
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} not found (apt install chromium)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{reason}; CI must run the browser tests")
        pytest.skip(reason)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium: object, live_server: str) -> Iterator[object]:
    """A fresh browser tab (own cookies) on the live server; relative URLs go to it."""
    context = chromium.new_context(base_url=live_server, viewport={"width": 1024, "height": 800})
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()
