"""A 405-character vCard name or a 10,000-character `add` used to be stored on SQLite, and then the
whole JSON backup was refused by `restore` ("people row 1, name: is longer than 300 characters");
NUL and control characters from a vCard crashed PostgreSQL. The worst data goes through every
door (add, edit, the API, vCard / CSV / LinkedIn import): refused at the typed doors, cleaned at
import, and the backup made afterwards restores, on both backends."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.store.uow import Store, ensure_account
from tiekeeper.web.app import create_app

TODAY = date(2026, 11, 26)
LONG_NAME = "Ana " + "x" * 401  # 405 characters, as seen in a real card
CONTROLS = "a\x00b\x01c\x07d\x1be\x7ff\x9bg"


def _restores(store: Store) -> dict[str, int]:
    """Back up the owner's data and restore it into another, empty account of the database."""
    data, _ = backup_json(store.uow())
    other = Store(store.engine, ensure_account(store.engine, "restorer"))
    restored = restore_backup(other.uow(), data, "backup.json")
    assert backup_json(other.uow())[1] == backup_json(store.uow())[1]
    return restored.tables


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (PersonChanges(name="x" * 10_000), "name"),
        (PersonChanges(name=LONG_NAME), "name"),
        (PersonChanges(name="Ana", company="c" * 301), "company"),
        (PersonChanges(name="Ana", generation="g" * 51), "generation"),
        (PersonChanges(name="Ana", phones=["1" * 65]), "phone"),
        (PersonChanges(name="Ana", tags=["t" * 101]), "tag"),
        (PersonChanges(name="Ana", note="n" * 100_001), "note"),
        (PersonChanges(name=f"Ana {CONTROLS}"), "name"),
        (PersonChanges(name="Ana", company="Acme\x00"), "company"),
        (PersonChanges(name="Ana", note="one\x00two"), "note"),
        (PersonChanges(name="Ana", tags=["a\nb"]), "tag"),
        (PersonChanges(name="ß" * 300), "name"),  # its name_key would be 600 characters
    ],
)
def test_add_and_edit_refuse_what_does_not_fit_naming_the_field(
    store: Store, changes: PersonChanges, field: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        add_person(store.uow(), changes, TODAY)
    assert info.value.field == field
    add_person(store.uow(), PersonChanges(name="Bo Chen"), TODAY)
    edit = PersonChanges(**{k: v for k, v in vars(changes).items() if k != "name"})
    if changes.name != "Ana":
        edit.name = changes.name
    with pytest.raises(InvalidInput) as info:
        edit_person(store.uow(), "Bo Chen", edit, TODAY)
    assert info.value.field == field
    assert _restores(store)["people"] == 1


def test_notes_keep_tabs_and_newlines_and_the_longest_values_fit(store: Store) -> None:
    add_person(
        store.uow(),
        PersonChanges(name="n" * 300, company="c" * 300, note="one\ttwo\nthree", tags=["t" * 100]),
        TODAY,
    )
    assert _restores(store)["people"] == 1


def test_api_refuses_what_does_not_fit_with_422(store: Store) -> None:
    app = create_app(store, today=lambda: TODAY, allowed_hosts=["testserver"])
    with TestClient(app) as client:
        too_long = client.post("/api/v1/people", json={"name": "x" * 10_000})
        assert too_long.status_code == 422
        assert "name" in too_long.text
        control = client.post("/api/v1/people", json={"name": "Ana", "company": "Acme\u0000"})
        assert control.status_code == 422
        assert control.json()["error"]["field"] == "company"
        ok = client.post("/api/v1/people", json={"name": "Ana", "note": "a\tb\nc"})
        assert ok.status_code in (200, 201), ok.text
        pid = ok.json()["id"]
        patch = client.patch(f"/api/v1/people/{pid}", json={"tags": ["t" * 101]})
        assert patch.status_code == 422
    assert _restores(store)["people"] == 1


def _vcard(path: Path) -> Path:
    card = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{LONG_NAME}",
            f"N:{'x' * 401};Ana;;;",
            "ORG:Acme\x01 Corp\x07",
            "TITLE:Chief\x1b of Everything",
            "NOTE:line one\\nline\x00 two\x02",
            "EMAIL:ana@example.com",
            f"TEL:{'5' * 80}",
            f"CATEGORIES:{'t' * 150},mentor",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Bo\x00 Chen",
            "EMAIL:bo@example.com",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{'ß' * 300}",
            "EMAIL:sz@example.com",
            "END:VCARD",
            "",
        ]
    )
    path.write_text(card, encoding="utf-8")
    return path


def test_vcard_import_cleans_and_cuts_with_the_count_reported(store: Store, tmp_path: Path) -> None:
    summary = import_file(store.uow(), _vcard(tmp_path / "worst.vcf"), TODAY)
    assert summary.created == 3
    assert summary.not_kept.get("name past 300 characters") == 2
    assert summary.not_kept.get("control characters in company") == 1
    assert summary.not_kept.get("control characters in note") == 1
    assert summary.not_kept.get("control characters in name") == 1
    tables = _restores(store)
    assert tables["people"] == 3
    backup = json.loads(backup_json(store.uow())[0])
    names = sorted(r["name"] for r in backup["tables"]["people"])
    assert names[:2] == [LONG_NAME[:300], "Bo Chen"]
    assert names[2] == "ß" * 150
    note = next(r["notes"] for r in backup["tables"]["people"] if r["notes"])
    assert note == "line one\nline two"
    assert all(len(r["phone"]) <= 64 for r in backup["tables"]["person_phones"])


def test_csv_and_linkedin_imports_fit_too(store: Store, tmp_path: Path) -> None:
    csv = tmp_path / "contacts.csv"
    csv.write_text(
        "First Name,Last Name,Organization Name,Organization Title,Notes,E-mail 1 - Value\n"
        f"{'F' * 5000},Lima,{'O' * 400},Boss\x01,note\x02here,{'a' * 400}@example.com\n",
        encoding="utf-8",
    )
    summary = import_file(store.uow(), csv, TODAY)
    assert summary.created == 1
    assert summary.not_kept.get("name past 300 characters") == 1
    assert summary.not_kept.get("company past 300 characters") == 1
    assert summary.not_kept.get("control characters in note") == 1
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Bo,{'C' * 500},https://www.linkedin.com/in/bo,bo@example.com,{'N' * 400},"
        f"{'P' * 400},05 Nov 2024\n",
        encoding="utf-8",
    )
    assert import_file(store.uow(), linkedin, TODAY).created == 1
    assert _restores(store)["people"] == 2
