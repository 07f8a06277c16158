"""Digest schedules and the log of digests sent or tried (services/digests/due.py decides what is
due). Each call is its own transaction on the engine: a claim must be committed before the mail
goes out, so that an overlapping `digest --due` run sees it and leaves that slot alone.

Methods that show or change one account's rows take its owner id and filter by it; `schedules`
and `retryable` span every account, because one cron job serves them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from tiekeeper.store import tables as t
from tiekeeper.store.calendar_state import as_utc
from tiekeeper.store.ids import add_row
from tiekeeper.store.uow import UnitOfWork

SC = t.digest_schedules.c
SE = t.digest_sends.c
A = t.accounts.c
ERROR_MAX = 1000


@dataclass(frozen=True)
class ScheduleRow:
    owner_id: int
    account: str
    to: str
    zone: str
    at: str  # local HH:MM
    weekday: int | None
    since: datetime


@dataclass(frozen=True)
class SendRow:
    id: int
    owner_id: int
    slot: str
    kind: str
    slot_at: datetime
    to: str
    status: str  # sending | sent | failed
    attempts: int
    claimed_at: datetime
    sent_at: datetime | None
    message_id: str | None
    error: str | None
    retry_at: datetime | None


def _maybe(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def _schedule(r: Any) -> ScheduleRow:
    return ScheduleRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5], as_utc(r[6]))


_SEND_COLUMNS = (SE.id, SE.owner_id, SE.slot, SE.kind, SE.slot_at, SE.to_address, SE.status,
                 SE.attempts, SE.claimed_at, SE.sent_at, SE.message_id, SE.error,
                 SE.retry_at)  # fmt: skip


def _send(r: Any) -> SendRow:
    m = r._mapping
    return SendRow(
        id=int(m[SE.id]), owner_id=int(m[SE.owner_id]), slot=str(m[SE.slot]),
        kind=str(m[SE.kind]), slot_at=as_utc(m[SE.slot_at]), to=str(m[SE.to_address]),
        status=str(m[SE.status]), attempts=int(m[SE.attempts]),
        claimed_at=as_utc(m[SE.claimed_at]), sent_at=_maybe(m[SE.sent_at]),
        message_id=m[SE.message_id], error=m[SE.error], retry_at=_maybe(m[SE.retry_at]),
    )  # fmt: skip


class DigestStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def uow(self, owner_id: int) -> UnitOfWork:
        """A unit of work for one account, to compose its digest."""
        return UnitOfWork(self.engine, owner_id)

    # --- one account ----------------------------------------------------------------------
    def schedule(self, owner_id: int) -> ScheduleRow | None:
        found = self._schedules(SC.owner_id == owner_id)
        return found[0] if found else None

    def set_schedule(
        self, owner_id: int, to: str, zone: str, at: str, weekday: int | None, since: datetime
    ) -> None:
        """Store the account's schedule, replacing the one it had."""
        values = {"to_address": to, "time_zone": zone, "send_at": at, "weekday": weekday,
                  "since": since}  # fmt: skip
        for _ in range(3):  # two first settings at once: the loser updates the winner's row
            try:
                with self.engine.begin() as conn:
                    q = update(t.digest_schedules).where(SC.owner_id == owner_id)
                    if not conn.execute(q.values(**values)).rowcount:
                        conn.execute(insert(t.digest_schedules).values(owner_id=owner_id, **values))
                return
            except IntegrityError:
                continue
        raise RuntimeError("could not store the digest schedule")  # pragma: no cover

    def clear_schedule(self, owner_id: int) -> bool:
        """Stop the account's digest (its log stays); whether it had one."""
        with self.engine.begin() as conn:
            q = delete(t.digest_schedules).where(SC.owner_id == owner_id)
            return bool(conn.execute(q).rowcount)

    def recent(self, owner_id: int, limit: int = 10) -> list[SendRow]:
        """The account's latest sends and tries, newest slot first."""
        q = (
            select(*_SEND_COLUMNS)
            .where(SE.owner_id == owner_id)
            .order_by(SE.slot_at.desc(), SE.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_send(r) for r in conn.execute(q)]

    # --- every account (the `--due` run) ---------------------------------------------------
    def schedules(self) -> list[ScheduleRow]:
        return self._schedules(None)

    def claim(
        self, owner_id: int, slot: str, kind: str, slot_at: datetime, to: str, now: datetime
    ) -> int | None:
        """Take a slot for this run: the new row's id, or None when another run has it. The
        unique (owner_id, slot) decides; the row is committed before anything is sent."""
        values = {
            "owner_id": owner_id, "slot": slot, "kind": kind, "slot_at": slot_at,
            "to_address": to, "status": "sending", "attempts": 1, "claimed_at": now,
        }  # fmt: skip
        try:
            with self.engine.begin() as conn:
                return add_row(conn, t.digest_sends, values)
        except IntegrityError:
            return None

    def retryable(self, now: datetime, stale_before: datetime) -> list[SendRow]:
        """Failed sends whose retry time has come, and claims left "sending" by a run that
        died (claimed before `stale_before`)."""
        q = select(*_SEND_COLUMNS).where(
            or_(
                and_(SE.status == "failed", SE.retry_at.is_not(None), SE.retry_at <= now),
                and_(SE.status == "sending", SE.claimed_at < stale_before),
            )
        )
        with self.engine.connect() as conn:
            return [_send(r) for r in conn.execute(q.order_by(SE.id))]

    def reclaim(self, row: SendRow, to: str, now: datetime) -> bool:
        """Take a retry for this run: only while the row is as `row` saw it (same attempts and
        status), so of two runs retrying at once one gets it."""
        q = (
            update(t.digest_sends)
            .where(SE.id == row.id, SE.attempts == row.attempts, SE.status == row.status)
            .values(status="sending", attempts=row.attempts + 1, claimed_at=now,
                    to_address=to, retry_at=None)
        )  # fmt: skip
        with self.engine.begin() as conn:
            return bool(conn.execute(q).rowcount)

    def sent(self, send_id: int, now: datetime, message_id: str) -> None:
        values = {"status": "sent", "sent_at": now, "message_id": message_id[:300],
                  "error": None, "retry_at": None}  # fmt: skip
        with self.engine.begin() as conn:
            conn.execute(update(t.digest_sends).where(SE.id == send_id).values(**values))

    def failed(self, send_id: int, error: str, retry_at: datetime | None) -> None:
        """Record a failed attempt; `retry_at` None: no more attempts."""
        values = {"status": "failed", "error": error[:ERROR_MAX], "retry_at": retry_at}
        with self.engine.begin() as conn:
            conn.execute(update(t.digest_sends).where(SE.id == send_id).values(**values))

    def _schedules(self, where: object) -> list[ScheduleRow]:
        q = select(SC.owner_id, A.name, SC.to_address, SC.time_zone, SC.send_at, SC.weekday,
                   SC.since).join(t.accounts, A.id == SC.owner_id)  # fmt: skip
        if where is not None:
            q = q.where(where)  # type: ignore[arg-type]
        with self.engine.connect() as conn:
            return [_schedule(r) for r in conn.execute(q.order_by(SC.owner_id))]
