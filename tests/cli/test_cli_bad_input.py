"""Bad input: one clear line on stderr naming the field and the value, a non-zero exit code, no
traceback, and the database exactly as before (every row, and what list/show print)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BAD_PERSON_VALUES = [
    (["--birthday", "02-30"], "birthday", "02-30"),
    (["--birthday", "2023-02-29"], "birthday", "2023-02-29"),  # 2023 is not a leap year
    (["--birthday", "13-01"], "birthday", "13-01"),
    (["--birthday", "next year"], "birthday", "next year"),
    (["--closeness", "9"], "closeness", "9"),
    (["--closeness", "-1"], "closeness", "-1"),  # 0 clears the rating; below that is refused
    (["--cadence", "fortnightly"], "cadence", "fortnightly"),
    (["--cadence", "0d"], "cadence", "0d"),
    (["--type", "boss"], "type", "boss"),
    (["--email", "notanemail"], "email", "notanemail"),
    (["--email", "ana@localhost"], "email", "ana@localhost"),
    (["--started", "2025-02-30"], "started", "2025-02-30"),
    (["--connected", "whenever"], "connected", "whenever"),
    (["--linkedin", "ftp://example.com/ana"], "linkedin", "ftp://example.com/ana"),
]


@pytest.fixture
def seeded(cli):  # type: ignore[no-untyped-def]
    """A database with a bit of everything, so an unwanted write has something to change."""
    cli.add("Ana Almeida", "--email", "ana@example.com", "--tag", "mentor", "--cadence",
            "monthly", "--birthday", "1990-04-01", "--company", "Nimbus Labs")  # fmt: skip
    cli.add("Bo Becker", "--company", "Quantix")
    cli("cadence", "--tag", "mentor", "quarterly")
    cli("log", "Ana Almeida", "Bo Becker", "--date", "2025-01-10", "--topic", "hiring",
        "--follow-up", "2025-02-01", "--action", "send the deck")  # fmt: skip
    return cli.snapshot()


def _assert_refused(cli, before, args: list[str], *must_name: str) -> str:  # type: ignore[no-untyped-def]
    line = cli.fail(*args)
    assert line.startswith("error: ")
    for text in must_name:
        assert text in line, (text, line)
    assert cli.snapshot() == before, "a refused command changed the database"
    return line


@pytest.mark.parametrize(("option", "field", "value"), BAD_PERSON_VALUES)
def test_add_with_a_bad_value_names_field_and_value_and_adds_nobody(
    cli, seeded, option: list[str], field: str, value: str
) -> None:
    _assert_refused(cli, seeded, ["add", "Chloé Chen", "--company", "New Org", *option],
                    f"{field}:", value)  # fmt: skip


@pytest.mark.parametrize(("option", "field", "value"), BAD_PERSON_VALUES)
def test_edit_with_a_bad_value_names_field_and_value_and_changes_nothing(
    cli, seeded, option: list[str], field: str, value: str
) -> None:
    # valid changes before the bad one must not be half-applied
    args = ["edit", "Ana Almeida", "--company", "Elsewhere", "--tag", "x", "--email",
            "new@example.com", *option]  # fmt: skip
    _assert_refused(cli, seeded, args, f"{field}:", value)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Nobody"],
        ["edit", "Nobody", "--company", "X"],
        ["log", "Ana Almeida", "Nobody"],
        ["follow-up", "Nobody", "tomorrow"],
        ["cadence", "Nobody", "weekly"],
        ["add", "Chloé", "--introduced-by", "Nobody"],
        ["edit", "Bo Becker", "--introduced-by", "Nobody"],
    ],
)
def test_an_unknown_person_is_named_and_nothing_changes(cli, seeded, args: list[str]) -> None:
    _assert_refused(cli, seeded, args, "person", "Nobody")


@pytest.mark.parametrize(
    ("args", "field", "value"),
    [
        (["follow-up", "Ana Almeida", "someday"], "date", "someday"),
        (["follow-up", "Ana Almeida", "2025-02-30"], "date", "2025-02-30"),
        (["snooze", "1", "--until", "later"], "until", "later"),
        (["today", "--date", "31/12/2025"], "date", "31/12/2025"),
        (["upcoming", "--date", "yesterday-ish"], "date", "yesterday-ish"),
        (["add", "Chloé", "--date", "2025-13-01"], "date", "2025-13-01"),
        (["log", "Bo Becker", "--date", "in two weeks"], "date", "in two weeks"),
        (["log", "Bo Becker", "--follow-up", "3 fortnights ago"], "follow-up", "3 fortnights ago"),
    ],
)
def test_a_malformed_date_names_field_and_value_and_changes_nothing(
    cli, seeded, args: list[str], field: str, value: str
) -> None:
    _assert_refused(cli, seeded, args, f"{field}:", value)


@pytest.mark.parametrize(
    ("args", "must_name"),
    [
        (["cadence", "Ana Almeida", "fortnightly"], ["cadence:", "fortnightly"]),
        (["cadence", "--tag", "mentor", "every tuesday"], ["cadence:", "every tuesday"]),
        (["list", "--type", "boss"], ["type:", "boss"]),
        (["log", "Bo Becker", "--channel", "carrier pigeon"], ["channel:", "carrier pigeon"]),
        (["add", ""], ["name:"]),
        (["done", "42"], ["42"]),
        (["snooze", "1", "--until", "2020-01-01"], ["until:", "2020-01-01"]),
    ],
)
def test_other_bad_values_are_refused_cleanly(
    cli, seeded, args: list[str], must_name: list[str]
) -> None:
    _assert_refused(cli, seeded, args, *must_name)


@pytest.mark.parametrize(
    ("args", "field", "value"),
    [
        (["add", "Chloé", "--closeness", "abc"], "closeness", "abc"),
        (["done", "abc"], "id", "abc"),
        (["today", "--minutes", "lots"], "minutes", "lots"),
    ],
)
def test_a_malformed_option_value_is_one_line_naming_field_and_value(
    cli, seeded, args: list[str], field: str, value: str
) -> None:
    _assert_refused(cli, seeded, args, field, value)


def test_a_malformed_option_value_is_refused_without_a_traceback_or_a_write(cli, seeded) -> None:
    """What holds today for parser errors, whatever their wording: exit 2, no crash, no write."""
    for args in (["add", "Chloé", "--closeness", "abc"], ["done", "abc"], ["add"],
                 ["add", "Chloé", "--no-such-option", "x"]):  # fmt: skip
        result = cli.run(*args)
        assert result.exit_code == 2, args
        assert isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert result.stderr.strip()
    assert cli.snapshot() == seeded


def test_the_installed_command_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    """The real process, not CliRunner: what a user sees on the terminal."""
    env = {**os.environ, "TIEKEEPER_HOME": str(tmp_path / "proc-home")}
    env.pop("TIEKEEPER_DATABASE_URL", None)
    code = "from tiekeeper.cli.app import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code, "add", "Chloé", "--birthday", "02-30"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == ["error: birthday: '02-30' is not a real date"]
