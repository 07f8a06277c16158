import pytest
import vobject

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.services.profile import (
    business_card,
    get_profile,
    pitch_check,
    qr_image,
    set_pitch,
    update_profile,
)
from tiekeeper.store.uow import Store


def test_the_profile_is_empty_until_set_and_fields_change_one_at_a_time(store: Store) -> None:
    assert get_profile(store.uow()).is_empty()
    update_profile(store.uow(), name="Zoë  Example", email="Zoe@Example.com", position="Engineer")
    p = update_profile(store.uow(), company="Acme", position="")
    assert (p.name, p.email, p.company, p.position) == (
        "Zoë Example",
        "zoe@example.com",
        "Acme",
        None,
    )


def test_bad_profile_values_name_the_field_and_change_nothing(store: Store) -> None:
    update_profile(store.uow(), name="Zoë")
    with pytest.raises(InvalidInput, match="email"):
        update_profile(store.uow(), email="nope", company="Acme")
    with pytest.raises(InvalidInput, match="linkedin"):
        update_profile(store.uow(), linkedin_url="ftp://x")
    with pytest.raises(InvalidInput, match="name"):
        update_profile(store.uow(), name="  ")
    assert get_profile(store.uow()).company is None


def test_the_saved_pitch_is_checked_against_the_profile(store: Store) -> None:
    with pytest.raises(NotFound, match="pitch"):
        pitch_check(store.uow())
    update_profile(store.uow(), name="Zoë", position="Data Engineer")
    _, check = set_pitch(store.uow(), "Data pipelines are my craft; looking for climate teams.")
    assert check.says_what_you_do and check.says_what_you_want
    text, again = pitch_check(store.uow())
    assert text.startswith("Data pipelines") and again == check
    _, other = pitch_check(store.uow(), "Hi")
    assert len(other.warnings) == 2
    with pytest.raises(InvalidInput, match="pitch"):
        set_pitch(store.uow(), "  ")


def test_the_card_keeps_one_uid_across_profile_changes(store: Store) -> None:
    with pytest.raises(NotFound, match="profile"):
        business_card(store.uow())
    update_profile(store.uow(), name="Zoë Example", email="zoe@example.com")
    first = business_card(store.uow())
    update_profile(store.uow(), company="Acme")
    second = business_card(store.uow())
    assert first.uid == second.uid
    card = vobject.readOne(second.vcard)
    assert card.uid.value == first.uid and card.org.value == ["Acme"]
    assert qr_image(second.vcard, "PNG").startswith(b"\x89PNG")
    with pytest.raises(InvalidInput, match="qr"):
        qr_image(second.vcard, "gif")
