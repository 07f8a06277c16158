"""Reads behind "help someone": people with current needs, contacts whose details match a need's
words, and the history of suggestions (so nobody is suggested two weeks running).

Plain SQL on `Rows` (store/sql.py): Today makes this pick without loading SQLAlchemy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tiekeeper.domain.helping import Contact
from tiekeeper.store.search_sql import match_sql, tokens_of
from tiekeeper.store.sql import as_date, as_rows, chunks, renamed

_NEED = "SELECT p.id, p.name, p.needs, p.closeness FROM people p "
_HAS_NEED = "p.needs IS NOT NULL AND p.needs <> ''"
# `owner_id + 0` keeps the owner filter but stops SQLite from walking every row of the owner
# through the (owner_id, ...) index when a handful of ids is asked for by key.
_CONTACTS = """
SELECT p.id, p.name, p.position, o.name, p.industry, p.interests, p.location
FROM people p LEFT JOIN organizations o ON o.id = p.organization_id
WHERE p.owner_id + 0 = :owner AND p.id IN :ids
"""


@dataclass(frozen=True)
class NeedRow:
    person_id: int
    name: str
    needs: str
    closeness: int | None


class GivingQueries:
    def __init__(self, conn: Any, owner_id: int) -> None:
        self.conn = conn
        self.rows = as_rows(conn)
        self.owner_id = owner_id

    def need_holders(self, limit: int, skip: Sequence[int] = ()) -> list[NeedRow]:
        """People with a current need who may be suggested (not in `skip`).

        Most recently contacted first (a need heard recently is likely still current); the
        order follows an index, so the scan stops after `limit` rows."""
        sql = f"{_NEED}WHERE p.owner_id = :owner AND {_HAS_NEED} AND NOT p.do_not_suggest "
        if skip:
            sql += "AND p.id NOT IN :skip "
        sql += "ORDER BY p.last_interaction_on DESC NULLS LAST, p.id DESC LIMIT :limit"
        params = {"owner": self.owner_id, "skip": list(skip), "limit": limit}
        return [NeedRow(*r) for r in self.rows.fetch(sql, params)]

    def need_of(self, person_id: int) -> NeedRow | None:
        sql = f"{_NEED}WHERE p.owner_id = :owner AND p.id = :id AND {_HAS_NEED}"
        found = self.rows.fetch(sql, {"owner": self.owner_id, "id": person_id})
        return NeedRow(*found[0]) if found else None

    def people_mentioning(self, words: Iterable[str], limit: int) -> set[int]:
        """Ids of people whose searchable text has a word starting with one of `words`: at most
        `limit` per word, the newest, in one statement (a union of one match per word).

        Uses the full-text index unranked: ranking every match of a common word costs tens of
        milliseconds at 30,000 people, and the domain scores the few hits anyway."""
        arms: list[str] = []
        params: dict[str, Any] = {}
        for word in words:
            tokens = tokens_of(word)
            if not tokens:
                continue
            n = len(arms)
            sql, found = match_sql(
                self.rows.dialect, self.owner_id, tokens, ("person",), limit, ranked=False
            )
            arms.append(f"SELECT ref_id FROM ({renamed(sql, f'_{n}')}) AS w{n}")
            params.update({f"{key}_{n}": value for key, value in found.items()})
        if not arms:
            return set()
        return {int(r[0]) for r in self.rows.fetch(" UNION ALL ".join(arms), params)}

    def contacts(self, ids: Sequence[int]) -> list[Contact]:
        """What matching needs of these people (the search index finds them), by id."""
        rows: list[Any] = []
        for chunk in chunks(ids):
            rows += self.rows.fetch(_CONTACTS, {"owner": self.owner_id, "ids": chunk})
        tags = self._tags([r[0] for r in rows])
        return [Contact(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(tags.get(r[0], ())))
                for r in sorted(rows)]  # fmt: skip

    def _tags(self, ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        sql = (
            "SELECT person_id, tag FROM person_tags "
            "WHERE owner_id + 0 = :owner AND person_id IN :ids ORDER BY tag"
        )
        for chunk in chunks(ids):
            for pid, tag in self.rows.fetch(sql, {"owner": self.owner_id, "ids": chunk}):
                out[pid].append(tag)
        return out

    def history(self, kind: str, since: date) -> list[tuple[int, date]]:
        """(person id, day) of the suggestions of a kind made on or after `since`."""
        sql = (
            "SELECT person_id, suggested_on FROM suggestions WHERE owner_id = :owner "
            "AND kind = :kind AND suggested_on >= :since ORDER BY suggested_on, id"
        )
        found = self.rows.fetch(sql, {"owner": self.owner_id, "kind": kind, "since": since})
        return [(r[0], as_date(r[1]) or since) for r in found]

    def record(self, kind: str, person_id: int, on: date) -> None:
        # only ever within a unit of work, on SQLAlchemy: the light reads never write
        from tiekeeper.store import tables as t
        from tiekeeper.store.ids import add_row

        values = {"owner_id": self.owner_id, "kind": kind, "person_id": person_id,
                  "suggested_on": on}  # fmt: skip
        add_row(self.conn, t.suggestions, values)
