"""`tiekeeper account token NAME --dav`: an app password, shown once, revocable like any token."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tiekeeper.cli.app import app


def test_account_token_dav_makes_an_app_password_of_scope_dav() -> None:
    runner = CliRunner()
    made = runner.invoke(app, ["account", "token", "local", "--dav", "--json"])
    assert made.exit_code == 0, made.output
    data = json.loads(made.stdout)
    assert data["scope"] == "dav" and data["token"].startswith("tk_") and data["feed"] is None
    shown = runner.invoke(app, ["account", "token", "local", "--dav"])
    assert shown.exit_code == 0 and "/dav/local/contacts/" in shown.stdout
    listed = json.loads(runner.invoke(app, ["account", "tokens", "local", "--json"]).stdout)
    assert [t["scope"] for t in listed] == ["dav", "dav"]
    both = runner.invoke(app, ["account", "token", "local", "--dav", "--calendar"])
    assert both.exit_code == 1 and "choose one of --calendar and --dav" in both.stderr
