"""`owner_is(col, owner_id)`: the owner filter for reads by a list of ids.

Without statistics (no ANALYZE) SQLite takes `owner_id = ?` as the most selective condition and
walks an (owner_id, ...) index through every row of the owner, a million interactions for the
20 a person's page shows, instead of looking the ids up. `owner_id + 0` keeps the filter (every
row stays its owner's) but no index can serve it, so the id's own index is used. PostgreSQL
plans by its statistics and reads the same either way."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter


def owner_is(col: Any, owner_id: int | BindParameter[int]) -> Any:
    """`col == owner_id` (a value, or a parameter of a statement built once), never the index
    SQLite walks (see the module's docstring)."""
    return col + 0 == owner_id
