"""The user's several addresses: `me --email` is repeatable and imports know the user by them."""

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.my_addresses import my_addresses
from tiekeeper.services.profile import my_emails, update_profile
from tiekeeper.store.uow import Store


def addresses(store: Store) -> set[str]:
    with store.uow() as uow:
        return my_addresses(uow)


def test_no_profile_means_no_addresses(store: Store) -> None:
    assert addresses(store) == set() and my_emails(store.uow()) == []


def test_the_profile_email_stays_first_and_more_are_added(store: Store) -> None:
    update_profile(store.uow(), name="Zoë", email="zoe@example.com")
    p = update_profile(store.uow(), add_emails=["Zoe@Work.example", "zoe@example.com"])
    assert p.email == "zoe@example.com"
    update_profile(store.uow(), add_emails=["z@home.example"])
    assert my_emails(store.uow()) == ["zoe@example.com", "z@home.example", "zoe@work.example"]
    assert addresses(store) == {"zoe@example.com", "z@home.example", "zoe@work.example"}


def test_the_first_address_given_becomes_the_profile_email_when_there_is_none(
    store: Store,
) -> None:
    p = update_profile(store.uow(), add_emails=["b@example.com", "a@example.com"])
    assert p.email == "b@example.com"
    assert my_emails(store.uow()) == ["b@example.com", "a@example.com"]


def test_removing_the_main_address_moves_the_next_one_up(store: Store) -> None:
    update_profile(store.uow(), add_emails=["a@example.com", "b@example.com", "c@example.com"])
    p = update_profile(store.uow(), remove_emails=["A@example.com"])
    assert p.email == "b@example.com"
    assert my_emails(store.uow()) == ["b@example.com", "c@example.com"]
    update_profile(store.uow(), remove_emails=["c@example.com", "nobody@example.com"])
    assert my_emails(store.uow()) == ["b@example.com"]


def test_an_empty_address_clears_them_all(store: Store) -> None:
    update_profile(store.uow(), name="Zoë", add_emails=["a@example.com", "b@example.com"])
    p = update_profile(store.uow(), add_emails=[""])
    assert p.email is None and p.name == "Zoë" and addresses(store) == set()


def test_a_bad_address_changes_nothing(store: Store) -> None:
    update_profile(store.uow(), add_emails=["a@example.com"])
    with pytest.raises(InvalidInput, match="email"):
        update_profile(store.uow(), name="New", add_emails=["b@example.com", "nope"])
    assert my_emails(store.uow()) == ["a@example.com"]


def test_setting_the_main_email_to_an_extra_one_lists_it_once(store: Store) -> None:
    update_profile(store.uow(), add_emails=["a@example.com", "b@example.com"])
    update_profile(store.uow(), email="b@example.com")
    assert my_emails(store.uow()) == ["b@example.com"]
