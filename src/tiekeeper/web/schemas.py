"""The API's contract: what it accepts (In) and returns (Out). The Out models mirror the views
of services/views.py (the CLI's --json shapes, docs/json.md); `extra="forbid"` makes a test fail
when the two drift apart."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tiekeeper.domain.limits import limit
from tiekeeper.services.interactions import LogRequest
from tiekeeper.services.people import PersonChanges


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- in -------------------------------------------------------------------------------------
def _most(field: str) -> Any:
    """The limit of `field` (domain/limits.py) as a schema constraint: OpenAPI shows it and a
    longer value is a 422 before any service runs."""
    return Field(max_length=limit(field))


Email = Annotated[str, _most("email")]
Phone = Annotated[str, _most("phone")]
Link = Annotated[str, _most("link")]
Tag = Annotated[str, _most("tag")]


def _text(field: str) -> Any:
    return Field(None, max_length=limit(field))


class PersonIn(In):
    """A person's fields; on PATCH, absent fields stay as they are and lists add to what is
    there (like `tiekeeper edit`). Lengths are the ones every door keeps (domain/limits.py)."""

    name: str | None = _text("name")
    emails: list[Email] = []
    phones: list[Phone] = []
    links: list[Link] = []
    tags: list[Tag] = []
    untags: list[str] = []
    remove_emails: list[str] = []
    remove_phones: list[str] = []
    company: str | None = _text("company")
    position: str | None = _text("position")
    industry: str | None = _text("industry")
    function: str | None = _text("function")
    seniority: str | None = _text("seniority")
    location: str | None = _text("location")
    generation: str | None = _text("generation")
    network_type: Literal["strategic", "operational", "personal", ""] | None = Field(
        None, description='"" clears it'
    )
    closeness: int | None = Field(None, ge=0, le=5, description="0 clears the rating")
    birthday: str | None = Field(None, description="MM-DD or YYYY-MM-DD")
    started: str | None = Field(None, description="the day they started at their company")
    connected: str | None = Field(None, description="the day you connected")
    cadence: str | None = Field(None, description="weekly, monthly, quarterly, yearly or Nd")
    how_met: str | None = _text("how-met")
    introduced_by: str | None = Field(None, description="a PERSON: id, e-mail or unique name")
    linkedin: str | None = _text("linkedin")
    interests: str | None = _text("interests")
    working_on: str | None = _text("working-on")
    how_to_help: str | None = _text("how-to-help")
    needs: str | None = _text("needs")
    note: str | None = _text("note")

    def changes(self) -> PersonChanges:
        return PersonChanges(**{f.name: getattr(self, f.name) for f in fields(PersonChanges)})


class LogIn(In):
    """An interaction with one or more people (PERSON: id, e-mail or unique name)."""

    people: list[str] = Field(min_length=1)
    when: str = Field("today", description="ISO date or words: yesterday, 3 days ago")
    channel: str = "other"
    by: Literal["me", "them"] = "me"
    topics: list[str] = []
    summary: str | None = None
    gave: list[str] = []
    received: list[str] = []
    follow_up: str | None = Field(None, description="when to follow up (ISO or words)")
    action: str | None = None

    def request(self) -> LogRequest:
        return LogRequest(**self.model_dump())


class FollowUpIn(In):
    person: str
    when: str
    action: str | None = None


class SnoozeIn(In):
    until: str


# --- out ------------------------------------------------------------------------------------
class AddressOut(Out):
    kind: str | None
    po_box: str | None
    extended: str | None
    street: str | None
    city: str | None
    region: str | None
    postcode: str | None
    country: str | None


class PersonOut(Out):
    id: int
    name: str
    emails: list[str]
    phones: list[str]
    links: list[str]
    linkedin: str | None
    company: str | None
    position: str | None
    industry: str | None
    function: str | None
    seniority: str | None
    location: str | None
    generation: str | None
    tags: list[str]
    type: str | None
    closeness: int | None
    how_met: str | None
    introduced_by_id: int | None
    interests: str | None
    working_on: str | None
    how_to_help: str | None
    needs: str | None
    notes: str | None
    birthday: str | None
    started_on: str | None
    connected_on: str | None
    cadence_days: int | None
    last_interaction_on: str | None
    checkin_due_on: str | None
    addresses: list[AddressOut]
    card_properties: dict[str, int]  # kept vCard properties written back on export: name -> count


class PersonRef(Out):
    id: int
    name: str | None


class FavourOut(Out):
    person_id: int
    direction: str
    kind: str
    note: str | None


class InteractionOut(Out):
    id: int
    date: str
    people: list[PersonRef]
    channel: str
    initiated_by: str
    summary: str | None
    topics: list[str]
    favours: list[FavourOut]


class ReminderOut(Out):
    id: int
    person_id: int
    kind: str
    due_on: str
    snoozed_until: str | None
    action: str | None
    status: str


class PersonDetailOut(PersonOut):
    introduced_by: str | None
    effective_cadence_days: int | None
    next_birthday: str | None
    interactions: list[InteractionOut]
    follow_ups: list[ReminderOut]


class LoggedOut(Out):
    interaction: InteractionOut
    follow_up: ReminderOut | None


class AgendaItemOut(Out):
    kind: str
    person_id: int
    person: str
    minutes: int
    reason: str
    reminder_id: int | None


class AgendaOut(Out):
    date: str
    budget_minutes: int
    minutes: int
    items: list[AgendaItemOut]
    left_out: int
    left_out_by_kind: dict[str, int]


class UpcomingOut(Out):
    date: str
    kind: str
    person_id: int
    person: str
    detail: str
    reminder_id: int | None
    overdue_days: int = 0


class HitPersonOut(Out):
    id: int
    name: str


class HitOut(Out):
    kind: str
    id: int
    title: str
    date: str | None = None
    people: list[HitPersonOut] = []


class ErrorDetail(Out):
    kind: str
    message: str
    field: str | None = None
    value: str | None = None


class ErrorOut(Out):
    error: ErrorDetail
