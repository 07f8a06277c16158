"""evaluate() adds each day's count to its period once (a speed-up for /goals at a million
interactions); its totals, streak and trend must equal summing each period's days directly."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tiekeeper.domain.goals import (
    LOOKBACK,
    Goal,
    evaluate,
    period_end,
    period_start,
    previous_start,
    streak,
    trend,
)


def _direct(goal: Goal, today: date, daily: dict[date, int]) -> tuple[int, int, int, str]:
    per_day = {d: (1 if n else 0) if goal.metric == "days-active" else n for d, n in daily.items()}

    def total(first: date) -> int:
        last = period_end(goal.period, first)
        return sum(n for d, n in per_day.items() if first <= d <= last)

    start = period_start(goal.period, today)
    current, complete, first = total(start), [], start
    for _ in range(LOOKBACK[goal.period]):
        first = previous_start(goal.period, first)
        complete.append(total(first))
    return current, streak(complete, current, goal.target), complete[0], trend(current, complete[0])


@pytest.mark.parametrize("period", ["day", "week", "month"])
@pytest.mark.parametrize("metric", ["interactions", "days-active"])
def test_period_totals_equal_summing_each_periods_days(period: str, metric: str) -> None:
    rng = random.Random(period + metric)
    today = date(2026, 11, 26)
    for _ in range(20):
        daily = {today - timedelta(days=rng.randint(0, 1200)): rng.randint(0, 4)
                 for _ in range(rng.randint(0, 600))}  # fmt: skip
        goal = Goal("g", period, rng.randint(1, 12), metric, None, date(2024, 1, 1))
        got = evaluate(goal, today, daily)
        assert (got.count, got.streak, got.previous, got.trend) == _direct(goal, today, daily)
