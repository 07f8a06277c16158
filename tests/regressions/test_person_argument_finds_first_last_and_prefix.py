"""Issue 10: a PERSON argument had to be the exact full name; "ana" or "Tanaka" found nobody and
the error offered nothing. Now a unique first name, last name or prefix resolves, and otherwise
the error names up to five candidates with ids, near misses (rapidfuzz) included."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.errors import Conflict, NotFound
from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.people import PersonChanges, add_person, resolve, same_name
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def _people(store: Store, *names: str) -> dict[str, int]:
    ids = {}
    for name in names:
        p = add_person(store.uow(), PersonChanges(name=name), TODAY)
        assert p.id is not None
        ids[name] = p.id
    return ids


def test_a_unique_first_name_last_name_or_prefix_resolves(store: Store) -> None:
    ids = _people(store, "Ana Lima", "Anabel Souza", "Yuki Tanaka", "Bo Chen")
    with store.uow() as uow:
        assert resolve(uow, "ana") == ids["Ana Lima"]  # a whole first name beats a prefix
        assert resolve(uow, "Tanaka") == ids["Yuki Tanaka"]
        assert resolve(uow, "Ana Lim") == ids["Ana Lima"]
        assert resolve(uow, "anab") == ids["Anabel Souza"]
        assert resolve(uow, "yuki t") == ids["Yuki Tanaka"]
        assert resolve(uow, "CHÉN") == ids["Bo Chen"]


def test_an_ambiguous_part_lists_at_most_five_candidates_with_ids(store: Store) -> None:
    ids = _people(store, *(f"Ana Lima {n}" for n in range(7)))
    with store.uow() as uow, pytest.raises(Conflict) as err:
        resolve(uow, "ana")
    text = str(err.value)
    assert text.startswith("'ana' matches 7 people: ")
    assert all(f"#{ids[f'Ana Lima {n}']} Ana Lima {n}" in text for n in range(5))
    assert "Ana Lima 5" not in text and "and 2 more" in text


def test_a_near_miss_suggests_the_closest_names(store: Store) -> None:
    ids = _people(store, "Ana Lima", "Ana Lyma", "Yuki Tanaka", "Bo Chen")
    with store.uow() as uow:
        with pytest.raises(NotFound) as err:
            resolve(uow, "Ana Lma")
        assert str(err.value) == (
            f"no person matches 'Ana Lma'; did you mean #{ids['Ana Lima']} Ana Lima, "
            f"#{ids['Ana Lyma']} Ana Lyma?"
        )
        with pytest.raises(NotFound, match=rf"did you mean #{ids['Yuki Tanaka']} Yuki Tanaka\?$"):
            resolve(uow, "tanka")
        with pytest.raises(NotFound) as err:
            resolve(uow, "Nobody")
        assert str(err.value) == "no person matches 'Nobody'"


def test_an_event_capture_still_creates_a_new_person_for_a_new_name(store: Store) -> None:
    """A new "Bo" met at an event is not the known "Bo Chen": capture matches exact names."""
    ids = _people(store, "Bo Chen")
    add_event(store.uow(), "Data Summit", TODAY.isoformat(), TODAY)
    c = met_at_event(store.uow(), "Data Summit", "Bo", PersonChanges(), TODAY)
    assert c.is_new and c.person.id != ids["Bo Chen"]


def test_same_name_names_the_people_already_there(store: Store) -> None:
    ids = _people(store, "Ana Lima", "Bo Chen")
    twin = add_person(store.uow(), PersonChanges(name="ANA  LIMA"), TODAY)
    assert [p.id for p in same_name(store.uow(), twin)] == [ids["Ana Lima"]]
