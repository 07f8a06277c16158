"""services/dav_cards: what a card from a phone does to the people, without a server."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.sync.cards import (
    CardCache,
    address_book,
    delete_card,
    href_for,
    put_card,
)
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.uow import Store

TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


def _everyone(store: Store) -> list[str]:
    with store.uow() as uow:
        return sorted(p.name for p in uow.people.find(PersonFilter()))


def test_a_phone_edit_takes_the_cards_values_and_keeps_tiekeepers_own(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"],
                                          closeness=5, how_met="PyCon", cadence="quarterly"),
               TODAY)  # fmt: skip
    [(href, card)] = address_book(store.uow()).items()
    edited = card.text.replace("FN:Ana Lima", "FN:Ana Lima-Souza").replace(
        "END:VCARD", "TEL:+55 11 5555 0101\r\nX-SPOUSE:Rui\r\nEND:VCARD"
    )
    served, old = put_card(store.uow(), href, edited, TODAY)
    assert old == card and served.href == href and served.etag != card.etag
    with store.uow() as uow:
        [p] = uow.people.find(PersonFilter())
    assert (p.name, p.phones, p.emails) == (
        "Ana Lima-Souza",
        ["+55 11 5555 0101"],
        ["ana@example.com"],
    )
    assert (p.closeness, p.how_met, p.cadence_days) == (5, "PyCon", 91)
    assert "X-SPOUSE:Rui" in served.text
    again, _ = put_card(store.uow(), href, served.text, TODAY)  # the client sends it back as is
    assert again == served


def test_a_new_card_with_a_known_email_is_that_person_not_a_second_one(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Bo Chen", emails=["bo@example.com"]), TODAY)
    card = _card("UID:phone-7", "FN:Bo C.", "EMAIL:BO@example.com", "TEL:+1 555 010 2030")
    served, old = put_card(store.uow(), "phone-7.vcf", card, TODAY)
    assert old is None and _everyone(store) == ["Bo Chen"]  # the name tiekeeper has stays
    assert "FN:Bo Chen" in served.text
    with store.uow() as uow:
        [p] = uow.people.find(PersonFilter())
    assert p.phones == ["+1 555 010 2030"]
    new, _ = put_card(store.uow(), "n.vcf", _card("UID:n", "FN:Nia Obi"), TODAY)
    assert new.href == "n.vcf" and _everyone(store) == ["Bo Chen", "Nia Obi"]


def test_a_card_is_named_after_its_uid() -> None:
    assert href_for("phone-7") == "phone-7.vcf"
    assert href_for("urn:uuid:6f1d7c52-3b0e") == "6f1d7c52-3b0e.vcf"
    unsafe = href_for("a/b c")
    assert unsafe.endswith(".vcf") and "/" not in unsafe and " " not in unsafe
    assert href_for("a/b c") == unsafe  # stable


def test_deleting_a_card_puts_the_person_in_the_trash(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Cy Dow"), TODAY)
    edit_person(store.uow(), "Cy Dow", PersonChanges(tags=["climbing"]), TODAY)
    [href] = address_book(store.uow())
    assert delete_card(store.uow(), href, NOW).person_id > 0
    assert _everyone(store) == []
    with pytest.raises(NotFound):
        delete_card(store.uow(), href, NOW)


def test_the_card_cache_writes_again_exactly_the_people_who_changed(store: Store) -> None:
    cache = CardCache()
    add_person(store.uow(), PersonChanges(name="Ana Lima"), TODAY)
    add_person(store.uow(), PersonChanges(name="Bo Chen"), TODAY)
    first = address_book(store.uow(), cache)
    edit_person(store.uow(), "Bo Chen", PersonChanges(company="Nimbus"), TODAY)
    second = address_book(store.uow(), cache)
    ana, bo = (next(h for h, c in first.items() if n in c.text) for n in ("Ana Lima", "Bo Chen"))
    assert second[ana] is first[ana]  # not written again
    assert "ORG:Nimbus" in second[bo].text and second[bo].etag != first[bo].etag
    assert second == address_book(store.uow())  # the same as without a cache
    delete_card(store.uow(), bo, NOW, cache)
    assert list(address_book(store.uow(), cache)) == [ana]
