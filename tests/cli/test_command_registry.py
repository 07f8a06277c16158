"""The CLI loads only the invoked command's module; the registry that says which module that is
must agree with what the modules register, or a command would vanish from the real CLI."""

from __future__ import annotations

import importlib
import subprocess
import sys

import typer

from tiekeeper.cli.app import COMMAND_MODULES, COMMANDS, _command_of


def _registered(module: str) -> set[str]:
    t = typer.Typer()
    importlib.import_module(f"tiekeeper.cli.{module}").register(t)
    names = {c.name or c.callback.__name__.replace("_", "-") for c in t.registered_commands}  # type: ignore[union-attr]
    return names | {g.name for g in t.registered_groups if g.name}


def test_every_registered_command_is_in_the_registry_with_its_module() -> None:
    actual = {name: m for m in COMMAND_MODULES for name in _registered(m)}
    assert actual == COMMANDS


def test_the_command_word_is_found_past_global_options() -> None:
    assert _command_of(["--db", "sqlite:///x.db", "today", "--minutes", "5"]) == "today"
    assert _command_of(["--help"]) is None
    assert _command_of(["event", "add", "X"]) == "event"


def test_the_installed_entry_point_runs_a_command_and_lists_all_in_help(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = "import sys; from tiekeeper.cli.app import main; sys.argv[0] = 'tiekeeper'; main()"
    env = {"TIEKEEPER_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    today = subprocess.run([sys.executable, "-c", code, "today"], env=env, capture_output=True,
                           text=True, check=True)  # fmt: skip
    assert "Today," in today.stdout
    listing = subprocess.run([sys.executable, "-c", code, "--help"], env=env,
                             capture_output=True, text=True, check=True)  # fmt: skip
    assert all(name in listing.stdout for name in COMMANDS)
    typo = subprocess.run([sys.executable, "-c", code, "tody"], env=env, capture_output=True,
                          text=True)  # fmt: skip
    assert typo.returncode == 2 and "No such command" in typo.stderr
