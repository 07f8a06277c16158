"""Diversity indices and echo-chamber flags: INSIGHTS.md section 4 is the oracle."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.domain.insights.diversity import diversity, echo_chamber_flags, share_true
from tiekeeper.domain.insights.sources import SOURCES

EXAMPLE = ["Tech"] * 6 + ["Finance"] * 2 + ["Health", "Education"]


def test_published_example_unweighted() -> None:
    d = diversity(EXAMPLE, user_value="Tech", codebook_size=4)
    assert d.blau == pytest.approx(0.58, abs=1e-12)
    assert d.iqv == pytest.approx(0.773333, abs=1e-6)
    assert d.entropy == pytest.approx(1.088900, abs=1e-6)
    assert d.evenness == pytest.approx(0.785475, abs=1e-6)
    assert d.effective_entropy == pytest.approx(2.971004, abs=1e-6)
    assert d.effective_simpson == pytest.approx(2.380952, abs=1e-6)
    assert d.ei_index == pytest.approx(-0.2, abs=1e-12)
    assert d.same_as_user == pytest.approx(0.6, abs=1e-12)
    assert list(d.shares) == ["Tech", "Finance", "Education", "Health"]


def test_published_example_weighted_by_tie_strength() -> None:
    d = diversity(["Tech", "Tech", "Finance", "Health"], weights=[0.9, 0.8, 0.2, 0.1])
    assert d.shares == pytest.approx({"Tech": 0.85, "Finance": 0.10, "Health": 0.05})
    assert d.blau == pytest.approx(0.265, abs=1e-12)


def test_unknown_values_are_left_out_and_reported_as_coverage() -> None:
    d = diversity([*EXAMPLE, None, None, " "], user_value="Tech", codebook_size=4)
    assert d.coverage == pytest.approx(10 / 13)
    assert d.blau == pytest.approx(0.58)


def test_k_defaults_to_observed_categories() -> None:
    d = diversity(EXAMPLE)
    assert d.categories == 4
    assert d.iqv == pytest.approx(0.773333, abs=1e-6)
    assert diversity(["A", "A"]).iqv is None  # one category: IQV undefined


def test_user_value_absent_from_network_gives_ei_plus_one() -> None:
    d = diversity(EXAMPLE, user_value="Law")
    assert (d.same_as_user, d.ei_index) == (0.0, 1.0)


def test_no_known_values() -> None:
    d = diversity([None, None])
    assert d.blau is None and d.coverage == 0.0


@given(st.lists(st.sampled_from("ABCDEFG") | st.none(), max_size=60))
def test_blau_in_unit_interval_and_effective_numbers_ordered(values: list[str | None]) -> None:
    d = diversity(values)
    if d.blau is None:
        assert all(v is None for v in values)
        return
    assert 0.0 <= d.blau < 1.0
    k = len(d.shares)
    assert d.blau <= 1 - 1 / k + 1e-12
    assert d.effective_entropy is not None and d.effective_simpson is not None
    # Hill numbers decrease with order: k >= e^H >= 1/sum p^2
    assert k + 1e-9 >= d.effective_entropy >= d.effective_simpson - 1e-9
    assert math.isclose(sum(d.shares.values()), 1.0)


def test_self_introduced_over_65_percent_is_a_cited_finding() -> None:
    flags = echo_chamber_flags(self_introduced_share=0.7)
    assert [(f.key, f.kind, f.source) for f in flags] == [
        ("self_introduced", "finding", "uzzi_dunlap2005")
    ]
    assert flags[0].source in SOURCES
    assert flags[0].suggestion
    assert echo_chamber_flags(self_introduced_share=0.65) == []


def test_heuristics_are_labelled_and_need_two_attributes() -> None:
    one = echo_chamber_flags(same_as_user={"industry": 0.9, "function": 0.5})
    assert one == []
    two = echo_chamber_flags(same_as_user={"industry": 0.9, "location": 0.7, "company": 1.0})
    assert [(f.key, f.kind, f.source) for f in two] == [("same_as_you", "heuristic", None)]
    assert "rule of thumb" in two[0].message


def test_company_and_cluster_heuristics_thresholds() -> None:
    assert echo_chamber_flags(own_company_share=0.5) == []
    assert [f.key for f in echo_chamber_flags(own_company_share=0.51)] == ["own_company"]
    assert echo_chamber_flags(largest_cluster_share=0.69) == []
    assert [f.key for f in echo_chamber_flags(largest_cluster_share=0.7)] == ["one_cluster"]


def test_share_true_ignores_unknowns() -> None:
    assert share_true([True, True, False, None]) == pytest.approx(2 / 3)
    assert share_true([None]) is None
