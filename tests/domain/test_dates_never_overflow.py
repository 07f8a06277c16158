"""parse_when and parse_age over any count and unit: a date or an InvalidInput naming the
field, never OverflowError or ValueError (issue 14: 'in 99999 years' was a traceback)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.domain.cadence import parse_cadence
from tiekeeper.domain.dates import EARLIEST, LATEST, parse_when
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.trash import MAX_AGE_DAYS, parse_age

TODAY = date(2026, 11, 26)
counts = st.one_of(st.integers(0, 10**12), st.integers(0, 10**60)).map(str) | st.text(
    alphabet="0123456789²٣", min_size=1, max_size=40
)
days = st.dates(min_value=EARLIEST, max_value=LATEST)


@given(count=counts, unit=st.sampled_from(["day", "days", "week", "months", "year", "years"]),
       ago=st.booleans(), today=days)  # fmt: skip
def test_relative_dates_are_a_date_in_range_or_refused(
    count: str, unit: str, ago: bool, today: date
) -> None:
    text = f"{count} {unit} ago" if ago else f"in {count} {unit}"
    try:
        found = parse_when(text, today, field="date")
    except InvalidInput as exc:
        assert exc.field == "date"
    else:
        assert EARLIEST <= found <= LATEST


@given(text=st.text(max_size=30), today=days)
def test_any_text_is_a_date_or_refused(text: str, today: date) -> None:
    try:
        found = parse_when(text, today, field="when")
    except InvalidInput as exc:
        assert exc.field == "when"
    else:
        assert EARLIEST <= found <= LATEST
        # every service moves a day found here by months either way without overflowing
        assert found + timedelta(days=400) and found - timedelta(days=400)


@given(count=counts, unit=st.sampled_from(["", "d", "w", "h", "D"]))
def test_ages_are_bounded_or_refused(count: str, unit: str) -> None:
    try:
        age = parse_age(count + unit)
    except InvalidInput as exc:
        assert exc.field == "older-than"
    else:
        assert age <= timedelta(days=MAX_AGE_DAYS)
        assert TODAY - age >= date.min  # no OverflowError either


@given(count=counts)
def test_cadences_are_bounded_or_refused(count: str) -> None:
    try:
        assert 1 <= parse_cadence(f"{count}d") <= 3650
    except InvalidInput as exc:
        assert exc.field == "cadence"


@pytest.mark.parametrize(
    "text", ["in 99999 years", "99999 years ago", "9999-12-31", "0001-01-01", "in 6974 years"]
)
def test_the_reported_ones(text: str) -> None:
    with pytest.raises(InvalidInput, match="too far away"):
        parse_when(text, TODAY)


def test_the_edges_themselves_are_days() -> None:
    assert parse_when("8999-12-31", TODAY) == LATEST
    assert parse_when("1000-01-01", TODAY) == EARLIEST
    assert parse_when("in 10 years", TODAY) == date(2036, 11, 26)
    assert parse_age("2w") == timedelta(days=14)
