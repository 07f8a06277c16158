from datetime import date

from tiekeeper.domain.model import Interaction, Person
from tiekeeper.store.uow import Store


def test_search_is_accent_and_case_insensitive_and_matches_prefixes(store: Store) -> None:
    with store.uow() as uow:
        pid = uow.people.add(
            Person(
                "José Núñez",
                position="Staff Engineer",
                company="Société X",
                created_on=date(2026, 1, 1),
            )
        )
        uow.interactions.add(
            Interaction(date(2026, 2, 1), [pid], "call", summary="Budget", topics=["career change"])
        )
        uow.commit()
    with store.uow() as uow:
        # Interactions are found by who was there, too.
        assert {(h.kind, h.ref_id) for h in uow.search.query("jose")} == {
            ("person", pid),
            ("interaction", 1),
        }
        assert [h.kind for h in uow.search.query("NUNEZ engin")] == ["person"]
        assert {h.kind for h in uow.search.query("societe")} == {"person", "organization"}
        assert [h.kind for h in uow.search.query("career")] == ["interaction"]
        assert uow.search.query("nothing-like-this") == []
        assert uow.search.query("'\"*") == []


def test_editing_a_person_replaces_their_search_document(store: Store) -> None:
    with store.uow() as uow:
        p = Person("Ana", notes="likes sailing", created_on=date(2026, 1, 1))
        uow.people.add(p)
        p.notes = "likes climbing"
        uow.people.update(p)
        uow.commit()
    with store.uow() as uow:
        assert uow.search.query("sailing") == []
        assert [h.title for h in uow.search.query("climbing")] == ["Ana"]
