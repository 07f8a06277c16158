"""docs/cli.md documents every command, every option and every TIEKEEPER_* setting.

The checker walks the real Typer app (nested command groups included), so a new command or option
without documentation fails here; it is itself tested on a small app with known gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
import typer.main

import tiekeeper.cli.app

# Typer >= 0.24 vendors a trimmed copy of Click (no click.Group / click.Option), so commands and
# options are recognised by shape: a group has `.commands`, an option has param_type_name "option".
Command = Any

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"
JSON_DOC = ROOT / "docs" / "json.md"
CONFIG = ROOT / "src" / "tiekeeper" / "config.py"


def is_group(cmd: Command) -> bool:
    return isinstance(getattr(cmd, "commands", None), dict)


def walk(group: Command, prefix: str) -> Iterator[tuple[str, Command]]:
    """(full name, command) for every command and group below `group`, depth first."""
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        yield full, cmd
        if is_group(cmd):
            yield from walk(cmd, full)


def sections(doc: str) -> dict[str, str]:
    """`## tiekeeper NAME` heading -> the text up to the next `##` heading."""
    out: dict[str, str] = {}
    parts = re.split(r"^(## .*)$", doc, flags=re.MULTILINE)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        title = heading[3:].strip().strip("`").strip()
        out[" ".join(title.split())] = body
    return out


def mentions(text: str, opt: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text) is not None


def options(cmd: Command) -> list[str]:
    """The long (or only) spelling of each visible option of a command."""
    out = []
    for p in cmd.params:
        if p.param_type_name != "option" or getattr(p, "hidden", False):
            continue
        longs = [o for o in p.opts if o.startswith("--")] or list(p.opts)
        out.extend(longs)
    return out


def doc_problems(root: Command, prog: str, doc: str) -> list[str]:
    """Everything docs/cli.md misses about the command tree under `root`."""
    problems: list[str] = []
    secs = sections(doc)
    for opt in options(root):
        if not mentions(doc, opt):
            problems.append(f"global option {opt} is not documented")
    for full, cmd in walk(root, prog):
        if cmd.hidden:
            continue
        if not (cmd.help or cmd.short_help or "").strip():
            problems.append(f"`{full}` has no help text")
        if is_group(cmd):
            # A group's own options belong to its section, or to any section of its subcommands.
            text = "\n".join(
                body for title, body in secs.items() if f"{title} ".startswith(f"{full} ")
            )
            problems += [f"`{full}` option {o} is not documented" for o in options(cmd)
                         if not mentions(text, o)]  # fmt: skip
            continue
        if full not in secs:
            problems.append(f"`{full}` has no `## {full}` heading")
            continue
        for opt in options(cmd):
            if not mentions(secs[full], opt):
                problems.append(f"`{full}` option {opt} is not in its section")
    return problems


def settings_read_by_config() -> set[str]:
    return set(re.findall(r"\bTIEKEEPER_[A-Z0-9_]+\b", CONFIG.read_text(encoding="utf-8")))


def test_every_command_and_option_is_documented_in_cli_md() -> None:
    root = typer.main.get_command(tiekeeper.cli.app.app)
    assert is_group(root)
    names = [full for full, _ in walk(root, "tiekeeper")]
    assert len(names) >= 14, names  # the walk really found the commands
    assert doc_problems(root, "tiekeeper", CLI_DOC.read_text(encoding="utf-8")) == []


def test_every_tiekeeper_setting_read_by_config_is_documented() -> None:
    found = settings_read_by_config()
    assert {"TIEKEEPER_HOME", "TIEKEEPER_DATABASE_URL", "TIEKEEPER_ACCOUNT"} <= found
    doc = CLI_DOC.read_text(encoding="utf-8")
    assert sorted(s for s in found if s not in doc) == []


def test_json_doc_lists_every_key_the_views_produce() -> None:
    views = (ROOT / "src" / "tiekeeper" / "services" / "views.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'^\s+"([a-z_]+)":', views, flags=re.MULTILINE))
    assert len(keys) > 30, keys
    doc = JSON_DOC.read_text(encoding="utf-8")
    assert sorted(k for k in keys if f"`{k}`" not in doc) == []


# --- the checker itself finds what is missing ---------------------------------------------------


def _toy_app() -> Command:
    app = typer.Typer(add_completion=False)

    @app.callback()
    def main(verbose: bool = typer.Option(False, "--verbose", help="More output.")) -> None:
        """Toy."""

    @app.command()
    def add(name: str, colour: str = typer.Option("red", help="Colour.")) -> None:
        """Add a thing."""

    @app.command()
    def undocumented() -> None:
        pass

    event = typer.Typer(help="Events.")

    @event.command("add")
    def event_add(where: str = typer.Option("", help="Where.")) -> None:
        """Add an event."""

    app.add_typer(event, name="event")
    root = typer.main.get_command(app)
    assert is_group(root)
    return root


def test_doc_checker_reports_missing_headings_options_help_and_nested_commands() -> None:
    doc = "Use --verbose.\n\n## tiekeeper add\n\nAdds.\n\n## tiekeeper undocumented\n\nx\n"
    problems = doc_problems(_toy_app(), "tiekeeper", doc)
    assert problems == [
        "`tiekeeper add` option --colour is not in its section",
        "`tiekeeper undocumented` has no help text",
        "`tiekeeper event add` has no `## tiekeeper event add` heading",
    ]


def test_doc_checker_accepts_a_complete_doc_with_a_nested_group() -> None:
    doc = (
        "--verbose\n## tiekeeper add\n`--colour`\n## tiekeeper undocumented\n"
        "## tiekeeper event add\n--where\n"
    )
    problems = doc_problems(_toy_app(), "tiekeeper", doc)
    assert problems == ["`tiekeeper undocumented` has no help text"]


def test_doc_checker_does_not_accept_an_option_documented_in_another_section() -> None:
    doc = "--verbose\n## tiekeeper add\n\n## tiekeeper event add\n--where --colour\n"
    problems = doc_problems(_toy_app(), "tiekeeper", doc)
    assert "`tiekeeper add` option --colour is not in its section" in problems


def test_doc_checker_does_not_take_a_longer_option_for_a_shorter_one() -> None:
    doc = "--verbose\n## tiekeeper add\n--colour-scheme\n## tiekeeper event add\n--where\n"
    assert "`tiekeeper add` option --colour is not in its section" in doc_problems(
        _toy_app(), "tiekeeper", doc
    )
