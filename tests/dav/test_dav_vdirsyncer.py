"""vdirsyncer, a real CardDAV client, syncs a folder of .vcf files with a running tiekeeper server
both ways: what either side adds, edits or deletes reaches the other, and a delete on the phone
puts the person in tiekeeper's trash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import vobject

from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.sync.cards import address_book
from tiekeeper.services.trash import delete_people, list_trash
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.uow import Store

Vdir = Any

BO = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bo-chen-1\r\nFN:Bo Chen\r\nN:Chen;Bo;;;\r\n"
    "EMAIL;TYPE=WORK:bo@example.com\r\nX-PHONETIC-FIRST-NAME:Bo\r\n"
    "item1.X-ABLABEL:gym buddy\r\nEND:VCARD\r\n"
)


def _people(store: Store) -> dict[str, object]:
    with store.uow() as uow:
        return {p.name: p for p in uow.people.find(PersonFilter())}


def _file_with(phone: Vdir, text: str) -> str:
    [name] = [n for n, card in phone.cards().items() if text in card]
    return name


def _same_cards(store: Store, phone: Vdir) -> None:
    """Both sides hold the same cards: the same names and e-mails, card by card (vobject)."""

    def key(text: str) -> tuple[str, tuple[str, ...]]:
        card = vobject.readOne(text)
        emails = sorted(e.value for e in card.contents.get("email", []))
        return card.fn.value, tuple(emails)

    server = sorted(key(c.text) for c in address_book(store.uow()).values())
    assert sorted(key(t) for t in phone.cards().values()) == server


def test_cards_added_edited_and_deleted_on_either_side_reach_the_other(
    store: Store, vdir: Callable[[str, str, str], Vdir], dav: Any
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    # vdirsyncer refuses to sync an address book emptied on one side: Cy stays throughout
    add_person(store.uow(), PersonChanges(name="Cy Dow"), dav.today)
    with dav.serve(store) as base:
        phone = vdir(f"{base}/dav/local/contacts/", "local", dav.token(store))
        (phone.folder / "bo-chen-1.vcf").write_text(BO, "utf-8")
        phone.sync()

        # a card made on the phone is a person; a person of tiekeeper is a file
        bo = _people(store)["Bo Chen"]
        assert bo.emails == ["bo@example.com"]  # type: ignore[attr-defined]
        assert "ana@example.com" in phone.cards()[_file_with(phone, "Ana Lima")]
        _same_cards(store, phone)

        # edited on the phone: tiekeeper takes the card's values and keeps its own
        edit_person(store.uow(), "Bo Chen", PersonChanges(closeness=4), dav.today)
        phone.sync()  # the closeness reaches no card: nothing for the phone to fetch
        card = (phone.folder / "bo-chen-1.vcf").read_text("utf-8")
        edited = card.replace("FN:Bo Chen", "FN:Bo Chen-Li").replace(
            "END:VCARD", "TEL;TYPE=CELL:+1 555 010 2030\r\nEND:VCARD"
        )
        (phone.folder / "bo-chen-1.vcf").write_text(edited, "utf-8")
        phone.sync()
        bo = _people(store)["Bo Chen-Li"]
        assert bo.phones == ["+1 555 010 2030"]  # type: ignore[attr-defined]
        assert bo.closeness == 4  # type: ignore[attr-defined]
        served = address_book(store.uow())["bo-chen-1.vcf"].text
        # what tiekeeper does not model went in and comes out again
        assert "X-PHONETIC-FIRST-NAME:Bo" in served and "item1.X-ABLABEL:gym buddy" in served

        # edited in tiekeeper: the phone gets it at its next sync
        edit_person(store.uow(), "Ana Lima", PersonChanges(company="Acme"), dav.today)
        phone.sync()
        assert "ORG:Acme" in phone.cards()[_file_with(phone, "Ana Lima")]

        # deleted on the phone: the person goes to the trash, restorable
        (phone.folder / "bo-chen-1.vcf").unlink()
        phone.sync()
        assert "Bo Chen-Li" not in _people(store)
        assert [e.label for e in list_trash(store.uow(), dav.now)] == ["Bo Chen-Li"]

        # deleted in tiekeeper: the file goes at the next sync
        delete_people(store.uow(), ["Ana Lima"], dav.now)
        phone.sync()
        assert [card for card in phone.cards().values() if "Ana Lima" in card] == []
        assert "Syncing book" in phone.sync()  # and a sync after that has nothing to do
        _same_cards(store, phone)
