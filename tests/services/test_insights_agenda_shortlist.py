"""The agenda reads contacts only for dormant ties that can still win the reconnect ranking."""

from __future__ import annotations

from datetime import date

from tiekeeper.domain.insights.reconnect import DormantCandidate
from tiekeeper.services.insights.agenda import _shortlist


def candidate(pid: int, trust: float) -> DormantCandidate:
    return DormantCandidate(pid, date(2020, 1, 1), trust, 0.0, 0.0, 0.0, 0.0, 1.0)


def test_a_candidate_more_than_the_structural_weight_behind_cannot_win() -> None:
    # scores without structural novelty: .25, .1, .025; structural novelty adds at most .20
    got = _shortlist([candidate(1, 1.0), candidate(2, 0.4), candidate(3, 0.1)])
    assert [c.contact_id for c in got] == [1, 2]


def test_no_candidates_no_shortlist() -> None:
    assert _shortlist([]) == []
