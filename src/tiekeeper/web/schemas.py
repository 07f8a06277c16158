"""The API's contract: what it accepts (In) and returns (Out). The Out models mirror the views
of services/views.py (the CLI's --json shapes, docs/json.md); `extra="forbid"` makes a test fail
when the two drift apart."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from tiekeeper.domain.limits import limit
from tiekeeper.services.interactions import LogRequest
from tiekeeper.services.people import PersonChanges
from tiekeeper.web import schema_types as t


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- in -------------------------------------------------------------------------------------
# Every field says in the schema what the services accept (web/schema_types.py): lengths from
# domain/limits.py, no control characters, dates as ISO or the words parse_when knows.
def _no_twice(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("the list holds the same value twice")
    return values


UNIQUE: dict[str, Any] = {"uniqueItems": True}
# No value twice: each is a row keyed by it (a person's tag, an interaction's topic).
Tags = Annotated[list[t.Tag], AfterValidator(_no_twice), Field(json_schema_extra=UNIQUE)]
Topics = Annotated[list[t.Topic], AfterValidator(_no_twice), Field(json_schema_extra=UNIQUE)]


class _PersonFields(In):
    """The fields a person is added with and changed by; lengths are the ones every door keeps
    (domain/limits.py)."""

    emails: list[t.Email] = []
    phones: list[t.Phone] = []
    links: list[t.Link] = []
    tags: Tags = []
    company: str | None = t.line("company")
    position: str | None = t.line("position")
    industry: str | None = t.line("industry")
    function: str | None = t.line("function")
    seniority: str | None = t.line("seniority")
    location: str | None = t.line("location")
    generation: str | None = t.line("generation")
    network_type: Literal["strategic", "operational", "personal", ""] | None = Field(
        None, description='"" clears it'
    )
    closeness: int | None = Field(None, ge=0, le=5, description="0 clears the rating")
    birthday: str | None = Field(
        None, pattern=t.BIRTHDAY, description='MM-DD, --MM-DD or YYYY-MM-DD; "" clears it'
    )
    started: str | None = Field(
        None, pattern=t.WHEN_OR_EMPTY, description="the day they started at their company"
    )
    connected: str | None = Field(
        None, pattern=t.WHEN_OR_EMPTY, description="the day you connected"
    )
    cadence: str | None = Field(
        None, pattern=t.CADENCE, description="weekly, biweekly, monthly, quarterly, yearly or Nd"
    )
    how_met: str | None = t.text("how-met")
    introduced_by: t.PersonRef | None = None
    linkedin: str | None = Field(
        None, max_length=limit("linkedin"), pattern=t.URL_OR_EMPTY, description="https://..."
    )
    interests: str | None = t.text("interests")
    working_on: str | None = t.text("working-on")
    how_to_help: str | None = t.text("how-to-help")
    needs: str | None = t.text("needs")
    note: str | None = t.text("note")

    def changes(self) -> PersonChanges:
        # A new person has nothing to take away: PersonIn has no untags or remove_* lists.
        given: dict[str, Any] = {f.name: getattr(self, f.name, None) for f in fields(PersonChanges)}
        return PersonChanges(
            **{k: [] if v is None and k in _LISTS else v for k, v in given.items()}
        )


_LISTS = frozenset({"untags", "remove_emails", "remove_phones"})


class PersonIn(_PersonFields):
    """A new person: a name, and any of the other fields."""

    name: t.Name


class PersonPatchIn(_PersonFields):
    """What to change: absent fields stay as they are and lists add to what is there (like
    `tiekeeper edit`); `untags`, `remove_emails` and `remove_phones` take values away."""

    name: t.Name | None = None
    untags: list[t.Tag] = []
    remove_emails: list[t.PersonRef] = []
    remove_phones: list[t.Phone] = []


class LogIn(In):
    """An interaction with one or more people (PERSON: id, e-mail or unique name)."""

    people: list[t.PersonRef] = Field(min_length=1)
    when: t.When = "today"
    channel: t.Channel = "other"
    by: Literal["me", "them"] = "me"
    topics: Topics = []
    summary: str | None = t.text("summary")
    gave: list[t.Favour] = []
    received: list[t.Favour] = []
    follow_up: t.When | None = Field(None, description="when to follow up (ISO or words)")
    action: str | None = Field(
        None,
        max_length=limit("summary"),
        pattern=t.TEXT,
        description="what to do then (needs `follow_up`)",
    )

    def request(self) -> LogRequest:
        return LogRequest(**self.model_dump())


class FollowUpIn(In):
    person: t.PersonRef
    when: t.When
    action: str | None = t.text("summary")


class SnoozeIn(In):
    until: t.When = Field(description="a day after today (ISO or words)")


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
