"""The first run (issue 10): `--version`, shell completion, `--json` on every command that prints,
and a weekly review whose empty sections say so in words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import typer.main

import tiekeeper.cli.app

HEAVY = ("sqlalchemy", "alembic", "pydantic", "rich", "numpy", "igraph")
# Runs the console-script entry point as the shell would, then names the heavy libraries loaded.
PROBE = """
import sys
sys.argv = ["tiekeeper", *sys.argv[1:]]
from tiekeeper.cli.app import main
try:
    main()
except SystemExit as e:
    assert not e.code, e.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(WATCH))
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
""".replace("WATCH", repr(HEAVY))


def entry_point(home: Path, *args: str, **env: str) -> tuple[str, list[str]]:
    """`tiekeeper ARGS` in its own interpreter: (stdout, the heavy libraries it imported)."""
    environ = dict(os.environ, TIEKEEPER_HOME=str(home), **env)
    environ.pop("TIEKEEPER_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=environ,
                          capture_output=True, text=True, check=True)  # fmt: skip
    line = [x for x in done.stderr.splitlines() if x.startswith("HEAVY=")][-1]
    return done.stdout, [m for m in line.removeprefix("HEAVY=").split(",") if m]


# --- --version --------------------------------------------------------------------------------


def test_version_prints_the_installed_version_and_loads_nothing_heavy(_isolated_home: Path) -> None:
    out, heavy = entry_point(_isolated_home, "--version")
    assert out == f"tiekeeper {metadata.version('tiekeeper')}\n"
    assert heavy == []


def test_version_wins_over_a_command_and_a_database_that_cannot_open(cli: Any) -> None:
    result = cli("--db", "nosuchdriver://x", "--version", "today")
    assert result.stdout.strip() == f"tiekeeper {metadata.version('tiekeeper')}"


# --- shell completion -------------------------------------------------------------------------


def test_show_completion_prints_a_bash_script_for_the_tiekeeper_command(
    _isolated_home: Path,
) -> None:
    # Typer names the shell itself (shellingham) unless told not to; a test must not depend on
    # the shell it runs under, so it names bash explicitly.
    out, heavy = entry_point(
        _isolated_home,
        "--show-completion",
        "bash",
        _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1",
    )
    assert "complete -o default -F _tiekeeper_completion tiekeeper" in out
    assert "_TIEKEEPER_COMPLETE=complete_bash" in out
    assert heavy == []


def test_the_completion_script_completes_commands_and_subcommands(_isolated_home: Path) -> None:
    # What the installed script does on TAB: run tiekeeper with these variables set.
    out, _ = entry_point(_isolated_home, _TIEKEEPER_COMPLETE="complete_bash",
                         COMP_WORDS="tiekeeper eve", COMP_CWORD="1")  # fmt: skip
    assert out.split() == ["event"]
    out, _ = entry_point(_isolated_home, _TIEKEEPER_COMPLETE="complete_bash",
                         COMP_WORDS="tiekeeper template re", COMP_CWORD="2")  # fmt: skip
    assert out.split() == ["reset"]


def test_help_lists_version_and_the_completion_options(cli: Any) -> None:
    text = cli("--help").stdout
    for opt in ("--version", "--install-completion", "--show-completion"):
        assert opt in text


# --- --json on every command that prints ------------------------------------------------------

# Commands without --json, each with the reason it has nothing machine-readable to print.
NO_JSON = {
    # Runs a web server until stopped; what it prints is the address, for a person.
    "tiekeeper serve": "a long-running server, not a result",
}


def leaf_commands() -> list[tuple[str, Any]]:
    from tests.test_docs import is_group, walk

    root = typer.main.get_command(tiekeeper.cli.app.app)
    return [(full, cmd) for full, cmd in walk(root, "tiekeeper") if not is_group(cmd)]


def missing_json(commands: list[tuple[str, Any]]) -> list[str]:
    has = {full for full, cmd in commands
           if any("--json" in getattr(p, "opts", []) for p in cmd.params)}  # fmt: skip
    return sorted(full for full, _ in commands if full not in has and full not in NO_JSON)


def test_every_command_that_prints_has_json() -> None:
    commands = leaf_commands()
    assert len(commands) > 60  # the walk reached the nested groups (goal, account, template...)
    assert missing_json(commands) == []
    names = {full for full, _ in commands}
    assert set(NO_JSON) <= names  # no stale exemption


def test_the_json_check_notices_a_command_without_it() -> None:
    toy = typer.Typer()

    @toy.command()
    def shout() -> None:
        """Print something."""

    @toy.command()
    def quiet(json: bool = typer.Option(False, "--json")) -> None:
        """Print JSON."""

    root = typer.main.get_command(toy)
    commands = [(f"tiekeeper {n}", c) for n, c in root.commands.items()]  # type: ignore[attr-defined]
    assert missing_json(commands) == ["tiekeeper shout"]


def test_the_commands_that_lacked_json_print_it(cli: Any, tmp_path: Path) -> None:
    cli("me", "--name", "Zoë Example", "--email", "zoe@example.com")
    card = cli.json("card")
    assert card["vcard"].startswith("BEGIN:VCARD") and card["uid"]
    assert (card["output"], card["qr"], card["written"]) == (None, None, [])
    vcf = tmp_path / "card.vcf"
    written = cli.json("card", "-o", str(vcf))
    assert written["written"] == [str(vcf)] and vcf.read_bytes() == card["vcard"].encode()

    goal = cli.json("goal", "add", "coffee chats", "--per", "week", "--target", "1")
    assert cli.json("goal", "remove", str(goal["id"])) == {"removed": True, "id": goal["id"]}
    assert cli.json("goal", "list") == []

    cli("target", "add", "Nimbus Labs", "--why", "robots")
    gone = cli.json("target", "remove", "nimbus labs")
    assert (gone["name"], gone["is_target"], gone["why"]) == ("Nimbus Labs", False, "robots")
    assert cli.json("target", "list") == []

    own = cli.json("template", "set", "reconnect", "Hi {first_name}, long time!")
    assert own == {"kind": "reconnect", "text": "Hi {first_name}, long time!", "custom": True}
    back = cli.json("template", "reset", "reconnect")
    assert back["kind"] == "reconnect" and back["custom"] is False
    assert back["text"] != own["text"]


def test_account_password_and_revoke_print_json(cli: Any) -> None:
    runner, app = cli.runner, tiekeeper.cli.app.app
    runner.invoke(
        app, ["account", "add", "ana", "--password-stdin"], input="correct horse battery\n"
    )
    changed = runner.invoke(app, ["account", "password", "ana", "--password-stdin", "--json"],
                            input="another long secret\n")  # fmt: skip
    assert changed.exit_code == 0, changed.output
    assert json.loads(changed.stdout) == {"name": "ana", "password_changed": True,
                                          "sessions_ended": 0}  # fmt: skip
    token = cli.json("account", "tokens", "ana")
    assert token == []
    cli("account", "token", "ana", "--label", "phone")
    (listed,) = cli.json("account", "tokens", "ana")
    assert cli.json("account", "revoke", "ana", str(listed["id"])) == {
        "name": "ana", "id": listed["id"], "revoked": True}  # fmt: skip
    assert "no token" in cli.fail("account", "revoke", "ana", str(listed["id"]), "--json")


# --- review: an empty section says so ---------------------------------------------------------


def test_review_of_an_empty_week_says_so_in_every_section(cli: Any) -> None:
    text = cli("review", "--date", "2027-01-06").stdout
    lines = text.splitlines()
    assert lines[0] == "Week 2027-01-04 to 2027-01-10"
    assert "No goals yet: tiekeeper goal add" in lines[1]
    assert "No new people this week" in lines
    assert "New people 0" not in text and "Goals" not in lines  # no bare heading
    assert "No tie grew stronger this week" in lines and "No tie faded this week" in lines
    assert "No follow-ups were due this week" in lines
    assert "Who can I help this week? Nobody to suggest" in text
    assert all(line.strip() for line in lines)  # nothing printed with nothing under it


def test_review_with_something_in_each_section_lists_it(cli: Any) -> None:
    cli("goal", "add", "coffee chats", "--per", "week", "--target", "1")
    cli("add", "Ana", "--needs", "looking for a designer")
    cli("add", "Bo", "--position", "designer")
    cli("log", "Ana", "--topic", "coffee", "--channel", "coffee")
    text = cli("review").stdout  # this week: both were added today
    assert "Goals" in text.splitlines() and "coffee chats" in text
    assert "New people 2: Ana, Bo" in text
    assert "Strengthened Ana" in text
    assert "Who can I help this week? Ana" in text
    assert "No goals yet" not in text and "No new people" not in text
