"""The agenda by e-mail: a daily digest (Today and the week ahead) or a weekly one (the week
ahead and how the last week went). Composed here; sending is the entry point's job (mail.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.reminders import upcoming
from tiekeeper.services.review import weekly_review
from tiekeeper.store.uow import UnitOfWork

KINDS = ("daily", "weekly")
AHEAD_DAYS = 7
AHEAD_SHOWN = 15


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str


def _agenda_lines(uow: UnitOfWork, today: date, minutes: int) -> list[str]:
    agenda = today_agenda(uow, today, minutes)
    lines = [f"TODAY ({agenda.minutes} of {agenda.budget_minutes} minutes)"]
    if not agenda.items:
        lines.append("  Nothing due: a good day to reach out to someone you have not talked to.")
    for n, item in enumerate(agenda.items, 1):
        lines += [f"{n:>3}. {item.person_name} ({item.minutes} min)", f"     {item.reason}"]
    if agenda.left_out_count:
        lines.append(f"  {agenda.left_out_count} more did not fit.")
    return lines


def _ahead_lines(uow: UnitOfWork, start: date, *, overdue: bool) -> list[str]:
    # The daily digest's Today section holds what is due or late; its week ahead starts
    # tomorrow and must not list those again under tomorrow (issue 10). The weekly digest has no
    # Today section, so its week (from today) starts with what is late.
    items = upcoming(uow, start, AHEAD_DAYS, overdue=overdue)
    lines = [f"THE WEEK AHEAD ({len(items)})"]
    for u in items[:AHEAD_SHOWN]:
        lines.append(f"  {u.day:%a %d %b}  {u.kind:<22} {u.person_name}: {u.detail}")
    if len(items) > AHEAD_SHOWN:
        lines.append(f"  and {len(items) - AHEAD_SHOWN} more (tiekeeper upcoming)")
    return lines


def _review_lines(uow: UnitOfWork, today: date) -> list[str]:
    r = weekly_review(uow, today - timedelta(days=7), today)
    lines = [f"LAST WEEK ({r.start:%d %b} to {r.end:%d %b})"]
    for p in r.goals:
        lines.append(f"  {p.goal.title}: {p.count} of {p.goal.target}" + (" ✓" if p.met else ""))
    lines.append(f"  new people: {len(r.new_people)}")
    lines.append(f"  follow-ups: {len(r.done)} done, {len(r.missed)} missed")
    if r.help is not None:
        lines.append(f"  who can you help this week? {r.help.name}: {r.help.reason}")
    return lines


def build_digest(uow: UnitOfWork, today: date, kind: str = "daily", minutes: int = 15) -> Digest:
    """The digest of `kind` for `today`, as plain text."""
    if kind not in KINDS:
        raise InvalidInput(f"{kind!r} is not daily or weekly", field="kind", value=kind)
    if kind == "daily":
        subject = f"tiekeeper: today, {today:%A %d %B}"
        sections = [
            _agenda_lines(uow, today, minutes),
            _ahead_lines(uow, today + timedelta(days=1), overdue=False),
        ]
    else:
        subject = f"tiekeeper: the week of {today:%d %B}"
        sections = [_ahead_lines(uow, today, overdue=True), _review_lines(uow, today)]
    body = "\n\n".join("\n".join(s) for s in sections)
    footer = "Sent by your own tiekeeper. Change or stop this where you scheduled it."
    return Digest(subject, f"{body}\n\n-- \n{footer}\n")
