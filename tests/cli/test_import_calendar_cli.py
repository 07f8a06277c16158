"""`tiekeeper import` with calendars: the summary, --json, --dry-run, --max-attendees,
TIEKEEPER_TZ, one error line for bad input, and Today's meeting on the light path."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ICS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "ics"
TAKEOUT = str(ICS / "takeout-20261126T101500Z-001.zip")


@pytest.fixture(autouse=True)
def _lisbon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIEKEEPER_TZ", "Europe/Lisbon")


def _people(cli: Any) -> None:
    cli("me", "--name", "Sam Rivera", "--email", "sam@example.com",
        "--email", "sam.rivera@work.example")  # fmt: skip
    cli.add("Ana Lima", "--email", "ana@example.com")
    cli.add("Bo Chen", "--email", "bo@nimbus.example")
    cli.add("Carla Diaz", "--email", "carla@acme.example")


def test_import_a_takeout_zip_prints_what_it_did_and_again_creates_nothing(cli: Any) -> None:
    _people(cli)
    dry = cli("import", TAKEOUT, "--date", "2026-11-26", "--dry-run").stdout
    assert "Would import" in dry and "10 created" in dry and "dry run" in dry
    assert cli.json("import", TAKEOUT, "--date", "2026-11-26", "--dry-run")["dry_run"] is True
    out = cli("import", TAKEOUT, "--date", "2026-11-26").stdout
    assert "calendar: 10 events, 17 occurrences" in out
    assert "2 cancelled" in out and "1 all-day event without attendees" in out
    assert "zed@unknown.example (1)" in out and "upcoming meetings: 3" in out
    again = cli.json("import", TAKEOUT, "--date", "2026-11-26")
    assert again["format"] == "calendar" and again["interactions_created"] == 0
    assert again["unchanged"] == 10 and again["meetings_planned"] == 0
    shown = cli.json("show", "ana")
    assert len(shown["interactions"]) >= 8


def test_max_attendees_and_the_tip_without_your_addresses(cli: Any) -> None:
    cli.add("Ana Lima", "--email", "ana@example.com")
    path = str(ICS / "outlook_exchange.ics")
    data = cli.json("import", path, "--date", "2026-11-26", "--max-attendees", "2")
    assert data["knows_your_addresses"] is False
    assert data["skipped_reasons"]["more than 2 attendees"] == 2
    assert "tiekeeper me --email" in cli("import", path, "--date", "2026-11-26").stdout


def test_the_day_is_counted_in_tiekeeper_tz(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _people(cli)
    monkeypatch.setenv("TIEKEEPER_TZ", "Asia/Tokyo")
    cli("import", str(ICS / "google_takeout.ics"), "--date", "2026-11-26")
    days = {i["summary"]: i["date"] for i in cli.json("show", "carla")["interactions"]}
    assert days["Late call with Carla and Zed"] == "2026-11-11"
    monkeypatch.setenv("TIEKEEPER_TZ", "Mars/Olympus")
    assert "TIEKEEPER_TZ" in cli.fail("import", str(ICS / "google_takeout.ics"))


def test_a_damaged_calendar_is_one_line_and_changes_nothing(cli: Any, tmp_path: Path) -> None:
    _people(cli)
    bad = tmp_path / "bad.ics"
    text = (ICS / "google_takeout.ics").read_text(encoding="utf-8")
    bad.write_text(text.replace("20261108", "2026110X", 1), encoding="utf-8")
    before = cli.snapshot()
    line = cli.fail("import", str(bad))
    assert str(bad) in line and "line 105" in line and "DTSTART" in line
    assert cli.snapshot() == before


def _light_run() -> Any:
    path = Path(__file__).with_name("test_today_light_path.py")
    spec = importlib.util.spec_from_file_location("light_path_probe", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run


def test_todays_meeting_is_read_on_the_light_path(cli: Any, _isolated_home: Path) -> None:
    _people(cli)
    cli("import", str(ICS / "google_takeout.ics"), "--date", "2026-11-26")
    out, heavy = _light_run()(_isolated_home, "today", "--date", "2026-11-26", "--json")
    assert heavy == []
    [item] = json.loads(out)["items"]
    assert item["kind"] == "meeting" and item["person"] == "Carla Diaz"
    assert item["reason"].startswith("meeting tomorrow: Acme roadmap review; prepare: last time")
    assert json.loads(out) == cli.json("today", "--date", "2026-11-26")


def test_a_takeout_zip_with_mail_and_calendars_imports_both(cli: Any, tmp_path: Path) -> None:
    """Regression: a Takeout of Mail and Calendar was read as mail only, the calendars left
    behind without a word."""
    import zipfile

    _people(cli)
    both = tmp_path / "takeout-both.zip"
    mbox = ICS.parent / "mail" / "conversations.mbox"
    with zipfile.ZipFile(both, "w") as z, zipfile.ZipFile(TAKEOUT) as cal:
        z.write(mbox, "Takeout/Mail/All mail Including Spam and Trash.mbox")
        for name in cal.namelist():
            z.writestr(name, cal.read(name))
    out = cli("import", str(both), "--date", "2026-11-26", "--dry-run").stdout
    assert "(mail)" in out and "calendar: 10 events, 17 occurrences" in out
    data = cli.json("import", str(both), "--date", "2026-11-26")
    assert data["format"] == "several"
    assert [p["format"] for p in data["parts"]] == ["mail", "calendar"]
    assert data["parts"][1]["interactions_created"] == 10
    again = cli.json("import", str(both), "--date", "2026-11-26")
    assert [p["interactions_created"] for p in again["parts"]] == [0, 0]


def test_the_draft_for_a_planned_meeting_looks_ahead_not_back(cli: Any) -> None:
    """Regression: a meeting from the calendar got the check-in draft ("it has been a while!")
    although the two meet tomorrow."""
    _people(cli)
    cli("import", str(ICS / "google_takeout.ics"), "--date", "2026-11-26")
    [draft] = cli.json("draft", "--date", "2026-11-26")
    assert draft["template"] == "meeting"
    assert draft["text"].startswith("Hi Carla, looking forward to our meeting.")
    assert "it has been a while" not in draft["text"]
