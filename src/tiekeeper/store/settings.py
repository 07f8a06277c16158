"""Per-owner key/value settings (pitch drafts, message templates, interview questions, tokens)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from tiekeeper.store import tables as t

S = t.settings.c


class SettingsRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def get(self, key: str) -> str | None:
        q = select(S.value).where(S.owner_id == self.owner_id, S.key == key)
        value = self.conn.execute(q).scalar()
        return None if value is None else str(value)

    def set(self, key: str, value: str | None) -> None:
        """Store a value; None removes the key."""
        self.conn.execute(delete(t.settings).where(S.owner_id == self.owner_id, S.key == key))
        if value is not None:
            self.conn.execute(
                insert(t.settings).values(owner_id=self.owner_id, key=key, value=value)
            )

    def with_prefix(self, prefix: str) -> dict[str, str]:
        q = select(S.key, S.value).where(S.owner_id == self.owner_id, S.key.startswith(prefix))
        return {k: v for k, v in self.conn.execute(q)}
