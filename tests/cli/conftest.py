"""Shared helpers for the CLI tests: run the real Typer app in-process and look at the database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tiekeeper.cli.app import app


class Cli:
    """`cli("add", "Ana")` runs `tiekeeper add Ana` and insists it succeeded."""

    def __init__(self, home: Path) -> None:
        self.runner = CliRunner()
        self.home = home

    def run(self, *args: str) -> Result:
        return self.runner.invoke(app, list(args))

    def __call__(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exit_code == 0, (
            f"tiekeeper {' '.join(args)} -> {result.exit_code}\n{result.output}"
            f"\n{result.exception!r}"
        )
        return result

    def json(self, *args: str) -> Any:
        """Run with --json and parse stdout."""
        return json.loads(self(*args, "--json").stdout)

    def fail(self, *args: str) -> str:
        """Run a command that must be refused as a user error; returns its one stderr line."""
        result = self.run(*args)
        assert result.exit_code != 0, f"tiekeeper {' '.join(args)} succeeded:\n{result.output}"
        # A user error leaves through SystemExit; anything else is a crash (a traceback for a user).
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"expected one line on stderr, got:\n{result.stderr}"
        assert result.stdout == ""
        return lines[0]

    def add(self, name: str, *options: str) -> int:
        """Add a person and return their id."""
        return int(self.json("add", name, *options)["id"])

    def snapshot(self) -> dict[str, Any]:
        """Everything a user can see (list + show of everyone) and every row of the database."""
        people = self.json("list")
        shown = {p["id"]: self.json("show", str(p["id"])) for p in people}
        db = self.home / "tiekeeper.db"
        rows: list[str] = []
        if db.exists():
            conn = sqlite3.connect(db)
            try:
                rows = list(conn.iterdump())
            finally:
                conn.close()
        return {"list": people, "show": shown, "rows": rows}


@pytest.fixture
def cli(_isolated_home: Path) -> Cli:
    return Cli(_isolated_home)
