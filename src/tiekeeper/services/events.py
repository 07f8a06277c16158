"""Events: add, list, show (goal and retrospective), and quick capture of the people met."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound
from tiekeeper.domain.events import EVENT_KINDS, Event, follow_up_due, parse_goal_target
from tiekeeper.domain.model import Interaction, Person, Reminder, parse_choice
from tiekeeper.services.people import PersonChanges, apply_changes, resolve
from tiekeeper.store.events import EventRepository
from tiekeeper.store.uow import UnitOfWork

EVENT_FOLLOW_UP = "event-follow-up"


def met_tag(ev: Event) -> str:
    """The tag everyone met at an event carries."""
    return f"met at {ev.name}"


def resolve_event(uow: UnitOfWork, ref: str) -> Event:
    """An EVENT argument -> the event: an id, or a name matching exactly one event."""
    repo = uow.repo(EventRepository)
    text = ref.strip()
    if limits.looks_like_id(text):
        found = repo.get(int(text)) if limits.is_id(text) else None
        if found is None:
            raise NotFound(f"no event with id {text}")
        return found
    matches = repo.find_by_name(text) if text else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(f"no event matches {ref!r}")
    listed = "; ".join(f"#{e.id} {e.name} ({e.occurred_on})" for e in matches[:10])
    raise Conflict(f"{ref!r} matches {len(matches)} events: {listed}. Use an id.")


def add_event(
    uow: UnitOfWork,
    name: str,
    when: str,
    today: date,
    *,
    kind: str = "other",
    location: str | None = None,
    goal: str | None = None,
) -> Event:
    """Add an event; a countable goal ('meet 3 people') gets its target."""
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("an event needs a name", field="name", value=name)
    goal_text = (goal or "").strip() or None
    limits.check("event", clean)
    limits.check("location", location)
    limits.check("goal", goal_text)
    ev = Event(
        name=clean,
        occurred_on=parse_when(when, today, field="date"),
        kind=parse_choice(kind, EVENT_KINDS, "kind"),
        location=(location or "").strip() or None,
        goal=goal_text,
        goal_target=parse_goal_target(goal_text),
    )
    with uow:
        uow.repo(EventRepository).add(ev)
        uow.commit()
    return ev


@dataclass
class Capture:
    event: Event
    person: Person
    is_new: bool
    follow_up: Reminder


def _find_or_create(uow: UnitOfWork, ref: str, changes: PersonChanges, today: date) -> tuple[
    Person, bool]:  # fmt: skip
    try:
        # Exact names only: a new "Bo" met at an event is not the "Bo Chen" already known.
        pid = resolve(uow, ref, partial=False)
    except NotFound:
        if ref.strip().isdigit() or "@" in ref:
            raise
        p = Person(name=ref, created_on=today)
        apply_changes(uow, p, changes, today)
        _check_emails(uow, p, set())
        uow.people.add(p)
        return p, True
    found = uow.people.get(pid)
    assert found is not None
    old = set(found.emails)
    apply_changes(uow, found, changes, today)
    _check_emails(uow, found, old)
    return found, False


def _check_emails(uow: UnitOfWork, p: Person, old: set[str]) -> None:
    for email in set(p.emails) - old:
        owners = [i for i in uow.people.ids_by_email(email) if i != p.id]
        if owners:
            raise Conflict(f"{email} already belongs to #{owners[0]}")


def met_at_event(
    uow: UnitOfWork, event_ref: str, person_ref: str, changes: PersonChanges, today: date
) -> Capture:
    """Quick capture: a person (existing or new) met at an event, tagged, logged, and given a
    follow-up due two days after the event (or today when captured later)."""
    if not person_ref.strip():
        raise InvalidInput("name the person you met", field="person", value=person_ref)
    with uow:
        ev = resolve_event(uow, event_ref)
        assert ev.id is not None
        if ev.occurred_on > today:
            raise InvalidInput(
                f"{ev.name} is on {ev.occurred_on}, after today ({today})",
                field="event",
                value=event_ref,
            )
        changes.tags = [*changes.tags, met_tag(ev)]
        if changes.how_met is None:
            changes.how_met = f"met at {ev.name} on {ev.occurred_on}"
        person, is_new = _find_or_create(uow, person_ref, changes, today)
        assert person.id is not None
        repo = uow.repo(EventRepository)
        if not repo.add_person(ev.id, person.id, is_new):
            raise Conflict(f"{person.name} is already recorded as met at {ev.name}")
        if not is_new:
            uow.people.update(person)
        ix = Interaction(ev.occurred_on, [person.id], channel="event", summary=met_tag(ev))
        repo.link_interaction(uow.interactions.add(ix), ev.id)
        reminder = Reminder(person.id, follow_up_due(ev.occurred_on, today), kind=EVENT_FOLLOW_UP)
        repo.add_follow_up(reminder, ev.id)
        uow.commit()
    return Capture(ev, person, is_new, reminder)


@dataclass
class MetPerson:
    person_id: int
    name: str
    is_new: bool
    interactions_after: int

    @property
    def became_tie(self) -> bool:
        """The retrospective's test: any interaction logged after the event day."""
        return self.interactions_after > 0


@dataclass
class EventView:
    event: Event
    people: list[MetPerson] = field(default_factory=list)

    @property
    def goal_met(self) -> bool | None:
        target = self.event.goal_target
        return None if target is None else len(self.people) >= target


def show_event(uow: UnitOfWork, ref: str) -> EventView:
    """An event with the people met there and who became a tie since."""
    with uow:
        ev = resolve_event(uow, ref)
        assert ev.id is not None
        repo = uow.repo(EventRepository)
        met = repo.people_met(ev.id)
        names = uow.people.names(pid for pid, _ in met)
        after = repo.interactions_after([pid for pid, _ in met], ev.occurred_on)
        people = [MetPerson(pid, names.get(pid, "?"), new, after.get(pid, 0)) for pid, new in met]
    people.sort(key=lambda m: (m.name.casefold(), m.person_id))
    return EventView(ev, people)


@dataclass
class EventSummary:
    event: Event
    met: int
    new: int


def list_events(uow: UnitOfWork) -> list[EventSummary]:
    """Every event, newest first, with how many people were met there."""
    with uow:
        repo = uow.repo(EventRepository)
        counts = repo.met_counts()
        return [EventSummary(e, *counts.get(e.id or 0, (0, 0))) for e in repo.all()]
