"""The card a CardDAV client last held for each person (table dav_synced): written when a
client uploads a card and, for people no client has seen yet, when their card is first served."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, select

from tiekeeper.store import tables as t
from tiekeeper.store.upsert import insert_or_skip

S = t.dav_synced.c
CHUNK = 900


class DavSynced:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def people(self) -> set[int]:
        """Who has a kept card."""
        q = select(S.person_id).where(S.owner_id == self.owner_id)
        return {int(r[0]) for r in self.conn.execute(q)}

    def card(self, person_id: int) -> str | None:
        q = select(S.card).where(S.owner_id == self.owner_id, S.person_id == person_id)
        found = self.conn.execute(q).scalar()
        return None if found is None else str(found)

    def add_missing(self, cards: Mapping[int, str], now: datetime) -> None:
        """Keep these cards for people who have none yet (a concurrent first keeps its own)."""
        if not cards:
            return
        rows = [
            {"person_id": pid, "owner_id": self.owner_id, "card": text, "synced_at": now}
            for pid, text in cards.items()
        ]
        stmt = insert_or_skip(self.conn, t.dav_synced, ["person_id", "owner_id"])
        for i in range(0, len(rows), CHUNK):
            self.conn.execute(stmt, rows[i : i + CHUNK])

    def put(self, person_id: int, card: str, now: datetime) -> None:
        """The card a client just sent for this person."""
        self.conn.execute(
            t.dav_synced.delete().where(S.owner_id == self.owner_id, S.person_id == person_id)
        )
        self.conn.execute(
            t.dav_synced.insert().values(
                person_id=person_id, owner_id=self.owner_id, card=card, synced_at=now
            )
        )
