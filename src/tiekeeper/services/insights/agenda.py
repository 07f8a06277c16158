"""The Today agenda's dormant-tie pick: the reconnect ranking over a few hundred candidates.

The agenda must compute in under 50 ms at 30,000 people and 1,000,000 interactions, so this
ranks only the AGENDA_CANDIDATES dormant people that `PeopleReads.dormant` returns
(closest rated first) and uses cheap inputs. Approximations against the full `tiekeeper
reconnect` ranking (documented, and the reason the two may differ):
- past closeness: the closeness rating ((r - 1) / 4), else 0.5 (unknown), instead of the tie
  strength on the day of the last interaction;
- past frequency: 1 - exp(-n / 8) with n the number of interactions ever logged (roughly the
  frequency component of n interactions spread over the year before the tie went quiet),
  counted from the index only;
- structural novelty is read only for the (at most STRUCTURE_SHORTLIST) candidates who can still
  win (see `_shortlist`); the others cannot be picked;
  stored "knows" edges only (inferred edges need the whole network), counted
  in SQL (with the same reading of "active" as the insights: talked to in the last 365 days).
Trust, attribute novelty and seniority are the same as in the full ranking.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from tiekeeper.domain.insights.reconnect import (
    ACTIVE_DAYS,
    UNKNOWN_NOVELTY,
    WEIGHTS,
    DormantCandidate,
    ReconnectSuggestion,
    rank_dormant_ties,
    reconnect_score,
    structural_novelty,
    trust_input,
)
from tiekeeper.services.insights.novelty import novelty_inputs
from tiekeeper.store.light import ReadUnit
from tiekeeper.store.people_reads import PeopleReads, PersonRow

AGENDA_CANDIDATES: Final = 100
FREQUENCY_SCALE: Final = 8.0
STRUCTURE_SHORTLIST: Final = 30


def _structural_novelty(known: int, active: int) -> float:
    """structural_novelty needs only how many of their contacts are active ties: feed it the
    counts the database computed as stand-in id ranges (no per-contact rows are fetched)."""
    return structural_novelty(range(known), range(active))


def _shortlist(candidates: list[DormantCandidate]) -> list[DormantCandidate]:
    """Those who can still win once structural novelty (weight .20, unknown so far) is added:
    their score without it plus .20 reaches the best score without it (exact), and of those the
    STRUCTURE_SHORTLIST best (an approximation: it caps the costliest read, everyone's contacts).
    """
    if not candidates:
        return []
    floor = [reconnect_score(c) for c in candidates]
    best = max(floor)
    room = WEIGHTS["structural_novelty"]
    can_win = [(f, c) for c, f in zip(candidates, floor, strict=True) if f + room >= best - 1e-9]
    can_win.sort(key=lambda fc: -fc[0])  # stable: keeps PeopleReads.dormant's order on ties
    return [c for _, c in can_win[:STRUCTURE_SHORTLIST]]


def _with_structure(
    q: PeopleReads, candidates: list[DormantCandidate], today: date
) -> list[DormantCandidate]:
    ids = [c.contact_id for c in candidates]
    around = q.neighbour_activity(ids, today - timedelta(days=ACTIVE_DAYS), today)
    return [
        replace(c, structural_novelty=_structural_novelty(*around.get(c.contact_id, (0, 0))))
        for c in candidates
    ]


def best_dormant_tie(
    uow: ReadUnit, today: date, dormant_after_days: int
) -> tuple[PersonRow, ReconnectSuggestion] | None:
    """(person, suggestion) of the best dormant tie to revive, None when there is none.

    Runs inside the caller's unit of work."""
    before = today - timedelta(days=dormant_after_days)
    q = uow.repo(PeopleReads)
    rows = q.dormant(before, today, AGENDA_CANDIDATES)
    if not rows:
        return None
    people = {r.person.id: r.person for r in rows}
    profile = q.profile()
    candidates = []
    for r in rows:
        p, closeness = r.person, r.person.closeness
        attr, senior = novelty_inputs(p, profile)
        candidates.append(
            DormantCandidate(
                contact_id=p.id,
                last_interaction=p.last_interaction_on or before,
                trust=trust_input(closeness, r.favours_received),
                past_closeness=UNKNOWN_NOVELTY if closeness is None else (closeness - 1) / 4.0,
                structural_novelty=0.0,  # filled in below for the shortlist only
                attribute_novelty=attr,
                seniority_above=senior,
                past_frequency=1.0 - math.exp(-r.interactions / FREQUENCY_SCALE),
            )
        )
    candidates = _with_structure(q, _shortlist(candidates), today)
    ranked = rank_dormant_ties(candidates, today, dormant_after_days=dormant_after_days, limit=1)
    if not ranked:
        return None
    best = ranked[0]
    return people[best.contact_id], best
