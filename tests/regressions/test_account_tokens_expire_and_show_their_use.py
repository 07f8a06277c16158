"""Regression (issue 14): API tokens never expired and `account tokens` did not say when one
expires; `account password` left the account's sessions open."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from typer.testing import CliRunner

from tiekeeper.cli.app import app


def run(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_token_gets_an_expiry_shown_in_the_list() -> None:
    run("account", "add", "ana", "--password-stdin", stdin="correct horse battery\n")
    before = datetime.now(UTC)
    made = json.loads(run("account", "token", "ana", "--expires", "90d", "--json"))
    until = datetime.fromisoformat(made["expires_at"])
    assert before + timedelta(days=90) <= until <= datetime.now(UTC) + timedelta(days=90)
    json.loads(run("account", "token", "ana", "--label", "forever", "--json"))
    listed = {t["label"]: t for t in json.loads(run("account", "tokens", "ana", "--json"))}
    assert listed["api"]["expires_at"] == made["expires_at"] and not listed["api"]["expired"]
    assert listed["forever"]["expires_at"] is None
    table = run("account", "tokens", "ana")
    assert "expires" in table and "never" in table and until.strftime("%Y-%m-%d") in table


def test_a_bad_expiry_is_one_line_naming_the_option() -> None:
    run("account", "add", "ana", "--password-stdin", stdin="correct horse battery\n")
    result = CliRunner().invoke(app, ["account", "token", "ana", "--expires", "soon"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip().startswith("error: expires:"), result.stderr


def test_a_password_change_says_the_sessions_ended() -> None:
    run("account", "add", "ana", "--password-stdin", stdin="correct horse battery\n")
    out = run("account", "password", "ana", "--password-stdin", stdin="another long one\n")
    assert "logged out of 0 browser session(s)" in out
