"""The people pages: the list with its filters, a person's page, and the two forms on it (log an
interaction, add a follow-up)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict

from tiekeeper.domain.cadence import describe_cadence
from tiekeeper.domain.errors import InvalidInput, TiekeeperError
from tiekeeper.domain.model import CHANNELS, NetworkType
from tiekeeper.services import views
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import list_people, show_person
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    FormError,
    FormState,
    form_error,
    nice_birthday,
    nice_day,
    render,
    see_other,
    split_list,
)
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
PEOPLE_LIMIT = 200  # a page a phone can scroll; filters and search narrow the rest
MAX_PAGE = 10_000  # 2,000,000 people: past any address book, and never an overflow
TYPES = [(t.value, t.value.capitalize()) for t in NetworkType]
INITIATORS = [("me", "I did"), ("them", "They did"), ("mutual", "Both of us")]
# service field -> (input name, label) of the log form
LOG_FIELDS = {
    "date": ("when", "Date"),
    "channel": ("channel", "Channel"),
    "by": ("by", "Who reached out"),
    "person": ("also_with", "Also with"),
    "gave/received": ("gave", "Favour"),
    "follow-up": ("follow_up", "Follow up on"),
    "action": ("follow_up", "Follow up on"),
}
FormStr = Annotated[str, Form()]


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    tag: str = "",
    company: str = "",
    type: str = "",
    overdue: str = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    """Everyone, by name, narrowed by tag, company, network type and overdue check-ins; a page
    of PEOPLE_LIMIT at a time (?page=2 ...)."""
    values = {"tag": tag, "company": company, "type": type, "overdue": overdue}
    error, status_code = None, 200
    try:
        found = list_people(
            store.uow(),
            tag=tag.strip() or None,
            company=company.strip() or None,
            network_type=type.strip() or None,
            overdue_on=today if overdue else None,
            limit=PEOPLE_LIMIT + 1,
            offset=(page - 1) * PEOPLE_LIMIT,
        )
    except InvalidInput as exc:
        error = form_error(exc, {"type": ("type", "Network type")})
        found, status_code = [], FORM_ERROR
    context = {
        "people": [views.person_dict(p) for p in found[:PEOPLE_LIMIT]],
        "more": len(found) > PEOPLE_LIMIT,
        "first_shown": (page - 1) * PEOPLE_LIMIT + 1,
        "previous_page": _page_link(values, page - 1) if page > 1 else None,
        "next_page": _page_link(values, page + 1) if len(found) > PEOPLE_LIMIT else None,
        "form": FormState(values, error),
        "search": FormState({}),
        "types": TYPES,
        "filtered": any(v.strip() for v in values.values()),
        "today": today.isoformat(),
    }
    return render(request, "people.html", context, status_code)


def _page_link(filters: dict[str, str], page: int) -> str:
    """The list's address on another page, with the same filters."""
    query = urlencode({**{k: v for k, v in filters.items() if v.strip()},
                       **({"page": page} if page > 1 else {})})  # fmt: skip
    return "/people" + (f"?{query}" if query else "")


@router.get("/people/{person}", response_class=HTMLResponse)
def person_page(request: Request, person: str, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """One person (id, e-mail or unique name): fields, follow-ups, interactions, forms."""
    return person_response(request, store, today, person)


def person_response(
    request: Request,
    store: Store,
    today: date,
    person: int | str,
    forms: dict[str, FormState] | None = None,
    alert: FormError | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A person's page; `forms` carries what the user typed into a form that failed."""
    p = views.person_view_dict(show_person(store.uow(), str(person), today))
    blank: dict[str, FormState] = {
        "log": FormState({"when": today.isoformat(), "channel": "other", "by": "me"}),
        "follow-up": FormState({}),
    }
    blank.update({f"snooze-{r['id']}": FormState({}) for r in p["follow_ups"]})
    context = {
        "p": p,
        "details": details(p),
        "forms": blank | (forms or {}),
        "alert": alert,
        "channels": [(c, c.replace("-", " ").capitalize()) for c in CHANNELS],
        "initiators": INITIATORS,
        "today": today.isoformat(),
        "back": f"/people/{p['id']}",
    }
    return render(request, "person.html", context, status_code)


Items = list[tuple[str, str | None]]


def _web(url: str | None) -> str | None:
    """A link only to the web: imported data may hold any scheme (javascript: included)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def details(p: dict[str, Any]) -> list[tuple[str, Items]]:
    """The fields that are set, as (label, [(text, link or None)]) in reading order."""
    rows: list[tuple[str, Items]] = []

    def add(label: str, *items: tuple[Any, str | None]) -> None:
        kept = [(str(text), href) for text, href in items if text not in (None, "")]
        if kept:
            rows.append((label, kept))

    def one(label: str, key: str) -> None:
        add(label, (p[key], None))

    add("E-mail", *[(e, f"mailto:{e}") for e in p["emails"]])
    add("Phone", *[(ph, "tel:" + "".join(ph.split())) for ph in p["phones"]])
    add("LinkedIn", (p["linkedin"], _web(p["linkedin"])))
    add("Links", *[(u, _web(u)) for u in p["links"]])
    add("Company", (p["company"], p["company"] and f"/people?company={quote(p['company'])}"))
    for label, key in (("Position", "position"), ("Industry", "industry"),
                       ("Function", "function"), ("Seniority", "seniority"),
                       ("Location", "location"), ("Generation", "generation")):  # fmt: skip
        one(label, key)
    add("Tags", *[(tg, f"/people?tag={quote(tg)}") for tg in p["tags"]])
    add("Network type", ((p["type"] or "").capitalize(), None))
    add("Closeness", (p["closeness"] and f"{p['closeness']} of 5", None))
    one("How you met", "how_met")
    intro = p["introduced_by_id"]
    add("Introduced by", (p["introduced_by"], intro and f"/people/{intro}"))
    for label, key in (("Interests", "interests"), ("Working on", "working_on"),
                       ("How you could help", "how_to_help"), ("Needs", "needs"),
                       ("Notes", "notes")):  # fmt: skip
        one(label, key)
    return rows + dates(p)


def dates(p: dict[str, Any]) -> list[tuple[str, Items]]:
    """Birthday, anniversaries, cadence and check-in, in words."""
    rows: list[tuple[str, Items]] = []
    if p["birthday"]:
        text = nice_birthday(p["birthday"])
        if p["next_birthday"]:
            text += f" (next: {nice_day(p['next_birthday'])})"
        rows.append(("Birthday", [(text, None)]))
    for label, key in (
        ("Started at their company", "started_on"),
        ("Connected on", "connected_on"),
        ("Last talked", "last_interaction_on"),
        ("Next check-in", "checkin_due_on"),
    ):
        if p[key]:
            rows.append((label, [(nice_day(p[key]), None)]))
    if p["effective_cadence_days"]:
        text = describe_cadence(p["effective_cadence_days"])
        if not p["cadence_days"]:
            text += " (from a tag)"
        rows.append(("Keep in touch", [(text, None)]))
    return rows


class LogForm(BaseModel):
    """The "Log an interaction" form, as typed."""

    model_config = ConfigDict(extra="ignore")
    csrf: str = ""
    when: str = ""
    channel: str = "other"
    by: str = "me"
    summary: str = ""
    topics: str = ""
    also_with: str = ""
    gave: str = ""
    received: str = ""
    follow_up: str = ""
    action: str = ""

    def request(self, person_id: int) -> LogRequest:
        return LogRequest(
            people=[str(person_id), *split_list(self.also_with)],
            when=self.when,
            channel=self.channel,
            by=self.by,
            topics=split_list(self.topics),
            summary=self.summary.strip() or None,
            gave=[self.gave] if self.gave.strip() else [],
            received=[self.received] if self.received.strip() else [],
            follow_up=self.follow_up.strip() or None,
            action=self.action.strip() or None,
        )


@router.post("/people/{person_id}/interactions")
def log_page(
    request: Request,
    person_id: int,
    form: Annotated[LogForm, Form()],
    store: StoreDep,
    today: TodayDep,
) -> Response:
    """Log an interaction with this person (and others), with an optional follow-up."""
    check_form_token(request, form.csrf)
    try:
        log_interaction(store.uow(), form.request(person_id), today)
    except TiekeeperError as exc:
        error = form_error(exc, LOG_FIELDS, lookup="also_with")
        state = FormState(form.model_dump(exclude={"csrf"}), error)
        return person_response(request, store, today, person_id, {"log": state}, None, FORM_ERROR)
    return see_other(f"/people/{person_id}#interactions", "logged")


@router.post("/people/{person_id}/follow-ups")
def follow_up_page(
    request: Request,
    person_id: int,
    store: StoreDep,
    today: TodayDep,
    csrf: FormStr = "",
    when: FormStr = "",
    action: FormStr = "",
) -> Response:
    """Remind yourself to do something for this person by a date."""
    check_form_token(request, csrf)
    try:
        add_follow_up(store.uow(), str(person_id), when, action.strip() or None, today)
    except TiekeeperError as exc:
        error = form_error(exc, {"date": ("when", "Due")})
        state = FormState({"when": when, "action": action}, error)
        return person_response(
            request, store, today, person_id, {"follow-up": state}, None, FORM_ERROR
        )
    return see_other(f"/people/{person_id}#follow-ups", "follow-up")
