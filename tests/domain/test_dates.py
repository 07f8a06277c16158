from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.domain.dates import PartialDate, add_months, parse_partial_date, parse_when
from tiekeeper.domain.errors import InvalidInput

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 25)),
        ("in 2 weeks", date(2026, 12, 10)),
        ("3 months ago", date(2026, 8, 26)),
        ("in 1 year", date(2027, 11, 26)),
        ("10 days ago", date(2026, 11, 16)),
        ("next monday", date(2026, 11, 30)),
        ("next thursday", date(2026, 12, 3)),
        ("2025-01-31", date(2025, 1, 31)),
        ("  In 3 Days ", date(2026, 11, 29)),
    ],
)
def test_dates_accept_iso_and_plain_words(text: str, expected: date) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "soon", "3 fortnights ago", "", "2 weeks"])
def test_a_bad_date_names_the_field_and_value(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_when(text, TODAY, field="follow-up")
    assert "follow-up" in str(err.value) and repr(text) in str(err.value)


def test_month_arithmetic_clamps_to_the_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02-29", PartialDate(2, 29, None)),
        ("--04-15", PartialDate(4, 15, None)),
        ("1990-07-19", PartialDate(7, 19, 1990)),
        ("1604-03-01", PartialDate(3, 1, None)),
        ("7-4", PartialDate(7, 4, None)),
    ],
)
def test_birthdays_may_have_no_year(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["02-30", "13-01", "2023-02-29", "04-31", "birthday"])
def test_impossible_birthdays_are_rejected(text: str) -> None:
    with pytest.raises(InvalidInput, match="birthday"):
        parse_partial_date(text, field="birthday")


def test_feb_29_falls_on_feb_28_in_common_years() -> None:
    leapling = PartialDate(2, 29)
    assert leapling.occurrence(2027) == date(2027, 2, 28)
    assert leapling.occurrence(2028) == date(2028, 2, 29)
    assert leapling.next_on_or_after(date(2027, 3, 1)) == date(2028, 2, 29)


def test_age_counts_whole_years() -> None:
    b = PartialDate(3, 2, 1989)
    assert b.years_at(date(2026, 3, 1)) == 36
    assert b.years_at(date(2026, 3, 2)) == 37
    assert PartialDate(3, 2).years_at(date(2026, 3, 2)) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(-60, 60))
def test_relative_words_match_day_arithmetic(today: date, n: int) -> None:
    if n >= 0:
        assert (parse_when(f"in {n} days", today) - today).days == n
    else:
        assert (today - parse_when(f"{-n} days ago", today)).days == -n


@given(
    st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(1, 12),
    st.integers(1, 31),
)
def test_next_occurrence_is_within_a_year_and_not_before_today(
    today: date, month: int, day: int
) -> None:
    try:
        p = PartialDate(month, day)
    except InvalidInput:
        return
    nxt = p.next_on_or_after(today)
    assert today <= nxt and (nxt - today).days <= 366


def test_a_leapling_turns_a_year_older_on_feb_28_in_common_years() -> None:
    assert PartialDate(2, 29, 2000).turning(2027) == 27
    assert PartialDate(2, 29).turning(2027) is None
