"""The multi-user server over a store with two accounts, ana and bo, each with an API token: for
the isolation tests of the API routes (another account's ids answer 404 and never show)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from starlette.testclient import TestClient

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store
from tiekeeper.web.app import create_app

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


@dataclass
class TwoAccounts:
    client: TestClient
    headers: dict[str, dict[str, str]]  # account name -> its Authorization header
    stores: dict[str, Store]  # account name -> a store acting for it (to seed data directly)


@contextmanager
def two_accounts(store: Store, today: date = TODAY) -> Iterator[TwoAccounts]:
    accounts = AccountStore(store.engine)
    headers, stores = {}, {}
    for name in ("ana", "bo"):
        owner = add_account(accounts, name, "correct horse battery", NOW)
        token = new_api_token(accounts, name, "tests", NOW)
        headers[name] = {"authorization": f"Bearer {token}"}
        stores[name] = Store(store.engine, owner)
    app = create_app(store, today=lambda: today, now=lambda: NOW,
                     allowed_hosts=["testserver"], accounts=accounts)  # fmt: skip
    with TestClient(app) as client:
        yield TwoAccounts(client, headers, stores)
