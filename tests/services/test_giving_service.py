from datetime import date, timedelta

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.giving import help_someone, introduce
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import Store

MON = date(2027, 1, 4)


def _people(store: Store) -> None:
    add_person(
        store.uow(), PersonChanges(name="Ana", needs="looking for a designer", closeness=4), MON
    )
    add_person(
        store.uow(), PersonChanges(name="Bo", position="Product Designer", company="Zeta"), MON
    )
    add_person(store.uow(), PersonChanges(name="Cy", needs="moving to Berlin", closeness=3), MON)
    add_person(store.uow(), PersonChanges(name="Di", location="Berlin"), MON)
    # Ana was contacted most recently, so her need comes first.
    log_interaction(store.uow(), LogRequest(["Ana"], when="2027-01-01"), MON)


def test_help_someone_proposes_an_introduction_to_a_contact_who_fits_the_need(
    store: Store,
) -> None:
    _people(store)
    h = help_someone(store.uow(), MON)
    assert h is not None and h.name == "Ana" and h.match is not None
    assert (
        h.reason == "needs: looking for a designer; introduce them to Bo, who is a Product "
        "Designer at Zeta"
    )


def test_the_pick_stands_for_the_week_and_is_never_repeated_the_next_week(store: Store) -> None:
    _people(store)
    picks = [help_someone(store.uow(), MON + timedelta(days=d)) for d in (0, 3, 7, 14, 21)]
    names = [p.name if p else None for p in picks]
    assert names == ["Ana", "Ana", "Cy", "Ana", "Cy"]
    assert names[2] != names[1]


def test_nobody_with_a_need_means_no_suggestion(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), MON)
    assert help_someone(store.uow(), MON) is None
    assert [i for i in today_agenda(store.uow(), MON).items if i.kind == "help"] == []


def test_a_need_without_a_matching_contact_still_gets_a_plain_suggestion(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana", needs="advice on pricing"), MON)
    h = help_someone(store.uow(), MON)
    assert h is not None and h.match is None and "ask how you can help" in h.reason


def test_today_shows_one_person_to_help_and_does_not_record_it(store: Store) -> None:
    _people(store)
    items = [i for i in today_agenda(store.uow(), MON).items if i.kind == "help"]
    assert [(i.person_name, i.minutes) for i in items] == [("Ana", 10)]
    assert "introduce them to Bo" in items[0].reason
    # Not recorded by the agenda: the week's pick is still free to be Ana.
    h = help_someone(store.uow(), MON)
    assert h is not None and h.name == "Ana"
    nxt = [i for i in today_agenda(store.uow(), MON + timedelta(days=7)).items if i.kind == "help"]
    assert [i.person_name for i in nxt] == ["Cy"]


def test_introducing_two_contacts_logs_it_with_both_and_adds_a_knows_edge(store: Store) -> None:
    _people(store)
    i = introduce(store.uow(), "Ana", "Bo", MON, note="design help", when="yesterday")
    assert i.interaction.channel == "introduction" and i.names == ("Ana", "Bo")
    assert i.interaction.occurred_on == MON - timedelta(days=1)
    shown = show_person(store.uow(), "Bo", MON).interactions[0]
    assert shown.summary == "design help" and shown.person_ids == [1, 2]
    assert (
        show_person(store.uow(), "Ana", MON).person.last_interaction_on == i.interaction.occurred_on
    )
    assert sorted((f.person_id, f.direction, f.kind) for f in shown.favours) == [
        (1, "given", "introduction"),
        (2, "given", "introduction"),
    ]
    with store.uow() as uow:
        edges = uow.repo(KnowsRepository).all()
    assert [(e.a, e.b, e.source) for e in edges] == [(1, 2, "introduction")]


def test_an_introduction_needs_two_different_known_people(store: Store) -> None:
    _people(store)
    with pytest.raises(InvalidInput, match="two different"):
        introduce(store.uow(), "Ana", "1", MON)
    with pytest.raises(NotFound):
        introduce(store.uow(), "Ana", "Zed", MON)
    assert len(show_person(store.uow(), "Ana", MON).interactions) == 1  # only the setup's


def test_contacts_for_several_need_words_come_from_one_statement(store: Store) -> None:
    """Every need word finds its people (at most the limit each, the newest), in one union."""
    from sqlalchemy import event

    from tiekeeper.store.giving import GivingQueries

    for name, interests in (("Ana", "climbing"), ("Bo", "python, climbing"), ("Cy", "pottery")):
        add_person(store.uow(), PersonChanges(name=name, interests=interests), MON)
    add_person(store.uow(), PersonChanges(name="Dee", working_on="python tooling"), MON)
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with store.uow() as uow:
        q = uow.repo(GivingQueries)
        names = uow.people.names(range(1, 10))
        seen.clear()
        found = q.people_mentioning(["climb", "pyth", "!!", "zither"], 20)
        assert len(seen) == 1
        assert {names[i] for i in found} == {"Ana", "Bo", "Dee"}
        assert {names[i] for i in q.people_mentioning(["climb", "pott"], 1)} == {"Bo", "Cy"}
        assert q.people_mentioning(["!!"], 20) == set()
