"""What the ICS export last published per UID (fingerprint, SEQUENCE, LAST-MODIFIED)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, select

from tiekeeper.store import tables as t

C = t.calendar_state.c


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class CalendarStateRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def all(self) -> dict[str, tuple[str, int, datetime]]:
        """uid -> (fingerprint, sequence, modified_at in UTC)."""
        q = select(C.uid, C.fingerprint, C.sequence, C.modified_at).where(
            C.owner_id == self.owner_id
        )
        return {
            r.uid: (r.fingerprint, r.sequence, as_utc(r.modified_at)) for r in self.conn.execute(q)
        }

    def put_many(self, states: Mapping[str, tuple[str, int, datetime]]) -> None:
        """Insert or replace the state of these UIDs."""
        if not states:
            return
        uids = list(states)
        for i in range(0, len(uids), 900):
            chunk = uids[i : i + 900]
            self.conn.execute(
                delete(t.calendar_state).where(C.owner_id == self.owner_id, C.uid.in_(chunk))
            )
        rows = [
            {
                "owner_id": self.owner_id,
                "uid": uid,
                "fingerprint": fp,
                "sequence": seq,
                "modified_at": as_utc(modified),
            }
            for uid, (fp, seq, modified) in states.items()
        ]
        self.conn.execute(insert(t.calendar_state), rows)
