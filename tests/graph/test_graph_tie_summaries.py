"""The vectorised tie summaries equal the domain's one-person summarise(), float for float."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.insights.tie_strength import (
    INITIATORS,
    InteractionFact,
    TieEvidence,
    TieSummary,
    score_tie,
    summarise,
    tie_strength,
)
from tiekeeper.graph.tie_summaries import tie_summaries

NOW = date(2024, 1, 1)
CHANNELS = ("email", "Email ", "call", "coffee", " video", "event")  # two spell one channel


@dataclass(frozen=True)
class Rows:
    person: np.ndarray
    day: np.ndarray
    channel: np.ndarray
    initiated: np.ndarray
    channels: tuple[str, ...]


def columns(facts: dict[int, list[InteractionFact]], order: list[tuple[int, int]]) -> Rows:
    """Rows of every (person, fact index) in `order`: people's rows interleaved, as a database
    returns them, each person's own facts kept in their order."""
    rows = [(pid, facts[pid][i]) for pid, i in order]
    return Rows(
        np.array([pid for pid, _ in rows], dtype=np.int64),
        np.array([f.occurred_on.toordinal() for _, f in rows], dtype=np.int64),
        np.array([CHANNELS.index(f.channel) for _, f in rows], dtype=np.int64),
        np.array([INITIATORS.index(f.initiated_by) for _, f in rows], dtype=np.int64),
        CHANNELS,
    )


fact = st.builds(
    InteractionFact,
    occurred_on=st.dates(min_value=date(2015, 1, 1), max_value=date(2024, 6, 1)),  # some future
    channel=st.sampled_from(CHANNELS),
    initiated_by=st.sampled_from(INITIATORS),
)
people_facts = st.dictionaries(st.integers(1, 60), st.lists(fact, max_size=12), max_size=8)


def interleaved(facts: dict[int, list[InteractionFact]], seed: int) -> list[tuple[int, int]]:
    order = [(pid, i) for pid, fs in facts.items() for i in range(len(fs))]
    rng = np.random.default_rng(seed)
    rng.shuffle(order)
    # restore each person's own order: summing in a different order could change the float
    by_person: dict[int, list[int]] = {}
    for pid, i in order:
        by_person.setdefault(pid, []).append(i)
    nth = {pid: iter(sorted(ix)) for pid, ix in by_person.items()}
    return [(pid, next(nth[pid])) for pid, _ in order]


@settings(max_examples=200, deadline=None)
@given(facts=people_facts, seed=st.integers(0, 1000))
def test_summaries_at_one_day_equal_the_pure_summaries(
    facts: dict[int, list[InteractionFact]], seed: int
) -> None:
    got = tie_summaries(columns(facts, interleaved(facts, seed)), NOW)
    for pid, mine in facts.items():
        expected = summarise(mine, NOW)
        if not mine:
            assert pid not in got  # no rows: the caller uses TieSummary(), the same thing
            assert expected == TieSummary()
            continue
        assert got[pid] == expected  # exact: same decays, added in the same order
        assert got[pid].activity == pytest.approx(expected.activity, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(
    facts=people_facts,
    days=st.dictionaries(st.integers(1, 60), st.dates(date(2016, 1, 1), date(2025, 1, 1))),
)
def test_summaries_at_a_day_per_person_cover_only_those_people(
    facts: dict[int, list[InteractionFact]], days: dict[int, date]
) -> None:
    order = [(pid, i) for pid, fs in facts.items() for i in range(len(fs))]
    got = tie_summaries(columns(facts, order), days)
    assert set(got) == {pid for pid in days if facts.get(pid)}
    for pid, summary in got.items():
        assert summary == summarise(facts[pid], days[pid])


def test_future_only_person_counts_as_logged_but_not_seen() -> None:
    later = [InteractionFact(NOW + timedelta(days=3), "call", "me")]
    got = tie_summaries(columns({7: later}, [(7, 0)]), NOW)[7]
    assert got == TieSummary(n_logged=1)
    assert got.days_since_last is None


def test_mutual_initiations_count_half_to_each_side() -> None:
    facts = {
        1: [
            InteractionFact(NOW - timedelta(days=5), "coffee", "mutual"),
            InteractionFact(NOW - timedelta(days=9), "coffee", "me"),
        ]
    }
    got = tie_summaries(columns(facts, [(1, 0), (1, 1)]), NOW)[1]
    assert (got.by_me, got.by_them) == (1.5, 0.5)


def test_channels_are_counted_trimmed_and_lower_case_within_the_year() -> None:
    facts = {
        1: [
            InteractionFact(NOW - timedelta(days=10), "email", "me"),
            InteractionFact(NOW - timedelta(days=20), "Email ", "me"),
            InteractionFact(NOW - timedelta(days=400), "call", "me"),
        ]
    }
    assert tie_summaries(columns(facts, [(1, 0), (1, 1), (1, 2)]), NOW)[1].n_channels == 1


def test_the_multiplexity_window_includes_its_365th_day() -> None:
    facts = {
        1: [
            InteractionFact(NOW - timedelta(days=365), "email", "me"),
            InteractionFact(NOW - timedelta(days=366), "call", "me"),
        ]
    }
    got = tie_summaries(columns(facts, [(1, 0), (1, 1)]), NOW)[1]
    assert got.n_channels == 1 == summarise(facts[1], NOW).n_channels


def test_unknown_initiator_is_refused_like_the_pure_path() -> None:
    rows = Rows(
        np.array([3]),
        np.array([NOW.toordinal()]),
        np.array([0]),
        np.array([len(INITIATORS)]),
        CHANNELS,
    )
    with pytest.raises(InvalidInput):
        tie_summaries(rows, NOW)


def test_unknown_initiator_after_now_is_ignored_like_the_pure_path() -> None:
    rows = Rows(
        np.array([3]),
        np.array([NOW.toordinal() + 1]),
        np.array([0]),
        np.array([len(INITIATORS)]),
        CHANNELS,
    )
    assert tie_summaries(rows, NOW)[3] == TieSummary(n_logged=1)


def test_sparse_large_ids_give_the_same_summaries() -> None:
    facts = {
        5: [InteractionFact(NOW, "call", "me")],
        10**12: [InteractionFact(NOW, "call", "them")],
    }
    got = tie_summaries(columns(facts, [(5, 0), (10**12, 0)]), NOW)
    assert got == {pid: summarise(fs, NOW) for pid, fs in facts.items()}


@given(facts=st.lists(fact, max_size=12), rating=st.none() | st.integers(1, 5))
def test_tie_strength_is_the_score_of_the_summary(
    facts: list[InteractionFact], rating: int | None
) -> None:
    evidence = TieEvidence(facts, known_since=date(2018, 3, 1), closeness=rating)
    assert tie_strength(evidence, NOW) == score_tie(summarise(facts, NOW), evidence, NOW)
