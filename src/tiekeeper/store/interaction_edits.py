"""Changing a logged interaction in place: its day, channel, who started it, summary and topics.
People and favours are left as they are (they have their own rows and meaning)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, update

from tiekeeper.domain.model import Interaction
from tiekeeper.store import tables as t

I = t.interactions.c  # noqa: E741
T = t.interaction_topics.c


class InteractionEdits:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def update(self, ix: Interaction) -> None:
        """Write `ix`'s own fields and replace its topics (each once, in the order given)."""
        assert ix.id is not None
        self.conn.execute(
            update(t.interactions)
            .where(I.owner_id == self.owner_id, I.id == ix.id)
            .values(
                occurred_on=ix.occurred_on,
                channel=ix.channel,
                initiated_by=str(ix.initiated_by),
                summary=ix.summary,
            )
        )
        self.conn.execute(
            delete(t.interaction_topics).where(
                T.owner_id == self.owner_id, T.interaction_id == ix.id
            )
        )
        topics = dict.fromkeys(tp.strip() for tp in ix.topics if tp.strip())
        if topics:
            rows = [
                {"owner_id": self.owner_id, "interaction_id": ix.id, "topic": tp} for tp in topics
            ]
            self.conn.execute(insert(t.interaction_topics), rows)
