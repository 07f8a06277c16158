"""Bulk reads behind the network insights: people's attributes, favours, the profile and the
evidence for inferred "knows" edges (the interactions and stored edges, a million rows, are read
as columns by store.analytics_raw).

Nothing here is one-query-per-person: every read is a single statement (or chunks of IN lists
for a given set of ids), so the insights stay fast at 30,000 people and 1,000,000 interactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, distinct, func, select

from tiekeeper.store import tables as t
from tiekeeper.store.people import _chunks

P = t.people.c
O = t.organizations.c  # noqa: E741
I = t.interactions.c  # noqa: E741
IP = t.interaction_people.c
F = t.favours.c
K = t.knows.c


@dataclass(frozen=True, slots=True)
class PersonRow:
    """What the insights need of one person (industry falls back to the organization's)."""

    id: int
    name: str
    organization_id: int | None
    company: str | None
    industry: str | None
    function: str | None
    seniority: str | None
    location: str | None
    generation: str | None
    network_type: str | None
    closeness: int | None
    how_met: str | None
    introduced_by_id: int | None
    is_kin: bool
    do_not_suggest: bool
    known_since: date | None
    last_interaction_on: date | None


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """The user's own attributes, to compare contacts against."""

    name: str | None
    company: str | None
    industry: str | None
    function: str | None
    seniority: str | None
    location: str | None
    generation: str | None


def _owner_of(col: Any, owner_id: int) -> Any:
    """`col == owner_id` written so SQLite cannot pick an (owner_id, ...) index for it: with an
    IN list of ids it otherwise scans every row of the owner instead of using the id index."""
    return col + 0 == owner_id


def _person_query() -> Any:
    return select(
        P.id,
        P.name,
        P.organization_id,
        O.name,
        func.coalesce(P.industry, O.industry),
        P.function,
        P.seniority,
        P.location,
        P.generation,
        P.network_type,
        P.closeness,
        P.how_met,
        P.introduced_by_id,
        P.is_kin,
        P.do_not_suggest,
        P.connected_on,
        P.last_interaction_on,
    ).outerjoin(t.organizations, O.id == P.organization_id)


class AnalyticsQueries:
    """Read-only bulk queries for insights, always filtered by owner."""

    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def people(self, ids: Sequence[int] | None = None) -> list[PersonRow]:
        """Everyone (or the given ids), ordered by id."""
        q = _person_query().where(P.owner_id == self.owner_id)
        if ids is None:
            return [PersonRow(*r) for r in self.conn.execute(q.order_by(P.id))]
        out: list[PersonRow] = []
        q = _person_query().where(_owner_of(P.owner_id, self.owner_id))
        for chunk in _chunks(sorted(set(ids)), 900):
            out += [PersonRow(*r) for r in self.conn.execute(q.where(P.id.in_(chunk)))]
        return sorted(out, key=lambda r: r.id)

    def interaction_counts(self, ids: Sequence[int]) -> dict[int, int]:
        """How many interactions each person has (index-only on interaction_people)."""
        out: dict[int, int] = {}
        for chunk in _chunks(sorted(set(ids)), 900):
            # owner checked on people (one row per id), so the count reads the index only
            q = (
                select(IP.person_id, func.count())
                .join(t.people, P.id == IP.person_id)
                .where(_owner_of(P.owner_id, self.owner_id), IP.person_id.in_(chunk))
                .group_by(IP.person_id)
            )
            out.update({int(r[0]): int(r[1]) for r in self.conn.execute(q)})
        return out

    def favours(self, until: date, ids: Sequence[int] | None = None) -> list[tuple[int, str, date]]:
        """(person_id, direction, day) of every favour up to `until`."""
        q = (
            select(F.person_id, F.direction, I.occurred_on)
            .join(t.interactions, I.id == F.interaction_id)
            .where(F.owner_id == self.owner_id, I.occurred_on <= until)
        )
        if ids is None:
            return [(r[0], r[1], r[2]) for r in self.conn.execute(q)]
        out: list[tuple[int, str, date]] = []
        for chunk in _chunks(sorted(set(ids)), 900):
            out += [(r[0], r[1], r[2]) for r in self.conn.execute(q.where(F.person_id.in_(chunk)))]
        return out

    def profile(self) -> ProfileRow | None:
        """The user's profile, None when it was never filled in."""
        pr = t.profiles.c
        q = select(
            pr.name, pr.company, pr.industry, pr.function, pr.seniority, pr.location, pr.generation
        ).where(pr.owner_id == self.owner_id)
        row = self.conn.execute(q).first()
        return None if row is None else ProfileRow(*row)

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

    def neighbour_activity(
        self, ids: Sequence[int], since: date, until: date
    ) -> dict[int, tuple[int, int]]:
        """Per id: (contacts they know by a stored edge, how many of those the user talked to
        between `since` and `until`), counted in SQL so only one row per id comes back."""
        out: dict[int, tuple[int, int]] = {}
        active = and_(P.last_interaction_on >= since, P.last_interaction_on <= until)
        for chunk in _chunks(sorted(set(ids)), 900):
            for owner, mine, other in (
                (K.owner_id == self.owner_id, K.person_a_id, K.person_b_id),
                (_owner_of(K.owner_id, self.owner_id), K.person_b_id, K.person_a_id),
            ):
                q = (
                    select(
                        mine, func.count(distinct(P.id)), func.count(distinct(case((active, P.id))))
                    )
                    .join(t.people, P.id == other)
                    .where(owner, mine.in_(chunk))
                    .group_by(mine)
                )
                for pid, n, n_active in self.conn.execute(q):
                    had = out.get(pid, (0, 0))
                    out[pid] = (had[0] + int(n), had[1] + int(n_active))
        return out

    def last_interaction_of(self, ids: Sequence[int]) -> dict[int, date | None]:
        """Each person's last interaction day (the stored derived column)."""
        out: dict[int, date | None] = {}
        for chunk in _chunks(sorted(set(ids)), 900):
            q = select(P.id, P.last_interaction_on).where(
                _owner_of(P.owner_id, self.owner_id), P.id.in_(chunk)
            )
            out.update({r[0]: r[1] for r in self.conn.execute(q)})
        return out

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
