"""Who knows whom (entered and inferred), diversity, paths, brokerage and the Today agenda's
reconnect pick, on both backends, with hand-derived expected values."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.insights.data import load_edges, load_ties
from tiekeeper.services.insights.network import paths_to, set_knows
from tiekeeper.services.insights.report import network_insights
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.analytics import AnalyticsQueries
from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.uow import Store

NOW = date(2024, 1, 1)


def person(store: Store, name: str, **kw: object) -> None:
    add_person(store.uow(), PersonChanges(name=name, **kw), NOW)  # type: ignore[arg-type]


def log(store: Store, name: str, when: str, channel: str = "email", by: str = "me") -> None:
    log_interaction(store.uow(), LogRequest([name], when=when, channel=channel, by=by), NOW)


def set_profile(store: Store, **fields: object) -> None:
    with store.uow() as uow:
        uow.repo(ProfileRepository).upsert(**fields)
        uow.commit()


def edges(store: Store) -> dict[tuple[str, str], tuple[tuple[str, ...], bool, float]]:
    with store.uow() as uow:
        found = load_edges(uow, uow.repo(AnalyticsQueries).people())
        names = uow.people.names({x for e in found for x in (e.a, e.b)})
    return {
        tuple(sorted((names[e.a], names[e.b]))): (e.sources, e.inferred, e.weight)  # type: ignore[misc]
        for e in found
    }


@pytest.fixture
def small(store: Store) -> Store:
    """Ana (case A) knows Bo (case B, entered, strength 5); Ana introduced Dee; Ana and Eve
    both work at Acme."""
    person(store, "Ana", connected="2019-01-01", closeness=4, company="Acme")
    log(store, "Ana", "2023-12-02", "coffee", "me")
    log(store, "Ana", "2023-10-03", "call", "them")
    person(store, "Bo", connected="2023-01-01")
    for day in ("2023-12-02", "2023-11-02", "2023-10-03", "2023-09-03", "2023-08-04", "2023-07-05"):
        log(store, "Bo", day, "email", "me")
    person(store, "Dee", introduced_by="Ana")
    person(store, "Eve", company="Acme")
    set_knows(store.uow(), "Ana", "Bo", 5, False, NOW)
    return store


def test_entered_edges_are_stored_and_inferred_ones_are_marked_inferred(small: Store) -> None:
    assert edges(small) == {
        ("Ana", "Bo"): (("entered",), False, 1.0),
        ("Ana", "Dee"): (("introduced",), True, 0.6),
        ("Ana", "Eve"): (("same-company",), True, 0.4),
    }
    with small.uow() as uow:  # only the entered edge is a row in the database
        assert uow.repo(AnalyticsQueries).knows_edges() == [(1, 2, 5, "entered")]


def test_an_entered_edge_keeps_the_users_weight_over_an_inferred_one(small: Store) -> None:
    set_knows(small.uow(), "Eve", "Ana", 1, False, NOW)
    assert edges(small)[("Ana", "Eve")] == (("entered", "same-company"), False, 0.2)


def test_knows_can_be_removed_and_refuses_bad_input(small: Store) -> None:
    set_knows(small.uow(), "Bo", "Ana", None, True, NOW)
    assert ("Ana", "Bo") not in edges(small)
    with pytest.raises(NotFound):
        set_knows(small.uow(), "Bo", "Ana", None, True, NOW)
    with pytest.raises(InvalidInput, match="strength"):
        set_knows(small.uow(), "Bo", "Ana", 6, False, NOW)
    with pytest.raises(InvalidInput, match="themselves"):
        set_knows(small.uow(), "Bo", "Bo", 2, False, NOW)
    assert ("Ana", "Bo") not in edges(small)


def test_paths_rank_a_strong_intermediary_above_a_weaker_direct_tie(small: Store) -> None:
    result = paths_to(small.uow(), "Bo", NOW)
    got = [(p.via and result.names[p.via], round(p.strength, 6)) for p in result.paths]
    assert result.kind == "person"
    assert got == [("Ana", 0.695501), (None, 0.504104)]


def test_paths_to_a_company_go_through_inferred_colleagues(small: Store) -> None:
    result = paths_to(small.uow(), "acme", NOW)
    assert result.kind == "company"
    # Ana directly (0.695501) or through Bo (0.504104 x 1); Eve only through Ana
    # (0.695501 x 0.4): Eve's own tie has no evidence at all
    got = [
        (result.names[p.target], p.via and result.names[p.via], round(p.strength, 6))
        for p in result.paths
    ]
    assert got == [("Ana", None, 0.695501), ("Ana", "Bo", 0.504104), ("Eve", "Ana", 0.2782)]
    assert result.inferred == {(2, 1): False, (1, 4): True}


def test_paths_to_nothing_known_is_not_found(small: Store) -> None:
    with pytest.raises(NotFound, match="no person, company or industry"):
        paths_to(small.uow(), "Globex", NOW)


def test_brokerage_of_the_small_network(small: Store) -> None:
    ins = network_insights(small.uow(), NOW)
    # 4 contacts, 3 ties all at Ana (a star inside the ego network)
    assert ins.ego.n_contacts == 4 and ins.ego.n_ties_among_contacts == 3
    assert ins.ego.density == pytest.approx(0.5)
    # Bo, Dee, Eve are pairwise unconnected except through Ana and ego: 3 pairs, 2 paths each
    assert ins.ego.ego_betweenness == pytest.approx(1.5)
    # Dee and Eve were never talked to: not yet in touch, not weak
    split = ins.split
    assert (split.strong, split.weak, split.dormant, split.latent) == (1, 1, 0, 2)


def test_diversity_matches_the_worked_example_against_the_profile(store: Store) -> None:
    set_profile(store, industry="Tech")
    for i, industry in enumerate(["Tech"] * 6 + ["Finance"] * 2 + ["Health", "Education"]):
        person(store, f"P{i}", industry=industry)
    d = network_insights(store.uow(), NOW).diversity
    ind = d.all_contacts["industry"]
    assert ind.blau == pytest.approx(0.58)
    assert ind.same_as_user == pytest.approx(0.6)
    assert ind.ei_index == pytest.approx(-0.2)
    assert d.has_profile


def test_without_a_profile_same_as_you_is_unknown(small: Store) -> None:
    d = network_insights(small.uow(), NOW).diversity
    assert not d.has_profile
    assert d.all_contacts["company"].same_as_user is None
    assert d.all_contacts["company"].coverage == pytest.approx(0.5)


def test_self_introduced_key_contacts_raise_the_uzzi_dunlap_flag(small: Store) -> None:
    flags = {f.key for f in network_insights(small.uow(), NOW).echo}
    assert "self_introduced" in flags  # Ana, the one key contact, was not introduced


def test_today_reconnect_prefers_novelty_over_comfort(store: Store) -> None:
    set_profile(
        store,
        industry="Tech",
        function="Product",
        location="Berlin",
        generation="Millennial",
        seniority="mid",
    )
    person(
        store,
        "Comfy",
        closeness=4,
        industry="Tech",
        function="Product",
        location="Berlin",
        generation="Millennial",
        seniority="mid",
    )
    for day in range(1, 9):
        log(store, "Comfy", f"2019-06-0{day}")
    person(
        store,
        "Novel",
        closeness=3,
        industry="Finance",
        function="Sales",
        location="Lisbon",
        generation="Gen X",
        seniority="director",
    )
    log(store, "Novel", "2020-01-01")
    items = [i for i in today_agenda(store.uow(), NOW, 60).items if i.kind == "reconnect"]
    assert [i.person_name for i in items] == ["Novel"]  # the old rule picked the closer Comfy
    assert "they are more senior than you" in items[0].reason
    assert "their field or place differs from yours" in items[0].reason


def test_load_ties_of_given_ids_only(small: Store) -> None:
    with small.uow() as uow:
        assert list(load_ties(uow, NOW, [2])) == [2]
