"""`tiekeeper digest --due`: send every account's digest whose time has come in its own time
zone, once per slot, even when two runs overlap; retry failed sends with a growing delay; record
everything so that a failure is shown to the user, never dropped.

Once per slot: a run first claims the slot by inserting its (owner, slot) row in a transaction of
its own; the unique index lets one run win, and only the winner sends. A retry is claimed the same
way by an UPDATE that only matches the row as the run saw it. Sending is the entry point's
`Mailer` (mail.py), so this module never opens a socket itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from tiekeeper.domain import digest_schedule as ds
from tiekeeper.domain.errors import TiekeeperError
from tiekeeper.services.digests.compose import build_digest
from tiekeeper.services.digests.schedule import as_schedule
from tiekeeper.store.digests import DigestStore, ScheduleRow

# (to, subject, text) -> the Message-ID it went out with; raises when it could not be sent
Mailer = Callable[[str, str, str], str]
SUPERSEDED = " (not tried again: a newer digest was due)"


@dataclass(frozen=True)
class Outcome:
    account: str
    slot: str
    to: str
    attempt: int
    message_id: str | None = None
    error: str | None = None
    retry_at: datetime | None = None

    @property
    def sent(self) -> bool:
        return self.error is None


def _reason(exc: Exception) -> str:
    if isinstance(exc, TiekeeperError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"  # a bug, but still this account's failed send


def _attempt(
    digests: DigestStore,
    send_id: int,
    attempt: int,
    schedule: ScheduleRow,
    slot: ds.Slot,
    now: datetime,
    mailer: Mailer,
    minutes: int,
) -> Outcome:
    """Compose and send one claimed digest, and record how it went."""
    try:
        digest = build_digest(digests.uow(schedule.owner_id), slot.day, slot.kind, minutes)
        message_id = mailer(schedule.to, digest.subject, digest.text)
    except Exception as exc:  # every failure is recorded, whatever raised it
        reason = _reason(exc)
        again = ds.retry_at(attempt, now)
        digests.failed(send_id, reason, again)
        return Outcome(schedule.account, slot.key, schedule.to, attempt, None, reason, again)
    digests.sent(send_id, now, message_id)
    return Outcome(schedule.account, slot.key, schedule.to, attempt, message_id)


def _slot_of(key: str, schedule: ScheduleRow) -> ds.Slot:
    kind, _, text = key.partition(" ")
    day = date.fromisoformat(text)
    return ds.Slot(kind, day, ds.moment_of(as_schedule(schedule), day))


def run_due(
    digests: DigestStore, now: datetime, mailer: Mailer, minutes: int = 15
) -> list[Outcome]:
    """Send what is due at `now` (retries first, then new slots); what happened, per send."""
    schedules = {s.owner_id: s for s in digests.schedules()}
    done: list[Outcome] = []
    for row in digests.retryable(now, now - ds.STALE_AFTER):
        schedule = schedules.get(row.owner_id)
        if schedule is None:
            continue  # the digest was stopped: the failure stays listed as it is
        latest = ds.latest_slot(as_schedule(schedule), now)
        if latest is None or latest.key != row.slot:
            # yesterday's agenda is no use today: give it up, and say why
            digests.failed(row.id, (row.error or "not sent") + SUPERSEDED, None)
            continue
        if digests.reclaim(row, schedule.to, now):
            slot = _slot_of(row.slot, schedule)
            done.append(
                _attempt(digests, row.id, row.attempts + 1, schedule, slot, now, mailer, minutes)
            )
    for schedule in schedules.values():
        due = ds.due_slot(as_schedule(schedule), schedule.since, now)
        if due is None:
            continue
        send_id = digests.claim(schedule.owner_id, due.key, due.kind, due.moment,
                                schedule.to, now)  # fmt: skip
        if send_id is not None:  # None: another run has it, or it went out already
            done.append(_attempt(digests, send_id, 1, schedule, due, now, mailer, minutes))
    return done
