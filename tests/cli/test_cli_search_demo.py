"""search, demo, and the global settings (--db, TIEKEEPER_DATABASE_URL, TIEKEEPER_ACCOUNT)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tiekeeper.cli.app import app
from tiekeeper.store.ids import SPAN


@pytest.fixture
def indexed(cli) -> None:  # type: ignore[no-untyped-def]
    cli.add("Ana Almeida", "--company", "Nimbus Labs", "--position", "Staff Engineer",
            "--note", "met at the Lisbon sailing club")  # fmt: skip
    cli.add("Chloé Dubois", "--company", "Quantix")
    cli.add("Bo Becker", "--company", "Brightloop")
    cli("log", "Bo Becker", "--date", "2025-01-10", "--topic", "fundraising",
        "--summary", "seed round plans")  # fmt: skip


def _hits(cli, query: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    hits = cli.json("search", query)
    assert all(set(h) == {"kind", "id", "title", "date", "people"} for h in hits)
    return [(h["kind"], h["title"]) for h in hits]


def test_search_finds_a_person_by_company(cli, indexed) -> None:
    assert ("person", "Chloé Dubois") in _hits(cli, "quantix")
    assert ("person", "Bo Becker") not in _hits(cli, "quantix")


def test_search_finds_an_organization_and_its_people(cli, indexed) -> None:
    hits = _hits(cli, "nimbus")
    assert ("organization", "Nimbus Labs") in hits
    assert ("person", "Ana Almeida") in hits


def test_search_finds_an_interaction_by_topic(cli, indexed) -> None:
    hits = cli.json("search", "fundraising")
    assert [(h["kind"], h["id"], h["title"]) for h in hits] == [
        ("interaction", 1, "seed round plans")
    ]


def test_search_is_accent_and_case_insensitive(cli, indexed) -> None:
    for query in ("chloe", "CHLOÉ", "Chloé dubois", "DUBOIS"):
        assert ("person", "Chloé Dubois") in _hits(cli, query), query


def test_search_matches_prefixes_and_needs_every_word(cli, indexed) -> None:
    assert ("person", "Ana Almeida") in _hits(cli, "engin")
    assert ("person", "Ana Almeida") in _hits(cli, "sailing lisbon")
    assert _hits(cli, "sailing quantix") == []


def test_search_limit_and_text_output(cli, indexed) -> None:
    assert len(cli.json("search", "a", "--limit", "1")) == 1
    out = cli("search", "quantix").stdout
    assert "results for 'quantix'" in out and "Chloé Dubois" in out


def test_search_for_nothing_is_refused(cli, indexed) -> None:
    assert cli.fail("search", "   ") == "error: query: type something to search for"


def test_search_with_fts_syntax_characters_is_not_a_crash(cli, indexed) -> None:
    for query in ('"', "AND", "o'brien", "a*", "(x", "-", "NEAR(a b)"):
        result = cli.run("search", query)
        assert result.exit_code == 0 or isinstance(result.exception, SystemExit), (query, result)
        assert "Traceback" not in result.output


# --- demo ------------------------------------------------------------------------------------


def test_demo_fills_an_empty_home_with_a_useful_agenda(cli) -> None:
    out = cli.json("demo", "--people", "60", "--interactions", "400", "--date", "2025-03-10")
    counts = {k: out[k] for k in ("created", "people", "interactions", "follow_ups")}
    assert counts == {"created": True, "people": 60, "interactions": 400, "follow_ups": 6}
    people = cli.json("list")
    assert len(people) == 60
    assert len({p["industry"] for p in people}) >= 3
    assert sum(p["birthday"] is not None for p in people) > 10
    assert all(p["company"] for p in people)
    agenda = cli.json("today", "--date", "2025-03-10")
    assert agenda["items"], "a new user sees something to do at once"
    assert all(i["reason"] for i in agenda["items"])
    assert any(i["kind"] == "follow-up" for i in agenda["items"])


def test_demo_default_size_is_a_few_hundred_people(cli) -> None:
    out = cli.json("demo")
    assert out["created"] is True
    assert out["people"] >= 200 and out["interactions"] >= 1000


def test_demo_refuses_to_touch_a_home_that_has_people(cli) -> None:
    cli.add("Ana")
    before = cli.snapshot()
    assert cli.json("demo") == {"created": False, "reason": "home already has people"}
    out = cli("demo").stdout
    assert "already has people" in out
    assert cli.snapshot() == before


# --- global settings -------------------------------------------------------------------------


def test_db_option_selects_another_database(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    url = f"sqlite:///{other}"
    cli("--db", url, "add", "Elsewhere")
    assert other.exists()
    assert [p["name"] for p in cli.json("--db", url, "list")] == ["Elsewhere"]
    assert cli.json("list") == []  # the home database did not get it


def test_database_url_setting_is_used_and_db_option_wins(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_db, opt_db = tmp_path / "env.db", tmp_path / "opt.db"
    monkeypatch.setenv("TIEKEEPER_DATABASE_URL", f"sqlite:///{env_db}")
    cli("add", "From Env")
    cli("--db", f"sqlite:///{opt_db}", "add", "From Option")
    assert [p["name"] for p in cli.json("list")] == ["From Env"]
    assert [p["name"] for p in cli.json("--db", f"sqlite:///{opt_db}", "list")] == ["From Option"]
    # The home's own database (pre-migrated by the test fixture) got nobody.
    with sqlite3.connect(cli.home / "tiekeeper.db") as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone() == (0,)


def test_home_setting_holds_the_default_sqlite_file(cli) -> None:
    cli("add", "Ana")
    assert (cli.home / "tiekeeper.db").is_file()


def test_account_setting_keeps_each_accounts_people_apart(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.add("Local Person", "--email", "same@example.com")
    monkeypatch.setenv("TIEKEEPER_ACCOUNT", "work")
    assert "no account named 'work'" in cli.fail("list")  # accounts are added, never guessed
    added = cli.runner.invoke(
        app, ["account", "add", "work", "--password-stdin"], input="a long passphrase\n"
    )
    assert added.exit_code == 0, added.output
    assert cli.json("list") == []
    cli.fail("show", "Local Person")
    cli.add("Work Person", "--email", "same@example.com")  # no clash across accounts
    [work] = cli.json("list")
    assert work["name"] == "Work Person"
    # numbered in the account's own block, not after Local Person (store/ids.py)
    assert work["id"] > SPAN and work["id"] % SPAN == 1
    assert cli.json("search", "person") == [
        {"kind": "person", "id": work["id"], "title": "Work Person", "date": None, "people": []}
    ]
    monkeypatch.delenv("TIEKEEPER_ACCOUNT")
    assert [p["name"] for p in cli.json("list")] == ["Local Person"]


def test_no_arguments_shows_help_listing_every_command(cli) -> None:
    result = cli.run()
    out = result.output
    for name in ("add", "edit", "show", "list", "log", "follow-up", "done", "snooze", "skip",
                 "cadence", "today", "upcoming", "search", "demo"):  # fmt: skip
        assert f"  {name} " in out, name
    assert "--db" in out
