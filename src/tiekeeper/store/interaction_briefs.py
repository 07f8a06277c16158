"""Who and when of a few interactions, as plain SQL on `Rows` (store/sql.py), so a search hit on
a conversation can name its people and date on the light store too (store/light.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tiekeeper.store.sql import as_date, as_rows, chunks

_BRIEFS = """
SELECT i.id, i.occurred_on, p.id, p.name
FROM interactions i
JOIN interaction_people ip ON ip.interaction_id = i.id
JOIN people p ON p.id = ip.person_id
WHERE i.owner_id = :owner AND i.id IN :ids
ORDER BY i.id, p.name, p.id
"""


@dataclass(frozen=True)
class InteractionBrief:
    id: int
    occurred_on: date
    people: list[tuple[int, str]] = field(default_factory=list)  # (id, name), by name


class InteractionBriefs:
    def __init__(self, conn: Any, owner_id: int) -> None:
        self.rows = as_rows(conn)
        self.owner_id = owner_id

    def briefs(self, ids: Sequence[int]) -> dict[int, InteractionBrief]:
        """The day and people of each interaction in `ids` (ids not found are left out)."""
        out: dict[int, InteractionBrief] = {}
        for chunk in chunks(ids):
            for iid, day, pid, name in self.rows.fetch(
                _BRIEFS, {"owner": self.owner_id, "ids": chunk}
            ):
                brief = out.setdefault(iid, InteractionBrief(iid, as_date(day) or date.min))
                brief.people.append((pid, name))
        return out
