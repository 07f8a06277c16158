"""'Who knows whom': edges between two of the owner's contacts, entered or from introductions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, delete, or_, select, update

from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row

K = t.knows.c


@dataclass(frozen=True)
class KnowsEdge:
    a: int
    b: int
    strength: int
    source: str  # entered | introduction
    created_on: date


class KnowsRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def add(self, a: int, b: int, strength: int, source: str, on: date) -> KnowsEdge:
        """Record that a and b know each other (an existing edge of that source is updated)."""
        lo, hi = sorted((a, b))
        where = (K.owner_id == self.owner_id, K.person_a_id == lo, K.person_b_id == hi,
                 K.source == source)  # fmt: skip
        if self.conn.execute(select(K.id).where(*where)).first():
            self.conn.execute(update(t.knows).where(*where).values(strength=strength))
        else:
            values = {"owner_id": self.owner_id, "person_a_id": lo, "person_b_id": hi,
                      "strength": strength, "source": source, "created_on": on}  # fmt: skip
            add_row(self.conn, t.knows, values)
        return KnowsEdge(lo, hi, strength, source, on)

    def remove(self, a: int, b: int) -> int:
        lo, hi = sorted((a, b))
        result = self.conn.execute(
            delete(t.knows).where(K.owner_id == self.owner_id, K.person_a_id == lo,
                                  K.person_b_id == hi)
        )  # fmt: skip
        return int(result.rowcount)

    def all(self) -> list[KnowsEdge]:
        q = select(K.person_a_id, K.person_b_id, K.strength, K.source, K.created_on).where(
            K.owner_id == self.owner_id
        )
        return [KnowsEdge(*r) for r in self.conn.execute(q)]

    def of(self, person_id: int) -> list[KnowsEdge]:
        q = select(K.person_a_id, K.person_b_id, K.strength, K.source, K.created_on).where(
            K.owner_id == self.owner_id, or_(K.person_a_id == person_id, K.person_b_id == person_id)
        )
        return [KnowsEdge(*r) for r in self.conn.execute(q)]
