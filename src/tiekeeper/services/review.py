"""The weekly review: goals, new people, ties that moved, follow-ups, and one person to help."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tiekeeper.domain.goals import GoalProgress
from tiekeeper.domain.review import BASELINE_WEEKS, TieChange, tie_changes
from tiekeeper.services.giving_pick import HelpSuggestion, pick_person_to_help
from tiekeeper.services.goals import progress_of
from tiekeeper.store.goals import GoalRepository
from tiekeeper.store.review import ReviewQueries
from tiekeeper.store.uow import UnitOfWork

SHOWN = 10  # people listed per section; counts cover everyone


@dataclass
class FollowUpLine:
    reminder_id: int
    person_id: int
    name: str
    kind: str


@dataclass
class WeeklyReview:
    start: date
    end: date
    goals: list[GoalProgress]
    new_people: list[tuple[int, str]]
    strengthened: list[TieChange]
    faded: list[TieChange]
    names: dict[int, str]
    done: list[FollowUpLine] = field(default_factory=list)
    missed: list[FollowUpLine] = field(default_factory=list)
    help: HelpSuggestion | None = None


def weekly_review(uow: UnitOfWork, week_of: date, today: date) -> WeeklyReview:
    """The ISO week (Monday-Sunday) containing `week_of`, seen from `today`."""
    start = week_of - timedelta(days=week_of.weekday())
    end = start + timedelta(days=6)
    as_of = min(end, today)  # goals of a past week are judged on its last day
    with uow:
        q = uow.repo(ReviewQueries)
        goals = progress_of(uow, uow.repo(GoalRepository).active(), as_of)
        this_week = q.interactions_per_person(start, end)
        before = q.interactions_per_person(start - timedelta(weeks=BASELINE_WEEKS),
                                           start - timedelta(days=1))  # fmt: skip
        up, down = tie_changes(this_week, before)
        up, down = up[:SHOWN], down[:SHOWN]
        done_rows = q.closed_between("done", start, end)
        # Missed: still open and due before today, by the end of the week.
        missed_by = min(end, today - timedelta(days=1))
        missed_rows = [(r.id or 0, r.person_id, r.kind)
                       for r in uow.reminders.open_due_by(missed_by)]  # fmt: skip
        ids = {c.person_id for c in up + down} | {r[1] for r in done_rows + missed_rows}
        names = uow.people.names(ids)
        help_pick, _ = pick_person_to_help(uow, as_of)
        review = WeeklyReview(
            start, end, goals, q.new_people(start, end), up, down, names,
            [FollowUpLine(i, p, names.get(p, "?"), k) for i, p, k in done_rows],
            [FollowUpLine(i, p, names.get(p, "?"), k) for i, p, k in missed_rows],
            help_pick,
        )  # fmt: skip
    return review
