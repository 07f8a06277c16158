"""Events in the browser: the list with an Add form, and an event's page with its goal and
progress, the quick "met someone" form (at the top, sized for one thumb), the people met with
their 48-hour follow-ups, the retrospective, and Delete (to the trash, with Undo)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict

from tiekeeper.domain.errors import TiekeeperError
from tiekeeper.domain.events import EVENT_KINDS, goal_line
from tiekeeper.services import trash
from tiekeeper.services.event_page import EventPage, event_page
from tiekeeper.services.events import add_event, list_events, met_at_event
from tiekeeper.services.events_views import event_summary_dict
from tiekeeper.services.people import PersonChanges
from tiekeeper.store.uow import Store
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    NOTICES,
    FormState,
    form_error,
    render,
    see_other,
)
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
KINDS = [(k, k.capitalize()) for k in EVENT_KINDS]
# service field -> (input name, label)
ADD_FIELDS = {"name": ("name", "Event"), "date": ("date", "Day"), "kind": ("kind", "Kind"),
              "location": ("location", "Where"), "goal": ("goal", "Your goal")}  # fmt: skip
MET_FIELDS = {"person": ("person", "Name"), "name": ("person", "Name"),
              "company": ("company", "Company"), "note": ("note", "One note")}  # fmt: skip
PAGE_NOTICES = {"event-added": "Event added. At the event, record each person you meet here."}


def page_notice(request: Request) -> str | None:
    """The notice of a redirect: this page's own, or one every page knows."""
    key = request.query_params.get("notice", "")
    return PAGE_NOTICES.get(key) or NOTICES.get(key)


# --- the list -------------------------------------------------------------------------------
def events_response(
    request: Request, store: Store, today: date, form: FormState, status_code: int = 200
) -> HTMLResponse:
    rows = [event_summary_dict(s) for s in list_events(store.uow())]
    for r in rows:
        r["goal_line"] = goal_line(r["goal"], r["goal_target"], r["people_met"])
        r["goal_met"] = r["goal_target"] is not None and r["people_met"] >= r["goal_target"]
    today_iso = today.isoformat()
    context = {
        "coming": [r for r in rows if r["date"] >= today_iso][::-1],  # soonest first
        "past": [r for r in rows if r["date"] < today_iso],
        "today": today_iso,
        "form": form,
        "kinds": KINDS,
        "notice": page_notice(request),
    }
    return render(request, "events.html", context, status_code)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """Coming and past events, each with its goal and how many people were met."""
    blank = FormState({"date": today.isoformat(), "kind": "other"})
    return events_response(request, store, today, blank)


class EventForm(BaseModel):
    model_config = ConfigDict(extra="ignore")
    csrf: str = ""
    name: str = ""
    date: str = ""
    kind: str = "other"
    location: str = ""
    goal: str = ""

    def values(self) -> dict[str, str]:
        return self.model_dump(exclude={"csrf"})


@router.post("/events")
def add_event_page(
    request: Request, form: Annotated[EventForm, Form()], store: StoreDep, today: TodayDep
) -> Response:
    """Add an event, then open its page (where the people met are recorded)."""
    check_form_token(request, form.csrf)
    try:
        ev = add_event(store.uow(), form.name, form.date or "today", today, kind=form.kind,
                       location=form.location, goal=form.goal)  # fmt: skip
    except TiekeeperError as exc:
        state = FormState(form.values(), form_error(exc, ADD_FIELDS))
        return events_response(request, store, today, state, FORM_ERROR)
    return see_other(f"/events/{ev.id}", "event-added")


# --- one event ------------------------------------------------------------------------------
def event_context(page: EventPage, today: date) -> dict[str, Any]:
    """The event as its page shows it: goal progress, people met, follow-ups by person."""
    v, ev = page.view, page.view.event
    names = {m.person_id: m.name for m in v.people}
    follow_ups = [
        {"id": r.id, "person_id": r.person_id, "person": names.get(r.person_id, "?"),
         "due_on": r.due_on, "status": str(r.status),
         "late": str(r.status) == "open" and r.effective_due < today}
        for r in page.follow_ups
    ]  # fmt: skip
    ties = [m for m in v.people if m.became_tie]
    return {
        "ev": ev,
        "people": v.people,
        "met": len(v.people),
        "goal_line": goal_line(ev.goal, ev.goal_target, len(v.people)),
        "goal_met": v.goal_met,
        "follow_ups": follow_ups,
        "open_follow_ups": sum(1 for f in follow_ups if f["status"] == "open"),
        "ties": len(ties),
        "can_capture": ev.occurred_on <= today,
        "is_past": ev.occurred_on < today,
    }


def event_response(
    request: Request,
    store: Store,
    today: date,
    event_id: int,
    form: FormState | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = event_context(event_page(store.uow(), str(event_id)), today)
    met = request.query_params.get("met", "")
    just_met = next((m for m in context["people"] if str(m.person_id) == met), None)
    just_due = next((f for f in context["follow_ups"] if f["person_id"] == getattr(
        just_met, "person_id", None)), None)  # fmt: skip
    context.update(
        form=form or FormState({}),
        just_met=just_met,
        just_due=just_due,
        back=f"/events/{event_id}",
        notice=page_notice(request),
    )
    return render(request, "event.html", context, status_code)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_show_page(
    request: Request, event_id: int, store: StoreDep, today: TodayDep
) -> HTMLResponse:
    """One event: the met form, the goal and its progress, the people and their follow-ups."""
    return event_response(request, store, today, event_id)


class MetForm(BaseModel):
    model_config = ConfigDict(extra="ignore")
    csrf: str = ""
    person: str = ""
    company: str = ""
    note: str = ""

    def values(self) -> dict[str, str]:
        return self.model_dump(exclude={"csrf"})


@router.post("/events/{event_id}/met")
def met_page(
    request: Request,
    event_id: int,
    form: Annotated[MetForm, Form()],
    store: StoreDep,
    today: TodayDep,
) -> Response:
    """Record someone met at the event (new or known), then come back ready for the next."""
    check_form_token(request, form.csrf)
    changes = PersonChanges(company=form.company.strip() or None, note=form.note.strip() or None)
    try:
        c = met_at_event(store.uow(), str(event_id), form.person, changes, today)
    except TiekeeperError as exc:
        state = FormState(form.values(), form_error(exc, MET_FIELDS, lookup="person"))
        return event_response(request, store, today, event_id, state, FORM_ERROR)
    # No #fragment: a browser skips autofocus when the URL targets an element.
    return see_other(f"/events/{event_id}?met={c.person.id}")


@router.get("/events/{event_id}/delete", response_class=HTMLResponse)
def delete_confirm_page(request: Request, event_id: int, store: StoreDep) -> HTMLResponse:
    """Ask before moving an event to the trash."""
    v = event_page(store.uow(), str(event_id)).view
    context = {
        "title": f"Delete {v.event.name}?",
        "what": f"{v.event.name} goes to the trash for 30 days.",
        "points": [
            f"The {len(v.people)} people you met there stay, with their interactions.",
            "Its open follow-ups go with it; you can put everything back from the trash.",
        ],
        "action": f"/events/{event_id}/delete",
        "button": "Move to the trash",
        "cancel": f"/events/{event_id}",
    }
    return render(request, "confirm.html", context)


@router.post("/events/{event_id}/delete")
def delete_page(
    request: Request, event_id: int, store: StoreDep, now: NowDep, csrf: FormStr = ""
) -> Response:
    """Move the event to the trash; the next page offers Undo."""
    check_form_token(request, csrf)
    done = trash.delete_event(store.uow(), str(event_id), now)
    return see_other(f"/trash/{done.trash_id}")
