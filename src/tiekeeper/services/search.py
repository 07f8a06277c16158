"""Full-text search over people, organizations, notes, topics and interactions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.store.interaction_briefs import InteractionBriefs
from tiekeeper.store.light import ReadUnit


@dataclass(frozen=True)
class Hit:
    """One search result; a hit on an interaction also says when it was and with whom, so it
    can be told apart from others and followed (`interaction show ID`, the people's pages)."""

    kind: str  # person | organization | interaction
    ref_id: int
    title: str
    occurred_on: date | None = None
    people: tuple[tuple[int, str], ...] = ()  # (id, name)


def search(uow: ReadUnit, query: str, limit: int = 20) -> list[Hit]:
    """The best matches for every word of the query (prefixes count: 'eng' finds 'engineer')."""
    if not query.strip():
        raise InvalidInput("type something to search for", field="query", value=query)
    with uow:
        found = uow.search.query(query, limit)
        ids = [h.ref_id for h in found if h.kind == "interaction"]
        briefs = uow.repo(InteractionBriefs).briefs(ids) if ids else {}
    hits = []
    for h in found:
        brief = briefs.get(h.ref_id) if h.kind == "interaction" else None
        if brief is None:
            hits.append(Hit(h.kind, h.ref_id, h.title))
        else:
            hits.append(Hit(h.kind, h.ref_id, h.title, brief.occurred_on, tuple(brief.people)))
    return hits


def hit_line(hit: Hit) -> str:
    """A hit as one line of text: an interaction's title with its day and people."""
    if hit.occurred_on is None:
        return hit.title
    who = ", ".join(name for _, name in hit.people)
    return (
        f"{hit.title} ({hit.occurred_on}, with {who})"
        if who
        else f"{hit.title} ({hit.occurred_on})"
    )
