from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.jobs import DEFAULT_QUESTIONS
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.jobs import (
    add_target,
    list_targets,
    log_interview,
    questions,
    remove_target,
)
from tiekeeper.services.people import PersonChanges, add_person, show_person
from tiekeeper.store.knows import KnowsRepository
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def person(store: Store, name: str, **kw: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def knows(store: Store, a: int, b: int) -> None:
    with store.uow() as uow:
        uow.repo(KnowsRepository).add(a, b, 1, "entered", TODAY)
        uow.commit()


def test_a_target_is_found_by_name_ignoring_case_and_accents(store: Store) -> None:
    pid = person(store, "Ana", company="Société Générale")
    org = add_target(store.uow(), "societe generale", "fintech", None)
    assert org.name == "Société Générale" and org.is_target and org.why == "fintech"
    [view] = list_targets(store.uow(), TODAY)
    assert [c.person_id for c in view.people] == [pid]


def test_adding_a_target_again_updates_it_without_a_duplicate(store: Store) -> None:
    add_target(store.uow(), "Acme", "design", None)
    add_target(store.uow(), "ACME", None, "software")
    [view] = list_targets(store.uow(), TODAY)
    assert (view.organization.why, view.organization.industry) == ("design", "software")


def test_removing_a_target_keeps_the_company_and_its_people(store: Store) -> None:
    person(store, "Ana", company="Acme")
    add_target(store.uow(), "Acme", None, None)
    remove_target(store.uow(), "acme")
    assert list_targets(store.uow(), TODAY) == []
    assert show_person(store.uow(), "Ana", TODAY).person.company == "Acme"
    with pytest.raises(NotFound, match="not a target"):
        remove_target(store.uow(), "Acme")
    with pytest.raises(NotFound, match="no organization"):
        remove_target(store.uow(), "Nowhere")


def test_people_there_are_ranked_by_tie_strength_and_nobody_known_is_dropped(
    store: Store,
) -> None:
    far = person(store, "Far", company="Acme", closeness=1)
    close = person(store, "Close", company="Acme", closeness=5)
    recent = person(store, "Recent", company="Acme", closeness=1)
    log_interaction(store.uow(), LogRequest(["Recent"], when="2026-11-20"), TODAY)
    add_target(store.uow(), "Acme", None, None)
    [view] = list_targets(store.uow(), TODAY)
    # INSIGHTS.md 3: rated 5 never talked = K .40 of .75 (R = F = 0) = 0.533333; rated 1 and
    # talked 6 days ago = 0.2487; rated 1 never talked = 0, still someone you know there
    assert [c.person_id for c in view.people] == [close, recent, far]
    assert [c.score for c in view.people] == [0.5333, 0.2487, 0.0]
    assert [c.label for c in view.people] == ["latent", "weak", "latent"]


def test_two_hop_paths_go_through_a_contact_who_knows_someone_there(store: Store) -> None:
    inside = person(store, "Inside", company="Acme", closeness=2)
    friend = person(store, "Friend", company="Elsewhere", closeness=5)
    weak = person(store, "Weak", closeness=1)
    log_interaction(store.uow(), LogRequest(["Weak"], when="2026-01-01"), TODAY)
    colleague = person(store, "Colleague", company="Acme")
    knows(store, friend, inside)
    knows(store, weak, inside)
    knows(store, colleague, inside)  # a colleague is a direct way in, not a two-hop path
    add_target(store.uow(), "Acme", None, None)
    [view] = list_targets(store.uow(), TODAY)
    assert [(p.via.person_id, p.target.person_id) for p in view.paths] == [
        (friend, inside),
        (weak, inside),
    ]
    # your tie to Friend (0.533333) x how well Friend knows Inside (strength 1 of 5)
    assert view.paths[0].strength == pytest.approx(0.1067, abs=1e-4)
    assert {c.person_id for c in view.people} == {inside, colleague}


def test_a_target_nobody_knows_has_no_paths(store: Store) -> None:
    person(store, "Ana", company="Other")
    add_target(store.uow(), "Initech", None, None)
    [view] = list_targets(store.uow(), TODAY)
    assert view.people == [] and view.paths == []


def test_a_blank_target_name_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput, match="org"):
        add_target(store.uow(), "  ", None, None)


def test_questions_start_with_good_defaults_and_keep_changes(store: Store) -> None:
    assert questions(store.uow()) == list(DEFAULT_QUESTIONS)
    questions(store.uow(), add="What surprised you most?")
    questions(store.uow(), remove=1)
    got = questions(store.uow())
    assert got[0] == DEFAULT_QUESTIONS[1]
    assert got[-1] == "What surprised you most?"


def test_a_bad_question_change_leaves_the_list_as_it_was(store: Store) -> None:
    questions(store.uow(), add="Q?")
    before = questions(store.uow())
    with pytest.raises(InvalidInput):
        questions(store.uow(), add="Another?", remove=99)
    assert questions(store.uow()) == before


def test_an_interview_is_logged_with_its_channel_and_returns_the_questions(store: Store) -> None:
    person(store, "Ana", cadence="monthly")
    done = log_interview(store.uow(), "ana", TODAY, "yesterday", "hiring plans", ["roadmap"])
    assert done.interaction.channel == "informational-interview"
    assert done.questions == list(DEFAULT_QUESTIONS)
    view = show_person(store.uow(), "Ana", TODAY)
    assert [(i.channel, i.summary, i.topics) for i in view.interactions] == [
        ("informational-interview", "hiring plans", ["roadmap"])
    ]
    assert view.person.last_interaction_on == date(2026, 11, 25)


def test_an_interview_with_nobody_known_logs_nothing(store: Store) -> None:
    with pytest.raises(NotFound):
        log_interview(store.uow(), "Nobody", TODAY)
    with store.uow() as uow:
        assert uow.interactions.count() == 0
