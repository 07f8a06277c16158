"""Regression: `edit --name` stored the name as typed (spaces and all); only new people had their
name normalised, so the stored name and its search title could differ after a reload."""

from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def test_an_edited_name_is_stored_without_stray_spaces(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana"), TODAY)
    p = edit_person(store.uow(), "Ana", PersonChanges(name="  Ana   Lima "), TODAY)
    assert p.name == "Ana Lima"
    with store.uow() as uow:
        assert [h.title for h in uow.search.query("lima")] == ["Ana Lima"]
    with pytest.raises(InvalidInput, match="name"):
        edit_person(store.uow(), "Ana Lima", PersonChanges(name="   "), TODAY)
