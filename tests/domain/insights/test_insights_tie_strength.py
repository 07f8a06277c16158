"""Tie strength: the worked examples of INSIGHTS.md section 3 are the oracle."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.insights.tie_strength import (
    DORMANT_AFTER_DAYS,
    InteractionFact,
    TieEvidence,
    tie_strength,
)

NOW = date(2024, 1, 1)


def ago(days: int) -> date:
    return NOW - timedelta(days=days)


def test_example_a_in_person_and_call_rated_4_is_strong() -> None:
    evidence = TieEvidence(
        interactions=[
            InteractionFact(ago(30), "in person", "me"),
            InteractionFact(ago(90), "call", "them"),
        ],
        known_since=date(2019, 1, 1),
        closeness=4,
    )
    result = tie_strength(evidence, NOW)
    assert result.score == pytest.approx(0.695501, abs=1e-6)
    assert result.label == "strong"
    assert not result.low_confidence
    assert result.multiplexity == 0.5
    assert result.reciprocity == 1.0
    assert result.closeness == 0.75
    assert sum(result.weights.values()) == pytest.approx(1.0)


def test_example_b_six_one_sided_emails_is_weak_and_low_confidence() -> None:
    evidence = TieEvidence(
        interactions=[InteractionFact(ago(d), "email", "me") for d in range(30, 181, 30)],
        known_since=ago(365),
    )
    result = tie_strength(evidence, NOW)
    assert result.score == pytest.approx(0.504104, abs=1e-6)
    assert result.label == "weak"
    assert result.low_confidence
    assert result.multiplexity == 0.0  # one channel is present, with value 0
    assert result.reciprocity == pytest.approx(0.25)
    assert result.weights == pytest.approx(
        {
            "recency": 0.35,
            "frequency": 0.25,
            "multiplexity": 0.15,
            "reciprocity": 0.15,
            "duration": 0.10,
        }
    )


def test_example_c_one_meeting_four_years_ago_is_dormant_despite_rating_5() -> None:
    evidence = TieEvidence(
        interactions=[InteractionFact(ago(1460), "in person", "me")], closeness=5
    )
    result = tie_strength(evidence, NOW)
    assert result.score == pytest.approx(0.542108, abs=1e-6)
    assert result.label == "dormant"
    # duration counted from the first meeting; no multiplexity (no channel in the last year);
    # no reciprocity (u + c < 2)
    assert result.multiplexity is None
    assert result.reciprocity is None
    assert result.duration == pytest.approx(math.log(1 + 1460 / 365.25) / math.log(11))


def test_example_e_kin_with_two_calls_is_strong_and_ignores_duration() -> None:
    # "calls" read as a phone call and a video call, one started by each side: the only
    # reading that reproduces 0.831574 (M = 0.5, Rc = 1).
    evidence = TieEvidence(
        interactions=[
            InteractionFact(ago(10), "call", "them"),
            InteractionFact(ago(40), "video", "me"),
        ],
        known_since=date(1990, 1, 1),
        closeness=5,
        is_kin=True,
    )
    result = tie_strength(evidence, NOW)
    assert result.score == pytest.approx(0.831574, abs=1e-6)
    assert result.label == "strong"
    assert "duration" not in result.weights


def test_example_e_with_a_single_channel_scores_lower() -> None:
    evidence = TieEvidence(
        interactions=[
            InteractionFact(ago(10), "call", "them"),
            InteractionFact(ago(40), "call", "me"),
        ],
        known_since=date(1990, 1, 1),
        closeness=5,
        is_kin=True,
    )
    assert tie_strength(evidence, NOW).score == pytest.approx(0.778942, abs=1e-6)


def test_coworker_halves_the_frequency_weight() -> None:
    facts = [InteractionFact(ago(d), "email", "me") for d in range(30, 181, 30)]
    plain = tie_strength(TieEvidence(facts, known_since=ago(365)), NOW)
    coworker = tie_strength(TieEvidence(facts, known_since=ago(365), is_coworker=True), NOW)
    ratio = coworker.weights["frequency"] / coworker.weights["recency"]
    assert ratio == pytest.approx(0.5 * plain.weights["frequency"] / plain.weights["recency"])


def test_dormant_threshold_is_1095_days() -> None:
    def label(days: int) -> str:
        facts = [InteractionFact(ago(days), "email", "me")]
        return str(tie_strength(TieEvidence(facts), NOW).label)

    assert DORMANT_AFTER_DAYS == 1095
    assert label(1094) == "weak"
    assert label(1095) == "dormant"


def test_mutual_counts_half_to_each_side() -> None:
    facts = [InteractionFact(ago(5), "coffee", "mutual"), InteractionFact(ago(9), "coffee", "me")]
    # u = 1.5, c = 0.5 -> 1 - 1/4
    assert tie_strength(TieEvidence(facts), NOW).reciprocity == pytest.approx(0.75)


def test_future_interactions_are_ignored() -> None:
    facts = [InteractionFact(NOW + timedelta(days=3), "call", "me")]
    result = tie_strength(TieEvidence(facts), NOW)
    assert (result.recency, result.frequency) == (0.0, 0.0)  # nothing has happened yet
    assert result.days_since_last is None
    assert result.label == "latent"


def test_reasons_are_plain_words() -> None:
    evidence = TieEvidence(
        interactions=[
            InteractionFact(ago(30), "in person", "me"),
            InteractionFact(ago(90), "call", "them"),
            InteractionFact(ago(200), "email", "them"),
        ],
        closeness=3,
    )
    reasons = tie_strength(evidence, NOW).reasons
    assert "last talked 30 days ago" in reasons
    assert "3 channels in the last year" in reasons


def test_rating_outside_1_to_5_is_refused() -> None:
    with pytest.raises(InvalidInput):
        tie_strength(TieEvidence(closeness=6), NOW)


def test_no_evidence_scores_zero_latent_low_confidence() -> None:
    result = tie_strength(TieEvidence(), NOW)
    assert (result.score, result.label, result.low_confidence) == (0.0, "latent", True)


def test_example_f_a_12_year_connection_never_talked_to_is_latent_and_scores_low() -> None:
    result = tie_strength(TieEvidence(known_since=date(2012, 1, 1)), NOW)
    assert result.score == pytest.approx(0.142857, abs=1e-6)  # D = 1, weight .10 of .70
    assert result.label == "latent"
    assert (result.recency, result.frequency, result.duration) == (0.0, 0.0, 1.0)
    assert result.reciprocity is None and result.multiplexity is None
    assert result.weights == pytest.approx(
        {"recency": 0.5, "frequency": 0.25 / 0.7, "duration": 0.10 / 0.7}
    )
    assert "not yet in touch: no interactions logged" in result.reasons


def test_never_talked_to_is_latent_not_dormant_however_old_the_connection() -> None:
    old = tie_strength(TieEvidence(known_since=date(1990, 1, 1)), NOW)
    assert old.label == "latent"


def test_a_rating_without_any_interaction_is_still_latent_not_strong() -> None:
    result = tie_strength(TieEvidence(known_since=date(2012, 1, 1), closeness=5), NOW)
    assert result.label == "latent"
    # K .40, R .20 (0), F .15 (0), D .05 (1) over .80
    assert result.score == pytest.approx(0.45 / 0.80)


def test_duration_alone_never_makes_a_tie_strong() -> None:
    for years in (1, 5, 12, 40):
        known = NOW - timedelta(days=round(years * 365.25))
        assert tie_strength(TieEvidence(known_since=known), NOW).score <= 1 / 7 + 1e-9


facts_strategy = st.lists(
    st.builds(
        InteractionFact,
        occurred_on=st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 1, 1)),
        channel=st.sampled_from(["email", "call", "coffee", "video", "event"]),
        initiated_by=st.sampled_from(["me", "them", "mutual"]),
    ),
    max_size=30,
)


@given(
    facts=facts_strategy,
    known=st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 1, 1)),
    rating=st.none() | st.integers(1, 5),
    kin=st.booleans(),
    coworker=st.booleans(),
)
def test_score_and_components_stay_in_unit_interval(
    facts: list[InteractionFact], known: date | None, rating: int | None, kin: bool, coworker: bool
) -> None:
    result = tie_strength(TieEvidence(facts, known, rating, kin, coworker), NOW)
    assert 0.0 <= result.score <= 1.0
    for value in (
        result.recency,
        result.frequency,
        result.duration,
        result.reciprocity,
        result.multiplexity,
        result.closeness,
    ):
        assert value is None or 0.0 <= value <= 1.0
    if result.weights:
        assert sum(result.weights.values()) == pytest.approx(1.0)
    assert result.low_confidence == (rating is None)
    if rating is not None and rating >= 4 and result.label not in ("dormant", "latent"):
        assert result.label == "strong"
    seen = [f for f in facts if f.occurred_on <= NOW]
    assert (result.label == "latent") == (not seen)
    if result.label == "dormant":
        assert result.days_since_last is not None and result.days_since_last >= 1095


def test_unknown_initiator_is_refused() -> None:
    boss: Any = "boss"
    facts = [InteractionFact(NOW, "call", boss), InteractionFact(NOW, "call", "me")]
    with pytest.raises(InvalidInput):
        tie_strength(TieEvidence(facts), NOW)
