"""The owner's own profile ("me"): one row per owner in `profiles`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from tiekeeper.store import tables as t

PR = t.profiles.c
FIELDS = tuple(c.name for c in t.profiles.columns if c.name != "owner_id")


class ProfileRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def get(self) -> dict[str, Any] | None:
        """The profile's fields, or None when the owner has none yet."""
        row = self.conn.execute(select(t.profiles).where(PR.owner_id == self.owner_id)).first()
        if row is None:
            return None
        return {k: getattr(row, k) for k in FIELDS}

    def upsert(self, **fields: Any) -> None:
        """Set the given fields (others untouched), creating the row on first use."""
        unknown = set(fields) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown profile fields: {sorted(unknown)}")
        if self.get() is None:
            self.conn.execute(insert(t.profiles).values(owner_id=self.owner_id, **fields))
        elif fields:
            self.conn.execute(
                update(t.profiles).where(PR.owner_id == self.owner_id).values(**fields)
            )
