"""Regression: a backup made before a migration that changed no backed-up table (0003, before
the accounts tables of 0004) was refused with "made with schema '0003'" after upgrading."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from tiekeeper.services.accounts import add_account, new_api_token
from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store, open_store

TODAY = date(2026, 11, 26)


def test_a_backup_stamped_with_an_older_schema_restores(store: Store, tmp_path: Path) -> None:
    source = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    add_person(source.uow(), PersonChanges(name="Ana Lima"), TODAY)
    doc = json.loads(backup_json(source.uow())[0])
    doc["schema"] = "0003"
    restore_backup(store.uow(), json.dumps(doc).encode(), "old.json")
    assert json.loads(backup_json(store.uow())[0])["tables"] == doc["tables"]
    source.engine.dispose()


def test_a_backup_carries_no_credentials(store: Store) -> None:
    accounts = AccountStore(store.engine)
    add_account(accounts, "ana", "correct horse battery", datetime.now(UTC))
    new_api_token(accounts, "ana", "script", datetime.now(UTC))
    tables = json.loads(backup_json(store.uow())[0])["tables"]
    assert not {"accounts", "account_sessions", "api_tokens"} & set(tables)
