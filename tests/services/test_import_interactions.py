"""LinkedIn messages and invitations become interactions, once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tiekeeper.domain.model import Interaction
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import list_people
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
LINKEDIN = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "linkedin_export"


def history(store: Store) -> dict[str, list[Interaction]]:
    with store.uow() as uow:
        return {
            p.name: uow.interactions.for_person(p.id, limit=50)
            for p in uow.people.find(PersonFilter())
            if p.id is not None
        }


def test_messages_give_one_interaction_per_conversation_per_day_with_who_started(
    store: Store,
) -> None:
    s = import_file(store.uow(), LINKEDIN, TODAY)
    assert s.interactions_created == 5
    ana = sorted(history(store)["Ana Lima"], key=lambda i: i.occurred_on)
    assert [(i.occurred_on, i.channel, i.initiated_by) for i in ana] == [
        (date(2025, 2, 11), "message", "them"),
        (date(2025, 2, 12), "message", "me"),
    ]
    assert ana[0].summary == "Hi Sam, coffee next week?"


def test_a_group_conversation_is_one_interaction_with_everyone_in_it(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    shown = history(store)
    [kickoff] = shown["Bo Chen"]
    assert kickoff.summary == "Kick-off" and len(kickoff.person_ids) == 2
    assert shown["Carla Diaz"][0].id == kickoff.id


def test_invitations_are_interactions_in_the_direction_they_were_sent(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    [invite] = history(store)["Dev Patel"]
    assert (invite.channel, invite.initiated_by, invite.occurred_on) == (
        "invitation",
        "me",
        date(2024, 6, 14),
    )


def test_someone_you_only_messaged_becomes_a_person(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    [eve] = [p for p in list_people(store.uow()) if p.name == "Eve Stranger"]
    assert eve.linkedin_url == "https://www.linkedin.com/in/eve-stranger"
    assert eve.last_interaction_on == date(2025, 3, 3)


def test_conversations_with_hidden_members_only_are_skipped(store: Store) -> None:
    s = import_file(store.uow(), LINKEDIN, TODAY)
    assert any("hidden members only" in x.reason for x in s.skipped)
    assert "LinkedIn Member" not in history(store)


def test_reimporting_messages_skips_what_is_already_logged(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    s = import_file(store.uow(), LINKEDIN / "messages.csv", TODAY)
    assert (s.interactions_created, s.interactions_skipped, s.created) == (0, 4, 0)
    with store.uow() as uow:
        assert uow.interactions.count() == 5


def test_last_interaction_and_checkin_follow_the_imported_history(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    [ana] = [p for p in list_people(store.uow()) if p.name == "Ana Lima"]
    assert ana.last_interaction_on == date(2025, 2, 12)
