"""Logging what happened: one interaction with one or more people, and its follow-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.model import (
    CHANNELS,
    FAVOUR_KINDS,
    Favour,
    Initiator,
    Interaction,
    Reminder,
    parse_choice,
)
from tiekeeper.services.people import resolve_named
from tiekeeper.store.uow import UnitOfWork


@dataclass
class LogRequest:
    people: list[str]
    when: str = "today"
    channel: str = "other"
    by: str = "me"
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    gave: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    follow_up: str | None = None
    action: str | None = None


@dataclass
class Logged:
    interaction: Interaction
    reminder: Reminder | None
    names: dict[int, str] = field(default_factory=dict)


def parse_favour(text: str) -> tuple[str, str | None]:
    """'introduction to Bo' -> ('introduction', 'to Bo'); unknown first word -> ('help', text)."""
    head, _, rest = text.strip().partition(" ")
    kind = head.lower().rstrip(":")
    if kind in FAVOUR_KINDS:
        return kind, rest.strip() or None
    if not text.strip():
        raise InvalidInput("a favour needs a description", field="gave/received", value=text)
    return "help", text.strip()


def log_interaction(uow: UnitOfWork, req: LogRequest, today: date) -> Logged:
    """Record an interaction (and its optional follow-up) in one transaction."""
    if not req.people:
        raise InvalidInput("name at least one person", field="person")
    occurred = parse_when(req.when, today, field="date")
    channel = parse_choice(req.channel, CHANNELS, "channel")
    by = parse_choice(req.by, Initiator, "by")
    follow_due = parse_when(req.follow_up, today, field="follow-up") if req.follow_up else None
    limits.check("summary", req.summary)
    limits.check("note", req.action)
    for topic in req.topics:
        limits.check("topic", topic.strip())
    for text in (*req.gave, *req.received):
        limits.check("summary", text)
    if req.action and not follow_due:
        raise InvalidInput(
            "give a date for the follow-up action", field="follow-up", value=req.action
        )
    with uow:
        names = resolve_named(uow, req.people)
        ids = list(names)
        favours = [
            Favour(pid, direction, *parse_favour(text))
            for direction, texts in (("given", req.gave), ("received", req.received))
            for text in texts
            for pid in ids
        ]
        ix = Interaction(
            occurred_on=occurred,
            person_ids=ids,
            channel=channel,
            initiated_by=by,
            summary=(req.summary or "").strip() or None,
            topics=[tp.strip() for tp in req.topics if tp.strip()],
            favours=favours,
        )
        uow.interactions.add(ix, names)
        reminder = None
        if follow_due:
            reminder = Reminder(ids[0], follow_due, req.action, interaction_id=ix.id)
            uow.reminders.add(reminder)
        uow.commit()
    return Logged(ix, reminder, names)


@dataclass
class InteractionView:
    interaction: Interaction
    names: dict[int, str]
    follow_ups: list[Reminder]


def show_interaction(uow: UnitOfWork, interaction_id: int) -> InteractionView:
    """One interaction with its people's names and the follow-ups it set (where a search hit
    on a conversation leads)."""
    with uow:
        found = uow.interactions.load([interaction_id])
        if not found:
            raise NotFound(f"no interaction with id {interaction_id}")
        ix = found[0]
        names = uow.people.names({*ix.person_ids, *(f.person_id for f in ix.favours)})
        return InteractionView(ix, names, uow.reminders.for_interaction(interaction_id))
