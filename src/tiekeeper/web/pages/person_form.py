"""Add a person and edit one: the same form; an edit sends only the fields the user changed (the
service's rule: absent means 'leave as is', lists add to what is there)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict

from tiekeeper.domain.cadence import describe_cadence
from tiekeeper.domain.errors import TiekeeperError
from tiekeeper.services import views
from tiekeeper.services.people import PersonChanges, add_person, edit_person, show_person
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import (
    FORM_ERROR,
    FormState,
    form_error,
    optional_int,
    render,
    see_other,
    split_list,
)
from tiekeeper.web.pages.people import TYPES
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
# Inputs copied as text into PersonChanges fields of the same name.
TEXT = (
    "name", "company", "position", "location", "birthday", "cadence", "how_met", "introduced_by",
    "linkedin", "note", "industry", "function", "seniority", "generation", "interests",
    "working_on", "how_to_help", "needs", "started", "connected",
)  # fmt: skip
# Inputs kept in the "More about them" part of the form (opened when one is set or wrong).
MORE = ("industry", "function", "seniority", "generation", "interests", "working_on",
        "how_to_help", "needs", "started", "connected")  # fmt: skip
# service field -> (input name, label)
FIELDS = {
    "name": ("name", "Name"),
    "email": ("email", "E-mail"),
    "type": ("type", "Network type"),
    "closeness": ("closeness", "Closeness"),
    "birthday": ("birthday", "Birthday"),
    "started": ("started", "Started at their company"),
    "connected": ("connected", "Connected on"),
    "cadence": ("cadence", "Keep in touch"),
    "linkedin": ("linkedin", "LinkedIn"),
    "introduced-by": ("introduced_by", "Introduced by"),
}


class PersonForm(BaseModel):
    """The person form, as typed (every field a string; the services parse them)."""

    model_config = ConfigDict(extra="ignore")
    csrf: str = ""
    name: str = ""
    remove_email: list[str] = []
    remove_phone: list[str] = []
    email: str = ""
    phone: str = ""
    company: str = ""
    position: str = ""
    location: str = ""
    tags: str = ""
    type: str = ""
    closeness: str = ""
    birthday: str = ""
    cadence: str = ""
    how_met: str = ""
    introduced_by: str = ""
    linkedin: str = ""
    note: str = ""
    industry: str = ""
    function: str = ""
    seniority: str = ""
    generation: str = ""
    interests: str = ""
    working_on: str = ""
    how_to_help: str = ""
    needs: str = ""
    started: str = ""
    connected: str = ""

    def values(self) -> dict[str, str]:
        return self.model_dump(exclude={"csrf", "remove_email", "remove_phone"})

    def for_add(self) -> PersonChanges:
        """Everything filled in (an empty input sets nothing)."""
        changes = self._lists(tags=split_list(self.tags), untags=[])
        for k in TEXT:
            setattr(changes, k, getattr(self, k).strip() or None)
        changes.network_type = self.type.strip() or None
        changes.closeness = optional_int(self.closeness, "closeness")
        return changes

    def for_edit(self, old: dict[str, str]) -> PersonChanges:
        """Only what differs from `old` (the form as it was shown); an emptied input clears."""
        old_tags, new_tags = split_list(old["tags"]), split_list(self.tags)
        changes = self._lists(
            tags=[tg for tg in new_tags if tg not in old_tags],
            untags=[tg for tg in old_tags if tg not in new_tags],
        )
        for k in TEXT:
            if getattr(self, k).strip() != old[k].strip():
                setattr(changes, k, getattr(self, k))
        # An emptied choice clears these two ("" for the type, 0 for the rating).
        if self.type.strip() != old["type"]:
            changes.network_type = self.type.strip()
        if self.closeness.strip() != old["closeness"]:
            changes.closeness = optional_int(self.closeness, "closeness") or 0
        changes.remove_emails = list(self.remove_email)
        changes.remove_phones = list(self.remove_phone)
        return changes

    def _lists(self, tags: list[str], untags: list[str]) -> PersonChanges:
        return PersonChanges(
            emails=[self.email] if self.email.strip() else [],
            phones=[self.phone] if self.phone.strip() else [],
            tags=tags,
            untags=untags,
        )


def shown_values(p: dict[str, Any]) -> dict[str, str]:
    """A person (person_view_dict) as the edit form shows it."""
    cadence = p["cadence_days"]
    named = describe_cadence(cadence) if cadence else ""
    birthday = p["birthday"] or ""
    values = {
        k: p.get(k) or ""
        for k in TEXT
        if k not in ("birthday", "cadence", "introduced_by", "note", "started", "connected")
    }
    values.update(
        email="",
        phone="",
        tags=", ".join(p["tags"]),
        type=p["type"] or "",
        closeness=str(p["closeness"] or ""),
        birthday=birthday[2:] if birthday.startswith("--") else birthday,
        cadence=f"{cadence}d" if named.startswith("every") else named,
        introduced_by=p["introduced_by"] or "",
        note=p["notes"] or "",
        started=p["started_on"] or "",
        connected=p["connected_on"] or "",
    )
    return values


def form_page(
    request: Request,
    state: FormState,
    person: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The form to add a person, or to edit `person`."""
    error_field = state.error.field if state.error else None
    context: dict[str, Any] = {
        "form": state,
        "person": person,
        "types": TYPES,
        "open_more": error_field in MORE or any(state.values.get(k) for k in MORE),
    }
    if person is None:  # also when re-rendered by POST /people: the nav still says "Add"
        context["path"] = "/people/new"
    return render(request, "person_form.html", context, status_code)


@router.get("/people/new", response_class=HTMLResponse)
def new_person_page(request: Request) -> HTMLResponse:
    """The form to add someone."""
    return form_page(request, FormState({}))


@router.post("/people")
def add_person_page(
    request: Request, form: Annotated[PersonForm, Form()], store: StoreDep, today: TodayDep
) -> Response:
    """Add a person, then show them; a refused value comes back next to its field."""
    check_form_token(request, form.csrf)
    try:
        added = add_person(store.uow(), form.for_add(), today)
    except TiekeeperError as exc:
        state = FormState(form.values(), form_error(exc, FIELDS, lookup="introduced_by"))
        return form_page(request, state, None, FORM_ERROR)
    return see_other(f"/people/{added.id}", "added")


def _view(store: Store, person_id: int, today: date) -> dict[str, Any]:
    return views.person_view_dict(show_person(store.uow(), str(person_id), today))


@router.get("/people/{person_id}/edit", response_class=HTMLResponse)
def edit_person_page(
    request: Request, person_id: int, store: StoreDep, today: TodayDep
) -> HTMLResponse:
    """The form to change someone's details."""
    p = _view(store, person_id, today)
    return form_page(request, FormState(shown_values(p)), p)


@router.post("/people/{person_id}/edit")
def save_person_page(
    request: Request,
    person_id: int,
    form: Annotated[PersonForm, Form()],
    store: StoreDep,
    today: TodayDep,
) -> Response:
    """Save what changed, then show the person."""
    check_form_token(request, form.csrf)
    p = _view(store, person_id, today)
    try:
        edit_person(store.uow(), str(person_id), form.for_edit(shown_values(p)), today)
    except TiekeeperError as exc:
        state = FormState(form.values(), form_error(exc, FIELDS, lookup="introduced_by"))
        return form_page(request, state, p, FORM_ERROR)
    return see_other(f"/people/{person_id}", "saved")
