"""Reads behind "help someone": people with current needs, contacts whose details match a need's
words, and the history of suggestions (so nobody is suggested two weeks running)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select

from tiekeeper.domain.helping import Contact
from tiekeeper.store import tables as t
from tiekeeper.store.people import _chunks
from tiekeeper.store.search import _TOKEN, SearchIndex, fold

P = t.people.c
O = t.organizations.c  # noqa: E741
TG = t.person_tags.c
S = t.suggestions.c


@dataclass(frozen=True)
class NeedRow:
    person_id: int
    name: str
    needs: str
    closeness: int | None


def _no_index(column: Any) -> Any:
    """`owner_id + 0`: keeps the owner filter but stops SQLite from scanning every row of the
    owner through the (owner_id, ...) index when a handful of ids is asked for by key."""
    return column + 0


class GivingQueries:
    def __init__(self, conn: Connection, owner_id: int) -> None:
        self.conn = conn
        self.owner_id = owner_id

    def need_holders(self, limit: int, skip: Sequence[int] = ()) -> list[NeedRow]:
        """People with a current need who may be suggested (not in `skip`), oldest entries first.

        Most recently contacted first (a need heard recently is likely still current); the
        order follows an index, so the scan stops after `limit` rows."""
        q = (
            select(P.id, P.name, P.needs, P.closeness)
            .where(
                P.owner_id == self.owner_id,
                P.needs.is_not(None),
                P.needs != "",
                P.do_not_suggest.is_(False),
                P.id.not_in(list(skip)),
            )
            .order_by(P.last_interaction_on.desc().nulls_last(), P.id.desc())
            .limit(limit)
        )
        return [NeedRow(*r) for r in self.conn.execute(q)]

    def need_of(self, person_id: int) -> NeedRow | None:
        q = select(P.id, P.name, P.needs, P.closeness).where(
            P.owner_id == self.owner_id, P.id == person_id, P.needs.is_not(None), P.needs != ""
        )
        row = self.conn.execute(q).first()
        return NeedRow(*row) if row else None

    def people_mentioning(self, word: str, limit: int) -> list[int]:
        """Ids of people whose searchable text has a word starting with `word` (newest first).

        Uses the full-text index unranked: ranking every match of a common word costs tens of
        milliseconds at 30,000 people, and the domain scores the few hits anyway."""
        tokens = _TOKEN.findall(fold(word))
        if not tokens:
            return []
        hits = SearchIndex(self.conn, self.owner_id).match(tokens, ("person",), limit,
                                                             ranked=False)  # fmt: skip
        return [h.ref_id for h in hits]

    def contacts(self, ids: Sequence[int]) -> list[Contact]:
        """What matching needs of these people (the search index finds them), by id."""
        rows: list[Any] = []
        for chunk in _chunks(sorted(set(ids)), 900):
            q = (
                select(P.id, P.name, P.position, O.name, P.industry, P.interests, P.location)
                .outerjoin(t.organizations, O.id == P.organization_id)
                .where(_no_index(P.owner_id) == self.owner_id, P.id.in_(chunk))
            )
            rows += self.conn.execute(q).all()
        tags = self._tags([r[0] for r in rows])
        return [Contact(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(tags.get(r[0], ())))
                for r in sorted(rows)]  # fmt: skip

    def _tags(self, ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks(ids, 900):
            q = select(TG.person_id, TG.tag).where(
                _no_index(TG.owner_id) == self.owner_id, TG.person_id.in_(chunk)
            )
            for pid, tag in self.conn.execute(q.order_by(TG.tag)):
                out[pid].append(tag)
        return out

    def history(self, kind: str, since: date) -> list[tuple[int, date]]:
        """(person id, day) of the suggestions of a kind made on or after `since`."""
        q = select(S.person_id, S.suggested_on).where(
            S.owner_id == self.owner_id, S.kind == kind, S.suggested_on >= since
        )
        return [(r[0], r[1]) for r in self.conn.execute(q.order_by(S.suggested_on, S.id))]

    def record(self, kind: str, person_id: int, on: date) -> None:
        self.conn.execute(
            insert(t.suggestions).values(
                owner_id=self.owner_id, kind=kind, person_id=person_id, suggested_on=on
            )
        )
