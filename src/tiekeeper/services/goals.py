"""Goals and habits: add, remove, and progress with streaks, all measured from the log."""

from __future__ import annotations

from datetime import date

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


def progress_of(uow: UnitOfWork, goals: list[Goal], today: date) -> list[GoalProgress]:
    """Each goal's progress on `today` (inside an open unit of work)."""
    repo = uow.repo(GoalRepository)
    out = []
    for g in goals:
        if g.period == "event":
            events = repo.event_counts(g.metric == "new-people", today)
            out.append(evaluate_events(g, today, events))
            continue
        start = window_start(g.period, today)
        end = period_end(g.period, period_start(g.period, today))
        out.append(evaluate(g, today, repo.daily_counts(g.metric, g.channel, start, end)))
    return out


def list_goals(uow: UnitOfWork, today: date) -> list[GoalProgress]:
    """Every goal with its progress in the current period, streak and trend."""
    with uow:
        return progress_of(uow, uow.repo(GoalRepository).active(), today)
