"""Full-text search over people, organizations, notes, topics and interactions."""

from __future__ import annotations

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store.light import ReadUnit
from tiekeeper.store.search_sql import SearchHit


def search(uow: ReadUnit, query: str, limit: int = 20) -> list[SearchHit]:
    """The best matches for every word of the query (prefixes count: 'eng' finds 'engineer')."""
    if not query.strip():
        raise InvalidInput("type something to search for", field="query", value=query)
    with uow:
        return uow.search.query(query, limit)
