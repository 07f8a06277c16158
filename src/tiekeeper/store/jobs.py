"""Job-search reads and writes: target companies, who works there, who knows whom around them,
and the user's own profile keywords (for the headline check)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, or_, select, update

from tiekeeper.domain.model import Organization, name_key
from tiekeeper.store import tables as t
from tiekeeper.store.people import _chunks

O = t.organizations.c  # noqa: E741
P = t.people.c
K = t.knows.c


@dataclass(frozen=True)
class ContactRow:
    """What the warm-path ranking needs about one contact."""

    person_id: int
    name: str
    organization_id: int | None
    position: str | None
    closeness: int | None
    last_interaction_on: date | None


class JobsRepository:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def organization_by_name(self, name: str) -> Organization | None:
        """The organization with this name, case and accents ignored."""
        q = select(t.organizations).where(O.owner_id == self.owner_id, O.name_key == name_key(name))
        r = self.conn.execute(q).first()
        return _to_org(r) if r else None

    def organizations(self, ids: Iterable[int]) -> dict[int, Organization]:
        out: dict[int, Organization] = {}
        for chunk in _chunks(list(set(ids)), 900):
            q = select(t.organizations).where(O.owner_id == self.owner_id, O.id.in_(chunk))
            out.update({r.id: _to_org(r) for r in self.conn.execute(q)})
        return out

    def save_target(self, org: Organization) -> None:
        """Write the target flag, the reason and the industry of an organization."""
        self.conn.execute(
            update(t.organizations)
            .where(O.owner_id == self.owner_id, O.id == org.id)
            .values(is_target=org.is_target, why=org.why, industry=org.industry)
        )

    def targets(self) -> list[Organization]:
        q = (
            select(t.organizations)
            .where(O.owner_id == self.owner_id, O.is_target.is_(True))
            .order_by(O.name_key, O.id)
        )
        return [_to_org(r) for r in self.conn.execute(q)]

    def contacts_at(self, org_ids: Sequence[int]) -> list[ContactRow]:
        """Everyone whose company is one of `org_ids`."""
        out: list[ContactRow] = []
        for chunk in _chunks(list(org_ids), 900):
            out += self._contacts(P.organization_id.in_(chunk))
        return out

    def contacts(self, ids: Iterable[int]) -> list[ContactRow]:
        out: list[ContactRow] = []
        for chunk in _chunks(list(set(ids)), 900):
            out += self._contacts(P.id.in_(chunk))
        return out

    def _contacts(self, cond: Any) -> list[ContactRow]:
        q = (
            select(P.id, P.name, P.organization_id, P.position, P.closeness, P.last_interaction_on)
            .where(P.owner_id == self.owner_id, cond)
            .order_by(P.id)
        )
        return [ContactRow(*r) for r in self.conn.execute(q)]

    def edges_touching(self, person_ids: Sequence[int]) -> list[tuple[int, int, float]]:
        """'Knows' edges with at least one end among `person_ids`, as (a, b, strength)."""
        out: list[tuple[int, int, float]] = []
        for chunk in _chunks(list(person_ids), 450):
            q = select(K.person_a_id, K.person_b_id, K.strength).where(
                K.owner_id == self.owner_id, or_(K.person_a_id.in_(chunk), K.person_b_id.in_(chunk))
            )
            out += [(a, b, float(max(1, s))) for a, b, s in self.conn.execute(q)]
        return list(dict.fromkeys(out))

    def profile_keywords(self) -> list[str | None]:
        """The user's own position, industry and function (empty when no profile yet)."""
        pr = t.profiles.c
        q = select(pr.position, pr.industry, pr.function).where(pr.owner_id == self.owner_id)
        row = self.conn.execute(q).first()
        return list(row) if row else []


def _to_org(r: Any) -> Organization:
    return Organization(r.name, r.id, r.industry, bool(r.is_target), r.why)
