"""account delete: asks in a terminal, needs --yes otherwise and for the account in use."""

from __future__ import annotations

import pytest

import tiekeeper.cli.accounts
from tiekeeper.cli.app import app

PASSWORD = "correct horse battery\n"


def _add_account(cli, name: str) -> None:  # type: ignore[no-untyped-def]
    made = cli.runner.invoke(app, ["account", "add", name, "--password-stdin"], input=PASSWORD)
    assert made.exit_code == 0, made.output


def _with_people(cli, monkeypatch: pytest.MonkeyPatch, account: str, *names: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIEKEEPER_ACCOUNT", account)
    for name in names:
        cli.add(name)
    monkeypatch.delenv("TIEKEEPER_ACCOUNT")


def _accounts(cli) -> list[str]:  # type: ignore[no-untyped-def]
    return [a["name"] for a in cli.json("account", "list")]


@pytest.fixture
def two(cli, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    for name in ("ann", "bob"):
        _add_account(cli, name)
    _with_people(cli, monkeypatch, "ann", "Ana Lima", "Bo Chen")
    _with_people(cli, monkeypatch, "bob", "Bob's Friend")
    return cli


def test_an_unknown_name_is_one_line_and_exit_1(two) -> None:  # type: ignore[no-untyped-def]
    assert two.fail("account", "delete", "zed", "--yes") == "error: no account named 'zed'"
    assert two.run("account", "delete", "zed").exit_code == 1


def test_without_a_terminal_it_needs_yes(two) -> None:  # type: ignore[no-untyped-def]
    line = two.fail("account", "delete", "ann")
    assert line == (
        "error: deleting account 'ann' (2 people) cannot be undone; add --yes to confirm "
        "(there is no terminal to ask in)"
    )
    assert _accounts(two) == ["ann", "bob", "local"]


def test_in_a_terminal_it_asks_and_no_keeps_everything(
    two, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tiekeeper.cli.accounts, "_can_ask", lambda: True)
    kept = two.runner.invoke(app, ["account", "delete", "ann"], input="n\n")
    assert kept.exit_code == 1
    assert "Account ann owns 2 people." in kept.stderr
    assert "Nothing deleted." in kept.stderr and "Deleted" not in kept.stdout
    assert _accounts(two) == ["ann", "bob", "local"]
    done = two.runner.invoke(app, ["account", "delete", "ann"], input="y\n")
    assert done.exit_code == 0, done.output
    assert "Deleted account #2 ann and its data: 2 people\n" in done.stdout
    assert _accounts(two) == ["bob", "local"]


def test_yes_deletes_and_other_accounts_keep_their_data(
    two, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    out = two.json("account", "delete", "ann", "--yes")
    assert out["deleted"] is True and out["name"] == "ann"
    assert out["rows"]["people"] == 2 and out["rows"]["search_docs"] == 2
    monkeypatch.setenv("TIEKEEPER_ACCOUNT", "bob")
    assert [p["name"] for p in two.json("list")] == ["Bob's Friend"]
    monkeypatch.setenv("TIEKEEPER_ACCOUNT", "ann")
    assert "no account named 'ann'" in two.fail("list")


def test_the_account_in_use_is_deleted_only_with_yes(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cli.add("Ana Lima")
    monkeypatch.setattr(tiekeeper.cli.accounts, "_can_ask", lambda: True)  # even in a terminal
    line = cli.fail("account", "delete", "local")
    assert line == (
        "error: 'local' is the account in use (TIEKEEPER_ACCOUNT): deleting it deletes all your "
        "data (1 person); add --yes to do it"
    )
    assert [p["name"] for p in cli.json("list")] == ["Ana Lima"]
    out = cli("account", "delete", "local", "--yes").stdout
    assert "It was the account in use: the next command starts an empty one" in out
    assert cli.json("list") == []
