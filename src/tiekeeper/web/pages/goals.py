"""Goals and the weekly review in the browser: each goal's progress this period, its streak and
trend, Add and Remove; the review of a week with "who can I help this week?"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict

from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound, TiekeeperError
from tiekeeper.domain.goals import PERIODS, GoalProgress
from tiekeeper.domain.model import CHANNELS
from tiekeeper.services.goals import add_goal, list_goals, remove_goal
from tiekeeper.services.goals_views import goal_dict, review_dict
from tiekeeper.services.recomputed import kept
from tiekeeper.services.review import weekly_review
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    NOTICES,
    FormError,
    FormState,
    form_error,
    kept_note,
    optional_int,
    render,
    see_other,
)
from tiekeeper.web.security import check_form_token

# At 30,000 people and 1,000,000 interactions a review takes a third of a second: worked out
# again behind the page after a change, the page said so; a small network's is always fresh.
REVIEW_SLOW = 0.2

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
PER_LABELS = {"day": "day", "week": "week", "month": "month", "event": "event"}
METRIC_LABELS = {
    "interactions": "interactions",
    "new-people": "new people",
    "posts": "posts",
    "days-active": "days active",
    "introductions": "introductions",
}
TREND = {
    "up": ("up", "↑ more than last {per}"),
    "down": ("down", "↓ fewer than last {per}"),
    "same": ("same", "= as many as last {per}"),
    "new": ("new", "first {per}"),
}
FIELDS = {"title": ("title", "Goal"), "per": ("per", "Per"), "target": ("target", "How many"),
          "channel": ("channel", "Channel"), "metric": ("metric", "Count")}  # fmt: skip
PAGE_NOTICES = {
    "goal-added": "Goal added: it counts what you log.",
    "goal-removed": "Goal removed.",
}


def _notice(request: Request) -> str | None:
    key = request.query_params.get("notice", "")
    return PAGE_NOTICES.get(key) or NOTICES.get(key)


def _streak(n: int, unit: str) -> str:
    return f"{n} {unit}{'s' if n != 1 else ''} in a row" if n else ""


def goal_card(p: GoalProgress) -> dict[str, Any]:
    """A goal as its card shows it: '2 of 3 coffee chats this week', streak, trend in words."""
    g = goal_dict(p)
    per = PER_LABELS.get(g["per"], g["per"])
    css, words = TREND[g["trend"]]
    unit = "event" if g["per"] == "event" else per
    g.update(
        per_label=per,
        metric_label=METRIC_LABELS.get(g["metric"], g["metric"]),
        shown=min(g["count"], g["target"]),
        trend_class=css,
        trend_words=words.format(per=unit),
        streak_words=_streak(g["streak"], unit),
    )
    return g


def goals_response(
    request: Request, store: Store, today: date, form: FormState, status_code: int = 200
) -> HTMLResponse:
    context = {
        "goals": [goal_card(p) for p in _goals(store, today)],
        "form": form,
        "pers": [(p, f"per {PER_LABELS[p]}") for p in PERIODS],
        "channels": [("", "any channel"), *((c, c.replace("-", " ")) for c in CHANNELS)],
        "metrics": [("", "guess from the goal's words"), *METRIC_LABELS.items()],
        "notice": _notice(request),
    }
    return render(request, "goals.html", context, status_code)


@router.get("/goals", response_class=HTMLResponse)
def goals_page(request: Request, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """Every goal with its progress this period, streak and trend; the Add form."""
    blank = FormState({"per": "week", "target": "1"})
    return goals_response(request, store, today, blank)


class GoalForm(BaseModel):
    model_config = ConfigDict(extra="ignore")
    csrf: str = ""
    title: str = ""
    per: str = "week"
    target: str = "1"
    channel: str = ""
    metric: str = ""

    def values(self) -> dict[str, str]:
        return self.model_dump(exclude={"csrf"})


@router.post("/goals")
def add_goal_page(
    request: Request, form: Annotated[GoalForm, Form()], store: StoreDep, today: TodayDep
) -> Response:
    """Add a goal; a refused value comes back next to its field."""
    check_form_token(request, form.csrf)
    try:
        target = optional_int(form.target, "target")
        if target is None:
            raise InvalidInput("say how many", field="target", value=form.target)
        add_goal(store.uow(), form.title, form.per, target, today,
                 channel=form.channel or None, metric=form.metric or None)  # fmt: skip
    except TiekeeperError as exc:
        state = FormState(form.values(), form_error(exc, FIELDS))
        return goals_response(request, store, today, state, FORM_ERROR)
    return see_other("/goals", "goal-added")


def _goals(store: Store, today: date) -> list[GoalProgress]:
    """Every goal's progress, kept until the data changes (a streak reads years of the log)."""
    return kept(store.uow(), ("goals", today), lambda uow: list_goals(uow, today)).value


def _goal(store: Store, goal_id: int, today: date) -> dict[str, Any]:
    found = next((g for g in _goals(store, today) if g.goal.id == goal_id), None)
    if found is None:
        raise NotFound(f"no goal with id {goal_id}")
    return goal_card(found)


@router.get("/goals/{goal_id}/remove", response_class=HTMLResponse)
def remove_confirm_page(
    request: Request, goal_id: int, store: StoreDep, today: TodayDep
) -> HTMLResponse:
    """Ask before removing a goal (it does not go to the trash)."""
    g = _goal(store, goal_id, today)
    context = {
        "title": f"Remove the goal “{g['title']}”?",
        "what": f"{g['target']} {g['metric_label']} per {g['per_label']}.",
        "points": [
            "The goal goes for good; what you logged stays, so adding it again brings back "
            "its progress and streak.",
        ],
        "action": f"/goals/{goal_id}/remove",
        "button": "Remove the goal",
        "cancel": "/goals",
        "danger": True,
    }
    return render(request, "confirm.html", context)


@router.post("/goals/{goal_id}/remove")
def remove_page(request: Request, goal_id: int, store: StoreDep, csrf: FormStr = "") -> Response:
    """Remove a goal."""
    check_form_token(request, csrf)
    remove_goal(store.uow(), goal_id)
    return see_other("/goals", "goal-removed")


# --- the weekly review ----------------------------------------------------------------------
@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, store: StoreDep, today: TodayDep, week: str = "") -> HTMLResponse:
    """The week in one screen: goals, new people, ties that moved, follow-ups, and one person
    you can help; links to the week before and after."""
    alert, status_code, day = None, 200, today
    if week.strip():
        try:
            day = parse_when(week, today, field="week")
        except InvalidInput as exc:
            alert, status_code = FormError(f"Week: {exc}"), FORM_ERROR
    # kept until the data changes (the week's counts read five weeks of interactions); a review
    # that took REVIEW_SLOW or more is shown as it was while the new one is worked out
    got = kept(store.uow(), ("review", day, today), lambda uow: weekly_review(uow, day, today),
               stale_ok=True, slow=REVIEW_SLOW)  # fmt: skip
    r = got.value
    data = review_dict(r)
    start = r.start
    this_week = today - timedelta(days=today.weekday())
    context = {
        "r": data,
        "goals": [goal_card(p) for p in r.goals],
        "start": start,
        "end": r.end,
        "is_this_week": start == this_week,
        "before": (start - timedelta(days=7)).isoformat(),
        "after": (start + timedelta(days=7)).isoformat() if start < this_week else None,
        "alert": alert,
        "kept": kept_note(got, "This review"),
    }
    return render(request, "review.html", context, status_code)
