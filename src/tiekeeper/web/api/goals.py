"""Goals and the weekly review through the API (= `tiekeeper goal ...` and `tiekeeper review`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field

from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.goals import METRICS, PERIODS, GoalProgress
from tiekeeper.domain.limits import limit
from tiekeeper.services.goals import add_goal, list_goals, remove_goal
from tiekeeper.services.goals_views import goal_dict, review_dict
from tiekeeper.services.review import weekly_review
from tiekeeper.web import schema_types as t
from tiekeeper.web.deps import IdPath, StoreDep, TodayDep
from tiekeeper.web.schemas import In, Out

router = APIRouter(tags=["goals"])
Period = Literal[PERIODS]  # type: ignore[valid-type]
Metric = Literal[METRICS]  # type: ignore[valid-type]


class GoalIn(In):
    """A countable goal (= `tiekeeper goal add`); the metric defaults from the channel or the
    title's words ('coffee chats' counts coffees, 'meet new people' new people)."""

    title: str = Field(max_length=limit("goal"), pattern=t.NAME)
    per: Period
    target: int = Field(ge=1, le=10_000)
    channel: t.Channel | None = None
    metric: Metric | None = None


class GoalOut(Out):
    """A goal with its progress in the current period (= `tiekeeper goal list --json`)."""

    id: int
    title: str
    per: str
    target: int
    metric: str
    channel: str | None
    period_start: str | None
    period_end: str | None
    count: int
    met: bool
    streak: int
    previous: int | None
    trend: Literal["up", "down", "same", "new"]


class NamedOut(Out):
    id: int
    name: str


class TieMoveOut(Out):
    person_id: int
    person: str | None
    this_week: int
    weekly_average: float


class FollowUpLineOut(Out):
    reminder_id: int
    person_id: int
    person: str
    kind: str


class HelpOut(Out):
    """Who you can help this week: their need, and a contact who matches it."""

    person_id: int
    person: str
    need: str
    introduce_to_id: int | None
    introduce_to: str | None
    matched_words: list[str]
    reason: str


class ReviewOut(Out):
    """= `tiekeeper review --json`."""

    week_start: str
    week_end: str
    goals: list[GoalOut]
    new_people: list[NamedOut]
    strengthened: list[TieMoveOut]
    faded: list[TieMoveOut]
    follow_ups_done: list[FollowUpLineOut]
    follow_ups_missed: list[FollowUpLineOut]
    help: HelpOut | None


def _progress(store: Any, goal_id: int, today: Any) -> GoalProgress:
    return next(iter(list_goals(store.uow(), today, goal_id=goal_id)))


@router.get("/goals", response_model=list[GoalOut])
def get_goals(store: StoreDep, today: TodayDep) -> list[dict[str, Any]]:
    """Every goal with its progress this period, streak and trend against the last period."""
    return [goal_dict(p) for p in list_goals(store.uow(), today)]


@router.post("/goals", response_model=GoalOut, status_code=201)
def post_goal(body: GoalIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Add a goal measured from your log; answers it with its progress so far."""
    g = add_goal(store.uow(), body.title, body.per, body.target, today,
                 channel=body.channel, metric=body.metric)  # fmt: skip
    assert g.id is not None
    return goal_dict(_progress(store, g.id, today))


@router.delete("/goals/{goal_id}", status_code=204, response_class=Response)
def delete_goal(goal_id: IdPath, store: StoreDep) -> Response:
    """Remove a goal (for good: goals are measured from the log, which stays)."""
    remove_goal(store.uow(), goal_id)
    return Response(status_code=204)


@router.get("/review", response_model=ReviewOut)
def get_review(
    store: StoreDep,
    today: TodayDep,
    week: Annotated[
        str | None, Query(pattern=t.WHEN, description="a day in the week (default: this week)")
    ] = None,
) -> dict[str, Any]:
    """The week in one screen: goals, new people, ties that moved, follow-ups, one person to
    help ("who can I help this week?")."""
    day = parse_when(week, today, field="week") if week else today
    return review_dict(weekly_review(store.uow(), day, today))
