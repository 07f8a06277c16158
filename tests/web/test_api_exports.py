"""Exports and the restore through the API: each file as `tiekeeper export` writes it, a backup
restored into an empty account (refused into one with data, nothing changed), errors in the
envelope, and no account's people in another's export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from api_accounts import TwoAccounts, two_accounts
from starlette.testclient import TestClient

from tiekeeper.store.uow import Store, open_store
from tiekeeper.web.app import create_app

TODAY = date(2026, 11, 26)

H = dict[str, str]


def add(client: TestClient, name: str, headers: H | None = None, **kw: Any) -> int:
    r = client.post("/api/v1/people", json={"name": name, **kw}, headers=headers or {})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def seed(client: TestClient, name: str, email: str, headers: H | None = None) -> int:
    """A person with a birthday, an interaction and an open follow-up: something in each export."""
    pid = add(client, name, headers, emails=[email], birthday="1990-04-12", tags=["mentor"])
    r = client.post("/api/v1/interactions", headers=headers or {},
                    json={"people": [str(pid)], "summary": "coffee", "follow_up": "in 3 days",
                          "action": "send the deck"})  # fmt: skip
    assert r.status_code == 201, r.text
    return pid


def restore(client: TestClient, data: bytes, headers: H | None = None) -> Any:
    files = {"file": ("backup.json", data, "application/json")}
    return client.post("/api/v1/restore", files=files, headers=headers or {})


def test_each_export_is_the_file_and_a_backup_restores_into_an_empty_home(
    client: TestClient, tmp_path: Path
) -> None:
    seed(client, "Ana Lima", "ana@example.com")
    vcard = client.get("/api/v1/exports/vcard")
    assert vcard.status_code == 200 and vcard.headers["content-type"].startswith("text/vcard")
    assert "FN:Ana Lima" in vcard.text and "EMAIL" in vcard.text
    assert 'filename="tiekeeper-contacts.vcf"' in vcard.headers["content-disposition"]
    csv = client.get("/api/v1/exports/csv")
    assert csv.headers["content-type"].startswith("text/csv") and "ana@example.com" in csv.text
    ics = client.get("/api/v1/exports/ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in ics.text and "send the deck" in ics.text
    backup = client.get("/api/v1/exports/json")
    assert backup.headers["content-type"] == "application/json"
    assert "tiekeeper-backup-" in backup.headers["content-disposition"]
    assert json.loads(backup.content)["format"] == "tiekeeper-backup"

    # into a home with data: refused, nothing changed
    before = client.get("/api/v1/people").json()
    refused = restore(client, backup.content)
    assert refused.status_code == 409 and refused.json()["error"]["kind"] == "Conflict"
    assert client.get("/api/v1/people").json() == before

    # into an empty home: everything back
    fresh = open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    with TestClient(create_app(fresh, today=lambda: TODAY, allowed_hosts=["testserver"])) as new:
        done = restore(new, backup.content)
        assert done.status_code == 200, done.text
        assert done.json()["people"] == 1 and done.json()["file"] == "backup.json"
        assert new.get("/api/v1/people").json() == before
        assert new.get("/api/v1/exports/vcard").content == vcard.content
    fresh.engine.dispose()


def test_the_network_report_is_one_html_file(client: TestClient) -> None:
    seed(client, "Ana Lima", "ana@example.com")
    r = client.get("/api/v1/report?date=2026-11-27")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'filename="tiekeeper-report-2026-11-27.html"' in r.headers["content-disposition"]
    assert r.text.lstrip().lower().startswith("<!doctype html") and "Ana Lima" in r.text
    assert client.get("/api/v1/report?date=soon").json()["error"]["field"] == "date"


def test_bad_exports_and_restores_are_refused_in_the_envelope(client: TestClient) -> None:
    unknown = client.get("/api/v1/exports/xlsx")
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "kind"
    assert client.post("/api/v1/restore").json()["error"]["field"] == "file"
    junk = restore(client, b"this is not a backup")
    assert junk.status_code == 422, junk.text
    assert junk.json()["error"]["kind"] == "InvalidInput"
    client.app.state.upload_limit = 1024  # type: ignore[attr-defined]
    big = restore(client, b"{" + b" " * 4096 + b"}")
    assert big.status_code == 413 and big.json()["error"]["kind"] == "TooLarge"
    assert client.get("/api/v1/people").json() == []


def test_a_cross_site_restore_is_refused(client: TestClient) -> None:
    backup = client.get("/api/v1/exports/json").content
    r = client.post("/api/v1/restore", files={"file": ("b.json", backup)},
                    headers={"origin": "https://evil.example"})  # fmt: skip
    assert r.status_code == 403


@pytest.fixture
def two(store: Store) -> Iterator[TwoAccounts]:
    with two_accounts(store) as found:
        yield found


def test_no_account_exports_or_restores_over_anothers_data(two: TwoAccounts) -> None:
    c, h = two.client, two.headers
    seed(c, "Zoë Brandt", "zoe@example.com", h["ana"])
    for kind in ("vcard", "csv", "ics", "json"):
        theirs = c.get(f"/api/v1/exports/{kind}", headers=h["bo"])
        assert theirs.status_code == 200
        assert "Brandt" not in theirs.text and "zoe@example.com" not in theirs.text, kind
        assert "Brandt" in c.get(f"/api/v1/exports/{kind}", headers=h["ana"]).text, kind
    assert "Brandt" not in c.get("/api/v1/report", headers=h["bo"]).text
    assert "Brandt" in c.get("/api/v1/report", headers=h["ana"]).text
    backup = c.get("/api/v1/exports/json", headers=h["ana"]).content
    ana_before = c.get("/api/v1/exports/json", headers=h["ana"]).content

    # bo's account is empty: ana's backup restores into it as bo's own copy, ana's untouched
    done = restore(c, backup, h["bo"])
    assert done.status_code == 200, done.text
    [copy] = c.get("/api/v1/people", headers=h["bo"]).json()
    [original] = c.get("/api/v1/people", headers=h["ana"]).json()
    assert copy["name"] == original["name"] == "Zoë Brandt"
    assert c.get("/api/v1/exports/json", headers=h["ana"]).content == ana_before
    assert c.delete(f"/api/v1/people/{copy['id']}", headers=h["bo"]).status_code == 200
    assert c.get(f"/api/v1/people/{original['id']}", headers=h["ana"]).status_code == 200
    assert c.get("/api/v1/exports/json").status_code == 401
