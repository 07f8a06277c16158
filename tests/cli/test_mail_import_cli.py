"""`tiekeeper import` with mail and `tiekeeper suggest`: routing by content, the summary (text and
--json), --dry-run, --subjects, one error line for a bad mailbox."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

Cli = Any  # tests/cli/conftest.py's Cli, given by the `cli` fixture

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "mail"
MBOX = str(FIXTURES / "conversations.mbox")


def _setup(cli: Cli) -> None:
    cli("me", "--name", "Sam Doe", "--email", "sam@example.com", "--email", "sam.doe@gmail.com")
    cli.add("Ana Lima", "--email", "ana@example.com")
    cli.add("Bo Chen", "--email", "bo@nimbus.io")


def test_import_an_mbox_prints_what_it_did_and_why_it_skipped(cli: Cli) -> None:
    _setup(cli)
    out = cli("import", MBOX, "--date", "2026-06-01").stdout
    assert "(mail)" in out and "messages: 15, 5 with people in tiekeeper" in out
    assert "interactions: 3 created" in out
    assert "skipped 1: mailing list" in out and "skipped 1: your own note" in out
    assert "conversations.mbox, message 15: Date: 'someday soon' is not a date" in out
    shown = cli.json("show", "Ana Lima")
    assert [i["channel"] for i in shown["interactions"]] == ["email", "email"]


def test_import_json_dry_run_and_subjects(cli: Cli) -> None:
    _setup(cli)
    dry = cli.json("import", str(FIXTURES / "takeout.zip"), "--dry-run", "--date", "2026-06-01")
    assert dry["format"] == "mail" and dry["dry_run"] is True
    assert dry["interactions_created"] == 3 and dry["skipped"]["bulk mail"] == 1
    assert cli.json("show", "Ana Lima")["interactions"] == []
    done = cli.json("import", str(FIXTURES / "Maildir"), "--subjects", "--date", "2026-06-01")
    assert done["interactions_created"] == 4  # the Maildir also holds Bo's unread "Lunch?"
    summaries = {i["summary"] for i in cli.json("show", "Bo Chen")["interactions"]}
    assert summaries == {"Intro: Dana", "Lunch?"}


def test_bodies_stay_out_of_the_database(cli: Cli) -> None:
    _setup(cli)
    cli("import", str(FIXTURES / "eml"), "--subjects", "--date", "2026-06-01")
    conn = sqlite3.connect(cli.home / "tiekeeper.db")
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert "Coffee next week?" in dump and "Message 1." not in dump and "must escape" not in dump


def test_a_file_that_is_no_mailbox_is_one_error_line(cli: Cli, tmp_path: Path) -> None:
    _setup(cli)
    bad = tmp_path / "mail.mbox"
    bad.write_text("hello\n")
    assert (
        cli.fail("import", str(bad))
        == f"error: {bad}: this is not an mbox mailbox (it does not begin with a 'From ' line)"
    )


def test_suggest_lists_and_adds(cli: Cli) -> None:
    _setup(cli)
    cli("import", MBOX, "--date", "2026-06-01")
    text = cli("suggest", "--date", "2026-06-01").stdout
    assert "3 sent" in text and "Carol Núñez <carol@design.studio>" in text
    listed = cli.json("suggest", "--date", "2026-06-01", "--at-least", "1")
    assert [s["email"] for s in listed][:2] == ["carol@design.studio", "dan@far.example"]
    added = cli.json("suggest", "add", "carol@design.studio", "dan@far.example")
    assert [a["name"] for a in added["added"]] == ["Carol Núñez", "Dan Wu"]
    assert cli.json("suggest", "--date", "2026-06-01") == []
    assert "dan@far.example is already #" in cli("suggest", "add", "dan@far.example").stdout
    line = cli.fail("suggest", "add", "who@nowhere.example")
    assert line.startswith("error: who@nowhere.example is in no imported mail")
