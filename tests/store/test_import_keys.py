"""The stable keys of history imports: what was imported, what it became, whether it was edited."""

from datetime import UTC, date, datetime

import pytest

from tiekeeper.domain.model import Interaction, Person
from tiekeeper.store.import_keys import ImportedKey, ImportKeyRepository, fingerprint
from tiekeeper.store.uow import Store

AT = datetime(2026, 5, 1, tzinfo=UTC)


def _logged(store: Store) -> tuple[int, Interaction]:
    with store.uow() as uow:
        pid = uow.people.add(Person(name="Ana", created_on=date(2026, 1, 1)))
        ix = Interaction(date(2026, 4, 1), [pid], "video", summary="Sync")
        ix.id = uow.interactions.add(ix)
        uow.repo(ImportKeyRepository).record(
            "calendar", {"k1": ImportedKey(ix.id, fingerprint(ix))}, AT
        )
        uow.commit()
    return pid, ix


def test_a_recorded_key_is_found_with_its_interaction_and_is_not_edited(store: Store) -> None:
    _, ix = _logged(store)
    with store.uow() as uow:
        keys = uow.repo(ImportKeyRepository)
        known = keys.lookup("calendar", ["k1", "k2"])
        assert known == {"k1": ImportedKey(ix.id, fingerprint(ix))}
        assert keys.lookup("mail", ["k1"]) == {}
        assert keys.edited(known) == set()


def test_an_edited_interaction_is_reported_edited(store: Store) -> None:
    _logged(store)
    with store.uow() as uow:
        uow.conn.exec_driver_sql("UPDATE interactions SET summary = 'Mine now'")
        keys = uow.repo(ImportKeyRepository)
        assert keys.edited(keys.lookup("calendar", ["k1"])) == {"k1"}


def test_a_deleted_interaction_keeps_its_key_without_an_interaction(store: Store) -> None:
    _, ix = _logged(store)
    with store.uow() as uow:
        uow.conn.exec_driver_sql(f"DELETE FROM interactions WHERE id = {ix.id}")
        keys = uow.repo(ImportKeyRepository)
        known = keys.lookup("calendar", ["k1"])
        assert known["k1"].interaction_id is None and keys.edited(known) == set()


def test_recording_a_key_again_replaces_it(store: Store) -> None:
    _logged(store)
    with store.uow() as uow:
        keys = uow.repo(ImportKeyRepository)
        keys.record("calendar", {"k1": ImportedKey(None, "x" * 64)}, AT)
        assert keys.lookup("calendar", ["k1"]) == {"k1": ImportedKey(None, "x" * 64)}
        with pytest.raises(ValueError):
            keys.record("phone", {"k": ImportedKey(None, "x")}, AT)


def test_the_fingerprint_sees_every_field_a_user_can_change() -> None:
    base = Interaction(date(2026, 4, 1), [2, 1], "video", summary="Sync")
    fp = fingerprint(base)
    assert fp == fingerprint(Interaction(date(2026, 4, 1), [1, 2], "video", summary="Sync"))
    for changed in (
        Interaction(date(2026, 4, 2), [1, 2], "video", summary="Sync"),
        Interaction(date(2026, 4, 1), [1], "video", summary="Sync"),
        Interaction(date(2026, 4, 1), [1, 2], "call", summary="Sync"),
        Interaction(date(2026, 4, 1), [1, 2], "video", summary="Sync", topics=["x"]),
        Interaction(date(2026, 4, 1), [1, 2], "video", "them", summary="Sync"),
    ):
        assert fingerprint(changed) != fp
