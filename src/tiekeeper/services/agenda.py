"""The Today agenda: gather the candidate actions, let the domain pick, explain each."""

from __future__ import annotations

from datetime import date, timedelta

from tiekeeper.domain.agenda import (
    DEFAULT_BUDGET,
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
    facts = []
    for r in reminders:
        assert r.id is not None
        origin = origins.get(r.interaction_id) if r.interaction_id else None
        context = None
        if origin is not None:
            context = f"after the {origin.channel} on {origin.occurred_on}"
            if origin.summary:
                context += f": {origin.summary[:80]}"
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
    """One dormant tie: the closest one among those silent for three years or more."""
    candidates = uow.agenda.dormant_candidates(today - timedelta(days=DORMANT_AFTER_DAYS), 1)
    if not candidates:
        return []
    pid, name, last, closeness = candidates[0]
    topics = uow.interactions.last_topics([pid]).get(pid, [])
    reason = f"dormant tie: last talked {describe_ago((today - last).days)}"
    if topics:
        reason += f" about {', '.join(topics)}"
    if closeness:
        reason += f"; you rated the tie {closeness}/5"
    reason += " (dormant ties bring fresh information: Levin, Walter & Murnighan 2011)"
    return [SuggestionFact(pid, name, "reconnect", reason)]


def _help_someone(uow: UnitOfWork, today: date) -> list[SuggestionFact]:
    """One person to help this week (filled in by the giving feature)."""
    return []


def today_agenda(uow: UnitOfWork, today: date, minutes: int = DEFAULT_BUDGET) -> Agenda:
    """The few actions worth doing today within `minutes`, each with its reason."""
    if minutes < 1 or minutes > 480:
        raise InvalidInput(f"{minutes} is not between 1 and 480", field="minutes", value=minutes)
    with uow:
        follow_ups = _follow_ups(uow, today)
        dates = _dates_today(uow, today)
        checkins = [
            CheckinFact(
                c.person_id, c.name, c.cadence_days, c.due_on, c.last_interaction_on, c.closeness
            )
            for c in uow.agenda.checkins_due(today)
        ]
        suggestions = _reconnect(uow, today) + _help_someone(uow, today)
        first = build_agenda(today, minutes, follow_ups, dates, checkins, suggestions)
        shown = [i.person_id for i in first.items if i.kind == "check-in"]
        topics = uow.interactions.last_topics(shown) if shown else {}
    return build_agenda(today, minutes, follow_ups, dates, checkins, suggestions, topics)
