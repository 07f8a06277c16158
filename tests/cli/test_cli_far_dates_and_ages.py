"""Issue 14: `follow-up PERSON "in 99999 years"`, `today --date 9999-12-31` and `trash empty
--older-than ²d` crashed with a traceback (a date past the calendar, a digit int() does not
take). Now each is one line naming the field, exit 1, and nothing written."""

from __future__ import annotations

import pytest


def _assert_refused(cli, before, args: list[str], *must_name: str) -> str:  # type: ignore[no-untyped-def]
    line = cli.fail(*args)
    assert line.startswith("error: ")
    for text in must_name:
        assert text in line, (text, line)
    assert cli.snapshot() == before, "a refused command changed the database"
    return str(line)


FAR = "9" * 5000  # more digits than int() converts


@pytest.fixture
def seeded(cli):  # type: ignore[no-untyped-def]
    cli.add("Ana Almeida", "--email", "ana@example.com", "--cadence", "monthly")
    cli("log", "Ana Almeida", "--date", "2025-01-10", "--topic", "hiring")
    return cli.snapshot()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["follow-up", "Ana Almeida", "in 99999 years"], "date"),
        (["follow-up", "Ana Almeida", "99999 years ago"], "date"),
        (["follow-up", "Ana Almeida", f"in {FAR} days"], "date"),
        (["follow-up", "Ana Almeida", "in 999999999999 days"], "date"),
        (["today", "--date", "9999-12-31"], "date"),
        (["today", "--date", "0001-01-01"], "date"),
        (["review", "--date", "0001-01-01"], "date"),
        (["log", "Ana Almeida", "--date", "in 99999 months"], "date"),
        (["log", "Ana Almeida", "--follow-up", "in 9000 years"], "follow-up"),
        (["trash", "empty", "--older-than", "²d"], "older-than"),
        (["trash", "empty", "--older-than", "٣d"], "older-than"),
        (["trash", "empty", "--older-than", "999999999d"], "older-than"),
        (["trash", "empty", "--older-than", f"{FAR}w"], "older-than"),
        (["cadence", "Ana Almeida", f"{FAR}d"], "cadence"),
    ],
)
def test_a_date_or_age_past_the_calendar_is_one_line(cli, seeded, args, field) -> None:  # type: ignore[no-untyped-def]
    result = cli.run(*args)
    assert result.exit_code == 1, (args, result.output, result.exception)
    line = _assert_refused(cli, seeded, args, f"{field}:")
    assert len(line.splitlines()) == 1 and len(line) < 6000


def test_near_dates_and_ages_still_work(cli, seeded) -> None:  # type: ignore[no-untyped-def]
    assert "due" in cli("follow-up", "Ana Almeida", "in 2 weeks").output
    cli("today", "--date", "in 10 years")
    cli("trash", "empty", "--older-than", "30d")
