"""Issue 10: `target list` and `paths` ranked the same route with different scores (0.90 vs 0.13
via the same person): target list used a stand-in score (half closeness, half recency) and the raw
1-5 edge strength, paths the tie strength of INSIGHTS.md 3 and strength / 5. One scale now."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.services.insights.network import paths_to, set_knows
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.jobs import add_target, list_targets
from tiekeeper.services.opportunities import add_opportunity
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def person(store: Store, name: str, **kw: object) -> None:
    add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]


@pytest.fixture
def network(store: Store) -> Store:
    person(store, "Ivy Inside", company="Nimbus", closeness=2)
    person(store, "Rae Rated", company="Nimbus", closeness=5)  # rated, never talked to
    person(store, "Tom Talked", company="Nimbus")
    log_interaction(store.uow(), LogRequest(["Tom Talked"], when="2026-11-20"), TODAY)
    person(store, "Fay Friend", company="Elsewhere", closeness=5)
    log_interaction(store.uow(), LogRequest(["Fay Friend"], when="2023-01-10"), TODAY)
    set_knows(store.uow(), "Fay Friend", "Ivy Inside", 3, False, TODAY)
    add_target(store.uow(), "Nimbus", None, None)
    return store


def test_the_same_route_has_the_same_score_in_target_list_and_paths(network: Store) -> None:
    [view] = list_targets(network.uow(), TODAY)
    paths = paths_to(network.uow(), "Nimbus", TODAY)
    by_route = {(p.via, p.target): round(p.strength, 4) for p in paths.paths}
    ids = {name: pid for pid, name in paths.names.items()}
    [hop] = view.paths
    assert (hop.via.name, hop.target.name) == ("Fay Friend", "Ivy Inside")
    assert hop.strength == by_route[(ids["Fay Friend"], ids["Ivy Inside"])]
    # the knows edge of strength 3 counts 3/5 in both, not as a full 1
    assert hop.strength == pytest.approx(hop.via.score * 0.6, abs=1e-4)
    for c in view.people:
        assert c.score == by_route[(None, c.person_id)], c.name


def test_people_there_are_in_the_same_order_as_paths_direct_ties(network: Store) -> None:
    [view] = list_targets(network.uow(), TODAY)
    paths = paths_to(network.uow(), "Nimbus", TODAY)
    direct = [paths.names[p.target] for p in paths.paths if p.via is None]
    assert [c.name for c in view.people] == direct


def test_the_opportunity_next_step_goes_to_the_best_tie_on_that_scale(network: Store) -> None:
    paths = paths_to(network.uow(), "Nimbus", TODAY)
    best = next(p.target for p in paths.paths if p.via is None)
    view = add_opportunity(network.uow(), "Nimbus", "Staff Engineer", TODAY, next_text="ask")
    assert view.reminder is not None and view.reminder.person_id == best
