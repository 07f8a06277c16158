from datetime import date

import pytest

from tiekeeper.domain.cadence import (
    checkin_due,
    describe_cadence,
    effective_cadence,
    parse_cadence,
)
from tiekeeper.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("weekly", 7),
        ("monthly", 30),
        ("quarterly", 91),
        ("yearly", 365),
        ("45d", 45),
        ("10 days", 10),
        ("Monthly", 30),
    ],
)
def test_cadences_are_named_or_every_n_days(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["fortnightly", "0d", "-3d", "d", "9999d", ""])
def test_a_bad_cadence_names_the_field(text: str) -> None:
    with pytest.raises(InvalidInput, match="cadence"):
        parse_cadence(text)


def test_describe_cadence_round_trips_names() -> None:
    assert describe_cadence(91) == "quarterly"
    assert describe_cadence(45) == "every 45 days"


def test_a_persons_own_cadence_wins_over_tags() -> None:
    assert effective_cadence(365, [30, 91]) == 365
    assert effective_cadence(None, [91, 30]) == 30
    assert effective_cadence(None, []) is None


def test_checkin_counts_from_the_last_interaction() -> None:
    assert checkin_due(91, date(2026, 1, 1), date(2020, 1, 1)) == date(2026, 4, 2)
    assert checkin_due(30, None, date(2026, 1, 1)) == date(2026, 1, 31)
    assert checkin_due(None, date(2026, 1, 1), None) is None
    assert checkin_due(30, None, None) is None
