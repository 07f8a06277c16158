"""Imported cards in the store: company cards as contacts, addresses, kept lines, the not-kept
summary, and the export that reflects the user's edits. SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import vobject

from tiekeeper.domain.model import Person, PostalAddress
from tiekeeper.interchange.records import ImportBatch, ImportedPerson
from tiekeeper.services.exporting import export_csv, export_vcard
from tiekeeper.services.imports.contacts import ImportRun, import_file
from tiekeeper.services.people import PersonChanges, edit_person, list_people, show_person
from tiekeeper.services.views import person_view_dict
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 20)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "vcard"
APPLE = FIXTURES / "apple_ios_company_and_labels.vcf"
OTHERS = FIXTURES / "evolution_kaddressbook_v4_org.vcf"


def by_name(store: Store) -> dict[str, Person]:
    return {p.name: p for p in list_people(store.uow())}


def exported(store: Store) -> dict[str, vobject.base.Component]:
    text = export_vcard(store.uow()).data.decode("utf-8")
    return {str(c.fn.value): c for c in vobject.readComponents(text)}


def test_a_company_card_is_a_contact_with_its_email_phone_url_and_address(store: Store) -> None:
    s = import_file(store.uow(), APPLE, TODAY)
    assert (s.created, s.skipped) == (2, [])
    north = by_name(store)["Northwind Traders"]
    assert north.company == "Northwind Traders"
    assert north.emails == ["orders@northwind.example"] and north.phones == ["+1 (425) 555-0100"]
    assert north.links == ["https://northwind.example"]
    assert north.addresses == [PostalAddress("work", None, None, "1 Harbour Way", "Seattle", "WA",
                                             "98101", "United States")]  # fmt: skip
    assert north.location == "Seattle, United States"
    card = exported(store)["Northwind Traders"]
    assert card.x_abshowas.value == "COMPANY" and card.org.value[0] == "Northwind Traders"


def test_a_csv_company_row_is_stored_as_a_person_with_its_data(store: Store) -> None:
    row = ImportedPerson(position=2, source_file="c.csv", name="Bike Shop",
                         emails=["hi@bike.example"], phones=["+1 555 0103"],
                         is_organization=True)  # fmt: skip
    with store.uow() as uow:
        s = ImportRun(uow, ImportBatch("google", people=[row]), TODAY, "c.csv", None).run()
        uow.commit()
    shop = by_name(store)["Bike Shop"]
    assert (s.created, s.organizations_created) == (1, 1)
    assert (shop.company, shop.emails, shop.phones) == ("Bike Shop", ["hi@bike.example"],
                                                        ["+1 555 0103"])  # fmt: skip


def test_the_summary_names_what_was_not_kept_dry_run_too(store: Store) -> None:
    dry = import_file(store.uow(), OTHERS, TODAY, dry_run=True)
    assert dry.not_kept == {"EMAIL (not an address)": 2}
    assert import_file(store.uow(), OTHERS, TODAY).not_kept == dry.not_kept


def test_show_gives_addresses_and_the_kept_properties(store: Store) -> None:
    import_file(store.uow(), APPLE, TODAY)
    data = person_view_dict(show_person(store.uow(), "Chiamaka Okafor", TODAY))
    assert data["addresses"] == [
        {"kind": "home", "po_box": None, "extended": None, "street": "12 Rue des Lilas",
         "city": "Lyon", "region": None, "postcode": "69003", "country": "France"}
    ]  # fmt: skip
    assert data["location"] == "Lyon, France"
    assert data["card_properties"]["PHOTO"] == 1 and data["card_properties"]["X-ABLABEL"] == 3


def test_the_export_writes_kept_lines_verbatim_and_the_users_edits(store: Store) -> None:
    import_file(store.uow(), APPLE, TODAY)
    card = exported(store)["Chiamaka Okafor"]
    assert card.nickname.value == "Chi" and card.photo.value.startswith(b"\xff\xd8")
    assert {str(e.value) for e in card.email_list} == {"Chi.Okafor@lumen.example",
                                                       "chi@home.example"}  # fmt: skip
    assert card.email.group == "item1" and card.impp.value == "skype:chi.okafor"
    edit_person(store.uow(), "Chiamaka Okafor",
                PersonChanges(remove_emails=["chi.okafor@lumen.example"],
                              emails=["chi@new.example"], position="Director"), TODAY)  # fmt: skip
    card = exported(store)["Chiamaka Okafor"]
    assert {str(e.value) for e in card.email_list} == {"chi@home.example", "chi@new.example"}
    assert card.title.value == "Director" and card.nickname.value == "Chi"
    edit_person(store.uow(), "Chiamaka Okafor", PersonChanges(name="Chiamaka Okafor-Lee"), TODAY)
    card = exported(store)["Chiamaka Okafor-Lee"]
    assert card.n.value.family == "Okafor-Lee"  # N follows the new name, not the card's


def test_a_reimport_of_the_same_cards_changes_nothing(store: Store) -> None:
    import_file(store.uow(), APPLE, TODAY)
    first = export_vcard(store.uow()).data
    again = import_file(store.uow(), APPLE, TODAY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert export_vcard(store.uow()).data == first


def test_the_csv_export_has_the_structured_addresses(store: Store) -> None:
    import_file(store.uow(), APPLE, TODAY)
    text = export_csv(store.uow()).data.decode("utf-8")
    header, *rows = csv.reader(io.StringIO(text))
    cols = dict(zip(header, next(r for r in rows if r[0] == "Chiamaka"), strict=True))
    assert cols["Address 1 - Label"] == "* Home" and cols["Address 1 - City"] == "Lyon"
    assert (
        cols["Address 1 - Street"] == "12 Rue des Lilas" and cols["Address 1 - Country"] == "France"
    )
