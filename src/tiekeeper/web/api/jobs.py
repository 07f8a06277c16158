"""The job search through the API: target companies with their warm paths, opportunities and
their stages, the informational-interview questions and logging an interview (= `tiekeeper
target`, `opportunity`, `questions`, `interview`). Deleting an opportunity is
DELETE /opportunities/{id} (api_trash)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import Field

from tiekeeper.domain.jobs import SOURCES, STAGES
from tiekeeper.domain.limits import limit
from tiekeeper.services import jobs, opportunities
from tiekeeper.services.jobs_views import interview_dict, opportunity_dict, target_dict
from tiekeeper.web import schema_types as t
from tiekeeper.web.deps import IdPath, StoreDep, TodayDep
from tiekeeper.web.schemas import In, InteractionOut, Out, Topics

router = APIRouter(tags=["job search"])
Stage = Literal[STAGES]  # type: ignore[valid-type]
Source = Literal[SOURCES]  # type: ignore[valid-type]
OrgName = Annotated[str, Field(max_length=limit("company"), pattern=t.NAME)]
NextText = Annotated[str, Field(max_length=limit("note"), pattern=t.NAME)]


class ContactOut(Out):
    id: int
    name: str
    position: str | None
    score: float
    label: str


class PathOut(Out):
    via: ContactOut
    to: ContactOut
    strength: float


class OrganizationOut(Out):
    id: int
    name: str
    industry: str | None
    why: str | None
    is_target: bool


class TargetOut(OrganizationOut):
    """A target company: who you know there, and who knows someone there (best first)."""

    people: list[ContactOut]
    paths: list[PathOut]


class TargetIn(In):
    org: OrgName
    why: str | None = t.text("note")
    industry: str | None = t.line("industry")


class OpportunityOut(Out):
    id: int
    organization_id: int
    organization: str
    role: str
    source: str
    stage: str
    via_id: int | None
    via: str | None
    next_step: str | None
    next_step_on: str | None
    reminder_id: int | None
    reminder_person_id: int | None
    reminder_person: str | None
    created_on: str
    updated_on: str | None
    moved_backwards_from: str | None


class OpportunityIn(In):
    org: OrgName
    role: str = Field(max_length=limit("role"), pattern=t.NAME)
    source: Source = "hidden"
    via: t.PersonRef | None = None
    next: NextText | None = Field(None, description="the next step; it shows on Today when due")
    next_date: t.When | None = Field(None, description="when it is due (default: today)")


class MoveIn(In):
    stage: Stage
    next: NextText | None = Field(None, description="replaces the next step")
    next_date: t.When | None = None


class QuestionIn(In):
    text: str = Field(max_length=limit("note"), pattern=t.NAME)


class InterviewIn(In):
    person: t.PersonRef
    when: t.When = "today"
    summary: str | None = t.text("summary")
    topics: Topics = Field(default_factory=list)


class InterviewOut(Out):
    interaction: InteractionOut
    questions: list[str]


def _org_dict(o: Any) -> dict[str, Any]:
    return {"id": o.id, "name": o.name, "industry": o.industry, "why": o.why,
            "is_target": o.is_target}  # fmt: skip


@router.get("/targets", response_model=list[TargetOut])
def get_targets(store: StoreDep, today: TodayDep) -> list[dict[str, Any]]:
    """Every target company with its warm paths, ranked like `tiekeeper paths`."""
    return [target_dict(v) for v in jobs.kept_targets(store.uow(), today).value]


@router.post("/targets", response_model=OrganizationOut, status_code=201)
def post_target(body: TargetIn, store: StoreDep) -> dict[str, Any]:
    """Mark a company as a target (created if new; again: updates why and industry)."""
    return _org_dict(jobs.add_target(store.uow(), body.org, body.why, body.industry))


@router.delete("/targets/{org}", response_model=OrganizationOut)
def delete_target(
    org: Annotated[str, Path(max_length=limit("company"), pattern=t.NAME)], store: StoreDep
) -> dict[str, Any]:
    """Stop treating a company as a target (the company and its people stay)."""
    return _org_dict(jobs.remove_target(store.uow(), org))


@router.get("/opportunities", response_model=list[OpportunityOut])
def get_opportunities(store: StoreDep, stage: Stage | None = None) -> list[dict[str, Any]]:
    """Opportunities in stage order (or those at one stage)."""
    return [opportunity_dict(v) for v in opportunities.list_opportunities(store.uow(), stage)]


@router.post("/opportunities", response_model=OpportunityOut, status_code=201)
def post_opportunity(body: OpportunityIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Record an opportunity at stage idea; `next` puts a next step on Today."""
    v = opportunities.add_opportunity(store.uow(), body.org, body.role, today, body.source,
                                      body.via, body.next, body.next_date)  # fmt: skip
    return opportunity_dict(v)


@router.get("/opportunities/{opportunity_id}", response_model=OpportunityOut)
def get_opportunity(opportunity_id: IdPath, store: StoreDep) -> dict[str, Any]:
    """One opportunity with its organization, via-person and open next step."""
    return opportunity_dict(opportunities.show_opportunity(store.uow(), opportunity_id))


@router.post("/opportunities/{opportunity_id}/move", response_model=OpportunityOut)
def move_opportunity(
    opportunity_id: IdPath, body: MoveIn, store: StoreDep, today: TodayDep
) -> dict[str, Any]:
    """Move to another stage (backwards is allowed: `moved_backwards_from` says so); closing
    ends the next step."""
    v = opportunities.move_opportunity(store.uow(), opportunity_id, body.stage, today,
                                       body.next, body.next_date)  # fmt: skip
    return opportunity_dict(v)


@router.get("/questions", response_model=list[str])
def get_questions(store: StoreDep) -> list[str]:
    """Your informational-interview questions (good defaults until changed)."""
    return jobs.questions(store.uow())


@router.post("/questions", response_model=list[str], status_code=201)
def post_question(body: QuestionIn, store: StoreDep) -> list[str]:
    """Add a question at the end; the whole list back."""
    return jobs.questions(store.uow(), add=body.text)


@router.delete("/questions/{number}", response_model=list[str])
def delete_question(
    number: Annotated[int, Path(ge=1, le=1000, description="as numbered, from 1")],
    store: StoreDep,
) -> list[str]:
    """Remove question `number`; the whole list back."""
    return jobs.questions(store.uow(), remove=number)


@router.post("/interviews", response_model=InterviewOut, status_code=201)
def post_interview(body: InterviewIn, store: StoreDep, today: TodayDep) -> dict[str, Any]:
    """Log an informational interview; the questions to ask come back with it."""
    done = jobs.log_interview(store.uow(), body.person, today, body.when, body.summary,
                              list(body.topics))  # fmt: skip
    return interview_dict(done)
