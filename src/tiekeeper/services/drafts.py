"""Message drafts for Today's items, and the templates behind them (stored per user).

tiekeeper never sends anything: drafts are text for the user to copy and send themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.agenda import DEFAULT_BUDGET, AgendaItem
from tiekeeper.domain.drafts import (
    DEFAULT_TEMPLATES,
    DraftFacts,
    check_template,
    occasion,
    parse_template_kind,
    render,
    template_for,
    templates,
)
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.agenda import today_agenda
from tiekeeper.store.events import EventRepository
from tiekeeper.store.jobs import JobsRepository
from tiekeeper.store.opportunities import OpportunityRepository
from tiekeeper.store.settings import SettingsRepository
from tiekeeper.store.uow import UnitOfWork

PREFIX = "drafts.template."


@dataclass(frozen=True)
class Draft:
    number: int  # the item's number on Today
    item: AgendaItem
    template: str  # the template kind used
    text: str


@dataclass(frozen=True)
class TemplateView:
    kind: str
    text: str
    custom: bool


def _custom(uow: UnitOfWork) -> dict[str, str]:
    stored = uow.repo(SettingsRepository).with_prefix(PREFIX)
    return {k.removeprefix(PREFIX): v for k, v in stored.items()}


def _favour_received(uow: UnitOfWork, person_id: int) -> str | None:
    """The favour received in the person's latest interaction, if it had one."""
    latest = uow.interactions.for_person(person_id, limit=1)
    for f in latest[0].favours if latest else []:
        if f.person_id == person_id and f.direction == "received":
            return f"{f.kind} {f.note}" if f.note and f.kind != "help" else f.kind
    return None


def _occasion(uow: UnitOfWork, person_id: int, interaction_id: int | None) -> str | None:
    """What a follow-up follows: the interaction it was set on, else the latest one."""
    if interaction_id is not None:
        found = uow.interactions.load([interaction_id])
    else:
        found = uow.interactions.for_person(person_id, limit=1)
    return occasion(found[0].channel, found[0].topics) if found else None


def _draft(uow: UnitOfWork, n: int, item: AgendaItem, texts: dict[str, str]) -> Draft:
    rid = [item.reminder_id] if item.reminder_id else []
    person = uow.people.get(item.person_id)
    opportunity = uow.repo(OpportunityRepository).for_reminders(rid).get(item.reminder_id or 0)
    company = person.company if person else None
    if opportunity is not None:
        orgs = uow.repo(JobsRepository).organizations([opportunity.organization_id])
        company = orgs[opportunity.organization_id].name
    reminder = uow.reminders.get(item.reminder_id) if item.reminder_id else None
    favour = _favour_received(uow, item.person_id)
    event = uow.repo(EventRepository).events_of_reminders(rid).get(item.reminder_id or 0)
    facts = DraftFacts(
        name=item.person_name,
        event=event.name if event else None,
        topic=", ".join(uow.interactions.last_topics([item.person_id]).get(item.person_id, [])),
        action=reminder.action if reminder else None,
        favour=favour,
        company=company,
        role=opportunity.role if opportunity else None,
        need=person.needs if person else None,
        occasion=_occasion(uow, item.person_id, reminder.interaction_id if reminder else None),
    )
    kind = template_for(item.kind, favour is not None)
    return Draft(n, item, kind, render(texts[kind], facts))


def drafts(
    uow: UnitOfWork, today: date, number: int | None = None, minutes: int = DEFAULT_BUDGET
) -> list[Draft]:
    """A short message for each item on Today (or just item `number`), from the templates."""
    agenda = today_agenda(uow, today, minutes)
    numbered = list(enumerate(agenda.items, 1))
    if number is not None:
        if not 1 <= number <= len(numbered):
            raise InvalidInput(
                f"today has {len(numbered)} item(s); {number} is not one of them",
                field="N",
                value=number,
            )
        numbered = [numbered[number - 1]]
    with uow:
        texts = templates(_custom(uow))
        return [_draft(uow, n, item, texts) for n, item in numbered]


def list_templates(uow: UnitOfWork) -> list[TemplateView]:
    """Every template kind with its text, and whether it is the user's own."""
    with uow:
        custom = _custom(uow)
    return [TemplateView(k, custom.get(k, v), k in custom) for k, v in DEFAULT_TEMPLATES.items()]


def set_template(uow: UnitOfWork, kind: str, text: str) -> TemplateView:
    """Replace one kind's template with the user's own (placeholders are checked)."""
    k = parse_template_kind(kind)
    limits.check("note", text)
    body = check_template(text)
    with uow:
        uow.repo(SettingsRepository).set(PREFIX + k, body)
        uow.commit()
    return TemplateView(k, body, True)


def reset_template(uow: UnitOfWork, kind: str) -> TemplateView:
    """Go back to the built-in template for one kind."""
    k = parse_template_kind(kind)
    with uow:
        uow.repo(SettingsRepository).set(PREFIX + k, None)
        uow.commit()
    return TemplateView(k, DEFAULT_TEMPLATES[k], False)
