"""Moving everything that points at one person to another (merging duplicates).

Tables are found through their foreign keys to people.id, so a table added later is moved too.
Interactions, favours and reminders have their own `reassign`; the person's own e-mails, phones,
links and tags are rewritten by the people repository; `knows` edges need their order kept.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, and_, delete, select, tuple_, update

from tiekeeper.store import tables as t

OWN_CHILDREN = {"person_emails", "person_phones", "person_links", "person_tags"}
HANDLED = OWN_CHILDREN | {"interaction_people", "favours", "reminders", "knows"}
K = t.knows.c


class MergeRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def move_references(self, from_person: int, to_person: int) -> None:
        """Point every other row that names from_person at to_person (no duplicate rows)."""
        for table in t.metadata.sorted_tables:
            if table.name in HANDLED:
                continue
            for fk in table.foreign_keys:
                if fk.column is t.people.c.id:
                    self._move(table, fk.parent, from_person, to_person)
        self._move_knows(from_person, to_person)

    def _owned(self, table: Table) -> list[Any]:
        return [table.c.owner_id == self.owner_id] if "owner_id" in table.c else []

    def _move(self, table: Table, col: Any, old: int, new: int) -> None:
        where = [*self._owned(table), col == old]
        if table is t.people:
            where.append(table.c.id != new)  # whoever old introduced, new did now
        elif col.primary_key:
            # A composite key (event, person): drop old's rows that new already has.
            others = [c for c in table.primary_key.columns if c is not col]
            taken = select(*others).where(*self._owned(table), col == new)
            key = others[0] if len(others) == 1 else tuple_(*others)
            self.conn.execute(delete(table).where(*where, key.in_(taken)))
        self.conn.execute(update(table).where(*where).values({col.name: new}))

    def _move_knows(self, old: int, new: int) -> None:
        """Re-point edges, keeping a < b, dropping the old-new edge and merging clashes."""
        own = K.owner_id == self.owner_id
        edges = self.conn.execute(
            select(K.id, K.person_a_id, K.person_b_id, K.strength, K.source).where(
                own, (K.person_a_id == old) | (K.person_b_id == old)
            )
        ).all()
        for eid, a, b, strength, source in edges:
            far = b if a == old else a
            if far == new:
                self.conn.execute(delete(t.knows).where(K.id == eid))
                continue
            lo, hi = sorted((far, new))
            clash = self.conn.execute(
                select(K.id, K.strength).where(
                    own, K.person_a_id == lo, K.person_b_id == hi, K.source == source
                )
            ).first()
            if clash is None:
                self.conn.execute(
                    update(t.knows).where(K.id == eid).values(person_a_id=lo, person_b_id=hi)
                )
                continue
            best = max(strength, clash.strength)
            self.conn.execute(update(t.knows).where(K.id == clash.id).values(strength=best))
            self.conn.execute(delete(t.knows).where(and_(own, K.id == eid)))
