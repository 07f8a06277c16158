"""Regression: a backup made before revision 0007 (which made e-mails and LinkedIn URLs unique
per account) could hold two people with one e-mail; `restore` then refused the whole file
("UNIQUE constraint failed"). It now restores, treating the duplicates as the migration treated
them in a home: the value stays with the first person, the other gets a note saying so."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Person
from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.store.schema_head import SCHEMA_HEAD
from tiekeeper.store.uow import Store, ensure_account

TODAY = date(2026, 11, 26)
URL = "https://www.linkedin.com/in/ana"


def old_backup(store: Store, schema: str) -> bytes:
    """A backup as a pre-0007 tiekeeper could write it: Bo has Ana's e-mail (not yet
    normalised) and her LinkedIn URL."""
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@x.example"],
               linkedin=URL), TODAY)  # fmt: skip
    add_person(store.uow(), PersonChanges(name="Bo Chen", emails=["bo@x.example"]), TODAY)
    doc = json.loads(backup_json(store.uow())[0])
    doc["schema"] = schema
    tables = doc["tables"]
    next(r for r in tables["person_emails"] if r["email"] == "bo@x.example")["email"] = (
        " ANA@x.example"
    )
    next(p for p in tables["people"] if p["name"] == "Bo Chen")["linkedin_url"] = URL
    return json.dumps(doc).encode()


def person(store: Store, name: str) -> Person:
    return show_person(store.uow(), name, TODAY).person


def test_an_old_backup_with_shared_keys_restores_and_says_what_it_did(store: Store) -> None:
    data = old_backup(store, "0006")
    other = Store(store.engine, ensure_account(store.engine, "restorer"))
    restored = restore_backup(other.uow(), data, "old.json")
    ana, bo = person(other, "Ana Lima"), person(other, "Bo Chen")
    assert restored.people == 2
    assert restored.changed == [
        "e-mail ana@x.example: kept on Ana Lima, taken from Bo Chen",
        f"LinkedIn URL {URL}: kept on Ana Lima, taken from Bo Chen",
    ]
    assert (ana.emails, ana.linkedin_url) == (["ana@x.example"], URL)
    assert (bo.emails, bo.linkedin_url) == ([], None)
    assert bo.notes is not None and "E-mail ana@x.example was also Ana Lima's" in bo.notes
    assert "tiekeeper merge 'Ana Lima' 'Bo Chen'" in bo.notes


def test_a_current_backup_with_shared_keys_is_still_refused(store: Store) -> None:
    """Today's tiekeeper never writes such a backup: one that says it did is damaged."""
    data = old_backup(store, SCHEMA_HEAD)
    other = Store(store.engine, ensure_account(store.engine, "restorer"))
    with pytest.raises(InvalidInput) as refused:
        restore_backup(other.uow(), data, "new.json")
    assert refused.value.field == "people"  # the shared LinkedIn URL, loaded first
