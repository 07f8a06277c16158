"""Giving: "who can I help this week?" and introductions between two contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.helping import (
    REPEAT_DAYS,
    Contact,
    Match,
    best_match,
    excluded,
    help_reason,
    standing_pick,
    terms,
)
from tiekeeper.domain.model import Favour, Interaction
from tiekeeper.services.people import resolve
from tiekeeper.store.giving import GivingQueries, NeedRow
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import UnitOfWork

HELP = "help"
CANDIDATES = 3  # need-holders considered per pick, so the agenda stays cheap
HITS_PER_WORD = 20


@dataclass(frozen=True)
class HelpSuggestion:
    person_id: int
    name: str
    need: str
    match: Match | None

    @property
    def reason(self) -> str:
        return help_reason(self.need, self.match)


def _contacts_for(uow: UnitOfWork, needs: list[str]) -> list[Contact]:
    """Contacts that may fit these needs: the search index's hits for each need word (fast at
    30,000 people), which the domain then checks field by field."""
    ids: set[int] = set()
    for word in sorted({w for need in needs for w in terms(need)}):
        ids.update(uow.repo(GivingQueries).people_mentioning(word, HITS_PER_WORD))
    return uow.repo(GivingQueries).contacts(sorted(ids))


def _suggest(uow: UnitOfWork, row: NeedRow) -> HelpSuggestion:
    contacts = _contacts_for(uow, [row.needs])
    return HelpSuggestion(
        row.person_id, row.name, row.needs, best_match(row.needs, contacts, row.person_id)
    )


def pick_person_to_help(uow: UnitOfWork, today: date) -> tuple[HelpSuggestion | None, bool]:
    """(this week's person to help, whether the pick is new) inside an open unit of work.

    A pick made in the last 7 days stands while the person still has a need; otherwise, among the
    first few need-holders not suggested in 14 days, the first with a matching contact (else the
    first of them)."""
    q = uow.repo(GivingQueries)
    history = q.history(HELP, today - timedelta(days=REPEAT_DAYS))
    standing = standing_pick(history, today)
    if standing is not None:
        row = q.need_of(standing)
        if row is not None:
            return _suggest(uow, row), False
    rows = q.need_holders(CANDIDATES, sorted(excluded(history, today)))
    if not rows:
        return None, False
    contacts = _contacts_for(uow, [r.needs for r in rows])
    picks = [
        HelpSuggestion(r.person_id, r.name, r.needs, best_match(r.needs, contacts, r.person_id))
        for r in rows
    ]
    return next((p for p in picks if p.match), picks[0]), True


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
