"""Server-rendered pages (Jinja2): the same services as the API and the CLI, rendered as HTML.
Forms post back here and redirect (303), so reloading never repeats a change.

This module: Today, Upcoming, Search and the follow-up buttons; people live in pages_people.py
and the person form in pages_person_form.py, each with its own router included here."""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.agenda import DEFAULT_BUDGET
from tiekeeper.domain.errors import InvalidInput, TiekeeperError
from tiekeeper.services import views
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.recomputed import kept
from tiekeeper.services.reminders import Upcoming, close_follow_up, snooze_follow_up, upcoming
from tiekeeper.services.search import search as run_search
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages import coaching as pages_coaching
from tiekeeper.web.pages import duplicates as pages_duplicates
from tiekeeper.web.pages import export as pages_export
from tiekeeper.web.pages import imports as pages_import
from tiekeeper.web.pages import interaction as pages_interaction
from tiekeeper.web.pages import jobs as pages_jobs
from tiekeeper.web.pages import me as pages_me
from tiekeeper.web.pages import people as pages_people
from tiekeeper.web.pages import person_form as pages_person_form
from tiekeeper.web.pages import posts as pages_posts
from tiekeeper.web.pages import settings as pages_settings
from tiekeeper.web.pages import trash as pages_trash
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    FormError,
    FormState,
    form_error,
    here,
    local_path,
    optional_int,
    plain_message,
    render,
    see_other,
)
from tiekeeper.web.pages.people import MAX_PAGE
from tiekeeper.web.security import check_form_token

__all__ = ["render", "router"]

router = APIRouter(include_in_schema=False)
# /people/new before /people/{person}, which would take "new" for a name
router.include_router(pages_person_form.router)
router.include_router(pages_people.router)
for _pages in (pages_interaction, pages_trash, pages_duplicates, pages_export):
    router.include_router(_pages.router)
for _pages in (pages_import, pages_jobs, pages_posts, pages_me, pages_settings):
    router.include_router(_pages.router)
router.include_router(pages_coaching.router)
UPCOMING_DAYS = 30
UPCOMING_SHOWN = 300  # a page to act on; the rest by Next page
FormStr = Annotated[str, Form()]


# --- Today ----------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def today_page(
    request: Request, store: StoreDep, today: TodayDep, minutes: str = ""
) -> HTMLResponse:
    """Today: the agenda that fits the time budget, with Done / Skip on each follow-up."""
    return today_response(request, store, today, minutes)


def today_response(
    request: Request,
    store: Store,
    today: date,
    minutes: str = "",
    alert: FormError | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Today's page; a bad budget is shown next to its field and the default budget used."""
    error = None
    try:
        budget = optional_int(minutes, "minutes")
        agenda = today_agenda(store.uow(), today, DEFAULT_BUDGET if budget is None else budget)
    except InvalidInput as exc:
        error = form_error(exc, {"minutes": ("minutes", "Minutes")})
        agenda = today_agenda(store.uow(), today)
        status_code = FORM_ERROR
    context = {
        "agenda": views.agenda_dict(agenda),
        "day": today,
        "budget": FormState({"minutes": minutes or str(agenda.budget_minutes)}, error),
        "alert": alert,
        "back": here(request),
        "date_param": request.query_params.get("date"),
    }
    return render(request, "today.html", context, status_code)


# --- Upcoming -------------------------------------------------------------------------------
@router.get("/upcoming", response_class=HTMLResponse)
def upcoming_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    days: str = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """Follow-ups, birthdays, anniversaries and check-ins of the coming days, by day; a page of
    UPCOMING_SHOWN at a time (30,000 people have thousands a month)."""
    return upcoming_response(request, store, today, days, page=page)


def upcoming_response(
    request: Request,
    store: Store,
    today: date,
    days: str = "",
    alert: FormError | None = None,
    status_code: int = 200,
    page: int = 1,
) -> HTMLResponse:
    """The upcoming page; a bad number of days is shown next to its field."""
    error = None
    try:
        asked = optional_int(days, "days")
        count = UPCOMING_DAYS if asked is None else asked
        found = _upcoming(store, today, count)
    except InvalidInput as exc:
        error = form_error(exc, {"days": ("days", "Days")})
        count, found = UPCOMING_DAYS, _upcoming(store, today, UPCOMING_DAYS)
        status_code = FORM_ERROR
    first = (page - 1) * UPCOMING_SHOWN
    rows = [views.upcoming_dict(u) for u in found[first : first + UPCOMING_SHOWN]]
    by_day = [(d, list(group)) for d, group in itertools.groupby(rows, key=lambda r: r["date"])]

    def link(to: int) -> str:
        query = urlencode({**({"days": days} if days else {}), **({"page": to} if to > 1 else {})})
        return "/upcoming" + (f"?{query}" if query else "")

    context = {
        "by_day": by_day,
        "count": len(found),
        "first_shown": first + 1,
        "shown": len(rows),
        "previous_page": link(page - 1) if page > 1 else None,
        "next_page": link(page + 1) if first + UPCOMING_SHOWN < len(found) else None,
        "days": count,
        "form": FormState({"days": days or str(count)}, error),
        "alert": alert,
        "back": here(request),
    }
    return render(request, "upcoming.html", context, status_code)


def _upcoming(store: Store, today: date, days: int) -> list[Upcoming]:
    """The coming days' items, kept until the data changes (about 90 ms at 30,000 people)."""
    return kept(
        store.uow(), ("upcoming", today, days), lambda uow: upcoming(uow, today, days)
    ).value


# --- Search ---------------------------------------------------------------------------------
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str | None = None) -> HTMLResponse:
    """Search people, organizations, notes, topics and interactions."""
    hits: list[dict[str, Any]] = []
    error, status_code = None, 200
    if q is not None:
        try:
            hits = [views.hit_dict(h) for h in run_search(store.uow(), q, limit=50)]
        except InvalidInput as exc:
            error = form_error(exc, {"query": ("q", "Search")})
            status_code = FORM_ERROR
    form = FormState({"q": q or ""}, error)
    return render(request, "search.html", {"hits": hits, "q": q, "form": form}, status_code)


# --- follow-up buttons (Today, Upcoming, a person's page) -----------------------------------
@router.post("/follow-ups/{reminder_id}/done")
def done(
    request: Request,
    reminder_id: int,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    back: FormStr = "/",
) -> Response:
    """Mark a follow-up done and go back to the page the button was on."""
    check_form_token(request, csrf)
    return _close(request, store, today, reminder_id, "done", back)


@router.post("/follow-ups/{reminder_id}/skip")
def skip(
    request: Request,
    reminder_id: int,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    back: FormStr = "/",
) -> Response:
    """Drop a follow-up without doing it."""
    check_form_token(request, csrf)
    return _close(request, store, today, reminder_id, "skipped", back)


def _close(
    request: Request, store: Store, today: date, reminder_id: int, status: str, back: str
) -> Response:
    try:
        close_follow_up(store.uow(), reminder_id, status, today)
    except TiekeeperError as exc:
        return back_page(request, store, today, back, FormError(plain_message(exc)), FORM_ERROR)
    return see_other(local_path(back), status)


@router.post("/follow-ups/{reminder_id}/snooze")
def snooze(
    request: Request,
    reminder_id: int,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    until: FormStr = "",
    back: FormStr = "/",
) -> Response:
    """Hide a follow-up until a later day; a bad day is shown next to the snooze field."""
    check_form_token(request, csrf)
    try:
        snooze_follow_up(store.uow(), reminder_id, until, today)
    except TiekeeperError as exc:
        error = form_error(exc, {"until": ("until", "Snooze until")})
        person = _person_path(back)
        if person is None:
            return back_page(request, store, today, back, error, FORM_ERROR)
        forms = {f"snooze-{reminder_id}": FormState({"until": until}, error)}
        code = FORM_ERROR
        return pages_people.person_response(request, store, today, person, forms, None, code)
    return see_other(local_path(back), "snoozed")


def _person_path(back: str) -> int | None:
    m = re.fullmatch(r"/people/(\d+)", urlsplit(local_path(back)).path)
    return int(m.group(1)) if m else None


def back_page(
    request: Request, store: Store, today: date, back: str, alert: FormError, status_code: int
) -> HTMLResponse:
    """The page a button was on, again, with the reason the button did nothing."""
    parts = urlsplit(local_path(back))
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    person = _person_path(back)
    if parts.path == "/":
        return today_response(request, store, today, query.get("minutes", ""), alert, status_code)
    if parts.path == "/upcoming":
        return upcoming_response(request, store, today, query.get("days", ""), alert, status_code)
    if person is not None:
        return pages_people.person_response(request, store, today, person, {}, alert, status_code)
    return render(request, "error.html", {"message": alert.message}, status_code)
