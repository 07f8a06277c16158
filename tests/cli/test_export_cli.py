"""`tiekeeper export` and `tiekeeper restore` from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ical.calendar_stream import IcsCalendarStream

from tiekeeper.interchange.vcard_in import read_vcard

Cli = Any  # the `cli` fixture of tests/cli/conftest.py


def test_export_vcard_to_stdout_writes_the_exact_crlf_bytes(cli: Cli) -> None:
    cli.add("José Núñez", "--email", "jose@example.com", "--birthday", "02-29")
    out = cli("export", "vcard").stdout_bytes
    assert out.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n" in out
    assert [p.name for p in read_vcard(out, "x.vcf").people] == ["José Núñez"]


def test_export_to_a_file_with_json_reports_what_was_written(cli: Cli, tmp_path: Path) -> None:
    cli.add("Ana Lima", "--birthday", "1990-04-15")
    target = tmp_path / "cal.ics"
    report = cli.json("export", "ics", "-o", str(target), "--date", "2026-11-26")
    assert report["format"] == "ics" and report["items"] == 1 and report["changed_events"] == 1
    assert report["bytes"] == target.stat().st_size
    cal = IcsCalendarStream.calendar_from_ics(target.read_text(encoding="utf-8"))
    assert [e.summary for e in cal.events] == ["Ana Lima's birthday"]
    assert "DTSTAMP:20261126T" in target.read_text(encoding="utf-8")
    again = cli.json("export", "ics", "--output", str(target))
    assert again["changed_events"] == 0


def test_export_csv_prints_googles_header(cli: Cli) -> None:
    cli.add("Ana Lima")
    out = cli("export", "csv").stdout
    assert out.startswith("First Name,Middle Name,Last Name,")
    assert "Ana,,Lima" in out


def test_backup_and_restore_into_another_home_round_trips(cli: Cli, tmp_path: Path) -> None:
    cli.add("Ana Lima", "--tag", "mentor")
    cli("log", "Ana Lima", "--summary", "coffee chat")
    backup = tmp_path / "backup.json"
    cli("export", "json", "-o", str(backup))
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = cli.json("--db", other, "restore", str(backup))
    assert result["people"] == 1 and result["tables"]["interactions"] == 1
    assert cli("--db", other, "export", "json").stdout_bytes == backup.read_bytes()
    assert "coffee" in cli("--db", other, "search", "coffee").stdout


def test_restore_refuses_a_home_with_data_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.add("Ana Lima")
    backup = tmp_path / "backup.json"
    cli("export", "json", "-o", str(backup))
    before = cli.snapshot()
    assert "not empty" in cli.fail("restore", str(backup))
    assert cli.snapshot() == before


def test_a_malformed_backup_gets_one_clear_line_and_changes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "tiekeeper-backup", "version": 7}), encoding="utf-8")
    before = cli.snapshot()
    line = cli.fail("restore", str(bad))
    assert "bad.json" in line and "version 7 is not supported" in line
    assert "cannot read it" in cli.fail("restore", str(tmp_path / "missing.json"))
    assert cli.snapshot() == before


def test_an_unknown_format_is_refused_naming_the_choices(cli: Cli) -> None:
    line = cli.fail("export", "xlsx")
    assert "format" in line and "vcard, csv, ics, json" in line
