"""Both sides changed the same contact since the last sync: the phone's card is merged into the
person field by field (what each side changed survives, lists are merged), the version
tiekeeper had goes to the trash (`tiekeeper trash` lists it, restore brings it back), and the
merged card reaches the phone at its next sync. A phone edit of the card as tiekeeper serves it
now is no conflict: nothing goes to the trash."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.sync.cards import CardCache, address_book, put_card
from tiekeeper.services.trash import list_trash, restore
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.uow import Store

Vdir = Any


def _ana(store: Store) -> Any:
    with store.uow() as uow:
        [p] = [p for p in uow.people.find(PersonFilter()) if p.name.startswith("Ana")]
        return p


def _add(text: str, *lines: str) -> str:
    return text.replace("END:VCARD", "\r\n".join([*lines, "END:VCARD"]))


def test_an_edit_on_both_sides_merges_and_the_old_version_goes_to_the_trash(
    store: Store, dav: Any
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"],
                                          phones=["+1 555 0100"]), dav.today)  # fmt: skip
    cache = CardCache()
    [(href, synced)] = address_book(store.uow(), cache).items()  # the phone gets this card
    edit_person(store.uow(), "Ana Lima", PersonChanges(company="Acme",
                emails=["ana@acme.example"]), dav.today)  # fmt: skip
    # the phone edits the card it has: a title, a phone, a new name
    phone = _add(synced.text, "TITLE:CTO", "TEL:+1 555 0199").replace("FN:Ana Lima", "FN:Ana Souza")
    answered, _ = put_card(store.uow(), href, phone, dav.today, cache, dav.now)
    ana = _ana(store)
    assert (ana.name, ana.company, ana.position) == ("Ana Souza", "Acme", "CTO")
    assert ana.emails == ["ana@example.com", "ana@acme.example"]
    assert ana.phones == ["+1 555 0100", "+1 555 0199"]
    # the phone is told its own card's ETag, so its next sync fetches the merged card
    served = address_book(store.uow(), cache)[href]
    assert answered.etag != served.etag and "ORG:Acme" in served.text
    [entry] = list_trash(store.uow(), dav.now)
    assert entry.label.startswith("Ana Lima as tiekeeper had them") and "company" in entry.label
    restore(store.uow(), entry.id)
    back = _ana(store)
    assert (back.name, back.company, back.position) == ("Ana Lima", "Acme", None)
    assert list_trash(store.uow(), dav.now) == []


def test_a_phone_edit_of_the_current_card_is_no_conflict(store: Store, dav: Any) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    cache = CardCache()
    address_book(store.uow(), cache)  # first served
    edit_person(store.uow(), "Ana Lima", PersonChanges(company="Acme"), dav.today)
    [(href, current)] = address_book(store.uow(), cache).items()  # the phone fetched it
    put_card(store.uow(), href, _add(current.text, "TITLE:CTO"), dav.today, cache, dav.now)
    ana = _ana(store)
    assert (ana.company, ana.position) == ("Acme", "CTO")
    assert list_trash(store.uow(), dav.now) == []
    # and once more: the kept base is now the phone's own last card
    edit_person(store.uow(), "Ana Lima", PersonChanges(location="Lisbon"), dav.today)
    mine = _add(current.text, "TITLE:CTO", "NOTE:met at PyCon")
    put_card(store.uow(), href, mine, dav.today, cache, dav.now)
    ana = _ana(store)
    assert (ana.company, ana.position, ana.location, ana.notes) == (
        "Acme", "CTO", "Lisbon", "met at PyCon"
    )  # fmt: skip
    # the location (an ADR line) was tiekeeper's change the phone did not have: a conflict
    assert [e.label.split(" (")[1] for e in list_trash(store.uow(), dav.now)] == ["addresses)"]


def test_vdirsyncer_edit_on_both_sides_keeps_both_edits(
    store: Store, vdir: Callable[[str, str, str], Vdir], dav: Any
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    add_person(store.uow(), PersonChanges(name="Cy Dow"), dav.today)
    with dav.serve(store) as base:
        phone = vdir(f"{base}/dav/local/contacts/", "local", dav.token(store))
        # the phone pushes its side of a conflict; the server merges (with "b wins" vdirsyncer
        # itself would throw the phone's edit away before the server sees it)
        phone.config.write_text(
            phone.config.read_text("utf-8").replace('"b wins"', '"a wins"'), "utf-8"
        )
        phone.sync()
        [name] = [n for n, text in phone.cards().items() if "Ana Lima" in text]
        edit_person(store.uow(), "Ana Lima", PersonChanges(company="Acme"), dav.today)
        card = phone.folder / name
        card.write_text(_add(card.read_text("utf-8"), "TITLE:CTO", "TEL:+1 555 0199"), "utf-8")
        phone.sync()
        ana = _ana(store)
        assert (ana.company, ana.position, ana.phones) == ("Acme", "CTO", ["+1 555 0199"])
        [entry] = list_trash(store.uow(), dav.now)
        assert "company" in entry.label
        phone.sync()  # the merged card reaches the phone
        text = card.read_text("utf-8")
        assert "ORG:Acme" in text and "TITLE:CTO" in text and "+1 555 0199" in text
        restore(store.uow(), entry.id)
        assert (_ana(store).company, _ana(store).position) == ("Acme", None)


def test_people_with_kept_cards_merge_restore_and_erase_cleanly(store: Store, dav: Any) -> None:
    """The kept cards (dav_synced) follow the person: a merge keeps one, its undo and the trash
    bring both back, an erase takes them."""
    from tiekeeper.services.merging import merge_people
    from tiekeeper.services.trash import erase_person
    from tiekeeper.store.dav_synced import DavSynced

    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    add_person(store.uow(), PersonChanges(name="Ana L.", emails=["ana@home.example"]), dav.today)
    address_book(store.uow(), CardCache())  # both cards served, so both kept

    def kept() -> int:
        with store.uow() as uow:
            return len(uow.repo(DavSynced).people())

    assert kept() == 2
    merged = merge_people(store.uow(), "Ana Lima", "Ana L.", dav.now)
    assert kept() == 1
    restore(store.uow(), merged.trash_id)
    assert kept() == 2
    erase_person(store.uow(), "Ana L.")
    assert kept() == 1


def test_a_put_with_an_older_etag_is_merged_not_refused(store: Store, dav: Any) -> None:
    """DAVx5 and iOS send If-Match with the ETag they hold: an older one means the card changed
    on the server meanwhile. Radicale alone answers 412 (and the phone drops its edit)."""
    import httpx2 as httpx

    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    auth = ("local", dav.token(store))
    with dav.serve(store) as base, httpx.Client(base_url=base) as client:
        listing = client.request("PROPFIND", "/dav/local/contacts/", auth=auth,
                                 headers={"Depth": "1"})  # fmt: skip
        [href] = [h for h in re.findall(r"<href>([^<]+\.vcf)</href>", listing.text)]
        got = client.get(href, auth=auth)
        held, etag = got.text, got.headers["etag"]
        edit_person(store.uow(), "Ana Lima", PersonChanges(company="Acme"), dav.today)
        put = client.put(href, content=_add(held, "TITLE:CTO"), auth=auth,
                         headers={"If-Match": etag, "Content-Type": "text/vcard"})  # fmt: skip
        assert put.status_code == 204, put.text
        ana = _ana(store)
        assert (ana.company, ana.position) == ("Acme", "CTO")
        assert ["company" in e.label for e in list_trash(store.uow(), dav.now)] == [True]
        # the ETag answered is not the served card's: the phone fetches the merged card
        assert put.headers["etag"] != client.get(href, auth=auth).headers["etag"]
        # If-Match: * still means "only if it is there"
        gone = client.put("/dav/local/contacts/nobody.vcf", content=held.replace(
            "Ana Lima", "No Body"), auth=auth, headers={"If-Match": "*"})  # fmt: skip
        assert gone.status_code == 412


def test_first_cards_are_kept_even_when_the_first_request_was_refused(
    store: Store, dav: Any
) -> None:
    """Regression: the first cards were noted as kept in memory inside a unit of work that then
    rolled back (a refused upload), so those people never got a merge base."""
    import pytest

    from tiekeeper.domain.errors import Conflict
    from tiekeeper.store.dav_synced import DavSynced

    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    add_person(store.uow(), PersonChanges(name="Bo Chen", emails=["bo@example.com"]), dav.today)
    cache = CardCache()
    with store.uow() as uow:
        cards = cache.cards(uow)  # read, then rolled back: nothing kept
    [(bo_href, bo)] = [(h, c) for h, c in cards.items() if "Bo Chen" in c.text]
    with pytest.raises(Conflict):
        put_card(store.uow(), bo_href, bo.text.replace("bo@", "ana@"), dav.today, cache, dav.now)
    address_book(store.uow(), cache)
    with store.uow() as uow:
        assert len(uow.repo(DavSynced).people()) == 2
