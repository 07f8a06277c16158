"""Correcting a logged interaction: its day, channel, who reached out, summary and topics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import NotFound
from tiekeeper.domain.model import CHANNELS, Initiator, parse_choice
from tiekeeper.services.interactions import InteractionView, show_interaction
from tiekeeper.store.interaction_edits import InteractionEdits
from tiekeeper.store.interactions import search_doc
from tiekeeper.store.uow import UnitOfWork


@dataclass
class InteractionChanges:
    """What to change; None leaves a field as it is. `summary=""` clears the summary and
    `topics` replaces the topics (an empty list removes them all)."""

    when: str | None = None
    channel: str | None = None
    by: str | None = None
    summary: str | None = None
    topics: list[str] | None = None


def edit_interaction(
    uow: UnitOfWork, interaction_id: int, changes: InteractionChanges, today: date
) -> InteractionView:
    """Change an interaction in one transaction; the people's last-talked day, check-in due
    day and the search index follow."""
    with uow:
        found = uow.interactions.load([interaction_id])
        if not found:
            raise NotFound(f"no interaction with id {interaction_id}")
        ix = found[0]
        if changes.when is not None:
            ix.occurred_on = parse_when(changes.when, today, field="date")
        if changes.channel is not None:
            ix.channel = parse_choice(changes.channel, CHANNELS, "channel")
        if changes.by is not None:
            ix.initiated_by = parse_choice(changes.by, Initiator, "by")
        if changes.summary is not None:
            ix.summary = changes.summary.strip() or None
        if changes.topics is not None:
            ix.topics = list(dict.fromkeys(tp.strip() for tp in changes.topics if tp.strip()))
        uow.repo(InteractionEdits).update(ix)
        uow.search.remove("interaction", interaction_id)
        uow.search.put_many("interaction", [search_doc(ix, uow.people.names(ix.person_ids))])
        uow.bulk.refresh_derived(ix.person_ids)
        uow.commit()
    return show_interaction(uow, interaction_id)
