"""The reads behind resolving a PERSON argument that is not an exact name: people whose name
words start with the given words, and every name of the owner for near-miss suggestions.
Plain SQL on `Rows` (store/sql.py), on the folded `name_key` column (domain.model.name_key)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tiekeeper.store.sql import as_rows

_BY_WORD_PREFIX = """
SELECT id, name_key FROM people
WHERE owner_id = :owner AND (name_key LIKE :first ESCAPE '!' OR name_key LIKE :inner ESCAPE '!')
ORDER BY id
"""
# Names repeat (30,000 people share a few thousand): the distinct ones, off the covering index.
_DISTINCT = "SELECT DISTINCT name_key FROM people WHERE owner_id = :owner"
_BY_KEYS = "SELECT id, name_key FROM people WHERE owner_id = :owner AND name_key IN :keys"
# What an error message shows of a candidate: name, company, first e-mail (as `show` lists them).
_LABELS = """
SELECT p.id, p.name, o.name,
       (SELECT e.email FROM person_emails e WHERE e.person_id = p.id ORDER BY e.id LIMIT 1)
FROM people p
LEFT JOIN organizations o ON o.id = p.organization_id
WHERE p.owner_id = :owner AND p.id IN :ids
"""


def _like_escaped(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


class PersonLookup:
    def __init__(self, conn: Any, owner_id: int) -> None:
        self.rows = as_rows(conn)
        self.owner_id = owner_id

    def word_prefix(self, word: str) -> list[tuple[int, str]]:
        """(id, name_key) of people with a name word starting with the folded `word`."""
        w = _like_escaped(word)
        params = {"owner": self.owner_id, "first": f"{w}%", "inner": f"% {w}%"}
        return [(r[0], r[1]) for r in self.rows.fetch(_BY_WORD_PREFIX, params)]

    def distinct_names(self) -> list[str]:
        """Every distinct name_key of the owner (for near-miss suggestions)."""
        return [r[0] for r in self.rows.fetch(_DISTINCT, {"owner": self.owner_id})]

    def with_names(self, keys: Sequence[str]) -> list[tuple[int, str]]:
        """(id, name_key) of the people whose name_key is one of `keys`, by id."""
        found = self.rows.fetch(_BY_KEYS, {"owner": self.owner_id, "keys": list(keys)})
        return sorted((r[0], r[1]) for r in found)

    def labels(self, ids: Sequence[int]) -> dict[int, tuple[str, str | None, str | None]]:
        """id -> (name, company, first e-mail) of a few people (ids not found are left out)."""
        if not ids:
            return {}
        found = self.rows.fetch(_LABELS, {"owner": self.owner_id, "ids": list(ids)})
        return {r[0]: (r[1], r[2], r[3]) for r in found}
