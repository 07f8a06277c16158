"""This week's person to help: a standing pick, else a need-holder with a matching contact.

Read only and free of SQLAlchemy, so Today can make the pick on the light store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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
from tiekeeper.store.giving import GivingQueries, NeedRow
from tiekeeper.store.light import ReadUnit

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


def _contacts_for(uow: ReadUnit, needs: list[str]) -> list[Contact]:
    """Contacts that may fit these needs: the search index's hits for each need word (fast at
    30,000 people), which the domain then checks field by field."""
    q = uow.repo(GivingQueries)
    ids = q.people_mentioning(sorted({w for need in needs for w in terms(need)}), HITS_PER_WORD)
    return q.contacts(sorted(ids))


def _suggest(uow: ReadUnit, row: NeedRow) -> HelpSuggestion:
    contacts = _contacts_for(uow, [row.needs])
    return HelpSuggestion(
        row.person_id, row.name, row.needs, best_match(row.needs, contacts, row.person_id)
    )


def pick_person_to_help(uow: ReadUnit, today: date) -> tuple[HelpSuggestion | None, bool]:
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
