"""Tie strength, reconnect and giving through the services, on both backends, against the worked
examples of INSIGHTS.md (now = 2024-01-01)."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.insights.ties import explain_tie, reconnect
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

NOW = date(2024, 1, 1)


def person(store: Store, name: str, **kw: object) -> None:
    add_person(store.uow(), PersonChanges(name=name, **kw), NOW)  # type: ignore[arg-type]


def log(
    store: Store, name: str, when: str, channel: str = "email", by: str = "me", **kw: object
) -> None:
    req = LogRequest([name], when=when, channel=channel, by=by, **kw)  # type: ignore[arg-type]
    log_interaction(store.uow(), req, NOW)


@pytest.fixture
def network(store: Store) -> Store:
    """Cases A, B and C of INSIGHTS.md section 3."""
    person(store, "Ana", connected="2019-01-01", closeness=4)
    log(store, "Ana", "2023-12-02", "coffee", "me")
    log(store, "Ana", "2023-10-03", "call", "them")
    person(store, "Bo", connected="2023-01-01")
    for day in ("2023-12-02", "2023-11-02", "2023-10-03", "2023-09-03", "2023-08-04", "2023-07-05"):
        log(store, "Bo", day, "email", "me")
    person(store, "Cy", closeness=5)
    log(store, "Cy", "2020-01-02", "coffee", "me", topics=["sailing"])
    return store


def test_tie_strength_matches_worked_examples_a_b_c(network: Store) -> None:
    got = {n: explain_tie(network.uow(), n, NOW).tie.strength for n in ("Ana", "Bo", "Cy")}
    assert got["Ana"].score == pytest.approx(0.695501, abs=1e-6)
    assert got["Ana"].label == "strong"
    assert got["Bo"].score == pytest.approx(0.504104, abs=1e-6)
    assert (got["Bo"].label, got["Bo"].low_confidence) == ("weak", True)
    assert got["Cy"].score == pytest.approx(0.542108, abs=1e-6)
    assert got["Cy"].label == "dormant"


def test_a_tie_explained_lists_its_reasons_and_last_topics(network: Store) -> None:
    x = explain_tie(network.uow(), "Cy", NOW)
    assert "you rated closeness 5 of 5" in x.tie.strength.reasons
    assert x.last_topics == ["sailing"]
    assert x.tie.active is False


def test_the_date_decides_the_tie_so_results_are_reproducible(network: Store) -> None:
    before = explain_tie(network.uow(), "Ana", date(2023, 10, 3)).tie
    assert before.n_interactions == 1  # the coffee on 2023-12-02 had not happened yet
    assert before.strength.days_since_last == 0


def test_explaining_an_unknown_person_is_not_found(network: Store) -> None:
    with pytest.raises(NotFound):
        explain_tie(network.uow(), "Nobody", NOW)


def test_reconnect_suggests_only_dormant_ties_with_topics(network: Store) -> None:
    ranked = reconnect(network.uow(), NOW, 10)
    assert [t.person.name for t, _ in ranked] == ["Cy"]
    suggestion = ranked[0][1]
    assert suggestion.dormant_days == 1460
    assert suggestion.last_topics == ("sailing",)
    assert any("pick up where you left off: sailing" in r for r in suggestion.reasons)


def test_giving_balance_matches_the_worked_example(store: Store) -> None:
    person(store, "Fay")
    log(store, "Fay", "2024-01-01", gave=["advice"])
    log(store, "Fay", "2024-01-01", gave=["introduction"])
    log(store, "Fay", "2023-01-01", gave=["advice"])
    log(store, "Fay", "2022-01-01", received=["advice"])
    g = explain_tie(store.uow(), "Fay", NOW).giving
    assert g is not None
    assert g.given == pytest.approx(2.707107, abs=1e-6)
    assert g.received == pytest.approx(0.5)
    assert g.share == pytest.approx(0.711932, abs=1e-6)
    assert g.over_give and not g.owe_thank_you
