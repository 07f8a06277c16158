"""Editing can take away what was added: an e-mail, a phone, the network type, the rating."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.people import PersonChanges, add_person, edit_person, show_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def ana(store: Store) -> str:
    p = add_person(store.uow(), PersonChanges(
        name="Ana Lima", emails=["ana@old.example", "ana@new.example"], phones=["+49 30 1234"],
        network_type="strategic", closeness=4), TODAY)  # fmt: skip
    return str(p.id)


def test_an_e_mail_and_a_phone_can_be_removed(store: Store) -> None:
    pid = ana(store)
    p = edit_person(store.uow(), pid, PersonChanges(remove_emails=["ANA@old.example"],
                    remove_phones=["+4930 1234"]), TODAY)  # fmt: skip
    assert (p.emails, p.phones) == (["ana@new.example"], [])
    # and the old address no longer finds her
    with pytest.raises(NotFound):
        show_person(store.uow(), "ana@old.example", TODAY)


def test_removing_what_they_do_not_have_is_refused_and_changes_nothing(store: Store) -> None:
    pid = ana(store)
    with pytest.raises(InvalidInput, match="remove-email") as err:
        edit_person(store.uow(), pid, PersonChanges(company="Acme",
                    remove_emails=["bo@example.com"]), TODAY)  # fmt: skip
    assert "ana@old.example" in str(err.value)  # says what they do have
    p = show_person(store.uow(), pid, TODAY).person
    assert p.company is None and len(p.emails) == 2


def test_network_type_and_closeness_can_be_cleared(store: Store) -> None:
    pid = ana(store)
    p = edit_person(store.uow(), pid, PersonChanges(network_type="none", closeness=0), TODAY)
    assert (p.network_type, p.closeness) == (None, None)
    p = edit_person(store.uow(), pid, PersonChanges(network_type="personal", closeness=2), TODAY)
    assert (p.network_type, p.closeness) == ("personal", 2)
