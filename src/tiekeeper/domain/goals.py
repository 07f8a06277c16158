"""Countable networking goals measured from the log: periods, progress, streaks and trend.

Periods are local calendar days, ISO weeks (Monday to Sunday) and calendar months; a per-event
goal's periods are the events themselves. The streak counts consecutive met periods ending with
the last complete period, plus the current period once it is already met (an unfinished period
never breaks a streak). It looks back at most LOOKBACK periods.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain.dates import add_months
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import CHANNELS, parse_choice

PERIODS = ("day", "week", "month", "event")
METRICS = ("interactions", "new-people", "posts", "days-active", "introductions")
EVENT_METRICS = ("introductions", "new-people")  # per event: people met / new people met
LOOKBACK = {"day": 366, "week": 104, "month": 36, "event": 100}


@dataclass
class Goal:
    """A target count per period for one metric (optionally one interaction channel)."""

    title: str
    period: str
    target: int
    metric: str
    channel: str | None = None
    created_on: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class GoalProgress:
    """How a goal stands on a day."""

    goal: Goal
    start: date | None  # the current period (None for a per-event goal with no event yet)
    end: date | None
    count: int
    met: bool
    streak: int
    previous: int | None
    trend: str  # up | down | same | new


def _has_word(title: str, stem: str) -> bool:
    return re.search(rf"\b{re.escape(stem)}", title) is not None


def infer_metric(title: str, period: str, metric: str | None, channel: str | None) -> tuple[
    str, str | None]:  # fmt: skip
    """The metric and channel a goal measures; explicit values win, else a heuristic on the title.

    Per event: people met. A channel means interactions on it. Title words: 'post' -> posts,
    'minute'/'active' -> days-active, 'introduc' -> introductions, 'new people'/'meet' ->
    new-people, a channel name ('coffee', 'informational interview') -> interactions on it."""
    period = parse_choice(period, PERIODS, "per")
    chan = parse_choice(channel, CHANNELS, "channel") if channel else None
    if metric is not None:
        metric = parse_choice(metric, METRICS, "metric")
    elif period == "event":
        metric = "introductions"
    elif chan:
        metric = "interactions"
    else:
        metric, chan = _metric_from_title(title.lower())
    if period == "event" and metric not in EVENT_METRICS:
        raise InvalidInput(
            f"a per-event goal counts people met: use {' or '.join(EVENT_METRICS)}",
            field="metric",
            value=metric,
        )
    if chan and metric not in ("interactions", "days-active"):
        raise InvalidInput(f"--channel only applies to interactions, not {metric}",
                           field="channel", value=chan)  # fmt: skip
    return metric, chan


def _metric_from_title(title: str) -> tuple[str, str | None]:
    if _has_word(title, "post"):
        return "posts", None
    if _has_word(title, "minute") or _has_word(title, "active"):
        return "days-active", None
    if _has_word(title, "introduc"):
        return "introductions", None
    if "new people" in title or "new contact" in title or _has_word(title, "meet"):
        return "new-people", None
    for chan in CHANNELS:
        if chan != "other" and _has_word(title, chan.replace("-", " ")):
            return "interactions", chan
    return "interactions", None


def period_start(period: str, day: date) -> date:
    """First day of the day/ISO week/month containing `day`."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def period_end(period: str, start: date) -> date:
    """Last day of the period starting at `start`."""
    if period == "week":
        return start + timedelta(days=6)
    if period == "month":
        return add_months(start, 1) - timedelta(days=1)
    return start


def previous_start(period: str, start: date) -> date:
    """Start of the period before the one starting at `start`."""
    if period == "week":
        return start - timedelta(days=7)
    if period == "month":
        return add_months(start, -1)
    return start - timedelta(days=1)


def window_start(period: str, today: date, periods: int | None = None) -> date:
    """The first day whose counts matter for a goal evaluated on `today` (`periods` complete
    periods back instead of the whole LOOKBACK)."""
    start = period_start(period, today)
    for _ in range(LOOKBACK[period] if periods is None else periods):
        start = previous_start(period, start)
    return start


def trend(current: int, previous: int | None) -> str:
    """'up', 'down' or 'same' against the previous period ('new' when there is none)."""
    if previous is None:
        return "new"
    return "up" if current > previous else "down" if current < previous else "same"


def streak(complete_newest_first: Sequence[int], current: int, target: int) -> int:
    """Consecutive met periods ending with the last complete one, plus the current if met."""
    run = 0
    for count in complete_newest_first:
        if count < target:
            break
        run += 1
    return run + (1 if current >= target else 0)


def evaluate(goal: Goal, today: date, daily: Mapping[date, int]) -> GoalProgress:
    """Progress of a day/week/month goal from per-day counts (days-active counts active days)."""
    per_day = {d: (1 if n > 0 else 0) if goal.metric == "days-active" else n
               for d, n in daily.items()}  # fmt: skip
    start = period_start(goal.period, today)
    # Each day's count added once to its period (periods partition the days), not summed again
    # for each of the LOOKBACK periods: three years of days times 104 weeks was most of /goals.
    by_period: dict[date, int] = {}
    for d, n in per_day.items():
        key = period_start(goal.period, d)
        by_period[key] = by_period.get(key, 0) + n

    def total(first: date) -> int:
        return by_period.get(first, 0)

    current = total(start)
    complete = []
    first = start
    for _ in range(LOOKBACK[goal.period]):
        first = previous_start(goal.period, first)
        complete.append(total(first))
    previous = complete[0]
    return GoalProgress(
        goal, start, period_end(goal.period, start), current, current >= goal.target,
        streak(complete, current, goal.target), previous, trend(current, previous),
    )  # fmt: skip


def evaluate_events(goal: Goal, today: date, events: Sequence[tuple[date, int]]) -> GoalProgress:
    """Progress of a per-event goal from (event day, people met), oldest first.

    The latest event on or before `today` is the current period; an event today is unfinished."""
    past = [(d, n) for d, n in events if d <= today][-LOOKBACK["event"] :]
    if not past:
        return GoalProgress(goal, None, None, 0, False, 0, None, "new")
    day, current = past[-1]
    earlier = [n for _, n in reversed(past[:-1])]
    # A finished event that missed its goal ends the streak; one under way does not.
    failed = day < today and current < goal.target
    run = 0 if failed else streak(earlier, current, goal.target)
    previous = earlier[0] if earlier else None
    return GoalProgress(
        goal, day, day, current, current >= goal.target, run, previous, trend(current, previous)
    )
