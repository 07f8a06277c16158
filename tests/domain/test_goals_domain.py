from datetime import date, timedelta

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.goals import (
    Goal,
    evaluate,
    evaluate_events,
    infer_metric,
    period_end,
    period_start,
    previous_start,
    streak,
    trend,
)


def test_weeks_are_iso_monday_to_sunday_across_the_year_boundary() -> None:
    # 2027-01-01 is a Friday: its ISO week starts Monday 2026-12-28.
    assert period_start("week", date(2027, 1, 1)) == date(2026, 12, 28)
    assert period_end("week", date(2026, 12, 28)) == date(2027, 1, 3)
    assert period_start("week", date(2027, 1, 4)) == date(2027, 1, 4)  # a Monday
    assert period_start("week", date(2027, 1, 10)) == date(2027, 1, 4)  # a Sunday


def test_months_end_on_their_last_day_including_leap_february() -> None:
    assert period_end("month", period_start("month", date(2027, 1, 31))) == date(2027, 1, 31)
    assert period_end("month", date(2027, 2, 1)) == date(2027, 2, 28)
    assert period_end("month", date(2028, 2, 1)) == date(2028, 2, 29)
    assert period_end("month", date(2026, 12, 1)) == date(2026, 12, 31)


def test_the_month_before_march_is_february_and_before_january_is_december() -> None:
    assert previous_start("month", date(2027, 3, 1)) == date(2027, 2, 1)
    assert previous_start("month", date(2027, 1, 1)) == date(2026, 12, 1)
    assert previous_start("day", date(2028, 3, 1)) == date(2028, 2, 29)


def test_streak_counts_met_complete_periods_and_the_current_only_once_met() -> None:
    assert streak([3, 3, 1, 3], current=0, target=3) == 2  # unfinished period: no break
    assert streak([3, 3, 1, 3], current=3, target=3) == 3
    assert streak([2, 3, 3], current=5, target=3) == 1
    assert streak([], current=0, target=1) == 0


def test_trend_compares_with_the_previous_period() -> None:
    assert (trend(3, 1), trend(1, 3), trend(2, 2), trend(2, None)) == ("up", "down", "same", "new")


def _g(period: str, target: int, metric: str = "interactions") -> Goal:
    return Goal("g", period, target, metric)


def test_monthly_goal_counts_jan_31_in_january_and_feb_1_in_february() -> None:
    daily = {date(2027, 1, 31): 3, date(2027, 2, 1): 1}
    jan = evaluate(_g("month", 3), date(2027, 1, 31), daily)
    feb = evaluate(_g("month", 3), date(2027, 2, 1), daily)
    assert (jan.count, jan.met, jan.streak) == (3, True, 1)
    assert (feb.count, feb.previous, feb.met, feb.streak, feb.trend) == (1, 3, False, 1, "down")
    assert (feb.start, feb.end) == (date(2027, 2, 1), date(2027, 2, 28))


def test_a_missed_week_breaks_the_streak_and_the_week_under_way_does_not() -> None:
    monday = date(2027, 1, 4)
    daily = {monday - timedelta(weeks=w): 1 for w in (1, 2, 4)}  # week -3 missed
    p = evaluate(_g("week", 1), monday + timedelta(days=2), daily)
    assert (p.count, p.met, p.streak) == (0, False, 2)
    daily[monday] = 1
    assert evaluate(_g("week", 1), monday, daily).streak == 3


def test_daily_streak_across_feb_29_and_new_year() -> None:
    days = [date(2028, 2, 27) + timedelta(days=i) for i in range(4)]  # 27, 28, 29, Mar 1
    p = evaluate(_g("day", 1), date(2028, 3, 2), dict.fromkeys(days, 1))
    assert (p.count, p.streak) == (0, 4)
    newyear = {date(2026, 12, 30): 1, date(2026, 12, 31): 2, date(2027, 1, 1): 1}
    assert evaluate(_g("day", 1), date(2027, 1, 1), newyear).streak == 3


def test_days_active_counts_days_with_any_interaction_not_interactions() -> None:
    monday = date(2027, 1, 4)
    daily = {monday: 5, monday + timedelta(days=1): 1}
    p = evaluate(_g("week", 3, "days-active"), monday + timedelta(days=2), daily)
    assert p.count == 2 and not p.met


def test_per_event_goals_use_the_events_as_periods() -> None:
    g = _g("event", 2, "introductions")
    events = [(date(2027, 1, 1), 2), (date(2027, 2, 1), 3), (date(2027, 3, 1), 2)]
    p = evaluate_events(g, date(2027, 3, 5), events)
    assert (p.count, p.met, p.streak, p.previous, p.trend) == (2, True, 3, 3, "down")
    failed = evaluate_events(g, date(2027, 3, 5), [*events[:2], (date(2027, 3, 1), 1)])
    assert failed.streak == 0  # a finished event that missed the goal
    today_event = evaluate_events(g, date(2027, 3, 1), [*events[:2], (date(2027, 3, 1), 0)])
    assert today_event.streak == 2  # the event under way has not failed yet
    assert evaluate_events(g, date(2026, 12, 1), events).trend == "new"  # all in the future


@pytest.mark.parametrize(
    ("title", "period", "metric", "channel", "expected"),
    [
        (
            "informational interviews",
            "month",
            None,
            "informational-interview",
            ("interactions", "informational-interview"),
        ),
        ("1 coffee chat a week", "week", None, None, ("interactions", "coffee")),
        ("one post a week", "week", None, None, ("posts", None)),
        ("15 minutes a day", "day", None, None, ("days-active", None)),
        ("2 introductions per event", "event", None, None, ("introductions", None)),
        ("meet new people", "month", None, None, ("new-people", None)),
        ("make introductions", "month", None, None, ("introductions", None)),
        ("stay in touch", "week", None, None, ("interactions", None)),
        ("calls", "week", "days-active", "call", ("days-active", "call")),
    ],
)
def test_the_metric_defaults_from_the_channel_or_the_title(
    title: str, period: str, metric: str | None, channel: str | None, expected: tuple[str, str]
) -> None:
    assert infer_metric(title, period, metric, channel) == expected


def test_bad_period_metric_or_channel_names_the_field() -> None:
    with pytest.raises(InvalidInput, match="per"):
        infer_metric("x", "fortnight", None, None)
    with pytest.raises(InvalidInput, match="metric"):
        infer_metric("x", "week", "likes", None)
    with pytest.raises(InvalidInput, match="channel"):
        infer_metric("x", "week", None, "pigeon")
    with pytest.raises(InvalidInput, match="channel"):
        infer_metric("x", "week", "posts", "coffee")
    with pytest.raises(InvalidInput, match="metric"):
        infer_metric("x", "event", "posts", None)
