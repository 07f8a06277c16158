"""Setup mistakes are one line: the setting named, what is wrong, exit code 2, no traceback; and
nothing is created where the user did not mean it. Run as real processes, as a user would."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def tiekeeper(
    *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    cmd = [*prefix, sys.executable, "-m", "tiekeeper", *args]
    return subprocess.run(cmd, env=full, capture_output=True, text=True, timeout=120)


def one_line_exit_2(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a refused setup; asserts exit 2, nothing else printed."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nobody listens once the socket is closed


def test_unreachable_postgresql_names_the_option_and_hides_the_password() -> None:
    url = f"postgresql://ana:s3cret@127.0.0.1:{_closed_port()}/tiekeeper"
    line = one_line_exit_2(tiekeeper("--db", url, "list"))
    assert line.startswith("error: --db: cannot open postgresql://ana:***@127.0.0.1:")
    assert "Connection refused" in line or "connection" in line.lower()
    assert "s3cret" not in line


def test_malformed_database_url_names_the_option() -> None:
    line = one_line_exit_2(tiekeeper("--db", "not a url", "list"))
    assert line == (
        "error: --db: 'not a url' is not a database URL "
        "(use sqlite:///path/to/tiekeeper.db or postgresql://user@host/dbname)"
    )


def test_a_driver_that_is_not_installed_names_the_environment_variable() -> None:
    line = one_line_exit_2(tiekeeper("list", env={"TIEKEEPER_DATABASE_URL": "mysql://u@h/db"}))
    assert line.startswith("error: TIEKEEPER_DATABASE_URL: the driver for mysql is not installed")


def test_an_unknown_database_kind_names_the_environment_variable() -> None:
    line = one_line_exit_2(tiekeeper("list", env={"TIEKEEPER_DATABASE_URL": "nosuchdb://x/y"}))
    assert line.startswith("error: TIEKEEPER_DATABASE_URL: 'nosuchdb' in 'nosuchdb://x/y' is not")


def test_home_that_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    line = one_line_exit_2(tiekeeper("list", env={"TIEKEEPER_HOME": str(home)}))
    assert line == f"error: TIEKEEPER_HOME: {home} is a file, not a folder"


def test_home_that_is_not_writable(tmp_path: Path) -> None:
    home = tmp_path / "locked"
    home.mkdir()
    home.chmod(0o500)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root writes anywhere unless it gives up the override capability
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv")
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    try:
        line = one_line_exit_2(tiekeeper("list", env={"TIEKEEPER_HOME": str(home)}, prefix=prefix))
    finally:
        home.chmod(0o700)
    assert line == f"error: TIEKEEPER_HOME: {home} is not writable"
    assert list(home.iterdir()) == []


def test_sqlite_file_in_a_missing_folder_is_an_error_not_a_new_database(tmp_path: Path) -> None:
    target = tmp_path / "typo" / "tiekeeper.db"
    line = one_line_exit_2(tiekeeper("--db", f"sqlite:///{target}", "add", "Ana"))
    assert line == f"error: --db: the folder {target.parent} does not exist (create it first)"
    assert not target.parent.exists()


def test_first_run_creates_the_home_0700_and_the_database_0600(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    result = tiekeeper("add", "Ana", env={"TIEKEEPER_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "tiekeeper.db").stat().st_mode) == 0o600


def test_a_database_named_by_url_is_created_0600(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.db"
    assert tiekeeper("--db", f"sqlite:///{db}", "add", "Ana").returncode == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_unknown_account_is_refused_and_not_created(_isolated_home: Path) -> None:
    env = {"TIEKEEPER_ACCOUNT": "bob"}
    for args in (("list",), ("add", "Ana"), ("today",), ("search", "x"), ("export", "json")):
        line = one_line_exit_2(tiekeeper(*args, env=env))
        assert line == (
            "error: TIEKEEPER_ACCOUNT: there is no account named 'bob' "
            "(add it with `tiekeeper account add bob`)"
        ), args
    with sqlite3.connect(_isolated_home / "tiekeeper.db") as conn:
        assert conn.execute("SELECT name FROM accounts WHERE name = 'bob'").fetchall() == []


def test_account_add_works_while_the_setting_names_the_new_account(_isolated_home: Path) -> None:
    env = {"TIEKEEPER_ACCOUNT": "bob"}
    added = subprocess.run(
        [sys.executable, "-m", "tiekeeper", "account", "add", "bob", "--password-stdin"],
        env={**os.environ, **env},
        input="a long passphrase\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    assert tiekeeper("add", "Ana", env=env).returncode == 0
    assert "Ana" in tiekeeper("list", env=env).stdout
    assert "Ana" not in tiekeeper("list").stdout  # `local` is another account


def test_local_account_is_still_created_on_first_use(tmp_path: Path) -> None:
    home = tmp_path / "fresh"
    assert tiekeeper("list", env={"TIEKEEPER_HOME": str(home)}).returncode == 0
    with sqlite3.connect(home / "tiekeeper.db") as conn:
        assert conn.execute("SELECT name FROM accounts").fetchall() == [("local",)]
