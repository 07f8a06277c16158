"""Dormant ties worth reviving: INSIGHTS.md section 5 is the oracle."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.insights.reconnect import (
    DormantCandidate,
    attribute_novelty,
    rank_dormant_ties,
    reconnect_score,
    seniority_input,
    structural_novelty,
    trust_input,
)

NOW = date(2024, 1, 1)


def cand(
    cid: int, inputs: tuple[float, ...], years: float = 4, last_topics: tuple[str, ...] = ()
) -> DormantCandidate:
    t, c, s, a, sen, f = inputs
    last = NOW - timedelta(days=round(years * 365))
    return DormantCandidate(cid, last, t, c, s, a, sen, f, last_topics=last_topics)


def test_published_scores() -> None:
    assert reconnect_score(cand(1, (0.9, 0.8, 0.9, 0.7, 1, 0.2))) == pytest.approx(0.86, abs=1e-12)
    assert reconnect_score(cand(2, (0.5, 0.3, 1, 0.9, 0.5, 0.1))) == pytest.approx(0.67, abs=1e-12)
    assert reconnect_score(cand(3, (0.6, 0.9, 0.1, 0.2, 0, 0.9))) == pytest.approx(0.345, abs=1e-12)


def test_ranking_and_tie_break_by_longer_dormancy_then_id() -> None:
    half = (0.5, 0.5, 0.5, 0.5, 0.5, 0.5)
    ranked = rank_dormant_ties(
        [
            cand(10, half, years=5),
            cand(3, (0.6, 0.9, 0.1, 0.2, 0, 0.9)),  # ed
            cand(11, half, years=7),
            cand(1, (0.9, 0.8, 0.9, 0.7, 1, 0.2)),  # ana
            cand(2, (0.5, 0.3, 1, 0.9, 0.5, 0.1)),  # bo
            cand(9, half, years=5),
        ],
        NOW,
    )
    assert [r.contact_id for r in ranked] == [1, 2, 11, 9, 10, 3]
    assert ranked[2].score == pytest.approx(0.5)


def test_eligibility_three_years_configurable_and_do_not_suggest() -> None:
    inputs = (0.9, 0.8, 0.9, 0.7, 1, 0.2)
    recent = DormantCandidate(1, NOW - timedelta(days=1094), *inputs)
    old = DormantCandidate(2, NOW - timedelta(days=1095), *inputs)
    blocked = DormantCandidate(3, NOW - timedelta(days=4000), *inputs, do_not_suggest=True)
    never = DormantCandidate(4, None, *inputs)
    assert [r.contact_id for r in rank_dormant_ties([recent, old, blocked, never], NOW)] == [2]
    two_years = rank_dormant_ties([recent, old], NOW, dormant_after_days=730)
    assert [r.contact_id for r in two_years] == [2, 1]  # same score: longer dormancy first


def test_reasons_and_topics_come_back() -> None:
    c = cand(1, (0.9, 0.8, 0.9, 0.7, 1, 0.2), years=6, last_topics=("the Lisbon project",))
    (s,) = rank_dormant_ties([c], NOW)
    assert s.reasons[0].startswith("no contact for 6 years")
    assert "they are more senior than you" in s.reasons
    assert s.reasons[-1] == "pick up where you left off: the Lisbon project"


def test_inputs_outside_unit_interval_are_refused() -> None:
    with pytest.raises(InvalidInput):
        reconnect_score(cand(1, (1.2, 0, 0, 0, 0, 0)))


def test_input_helpers() -> None:
    assert trust_input(4, 0) == 0.75
    assert trust_input(None, 1) == pytest.approx(1 / 3)
    assert trust_input(None, 5) == 1.0
    assert structural_novelty([1, 2, 3, 4], active_ties=[2, 9]) == 0.75
    assert structural_novelty([], active_ties=[2]) == 0.5
    assert attribute_novelty(["Tech", "Sales", None], ["tech", "Design", "Paris"]) == 0.5
    assert (seniority_input(3, 2), seniority_input(2, 2), seniority_input(1, 2)) == (1, 0.5, 0)
