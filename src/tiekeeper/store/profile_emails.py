"""The user's own e-mail addresses beyond the profile's one (`me --email` is repeatable)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from tiekeeper.store import tables as t

PE = t.profile_emails.c


class ProfileEmailRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def all(self) -> list[str]:
        """The extra addresses, sorted (the profile's own address is not among them)."""
        q = select(PE.email).where(PE.owner_id == self.owner_id).order_by(PE.email)
        return [str(e) for e in self.conn.execute(q).scalars()]

    def add(self, emails: Iterable[str]) -> None:
        """Add addresses (already lower-cased); those already there are left alone."""
        have = set(self.all())
        new = sorted(set(emails) - have)
        if new:
            self.conn.execute(
                insert(t.profile_emails), [{"owner_id": self.owner_id, "email": e} for e in new]
            )

    def remove(self, emails: Iterable[str]) -> None:
        """Forget addresses (missing ones are no error)."""
        gone = sorted(set(emails))
        if gone:
            self.conn.execute(
                delete(t.profile_emails).where(PE.owner_id == self.owner_id, PE.email.in_(gone))
            )
