"""The JSON API (/api/v1): each route is argument parsing plus one service call, answered with the
same view as the CLI's --json."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from tiekeeper.domain.limits import limit
from tiekeeper.services import views
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.interactions import log_interaction
from tiekeeper.services.people import add_person, edit_person, list_people, show_person
from tiekeeper.services.reminders import (
    add_follow_up,
    close_follow_up,
    snooze_follow_up,
    upcoming,
)
from tiekeeper.services.search import search as run_search
from tiekeeper.web import schema_types as t
from tiekeeper.web import schemas as s
from tiekeeper.web.deps import IdPath, PersonPath, StoreDep, TodayDep

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": s.ErrorOut, "description": what}
    for code, what in (
        (400, "a body that is not JSON"),
        (403, "not allowed"),
        (404, "no such person or follow-up"),
        (409, "ambiguous or clashing"),
        (422, "a value that cannot be accepted; names the field"),
        (503, "busy: another process is writing the SQLite database; send it again"),
    )
}
router = APIRouter(responses=ERRORS)


@router.get("/today", response_model=s.AgendaOut, tags=["agenda"])
def get_today_agenda(
    store: StoreDep,
    today: TodayDep,
    minutes: Annotated[int, Query(ge=1, le=480, description="your time budget")] = 15,
) -> dict[str, Any]:
    """The few networking actions worth doing today, each with its reason."""
    return views.agenda_dict(today_agenda(store.uow(), today, minutes))


@router.get("/upcoming", response_model=list[s.UpcomingOut], tags=["agenda"])
def get_upcoming(
    store: StoreDep, today: TodayDep, days: Annotated[int, Query(ge=1, le=366)] = 30
) -> list[dict[str, Any]]:
    """Follow-ups, birthdays, anniversaries and check-ins in the next `days` days."""
    return [views.upcoming_dict(u) for u in upcoming(store.uow(), today, days)]


@router.get("/people", response_model=list[s.PersonOut], tags=["people"])
def get_people(
    store: StoreDep,
    today: TodayDep,
    tag: Annotated[str | None, Query(max_length=limit("tag"), pattern=t.LINE)] = None,
    company: Annotated[str | None, Query(max_length=limit("company"), pattern=t.LINE)] = None,
    type: Literal["strategic", "operational", "personal"] | None = None,
    overdue: bool = False,
    limit: Annotated[int | None, Query(ge=1, le=t.MAX_ID)] = None,
    offset: Annotated[int, Query(ge=0, le=t.MAX_ID, description="skip the first ones")] = 0,
) -> list[dict[str, Any]]:
    """People matching every filter given, by name; `limit` and `offset` page through them."""
    found = list_people(
        store.uow(),
        tag=tag,
        company=company,
        network_type=type,
        overdue_on=today if overdue else None,
        limit=limit,
        offset=offset,
    )
    return [views.person_dict(p) for p in found]


@router.post("/people", response_model=s.PersonOut, status_code=201, tags=["people"])
def post_person(body: s.PersonIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Add a person."""
    return views.person_dict(add_person(store.uow(), body.changes(), today))


@router.get("/people/{person}", response_model=s.PersonDetailOut, tags=["people"])
def get_person(person: PersonPath, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """One person (id, e-mail or unique name) with recent interactions and open follow-ups."""
    return views.person_view_dict(show_person(store.uow(), person, today))


@router.patch("/people/{person}", response_model=s.PersonOut, tags=["people"])
def patch_person(
    person: PersonPath, body: s.PersonPatchIn, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Change a person's fields (lists add to what is there; `untags` removes tags)."""
    return views.person_dict(edit_person(store.uow(), person, body.changes(), today))


@router.post("/interactions", response_model=s.LoggedOut, status_code=201, tags=["interactions"])
def post_interaction(body: s.LogIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Log an interaction (and its follow-up, when one is given)."""
    return views.logged_dict(log_interaction(store.uow(), body.request(), today))


@router.post("/follow-ups", response_model=s.ReminderOut, status_code=201, tags=["follow-ups"])
def post_follow_up(body: s.FollowUpIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Remind yourself to follow up with someone."""
    r = add_follow_up(store.uow(), body.person, body.when, body.action, today)
    return views.reminder_dict(r)


@router.post("/follow-ups/{reminder_id}/done", response_model=s.ReminderOut, tags=["follow-ups"])
def post_done(reminder_id: IdPath, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Mark a follow-up done."""
    return views.reminder_dict(close_follow_up(store.uow(), reminder_id, "done", today))


@router.post("/follow-ups/{reminder_id}/skip", response_model=s.ReminderOut, tags=["follow-ups"])
def post_skip(reminder_id: IdPath, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Drop a follow-up without doing it."""
    return views.reminder_dict(close_follow_up(store.uow(), reminder_id, "skipped", today))


@router.post("/follow-ups/{reminder_id}/snooze", response_model=s.ReminderOut, tags=["follow-ups"])
def post_snooze(
    reminder_id: IdPath, body: s.SnoozeIn, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Hide a follow-up until a later day."""
    return views.reminder_dict(snooze_follow_up(store.uow(), reminder_id, body.until, today))


@router.get("/search", response_model=list[s.HitOut], tags=["search"])
def get_search(
    store: StoreDep,
    q: Annotated[
        str,
        Query(min_length=1, max_length=1000, pattern=t.LINE, description="words, each a prefix"),
    ],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[dict[str, Any]]:
    """Search people, organizations, notes, topics and interactions."""
    return [views.hit_dict(h) for h in run_search(store.uow(), q, limit)]
