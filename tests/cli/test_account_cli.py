"""account add/list/token/tokens/revoke/password, and serve --accounts refusing to start bare."""

from __future__ import annotations

import json

from tiekeeper.cli.app import app


def test_accounts_are_added_listed_and_given_revocable_tokens(cli) -> None:  # type: ignore[no-untyped-def]
    made = cli.runner.invoke(
        app, ["account", "add", "ana", "--password-stdin", "--json"],
        input="correct horse battery\n",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["name"] == "ana"
    listed = {a["name"]: a["can_log_in"] for a in cli.json("account", "list")}
    assert listed == {"ana": True, "local": False}
    token = cli.json("account", "token", "ana", "--label", "backup")["token"]
    assert token.startswith("tk_")
    [row] = cli.json("account", "tokens", "ana")
    assert row["label"] == "backup" and row["last_used_at"] is None
    cli("account", "revoke", "ana", str(row["id"]))
    assert cli.json("account", "tokens", "ana") == []
    feed = cli.json("account", "token", "ana", "--calendar")
    assert feed["scope"] == "calendar" and feed["feed"] == f"/feeds/{feed['token']}/calendar.ics"


def test_a_short_password_or_a_taken_name_is_one_clear_line(cli) -> None:  # type: ignore[no-untyped-def]
    short = cli.runner.invoke(app, ["account", "add", "bo", "--password-stdin"], input="abc\n")
    assert short.exit_code == 1 and "password: use at least 10 characters" in short.stderr
    assert "Traceback" not in short.output
    assert [a["name"] for a in cli.json("account", "list")] == ["local"]
    assert "no account named 'zed'" in cli.fail("account", "token", "zed")


def test_serve_with_accounts_refuses_to_start_while_nobody_can_log_in(cli) -> None:  # type: ignore[no-untyped-def]
    assert "no account can log in yet" in cli.fail("serve", "--accounts", "--port", "1")
