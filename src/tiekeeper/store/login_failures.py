"""Wrong-password counts of the multi-user server, kept in the database so that every worker and
every restart sees the same ones (services/login_throttle.py decides what they mean).

A row is keyed by (account, address): a casefolded account name and a source address, or ""
and an address for everything that address sent. Each call is one transaction on the engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    case,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from tiekeeper.store import tables as t
from tiekeeper.store.calendar_state import as_utc

F = t.login_failures.c
Key = tuple[str, str]  # (account, address)


class LoginFailureStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def blocked_until(self, keys: Sequence[Key], now: datetime) -> datetime | None:
        """The latest moment any of `keys` is blocked until, when that is still to come."""
        wanted = or_(*[(F.account == a) & (F.address == ad) for a, ad in keys])
        with self.engine.connect() as conn:
            found = conn.execute(
                select(func.max(F.blocked_until)).where(wanted, F.blocked_until > now)
            ).scalar()
        return None if found is None else as_utc(found)

    def failed(
        self,
        key: Key,
        now: datetime,
        forget_before: datetime,
        delay: Callable[[int], timedelta],
    ) -> int:
        """Count one more wrong password for `key` (from 1 again when the last one is older
        than `forget_before`) and block it for `delay(count)`; the new count."""
        account, address = key
        where = (F.account == account) & (F.address == address)
        bump = case((F.last_failure_at < forget_before, 1), else_=F.failures + 1)
        for _ in range(3):  # a concurrent first failure may insert the row between our steps
            try:
                with self.engine.begin() as conn:
                    hit = conn.execute(
                        update(t.login_failures)
                        .where(where)
                        .values(failures=bump, last_failure_at=now)
                    ).rowcount
                    if not hit:
                        conn.execute(
                            insert(t.login_failures).values(
                                account=account, address=address, failures=1, last_failure_at=now
                            )
                        )
                    count = _count(conn, where)
                    wait = delay(count)
                    until = now + wait if wait else None
                    conn.execute(update(t.login_failures).where(where).values(blocked_until=until))
                    return count
            except IntegrityError:
                continue
        raise RuntimeError("could not record a failed login")  # pragma: no cover

    def forget(self, key: Key) -> None:
        """The right password: this key starts afresh."""
        with self.engine.begin() as conn:
            conn.execute(delete(t.login_failures).where(F.account == key[0], F.address == key[1]))

    def tidy(self, forget_before: datetime) -> None:
        """Drop the rows nobody has failed on lately (they would count from 1 anyway)."""
        with self.engine.begin() as conn:
            conn.execute(delete(t.login_failures).where(F.last_failure_at < forget_before))


def _count(conn: Connection, where: ColumnElement[bool]) -> int:
    return int(conn.execute(select(F.failures).where(where)).scalar_one())
