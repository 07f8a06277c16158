from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tiekeeper.domain.events import follow_up_due, goal_line, parse_goal_target


@pytest.mark.parametrize(
    ("goal", "target"),
    [
        ("introduce myself to two people", 2),
        ("meet 3 people", 3),
        ("Talk to TEN founders", 10),
        ("meet 12 people before lunch", 12),
        ("say hello to the speaker", None),
        ("meet 0 people", None),
        ("", None),
        (None, None),
    ],
)
def test_a_countable_goal_gets_its_target_from_digits_or_words(
    goal: str | None, target: int | None
) -> None:
    assert parse_goal_target(goal) == target


def test_follow_ups_are_due_two_calendar_days_after_the_event_across_the_year_end() -> None:
    assert follow_up_due(date(2026, 12, 31), date(2026, 12, 31)) == date(2027, 1, 2)
    assert follow_up_due(date(2026, 12, 31), date(2027, 1, 1)) == date(2027, 1, 2)


def test_captured_on_the_last_day_of_the_window_is_due_that_day() -> None:
    assert follow_up_due(date(2026, 12, 31), date(2027, 1, 2)) == date(2027, 1, 2)


def test_captured_after_the_window_is_due_the_capture_day_never_born_overdue() -> None:
    assert follow_up_due(date(2026, 12, 31), date(2027, 1, 3)) == date(2027, 1, 3)
    assert follow_up_due(date(2026, 12, 31), date(2027, 1, 20)) == date(2027, 1, 20)


def test_follow_up_window_crosses_feb_29_in_a_leap_year() -> None:
    assert follow_up_due(date(2028, 2, 28), date(2028, 2, 28)) == date(2028, 3, 1)
    assert follow_up_due(date(2027, 2, 28), date(2027, 2, 28)) == date(2027, 3, 2)


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Europe/Lisbon", "Pacific/Auckland"])
def test_the_window_counts_local_calendar_days_whatever_the_time_zone(zone: str) -> None:
    # A late-evening event on Dec 31 is already Jan 1 in UTC for western zones; the rule uses
    # the local day the user saw, so every zone gives Jan 2.
    local = datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo(zone))
    assert follow_up_due(local.date(), local.date()) == date(2027, 1, 2)
    utc_day = local.astimezone(ZoneInfo("UTC")).date()
    if utc_day != local.date():  # using the UTC day instead would move the deadline
        assert follow_up_due(utc_day, utc_day) != date(2027, 1, 2)


def test_goal_line_shows_met_count_and_whether_the_goal_was_reached() -> None:
    goal = "introduce myself to two people"
    assert goal_line(goal, 2, 3) == "introduce myself to two people: 3 met ✓"
    assert goal_line(goal, 2, 1) == "introduce myself to two people: 1 of 2 met ✗"
    assert goal_line("have fun", None, 4) == "have fun: 4 met"
    assert goal_line(None, None, 0) == "people met: 0 met"
