"""Goals and habits: add, remove, and progress with streaks, all measured from the log."""

from __future__ import annotations

from datetime import date, timedelta

from tiekeeper.domain import limits
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.goals import (
    Goal,
    GoalProgress,
    evaluate,
    evaluate_events,
    infer_metric,
    period_end,
    period_start,
    window_start,
)
from tiekeeper.store.goals import GoalRepository
from tiekeeper.store.uow import UnitOfWork


def add_goal(
    uow: UnitOfWork,
    title: str,
    per: str,
    target: int,
    today: date,
    *,
    channel: str | None = None,
    metric: str | None = None,
) -> Goal:
    """Add a countable goal; the metric defaults from the channel or the title's words."""
    clean = " ".join(title.split())
    if not clean:
        raise InvalidInput("a goal needs a title", field="title", value=title)
    limits.check("goal", clean)
    if target < 1:
        raise InvalidInput(f"{target} is not a positive count", field="target", value=target)
    chosen, chan = infer_metric(clean, per, metric, channel)
    goal = Goal(clean, per.strip().lower(), target, chosen, chan, today)
    with uow:
        uow.repo(GoalRepository).add(goal)
        uow.commit()
    return goal


def remove_goal(uow: UnitOfWork, goal_id: int) -> None:
    """Delete a goal."""
    with uow:
        if not uow.repo(GoalRepository).remove(goal_id):
            raise NotFound(f"no goal with id {goal_id}")
        uow.commit()


def _counted(g: Goal) -> tuple[str, str | None]:
    """Which per-day counts a goal reads: "interactions" and "days-active" goals of one channel
    count the same rows, so they share one query (at a million interactions each query walks
    up to three years of them); the other metrics take no channel."""
    if g.metric in ("interactions", "days-active"):
        return "interactions", g.channel
    return g.metric, None


# Periods read first: a streak longer than this (rare) reads the whole LOOKBACK window again.
# Two years of a million interactions were most of /goals and of the weekly review.
FIRST_LOOK = {"day": 31, "week": 8, "month": 6}


Key = tuple[str, str | None]
Counts = dict[Key, dict[date, int]]


def _windows(goals: list[Goal], today: date, first_look: bool) -> dict[Key, tuple[date, date]]:
    """The days each kind of count is read over: the goals' first look, or their whole window
    (evaluate() sums only the days of each period, so a wider window shared by goals is exact)."""
    windows: dict[Key, tuple[date, date]] = {}
    for g in goals:
        start = window_start(g.period, today, FIRST_LOOK[g.period] if first_look else None)
        end = period_end(g.period, period_start(g.period, today))
        first, last = windows.get(_counted(g), (start, end))
        windows[_counted(g)] = (min(first, start), max(last, end))
    return windows


def progress_of(uow: UnitOfWork, goals: list[Goal], today: date) -> list[GoalProgress]:
    """Each goal's progress on `today` (inside an open unit of work)."""
    repo = uow.repo(GoalRepository)
    timed = [g for g in goals if g.period != "event"]
    looked = _windows(timed, today, first_look=True)
    daily: Counts = {key: repo.daily_counts(*key, *days) for key, days in looked.items()}
    done = {id(g): evaluate(g, today, daily[_counted(g)]) for g in timed}
    # a streak as long as the first look may go further back: those goals read the days before
    longer = [g for g in timed if done[id(g)].streak >= FIRST_LOOK[g.period]]
    for key, (first, _last) in _windows(longer, today, first_look=False).items():
        seen = looked[key][0]
        if first < seen:
            daily[key] = {**repo.daily_counts(*key, first, seen - timedelta(days=1)), **daily[key]}
    done.update({id(g): evaluate(g, today, daily[_counted(g)]) for g in longer})
    out = []
    for g in goals:
        if g.period == "event":
            events = repo.event_counts(g.metric == "new-people", today)
            out.append(evaluate_events(g, today, events))
        else:
            out.append(done[id(g)])
    return out


def list_goals(
    uow: UnitOfWork, today: date, metric: str | None = None, goal_id: int | None = None
) -> list[GoalProgress]:
    """Every goal (or those counting `metric`, or the one `goal_id`) with its progress in the
    current period, streak and trend. Filtered before measuring: others' counts are not read."""
    with uow:
        goals = [g for g in uow.repo(GoalRepository).active()
                 if metric in (None, g.metric) and goal_id in (None, g.id)]  # fmt: skip
        return progress_of(uow, goals, today)
