"""Headers of mail exchanged with addresses that are not (yet) people in tiekeeper, and who is
who among the addresses: what `tiekeeper suggest` counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from tiekeeper.store import tables as t
from tiekeeper.store.ids import with_ids
from tiekeeper.store.sql import CHUNK

C = t.correspondence.c
E = t.person_emails.c


@dataclass(frozen=True, slots=True)
class Letter:
    """One address on one message, seen from the user: `sent` to it or `received` from it."""

    email: str
    name: str | None
    occurred_on: date
    direction: str  # sent | received
    message_key: str


@dataclass(frozen=True, slots=True)
class Correspondent:
    email: str
    name: str | None
    sent: int
    received: int
    last_on: date


class CorrespondenceRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def person_ids_by_email(self) -> dict[str, int]:
        """Every person's address -> their id (an address on two people: the lower id)."""
        q = select(E.email, E.person_id).where(E.owner_id == self.owner_id)
        out: dict[str, int] = {}
        for email, pid in self.conn.execute(q.order_by(E.person_id.desc())):
            out[str(email).lower()] = int(pid)
        return out

    def hand_logged(self, start: date, end: date) -> set[tuple[date, int]]:
        """(day, person id) of every e-mail interaction in [start, end] that no import wrote:
        the user logged those, and an import must not log them twice."""
        it, ip, k = t.interactions.c, t.interaction_people.c, t.import_keys.c
        imported = select(k.interaction_id).where(
            k.owner_id == self.owner_id, k.interaction_id == it.id
        )
        q = (
            select(it.occurred_on, ip.person_id)
            .join(t.interaction_people, ip.interaction_id == it.id)
            .where(it.owner_id == self.owner_id, it.channel == "email")
            .where(it.occurred_on >= start, it.occurred_on <= end, ~imported.exists())
        )
        return {(day, int(pid)) for day, pid in self.conn.execute(q)}

    def add(self, letters: Sequence[Letter]) -> int:
        """Store the letters not stored yet (a re-import adds nothing); returns how many."""
        have: set[tuple[str, str, str]] = set()
        keys = sorted({x.message_key for x in letters})
        for i in range(0, len(keys), CHUNK):
            q = select(C.message_key, C.email, C.direction).where(
                C.owner_id == self.owner_id, C.message_key.in_(keys[i : i + CHUNK])
            )
            have.update((k, e, d) for k, e, d in self.conn.execute(q))
        rows = []
        for x in letters:
            key = (x.message_key, x.email, x.direction)
            if key in have:
                continue
            have.add(key)
            rows.append({"owner_id": self.owner_id, "email": x.email, "name": x.name,
                         "occurred_on": x.occurred_on, "direction": x.direction,
                         "message_key": x.message_key})  # fmt: skip
        for i in range(0, len(rows), 2000):
            batch = with_ids(self.conn, t.correspondence, rows[i : i + 2000])
            self.conn.execute(t.correspondence.insert(), batch)
        return len(rows)

    def correspondents(
        self, since: date, emails: Iterable[str] | None = None
    ) -> list[Correspondent]:
        """Per address (all, or those in `emails`) not belonging to a person: messages sent to
        it and received from it since `since`, and the last day; most sent first."""
        people = select(E.email).where(E.owner_id == self.owner_id)
        sent = func.count(func.distinct(C.message_key)).filter(C.direction == "sent")
        received = func.count(func.distinct(C.message_key)).filter(C.direction == "received")
        q = (
            select(C.email, sent, received, func.max(C.occurred_on))
            .where(C.owner_id == self.owner_id, C.occurred_on >= since, C.email.not_in(people))
            .group_by(C.email)
        )
        if emails is not None:
            q = q.where(C.email.in_(sorted(set(emails))))
        rows = self.conn.execute(q).all()
        names = self.names([r[0] for r in rows])
        found = [Correspondent(e, names.get(e), int(s), int(r), last) for e, s, r, last in rows]
        return sorted(found, key=lambda c: (-c.sent, -c.received, c.email))

    def names(self, emails: Sequence[str]) -> dict[str, str]:
        """The name each address went by most recently in the headers (when it had one)."""
        out: dict[str, str] = {}
        ordered = sorted(set(emails))
        for i in range(0, len(ordered), CHUNK):
            q = (
                select(C.email, C.name)
                .where(C.owner_id == self.owner_id, C.email.in_(ordered[i : i + CHUNK]))
                .where(C.name.is_not(None), C.name != "")
                .order_by(C.occurred_on, C.id)
            )
            out.update((str(e), str(n)) for e, n in self.conn.execute(q))
        return out

    def known(self, emails: Iterable[str]) -> set[str]:
        """The addresses among `emails` that appear in any stored letter."""
        ordered = sorted(set(emails))
        found: set[str] = set()
        for i in range(0, len(ordered), CHUNK):
            q = (
                select(C.email)
                .distinct()
                .where(C.owner_id == self.owner_id, C.email.in_(ordered[i : i + CHUNK]))
            )
            found.update(str(e) for e in self.conn.execute(q).scalars())
        return found
