"""Giving: "who can I help this week?" and introductions between two contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import Favour, Interaction
from tiekeeper.services.giving_pick import HELP, HelpSuggestion, pick_person_to_help
from tiekeeper.services.people import resolve
from tiekeeper.store.giving import GivingQueries
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import UnitOfWork


def help_someone(uow: UnitOfWork, today: date) -> HelpSuggestion | None:
    """Propose one person whose need you can meet this week, and remember the proposal."""
    with uow:
        pick, is_new = pick_person_to_help(uow, today)
        if pick is not None and is_new:
            uow.repo(GivingQueries).record(HELP, pick.person_id, today)
        uow.commit()
    return pick


@dataclass(frozen=True)
class Introduction:
    interaction: Interaction
    names: tuple[str, str]


def introduce(
    uow: UnitOfWork, a: str, b: str, today: date, *, note: str | None = None, when: str = "today"
) -> Introduction:
    """Introduce two contacts: one interaction with both, a favour to each, a 'knows' edge."""
    day = parse_when(when, today, field="date")
    with uow:
        ids = resolve(uow, a), resolve(uow, b)
        if ids[0] == ids[1]:
            raise InvalidInput("introduce two different people", field="person", value=b)
        names = uow.people.names(ids)
        pair = (names[ids[0]], names[ids[1]])
        summary = (note or "").strip() or f"introduced {pair[0]} and {pair[1]}"
        favours = [Favour(pid, "given", "introduction", f"to {names[other]}")
                   for pid, other in (ids, ids[::-1])]  # fmt: skip
        ix = Interaction(day, list(ids), channel="introduction", summary=summary, favours=favours)
        uow.interactions.add(ix)
        uow.repo(KnowsRepository).add(ids[0], ids[1], 1, "introduction", day)
        uow.commit()
    return Introduction(ix, pair)
