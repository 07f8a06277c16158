"""The Today agenda: gather the candidate actions, let the domain pick, explain each."""

from __future__ import annotations

from datetime import date, timedelta

from tiekeeper.domain.agenda import (
    DEFAULT_BUDGET,
    MINUTES,
    Agenda,
    CheckinFact,
    DateFact,
    FollowUpFact,
    MeetingFact,
    SuggestionFact,
    build_agenda,
)
from tiekeeper.domain.dates import PartialDate, describe_ago
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store.light import ReadUnit

DORMANT_AFTER_DAYS = 3 * 365  # Levin, Walter & Murnighan 2011: ties silent for three years


def _dates_today(uow: ReadUnit, today: date) -> list[DateFact]:
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


def follow_up_facts(uow: ReadUnit, until: date) -> list[FollowUpFact]:
    """Open follow-ups to act on by `until` (see AgendaQueries.due_follow_ups), oldest first,
    each with what it came from; inside an open unit of work."""
    facts = []
    for r in uow.agenda.due_follow_ups(until):
        context = None
        if r.origin is not None:
            channel, day, summary = r.origin
            context = f"after the {channel} on {day}"
            if summary:
                context += f": {summary[:80]}"
        event, event_on = (None, None)
        if r.event is not None and r.kind == "event-follow-up":
            event, event_on = r.event
        facts.append(
            FollowUpFact(r.id, r.person_id, r.name, r.effective_due, r.action, r.kind, context,
                         event, event_on)
        )  # fmt: skip
    return facts


def meeting_facts(uow: ReadUnit, today: date) -> list[MeetingFact]:
    """Meetings from imported calendars today and tomorrow, with what was said last time."""
    found = uow.agenda.planned_meetings(today, today + timedelta(days=1))
    if not found:
        return []
    ids = sorted({m.person_id for m in found})
    topics = uow.agenda.last_topics(ids)
    talks = uow.agenda.last_talks(ids, today)
    facts = []
    for m in found:
        last_on, summary = talks.get(m.person_id, (None, None))
        facts.append(
            MeetingFact(m.person_id, m.name, m.day, m.title, tuple(topics.get(m.person_id, ())),
                        summary, last_on)
        )  # fmt: skip
    return facts


def _reconnect(uow: ReadUnit, today: date) -> list[SuggestionFact]:
    """One dormant tie, picked by the reconnect ranking (services.insights_agenda)."""
    from tiekeeper.services.insights.agenda import best_dormant_tie

    found = best_dormant_tie(uow, today, DORMANT_AFTER_DAYS)
    if found is None:
        return []
    person, best = found
    pid = person.id
    topics = uow.agenda.last_topics([pid]).get(pid, [])
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


def _help_someone(uow: ReadUnit, today: date) -> list[SuggestionFact]:
    """One person to help this week: the standing pick, else the next one (read only here)."""
    from tiekeeper.services.giving_pick import pick_person_to_help

    pick, _ = pick_person_to_help(uow, today)
    if pick is None:
        return []
    return [SuggestionFact(pick.person_id, pick.name, "help", pick.reason)]


def today_agenda(uow: ReadUnit, today: date, minutes: int = DEFAULT_BUDGET) -> Agenda:
    """The few actions worth doing today within `minutes`, each with its reason."""
    if minutes < 1 or minutes > 480:
        raise InvalidInput(f"{minutes} is not between 1 and 480", field="minutes", value=minutes)
    with uow:
        follow_ups = follow_up_facts(uow, today)
        meetings = meeting_facts(uow, today)
        dates = _dates_today(uow, today)
        # Only the most urgent check-ins can fit; a margin guards against rounding at the cut.
        shortlist = minutes // MINUTES["check-in"] + 20
        urgent, due_in_all = uow.agenda.most_urgent_checkins(today, shortlist)
        checkins = [
            CheckinFact(
                c.person_id, c.name, c.cadence_days, c.due_on, c.last_interaction_on, c.closeness
            )
            for c in urgent
        ]
        more = max(0, due_in_all - len(checkins))
        suggestions = _reconnect(uow, today) + _help_someone(uow, today)
        first = build_agenda(
            today, minutes, follow_ups, dates, checkins, suggestions, None, more, meetings
        )
        shown = [i.person_id for i in first.items if i.kind == "check-in"]
        topics = uow.agenda.last_topics(shown) if shown else {}
    return build_agenda(
        today, minutes, follow_ups, dates, checkins, suggestions, topics, more, meetings
    )
