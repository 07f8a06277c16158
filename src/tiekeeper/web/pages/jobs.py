"""The job search in the browser: opportunities as a board by stage (moved with a form), target
companies with their warm paths, and informational interviews with the question list. The same
services as `tiekeeper opportunity`, `target`, `questions` and `interview`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.errors import InvalidInput, NotFound, TiekeeperError
from tiekeeper.domain.jobs import SOURCES, STAGES
from tiekeeper.services import jobs, opportunities, trash
from tiekeeper.services.jobs_views import opportunity_dict, target_dict
from tiekeeper.store.uow import Store
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    FormState,
    form_error,
    kept_note,
    render,
    see_other,
    split_list,
)
from tiekeeper.web.pages.notices import notice_of
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
STAGE_NAMES = {
    "idea": "Idea", "reached-out": "Reached out", "talked": "Talked", "referred": "Referred",
    "applied": "Applied", "interview": "Interview", "offer": "Offer", "closed": "Closed",
}  # fmt: skip
assert tuple(STAGE_NAMES) == STAGES
SOURCE_NAMES = {"hidden": "Not advertised", "referral": "Referral", "posted": "Advertised"}
assert set(SOURCE_NAMES) == set(SOURCES)
NOTICES = {
    "opportunity-added": "Opportunity added at Idea.",
    "moved": "Opportunity moved.",
    "moved-back": "Moved back to an earlier stage (that is fine: plans change).",
    "target-added": "Target company saved.",
    "target-removed": "No longer a target company (its people stay).",
    "question-added": "Question added.",
    "question-removed": "Question removed.",
    "interview-logged": "Informational interview logged. Your questions are below.",
}
OPPORTUNITY_FIELDS = {
    "org": ("org", "Organization"), "company": ("org", "Organization"),
    "role": ("role", "Role"), "source": ("source", "Source"), "via": ("via", "Through"),
    "next": ("next", "Next step"), "note": ("next", "Next step"),
    "next-date": ("next_date", "Due"),
}  # fmt: skip
MOVE_FIELDS = {"stage": ("stage", "Stage"), "next": ("next", "Next step"),
               "note": ("next", "Next step"), "next-date": ("next_date", "Due")}  # fmt: skip
TARGET_FIELDS = {"org": ("org", "Company"), "company": ("org", "Company"),
                 "note": ("why", "Why"), "industry": ("industry", "Industry")}  # fmt: skip
INTERVIEW_FIELDS = {"date": ("when", "When"), "summary": ("summary", "What you learned"),
                    "topic": ("topics", "Topics"), "person": ("person", "Who")}  # fmt: skip


def board(store: Store) -> list[dict[str, Any]]:
    """Every stage with its opportunities, in stage order."""
    cards = [opportunity_dict(v) for v in opportunities.list_opportunities(store.uow())]
    return [
        {"stage": s, "name": STAGE_NAMES[s], "cards": [c for c in cards if c["stage"] == s]}
        for s in STAGES
    ]


def jobs_response(
    request: Request,
    store: Store,
    today: date,
    forms: dict[str, FormState] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The job-search page; `forms` holds a refused form's values and error."""
    forms = forms or {}
    targets = jobs.kept_targets(store.uow(), today, stale_ok=True)
    context = {
        "board": board(store),
        "stages": list(STAGE_NAMES.items()),
        "sources": list(SOURCE_NAMES.items()),
        "targets": [target_dict(v) for v in targets.value],
        "kept": kept_note(targets, "The list of warm paths"),
        "questions": jobs.questions(store.uow()),
        "forms": forms,
        "empty": FormState({}),
        "today": today,
        "notice": notice_of(request, NOTICES),
    }
    return render(request, "jobs.html", context, status_code)


@router.get("/jobs", response_class=HTMLResponse)
def jobs_page(request: Request, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """Opportunities by stage, target companies, informational interviews."""
    return jobs_response(request, store, today)


def _refused(
    request: Request, store: Store, today: date, key: str, values: dict[str, str],
    exc: TiekeeperError, fields: dict[str, tuple[str, str]], lookup: str | None = None,
) -> HTMLResponse:  # fmt: skip
    state = FormState(values, form_error(exc, fields, lookup))
    return jobs_response(request, store, today, {key: state}, FORM_ERROR)


@router.post("/jobs/opportunities")
def add_opportunity_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    org: FormStr = "",
    role: FormStr = "",
    source: FormStr = "hidden",
    via: FormStr = "",
    next: FormStr = "",
    next_date: FormStr = "",
) -> Response:
    """Record an opportunity at stage Idea (with a next step on Today when one is given)."""
    check_form_token(request, csrf)
    values = {"org": org, "role": role, "source": source, "via": via, "next": next,
              "next_date": next_date}  # fmt: skip
    try:
        opportunities.add_opportunity(store.uow(), org, role, today, source, via.strip() or None,
                                      next.strip() or None, next_date.strip() or None)  # fmt: skip
    except TiekeeperError as exc:
        return _refused(request, store, today, "opportunity", values, exc, OPPORTUNITY_FIELDS,
                        "via")  # fmt: skip
    return see_other("/jobs#board", "opportunity-added")


@router.post("/jobs/opportunities/{opportunity_id}/move")
def move_page(
    request: Request,
    opportunity_id: int,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    stage: FormStr = "",
    next: FormStr = "",
    next_date: FormStr = "",
) -> Response:
    """Move an opportunity to another stage (backwards too, and said so)."""
    check_form_token(request, csrf)
    try:
        step, due = next.strip() or None, next_date.strip() or None
        v = opportunities.move_opportunity(store.uow(), opportunity_id, stage, today, step, due)
    except TiekeeperError as exc:
        if not isinstance(exc, InvalidInput):
            raise
        values = {"stage": stage, "next": next, "next_date": next_date}
        return _refused(request, store, today, f"move-{opportunity_id}", values, exc, MOVE_FIELDS)
    notice = "moved-back" if v.backwards_from else "moved"
    return see_other(f"/jobs#opportunity-{opportunity_id}", notice)


@router.get("/jobs/opportunities/{opportunity_id}/delete", response_class=HTMLResponse)
def delete_confirm_page(request: Request, opportunity_id: int, store: StoreDep) -> HTMLResponse:
    """Ask before moving an opportunity to the trash."""
    v = opportunity_dict(opportunities.show_opportunity(store.uow(), opportunity_id))
    what = f"{v['role']} at {v['organization']}"
    context = {
        "title": f"Delete {what}?",
        "what": f"{what} goes to the trash for 30 days.",
        "points": ["Its open next step is dropped from Today.",
                   "Until the trash is emptied you can put it back as it was."],
        "action": f"/jobs/opportunities/{opportunity_id}/delete",
        "button": "Move to the trash",
        "cancel": "/jobs#board",
    }  # fmt: skip
    return render(request, "confirm.html", context)


@router.post("/jobs/opportunities/{opportunity_id}/delete")
def delete_page(
    request: Request, opportunity_id: int, store: StoreDep, now: NowDep, csrf: FormStr = ""
) -> Response:
    """Move an opportunity to the trash; the next page offers Undo."""
    check_form_token(request, csrf)
    done = trash.delete_opportunity(store.uow(), opportunity_id, now)
    return see_other(f"/trash/{done.trash_id}")


@router.post("/jobs/targets")
def add_target_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    org: FormStr = "",
    why: FormStr = "",
    industry: FormStr = "",
) -> Response:
    """Mark a company as a target (adding it again updates why and industry)."""
    check_form_token(request, csrf)
    try:
        jobs.add_target(store.uow(), org, why.strip() or None, industry.strip() or None)
    except TiekeeperError as exc:
        values = {"org": org, "why": why, "industry": industry}
        return _refused(request, store, today, "target", values, exc, TARGET_FIELDS)
    return see_other("/jobs#targets", "target-added")


@router.post("/jobs/targets/{org_id}/remove")
def remove_target_page(
    request: Request, org_id: int, store: StoreDep, csrf: FormStr = ""
) -> Response:
    """Stop treating a company as a target."""
    check_form_token(request, csrf)
    jobs.remove_target(store.uow(), _target_name(store, org_id))
    return see_other("/jobs#targets", "target-removed")


def _target_name(store: Store, org_id: int) -> str:
    for org in jobs.target_companies(store.uow()):
        if org.id == org_id:
            return org.name
    raise NotFound(f"no target company with id {org_id}")


@router.post("/jobs/questions")
def add_question_page(
    request: Request, store: StoreDep, today: TodayDep, csrf: FormStr = "", question: FormStr = ""
) -> Response:
    """Add a question to the informational-interview list."""
    check_form_token(request, csrf)
    try:
        jobs.questions(store.uow(), add=question)
    except TiekeeperError as exc:
        fields = {"add": ("question", "New question"), "note": ("question", "New question")}
        return _refused(request, store, today, "question", {"question": question}, exc, fields)
    return see_other("/jobs#interviews", "question-added")


@router.post("/jobs/questions/{number}/remove")
def remove_question_page(
    request: Request, number: int, store: StoreDep, csrf: FormStr = ""
) -> Response:
    """Take question `number` (as numbered on the page) off the list."""
    check_form_token(request, csrf)
    jobs.questions(store.uow(), remove=number)
    return see_other("/jobs#interviews", "question-removed")


@router.post("/jobs/interviews")
def log_interview_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    person: FormStr = "",
    when: FormStr = "today",
    summary: FormStr = "",
    topics: FormStr = "",
) -> Response:
    """Log an informational interview."""
    check_form_token(request, csrf)
    values = {"person": person, "when": when, "summary": summary, "topics": topics}
    try:
        if not person.strip():
            raise InvalidInput("say who you talked to", field="person")
        jobs.log_interview(store.uow(), person, today, when.strip() or "today",
                           summary.strip() or None, split_list(topics))  # fmt: skip
    except TiekeeperError as exc:
        return _refused(request, store, today, "interview", values, exc, INTERVIEW_FIELDS,
                        "person")  # fmt: skip
    return see_other("/jobs#interviews", "interview-logged")
