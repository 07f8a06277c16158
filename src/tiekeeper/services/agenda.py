"""The Today agenda: gather the candidate actions, let the domain pick, explain each."""

from __future__ import annotations

from datetime import date

from tiekeeper.domain.agenda import (
    DEFAULT_BUDGET,
    MINUTES,
    Agenda,
    CheckinFact,
    DateFact,
    FollowUpFact,
    SuggestionFact,
    build_agenda,
)
from tiekeeper.domain.dates import PartialDate, describe_ago
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store.uow import UnitOfWork

DORMANT_AFTER_DAYS = 3 * 365  # Levin, Walter & Murnighan 2011: ties silent for three years


def _dates_today(uow: UnitOfWork, today: date) -> list[DateFact]:
    facts: list[DateFact] = []
    for row in uow.agenda.dated_people([today]):
        if row.birthday_month and row.birthday_day:
            b = PartialDate(row.birthday_month, row.birthday_day, row.birthday_year)
            if b.occurrence(today.year) == today:
                facts.append(DateFact(row.person_id, row.name, "birthday", b.turning(today.year)))
        for kind, start in (
            ("work-anniversary", row.started_on),
            ("connected-anniversary", row.connected_on),
        ):
            if start is None:
                continue
            anniv = PartialDate(start.month, start.day, start.year)
            years = anniv.turning(today.year) or 0
            if anniv.occurrence(today.year) == today and years >= 1:
                facts.append(DateFact(row.person_id, row.name, kind, years, row.company))
    return facts


def _follow_ups(uow: UnitOfWork, today: date) -> list[FollowUpFact]:
    reminders = uow.reminders.open_due_by(today)
    names = uow.people.names({r.person_id for r in reminders})
    origins = {
        ix.id: ix
        for ix in uow.interactions.load([r.interaction_id for r in reminders if r.interaction_id])
    }
    from tiekeeper.store.events import EventRepository

    events = uow.repo(EventRepository).events_of_reminders(
        [r.id for r in reminders if r.id is not None and r.kind == "event-follow-up"]
    )
    facts = []
    for r in reminders:
        assert r.id is not None
        origin = origins.get(r.interaction_id) if r.interaction_id else None
        context = None
        if origin is not None:
            context = f"after the {origin.channel} on {origin.occurred_on}"
            if origin.summary:
                context += f": {origin.summary[:80]}"
        if r.id in events:
            context = f"met at {events[r.id].name} on {events[r.id].occurred_on}"
        facts.append(
            FollowUpFact(
                r.id,
                r.person_id,
                names.get(r.person_id, "?"),
                r.effective_due,
                r.action,
                r.kind,
                context,
            )
        )
    return facts


def _reconnect(uow: UnitOfWork, today: date) -> list[SuggestionFact]:
    """One dormant tie, picked by the reconnect ranking (services.insights_agenda)."""
    from tiekeeper.services.insights_agenda import best_dormant_tie

    found = best_dormant_tie(uow, today, DORMANT_AFTER_DAYS)
    if found is None:
        return []
    person, best = found
    pid = person.id
    topics = uow.interactions.last_topics([pid]).get(pid, [])
    reason = f"dormant tie: last talked {describe_ago(best.dormant_days)}"
    if topics:
        reason += f" about {', '.join(topics)}"
    if person.closeness:
        reason += f"; you rated the tie {person.closeness}/5"
    # the ranking's own reasons minus its generic first line ("no contact for N years")
    extra = [r for r in best.reasons[1:] if not r.startswith("pick up")]
    if extra:
        reason += "; " + "; ".join(extra)
    reason += " (dormant ties bring fresh information: Levin, Walter & Murnighan 2011)"
    return [SuggestionFact(pid, person.name, "reconnect", reason)]


def _help_someone(uow: UnitOfWork, today: date) -> list[SuggestionFact]:
    """One person to help this week: the standing pick, else the next one (read only here)."""
    from tiekeeper.services.giving import pick_person_to_help

    pick, _ = pick_person_to_help(uow, today)
    if pick is None:
        return []
    return [SuggestionFact(pick.person_id, pick.name, "help", pick.reason)]


def today_agenda(uow: UnitOfWork, today: date, minutes: int = DEFAULT_BUDGET) -> Agenda:
    """The few actions worth doing today within `minutes`, each with its reason."""
    if minutes < 1 or minutes > 480:
        raise InvalidInput(f"{minutes} is not between 1 and 480", field="minutes", value=minutes)
    with uow:
        follow_ups = _follow_ups(uow, today)
        dates = _dates_today(uow, today)
        # Only the most urgent check-ins can fit; a margin guards against rounding at the cut.
        shortlist = minutes // MINUTES["check-in"] + 20
        checkins = [
            CheckinFact(
                c.person_id, c.name, c.cadence_days, c.due_on, c.last_interaction_on, c.closeness
            )
            for c in uow.agenda.checkins_due(today, limit=shortlist)
        ]
        more = max(0, uow.agenda.count_checkins_due(today) - len(checkins))
        suggestions = _reconnect(uow, today) + _help_someone(uow, today)
        first = build_agenda(today, minutes, follow_ups, dates, checkins, suggestions, None, more)
        shown = [i.person_id for i in first.items if i.kind == "check-in"]
        topics = uow.interactions.last_topics(shown) if shown else {}
    return build_agenda(today, minutes, follow_ups, dates, checkins, suggestions, topics, more)
