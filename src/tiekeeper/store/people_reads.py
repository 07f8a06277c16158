"""Reads of people's attributes, favours and surroundings, shared by the insights and Today's
dormant-tie pick. Plain SQL on `Rows` (store/sql.py), so `tiekeeper today` needs no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tiekeeper.store.sql import as_date, as_rows, chunks


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


_PERSON = """
SELECT p.id, p.name, p.organization_id, o.name, COALESCE(p.industry, o.industry), p.function,
       p.seniority, p.location, p.generation, p.network_type, p.closeness, p.how_met,
       p.introduced_by_id, p.is_kin, p.do_not_suggest, p.connected_on, p.last_interaction_on
FROM people p LEFT JOIN organizations o ON o.id = p.organization_id
"""
# Today's dormant-tie candidates: the people last talked to before :before (and not opted out),
# closest first, each with their interactions and the favours they did the user by :until. The
# candidates are picked first: SQLite works out a select list's subqueries for every row it
# sorts, and every dormant person of 30,000 is many more than the :limit kept.
_ORDER = "p.closeness DESC NULLS LAST, p.last_interaction_on, p.id"
_DORMANT = (
    _PERSON.replace(
        "FROM people p",
        """     , (SELECT COUNT(*) FROM interaction_people ip WHERE ip.person_id = p.id)
     , (SELECT COUNT(*) FROM favours f JOIN interactions i ON i.id = f.interaction_id
        WHERE f.person_id = p.id AND f.owner_id = :owner AND f.direction = 'received'
          AND i.occurred_on <= :until)
FROM (SELECT * FROM people p WHERE p.owner_id = :owner AND p.last_interaction_on < :before
      AND NOT p.do_not_suggest ORDER BY """
        + _ORDER
        + """ LIMIT :limit) p""",
        1,
    )
    + "ORDER BY "
    + _ORDER
)


@dataclass(frozen=True, slots=True)
class DormantRow:
    person: PersonRow
    interactions: int
    favours_received: int


# `owner_id + 0` keeps the owner filter but stops SQLite from walking every row of the owner
# through an (owner_id, ...) index when a handful of ids is asked for by key.
_BY_IDS = "WHERE p.owner_id + 0 = :owner AND p.id IN :ids"

_COUNTS = """
SELECT ip.person_id, COUNT(*) FROM interaction_people ip JOIN people p ON p.id = ip.person_id
WHERE p.owner_id + 0 = :owner AND ip.person_id IN :ids GROUP BY ip.person_id
"""

_FAVOURS = """
SELECT f.person_id, f.direction, i.occurred_on FROM favours f
JOIN interactions i ON i.id = f.interaction_id
WHERE f.owner_id = :owner AND i.occurred_on <= :until
"""

_NEIGHBOURS = """
SELECT k.{mine}, COUNT(DISTINCT p.id),
       COUNT(DISTINCT CASE WHEN p.last_interaction_on >= :since
                            AND p.last_interaction_on <= :until THEN p.id END)
FROM knows k JOIN people p ON p.id = k.{other}
WHERE k.owner_id{plus} = :owner AND k.{mine} IN :ids GROUP BY k.{mine}
"""

# an edge is stored once, either way round: the people on each side, in one statement
_BOTH_SIDES = (
    _NEIGHBOURS.format(mine="person_a_id", other="person_b_id", plus="")
    + "UNION ALL"
    + _NEIGHBOURS.format(mine="person_b_id", other="person_a_id", plus=" + 0")
)


def _person(r: tuple[Any, ...]) -> PersonRow:
    # sqlite3 gives booleans as 0/1 and dates as ISO text
    return PersonRow(*r[:13], bool(r[13]), bool(r[14]), as_date(r[15]), as_date(r[16]))  # type: ignore[call-arg]


class PeopleReads:
    """Read-only queries over people, always filtered by owner."""

    def __init__(self, conn: Any, owner_id: int) -> None:
        self.rows = as_rows(conn)
        self.owner_id = owner_id

    def people(self, ids: Sequence[int] | None = None) -> list[PersonRow]:
        """Everyone (or the given ids), ordered by id."""
        if ids is None:
            sql = _PERSON + "WHERE p.owner_id = :owner ORDER BY p.id"
            return [_person(r) for r in self.rows.fetch(sql, {"owner": self.owner_id})]
        out: list[PersonRow] = []
        for chunk in chunks(ids):
            found = self.rows.fetch(_PERSON + _BY_IDS, {"owner": self.owner_id, "ids": chunk})
            out += [_person(r) for r in found]
        return sorted(out, key=lambda r: r.id)

    def dormant(self, before: date, until: date, limit: int) -> list[DormantRow]:
        """People whose last interaction was before `before` (and not opted out), closest first,
        at most `limit`, with what the dormant-tie pick weighs: one statement for what took
        four (the candidates, their rows, their interaction counts, their favours)."""
        params = {"owner": self.owner_id, "before": before, "until": until, "limit": limit}
        return [
            DormantRow(_person(r), int(r[17]), int(r[18]))
            for r in self.rows.fetch(_DORMANT, params)
        ]

    def interaction_counts(self, ids: Sequence[int]) -> dict[int, int]:
        """How many interactions each person has (index-only on interaction_people)."""
        out: dict[int, int] = {}
        for chunk in chunks(ids):
            found = self.rows.fetch(_COUNTS, {"owner": self.owner_id, "ids": chunk})
            out.update({int(pid): int(n) for pid, n in found})
        return out

    def favours(self, until: date, ids: Sequence[int] | None = None) -> list[tuple[int, str, date]]:
        """(person_id, direction, day) of every favour up to `until`."""
        params: dict[str, Any] = {"owner": self.owner_id, "until": until}
        if ids is None:
            found = self.rows.fetch(_FAVOURS, params)
        else:
            found = []
            sql = _FAVOURS + "AND f.person_id IN :ids"
            for chunk in chunks(ids):
                found += self.rows.fetch(sql, params | {"ids": chunk})
        return [(r[0], r[1], as_date(r[2]) or until) for r in found]

    def profile(self) -> ProfileRow | None:
        """The user's profile, None when it was never filled in."""
        found = self.rows.fetch(
            "SELECT name, company, industry, function, seniority, location, generation "
            "FROM profiles WHERE owner_id = :owner",
            {"owner": self.owner_id},
        )
        return ProfileRow(*found[0]) if found else None

    def neighbour_activity(
        self, ids: Sequence[int], since: date, until: date
    ) -> dict[int, tuple[int, int]]:
        """Per id: (contacts they know by a stored edge, how many of those the user talked to
        between `since` and `until`), counted in SQL so only one row per id comes back."""
        out: dict[int, tuple[int, int]] = {}
        for chunk in chunks(ids):
            params = {"owner": self.owner_id, "ids": chunk, "since": since, "until": until}
            for pid, n, n_active in self.rows.fetch(_BOTH_SIDES, params):
                had = out.get(pid, (0, 0))
                out[pid] = (had[0] + int(n), had[1] + int(n_active))
        return out
