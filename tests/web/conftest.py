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
