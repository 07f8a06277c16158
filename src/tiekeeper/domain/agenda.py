"""The Today agenda: pick the few actions worth doing within a time budget, each with its reason.

Order of the agenda (issue 2): overdue follow-ups, event follow-ups, meetings from an imported
calendar today or tomorrow (issue 12), birthdays and anniversaries,
cadence check-ins ranked by lateness and closeness, one dormant tie, one person to help. Follow-ups
and dates are commitments, so they are fitted first; the dormant tie's minutes are reserved before
check-ins fill the rest (the person to help takes what is left), because a long list of overdue
check-ins must not crowd out the one revival that research says pays best (Levin, Walter &
Murnighan 2011).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from tiekeeper.domain.cadence import describe_cadence
from tiekeeper.domain.dates import describe_ago

MINUTES = {
    "follow-up": 5,
    "event-follow-up": 5,
    "next-step": 5,
    "meeting": 2,  # a look at the last conversation before a meeting from the calendar
    "birthday": 2,
    "work-anniversary": 2,
    "connected-anniversary": 2,
    "check-in": 5,
    "reconnect": 5,
    "help": 10,
}
DEFAULT_BUDGET = 15


@dataclass(frozen=True)
class FollowUpFact:
    reminder_id: int
    person_id: int
    person_name: str
    due_on: date
    action: str | None
    kind: str = "follow-up"  # or "event-follow-up", "next-step"
    context: str | None = None  # what it came from: an event, an interaction summary
    event: str | None = None  # the event of an event follow-up, and its day
    event_on: date | None = None


@dataclass(frozen=True)
class MeetingFact:
    """A meeting from an imported calendar, today or tomorrow, and what was said last time."""

    person_id: int
    person_name: str
    day: date
    title: str | None
    last_topics: tuple[str, ...] = ()
    last_summary: str | None = None  # of the last interaction, when it had no topics
    last_on: date | None = None


@dataclass(frozen=True)
class DateFact:
    person_id: int
    person_name: str
    kind: str  # birthday | work-anniversary | connected-anniversary
    years: int | None
    company: str | None = None


@dataclass(frozen=True)
class CheckinFact:
    person_id: int
    person_name: str
    cadence_days: int
    due_on: date
    last_interaction_on: date | None
    closeness: int | None


@dataclass(frozen=True)
class SuggestionFact:
    """A dormant tie to revive or a person to help, already chosen by its own ranking."""

    person_id: int
    person_name: str
    kind: str  # reconnect | help
    reason: str


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    person_id: int
    person_name: str
    minutes: int
    reason: str
    reminder_id: int | None = None


@dataclass
class Agenda:
    day: date
    budget_minutes: int
    items: list[AgendaItem] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return sum(i.minutes for i in self.items)

    @property
    def left_out_count(self) -> int:
        return sum(self.left_out.values())


def checkin_priority(fact: CheckinFact, today: date) -> float:
    """How urgent a check-in is: lateness in cadence periods, weighted by closeness.

    A product choice: a close tie (rating 5) counts 1.5x an unrated one, a distant one (1) 0.7x.
    """
    lateness = 1 + max(0, (today - fact.due_on).days) / fact.cadence_days
    weight = 0.5 + (fact.closeness / 5 if fact.closeness is not None else 0.5)
    return lateness * weight


def rank_checkins(facts: Sequence[CheckinFact], today: date) -> list[CheckinFact]:
    """Most urgent first; ties broken by longest silence, then id, so the order is stable."""
    return sorted(
        facts,
        key=lambda f: (-checkin_priority(f, today), f.last_interaction_on or date.min, f.person_id),
    )


def _topic_phrase(topics: Sequence[str]) -> str:
    return f" about {', '.join(topics[:2])}" if topics else ""


def describe_deadline(due_on: date, today: date) -> str:
    """'follow up today', 'follow up by Saturday' (within a week), 'follow up by 2026-12-24',
    or 'follow-up 2 days overdue'."""
    ahead = (due_on - today).days
    if ahead < 0:
        return f"follow-up {-ahead} day{'s' if ahead != -1 else ''} overdue"
    if ahead == 0:
        return "follow up today"
    return f"follow up by {due_on:%A}" if ahead < 7 else f"follow up by {due_on.isoformat()}"


def _event_follow_up_reason(f: FollowUpFact, today: date) -> str:
    # Shown from the day after the event, while the 48 hours still run (issue 10): the reason
    # says where they met and the deadline, not only that it is due.
    assert f.event is not None and f.event_on is not None
    text = f"met at {f.event} {describe_ago((today - f.event_on).days)}"
    text += f"; {describe_deadline(f.due_on, today)}"
    return text + (f": {f.action}" if f.action else "")


def follow_up_reason(f: FollowUpFact, today: date) -> str:
    """Why a follow-up is listed: how late (or how soon), what to do, where it came from."""
    if f.event is not None and f.event_on is not None:
        return _event_follow_up_reason(f, today)
    late = (today - f.due_on).days
    if late < 0:
        when = f"due in {-late} day{'s' if late != -1 else ''}"
    else:
        when = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue"
    label = {"event-follow-up": "event follow-up", "next-step": "next step"}.get(
        f.kind, "follow-up"
    )
    text = f"{label} {when}"
    if f.action:
        text += f": {f.action}"
    if f.context:
        text += f" ({f.context})"
    return text


def meeting_reason(f: MeetingFact, today: date) -> str:
    """'meeting tomorrow: Roadmap review; prepare: last time you talked about pricing'."""
    when = "today" if f.day == today else "tomorrow" if (f.day - today).days == 1 else str(f.day)
    text = f"meeting {when}" + (f": {f.title}" if f.title else "")
    if f.last_topics:
        return text + f"; prepare: last time you talked about {', '.join(f.last_topics[:2])}"
    if f.last_on is not None:
        last = f"; prepare: last time ({describe_ago((today - f.last_on).days)})"
        return text + last + (f": {f.last_summary[:80]}" if f.last_summary else "")
    return text + "; prepare: no conversation logged yet"


def _date_reason(f: DateFact) -> str:
    if f.kind == "birthday":
        return f"birthday today (turns {f.years})" if f.years else "birthday today"
    if f.kind == "work-anniversary":
        at = f" at {f.company}" if f.company else ""
        return f"{f.years} year{'s' if f.years != 1 else ''}{at} today"
    return f"{f.years} year{'s' if f.years != 1 else ''} since you connected"


def _checkin_reason(f: CheckinFact, today: date, topics: Sequence[str]) -> str:
    text = f"{describe_cadence(f.cadence_days)} check-in"
    if f.last_interaction_on is None:
        return text + ", no conversation logged yet"
    return (
        text
        + f", last talked {describe_ago((today - f.last_interaction_on).days)}"
        + (_topic_phrase(topics))
    )


def build_agenda(
    today: date,
    budget_minutes: int,
    follow_ups: Sequence[FollowUpFact],
    dates: Sequence[DateFact],
    checkins: Sequence[CheckinFact],
    suggestions: Sequence[SuggestionFact] = (),
    last_topics: Mapping[int, Sequence[str]] | None = None,
    more_checkins: int = 0,
    meetings: Sequence[MeetingFact] = (),
) -> Agenda:
    """Fit the candidate actions into the budget in agenda order; count what did not fit.
    Meetings from the calendar come right after follow-ups: they happen whether or not the
    user prepares, so preparing is the commitment.

    `more_checkins` counts overdue check-ins the caller did not pass (they rank below the ones
    passed, which are already more than the budget can hold)."""
    topics = last_topics or {}
    left: Counter[str] = Counter({"check-in": more_checkins} if more_checkins else {})
    remaining = budget_minutes
    chosen: dict[str, list[AgendaItem]] = {}

    def take(section: str, kind: str, pid: int, name: str, reason: Callable[[], str],
             reminder_id: int | None = None) -> None:  # fmt: skip
        # Reasons are built only for items that fit: thousands of overdue check-ins are common.
        nonlocal remaining
        minutes = MINUTES[kind]
        if minutes <= remaining:
            item = AgendaItem(kind, pid, name, minutes, reason(), reminder_id)
            chosen.setdefault(section, []).append(item)
            remaining -= minutes
        else:
            left[kind] += 1

    for f in sorted(follow_ups, key=lambda f: (f.kind != "follow-up", f.due_on, f.reminder_id)):
        take("follow-ups", f.kind, f.person_id, f.person_name,
             partial(follow_up_reason, f, today), f.reminder_id)  # fmt: skip
    for m in sorted(meetings, key=lambda m: (m.day, m.person_name, m.person_id)):
        take("meetings", "meeting", m.person_id, m.person_name, partial(meeting_reason, m, today))
    for d in sorted(dates, key=lambda d: (d.kind != "birthday", d.person_name, d.person_id)):
        take("dates", d.kind, d.person_id, d.person_name, partial(_date_reason, d))
    # Hold time for the dormant tie only; "someone to help" competes with the check-ins.
    reserved = sum(MINUTES[s.kind] for s in suggestions if s.kind == "reconnect")
    reserved = reserved if reserved <= remaining else 0
    remaining -= reserved
    for c in rank_checkins(checkins, today):
        take("check-ins", "check-in", c.person_id, c.person_name,
             partial(_checkin_reason, c, today, topics.get(c.person_id, ())))  # fmt: skip
    remaining += reserved
    for s in suggestions:
        take("suggestions", s.kind, s.person_id, s.person_name, partial(str, s.reason))
    sections = ("follow-ups", "meetings", "dates", "check-ins", "suggestions")
    items = [i for section in sections for i in chosen.get(section, [])]
    return Agenda(today, budget_minutes, items, dict(left))
