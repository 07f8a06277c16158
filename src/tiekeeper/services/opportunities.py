"""Opportunities (advertised or not) moving through stages, each with a next step on Today.

The next step becomes an open reminder of kind "next-step" for the person it goes through: the
`--via` person, else the best-tied contact at the company (the tie strength of INSIGHTS.md
section 3, the scale of every warm path). With nobody at the company the next step is stored on
the opportunity without a reminder and `opportunity list` shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.jobs import Opportunity, is_backwards, parse_source, parse_stage
from tiekeeper.domain.model import Reminder, ReminderStatus
from tiekeeper.services.insights.data import load_ties
from tiekeeper.services.people import resolve
from tiekeeper.store.jobs import JobsRepository
from tiekeeper.store.opportunities import OpportunityRepository
from tiekeeper.store.uow import UnitOfWork


@dataclass
class OpportunityView:
    opportunity: Opportunity
    organization: str
    via: str | None
    reminder: Reminder | None  # the open next-step reminder, when there is one
    reminder_person: str | None
    backwards_from: str | None = None  # set by a move to an earlier stage


@dataclass(frozen=True)
class NextStep:
    text: str | None
    due: date | None


def parse_next(text: str | None, when: str | None, today: date) -> NextStep:
    limits.check("note", text)
    """A next step and its day; without a day it is due today (so it shows on Today at once)."""
    step = " ".join((text or "").split()) or None
    if when is not None and step is None:
        raise InvalidInput("--next-date needs --next TEXT", field="next-date", value=when)
    due = parse_when(when, today, field="next-date") if when is not None else today
    return NextStep(step, due if step else None)


def _best_contact(uow: UnitOfWork, org_id: int, today: date) -> int | None:
    rows = uow.repo(JobsRepository).contacts_at([org_id])
    ties = load_ties(uow, today, [r.person_id for r in rows])
    ranked = sorted(ties.values(), key=lambda t: (-t.strength.score, t.person.id))
    return ranked[0].person.id if ranked else None


def _set_next_step(uow: UnitOfWork, o: Opportunity, step: NextStep, today: date) -> None:
    """Replace the open next-step reminder: the old one is skipped, a new one is opened."""
    assert o.id is not None
    repo = uow.repo(OpportunityRepository)
    repo.close_next_steps(o.id, ReminderStatus.SKIPPED, today)
    o.next_step, o.next_step_on = step.text, step.due
    if step.text is None or step.due is None:
        return
    person = o.via_person_id or _best_contact(uow, o.organization_id, today)
    if person is not None:
        org = uow.repo(JobsRepository).organizations([o.organization_id])[o.organization_id]
        repo.add_next_step(o.id, person, step.due, f"{step.text} ({o.role} at {org.name})")


def _view(uow: UnitOfWork, o: Opportunity) -> OpportunityView:
    assert o.id is not None
    org = uow.repo(JobsRepository).organizations([o.organization_id])[o.organization_id]
    reminder = uow.repo(OpportunityRepository).open_next_steps([o.id]).get(o.id)
    names = uow.people.names(
        [i for i in (o.via_person_id, reminder.person_id if reminder else None) if i]
    )
    return OpportunityView(
        o, org.name, names.get(o.via_person_id or 0), reminder,
        names.get(reminder.person_id) if reminder else None,
    )  # fmt: skip


def add_opportunity(
    uow: UnitOfWork,
    org: str,
    role: str,
    today: date,
    source: str = "hidden",
    via: str | None = None,
    next_text: str | None = None,
    next_date: str | None = None,
) -> OpportunityView:
    """Record an opportunity at an organization (created if new), at stage 'idea'."""
    if not org.strip():
        raise InvalidInput("name the organization", field="org", value=org)
    limits.check("company", org.strip())
    limits.check("role", role.strip())
    src = parse_source(source)
    step = parse_next(next_text, next_date, today)
    with uow:
        via_id = resolve(uow, via) if via else None
        org_id = uow.people.organization_id(org)
        assert org_id is not None
        o = Opportunity(org_id, role, today, src, "idea", via_id, updated_on=today)
        uow.repo(OpportunityRepository).add(o)
        _set_next_step(uow, o, step, today)
        uow.repo(OpportunityRepository).update(o)
        view = _view(uow, o)
        uow.commit()
    return view


def _get(uow: UnitOfWork, opportunity_id: int) -> Opportunity:
    o = uow.repo(OpportunityRepository).get(opportunity_id)
    if o is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    return o


def move_opportunity(
    uow: UnitOfWork,
    opportunity_id: int,
    stage: str,
    today: date,
    next_text: str | None = None,
    next_date: str | None = None,
) -> OpportunityView:
    """Move to a stage (backwards is allowed and reported); closing ends the next step."""
    new = parse_stage(stage)
    step = parse_next(next_text, next_date, today)
    if new == "closed" and step.text:
        raise InvalidInput("a closed opportunity has no next step", field="next", value=next_text)
    with uow:
        o = _get(uow, opportunity_id)
        old = o.stage
        o.stage, o.updated_on = new, today
        if new == "closed":
            _set_next_step(uow, o, NextStep(None, None), today)
        elif step.text:
            _set_next_step(uow, o, step, today)
        uow.repo(OpportunityRepository).update(o)
        view = _view(uow, o)
        uow.commit()
    view.backwards_from = old if is_backwards(old, new) else None
    return view


def show_opportunity(uow: UnitOfWork, opportunity_id: int) -> OpportunityView:
    """One opportunity with its organization, via-person and open next step."""
    with uow:
        return _view(uow, _get(uow, opportunity_id))


def list_opportunities(uow: UnitOfWork, stage: str | None = None) -> list[OpportunityView]:
    """Every opportunity (or those at one stage), in stage order."""
    wanted = parse_stage(stage) if stage else None
    with uow:
        return [_view(uow, o) for o in uow.repo(OpportunityRepository).find(wanted)]
