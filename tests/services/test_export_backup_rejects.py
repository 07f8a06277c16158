"""A restore refuses a home that has data and a malformed backup, and then changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tiekeeper.domain.errors import Conflict, InvalidInput
from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store, open_store

TODAY = date(2026, 11, 26)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Store]:
    """Another SQLite home to make backups in (the `store` fixture is the restore target)."""
    st = open_store(f"sqlite:///{tmp_path / 'source.db'}")
    yield st
    st.engine.dispose()


def good_backup(store: Store) -> dict[str, Any]:
    """A backup of a small home, made in `store` and then removed from it."""
    add_person(store.uow(), PersonChanges(name="Ana Lima", tags=["mentor"]), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo Chen", introduced_by="Ana Lima"), TODAY)
    log_interaction(store.uow(), LogRequest(["Ana Lima", "Bo Chen"], summary="lunch"), TODAY)
    return dict(json.loads(backup_json(store.uow())[0]))


def empty(store: Store) -> bool:
    return backup_json(store.uow())[1] == 0


def test_restore_refuses_a_home_that_already_has_data(store: Store) -> None:
    data = json.dumps(good_backup(store)).encode()
    before = backup_json(store.uow())[0]
    with pytest.raises(Conflict, match="not empty"):
        restore_backup(store.uow(), data, "b.json")
    assert backup_json(store.uow())[0] == before


def test_a_self_reference_to_a_later_person_restores(store: Store, source: Store) -> None:
    doc = good_backup(source)
    doc["tables"]["people"].reverse()  # Bo (introduced by Ana) now comes first
    restore_backup(store.uow(), json.dumps(doc).encode(), "b.json")
    rows = json.loads(backup_json(store.uow())[0])["tables"]["people"]
    assert [r["introduced_by_id"] for r in rows] == [None, rows[0]["id"]]


def mutate(doc: dict[str, Any], how: str) -> bytes:
    t = doc["tables"]
    if how == "not json":
        return b"{not json"
    if how == "binary":
        return b"\x00\xff\xfe junk"
    if how == "format":
        doc["format"] = "something-else"
    elif how == "version":
        doc["version"] = 99
    elif how == "schema":
        doc["schema"] = "0000"
    elif how == "newer schema":
        doc["schema"] = "9999"
    elif how == "no tables":
        del doc["tables"]
    elif how == "missing key":
        del t["people"][1]["name"]
    elif how == "unknown key":
        t["people"][0]["shoe_size"] = 44
    elif how == "bad date":
        t["people"][0]["created_on"] = "26/11/2026"
    elif how == "null name":
        t["people"][0]["name"] = None
    elif how == "bool as int":
        t["people"][0]["closeness"] = True
    elif how == "dangling person":
        t["interaction_people"][0]["person_id"] = 999
    elif how == "duplicate id":
        t["people"][1]["id"] = t["people"][0]["id"]
    elif how == "unknown table":
        t["gossip"] = []
    elif how == "row not object":
        t["people"][0] = [1, 2]
    return json.dumps(doc).encode()


CASES = {
    "not json": "not a JSON backup",
    "binary": "not a JSON backup",
    "format": "format: not a tiekeeper-backup file",
    "version": "version: version 99 is not supported",
    "schema": "schema: made with schema '0000'",
    "newer schema": "schema: made with schema '9999'; this tiekeeper reads 0001 to",
    "no tables": "tables: missing the tables",
    "missing key": "people row 2: missing name",
    "unknown key": "people row 1: unknown shoe_size",
    "bad date": "people row 1, created_on:",
    "null name": "people row 1, name: must not be null",
    "bool as int": "people row 1, closeness: True is not an integer",
    "dangling person": "interaction_people row 1: person_id 999 refers to a missing people row",
    "duplicate id": "people row 2: duplicate key",
    "unknown table": "tables: unknown table 'gossip'",
    "row not object": "people row 1: is not an object",
}


@pytest.mark.parametrize("how", list(CASES))
def test_a_malformed_backup_is_rejected_naming_the_file_and_row_and_changes_nothing(
    how: str, store: Store, source: Store
) -> None:
    data = mutate(good_backup(source), how)
    with pytest.raises(InvalidInput) as err:
        restore_backup(store.uow(), data, "backup.json")
    assert str(err.value).startswith("backup.json: ")
    assert CASES[how] in str(err.value)
    assert empty(store)
