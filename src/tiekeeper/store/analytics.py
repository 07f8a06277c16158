"""Bulk reads behind the network insights: people's attributes, favours, the profile and the
evidence for inferred "knows" edges (the interactions and stored edges, a million rows, are read
as columns by store.analytics_raw).

Nothing here is one-query-per-person: every read is a single statement (or chunks of IN lists
for a given set of ids), so the insights stay fast at 30,000 people and 1,000,000 interactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from tiekeeper.store import tables as t
from tiekeeper.store.people import _chunks
from tiekeeper.store.people_reads import PeopleReads

P = t.people.c
O = t.organizations.c  # noqa: E741
I = t.interactions.c  # noqa: E741
K = t.knows.c


def _owner_of(col: Any, owner_id: int) -> Any:
    """`col == owner_id` written so SQLite cannot pick an (owner_id, ...) index for it: with an
    IN list of ids it otherwise scans every row of the owner instead of using the id index."""
    return col + 0 == owner_id


class AnalyticsQueries(PeopleReads):
    """Read-only bulk queries for insights, always filtered by owner (the ones Today needs too
    live in PeopleReads, without SQLAlchemy)."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        super().__init__(conn, owner_id)
        self.conn = conn

    def knows_edges(self) -> list[tuple[int, int, int, str]]:
        """Stored edges (a, b, strength, source)."""
        q = select(K.person_a_id, K.person_b_id, K.strength, K.source).where(
            K.owner_id == self.owner_id
        )
        return [(r[0], r[1], r[2], r[3]) for r in self.conn.execute(q)]

    def knows_edges_of(self, ids: Sequence[int]) -> list[tuple[int, int, int, str]]:
        """Stored edges (a, b, strength, source) touching any of `ids` (via the two indexes)."""
        out: set[tuple[int, int, int, str]] = set()
        for chunk in _chunks(sorted(set(ids)), 900):
            for owner, col in (
                (K.owner_id == self.owner_id, K.person_a_id),
                (_owner_of(K.owner_id, self.owner_id), K.person_b_id),
            ):
                q = select(K.person_a_id, K.person_b_id, K.strength, K.source).where(
                    owner, col.in_(chunk)
                )
                out.update((r[0], r[1], r[2], r[3]) for r in self.conn.execute(q))
        return sorted(out)

    def introduced_by(self, person_id: int) -> list[int]:
        """People this person introduced to the user."""
        q = select(P.id).where(P.owner_id == self.owner_id, P.introduced_by_id == person_id)
        return [int(r[0]) for r in self.conn.execute(q)]

    def event_groups(self) -> list[tuple[int, list[int]]]:
        """(event id, attendee ids) for every event with at least two people."""
        ep = t.event_people.c
        q = (
            select(ep.event_id, ep.person_id)
            .where(ep.owner_id == self.owner_id)
            .order_by(ep.event_id, ep.person_id)
        )
        groups: dict[int, list[int]] = {}
        for event_id, person_id in self.conn.execute(q):
            groups.setdefault(event_id, []).append(person_id)
        return [(e, m) for e, m in groups.items() if len(m) > 1]

    def organization_ids(self, key: str) -> list[int]:
        """Organizations whose name key equals `key`."""
        q = select(O.id).where(O.owner_id == self.owner_id, O.name_key == key)
        return [int(r[0]) for r in self.conn.execute(q)]

    def people_in(
        self,
        organization_ids: Sequence[int] = (),
        industry: str | None = None,
        limit: int | None = None,
    ) -> list[int]:
        """Ids of people at one of the organizations, or in the industry (case-insensitive)."""
        q = select(P.id).outerjoin(t.organizations, O.id == P.organization_id)
        q = q.where(P.owner_id == self.owner_id)
        if industry is not None:
            ind = func.lower(func.coalesce(P.industry, O.industry))
            q = q.where(ind == industry.casefold())
        else:
            q = q.where(P.organization_id.in_(list(organization_ids) or [-1]))
        return [int(r[0]) for r in self.conn.execute(q.order_by(P.id).limit(limit))]
