"""Importing people: identity by URL, e-mail and phone; enrichment; idempotence; no merging
by name alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import PersonChanges, add_person, list_people
from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
VCARD = FIXTURES / "contacts.vcf"
LINKEDIN = FIXTURES / "linkedin_export"


def people(store: Store) -> dict[str, list[Person]]:
    out: dict[str, list[Person]] = {}
    for p in list_people(store.uow()):
        out.setdefault(p.name, []).append(p)
    return out


def test_a_vcard_creates_one_person_per_card(store: Store) -> None:
    s = import_file(store.uow(), VCARD, TODAY)
    assert (s.created, s.updated, s.unchanged, s.skipped) == (4, 0, 0, [])
    ana = people(store)["Ana Lima"][0]
    assert ana.emails == ["ana@example.com"] and ana.phones == ["+1 555 010 2030"]
    assert ana.birthday == PartialDate(4, 15, 1990) and ana.company == "Acme Corp"
    assert ana.tags == ["friends"] and ana.notes == "met at PyCon"


def test_importing_the_same_file_twice_creates_nothing_new(store: Store) -> None:
    for path in (VCARD, LINKEDIN):
        import_file(store.uow(), path, TODAY)
    before = people(store)
    for path in (VCARD, LINKEDIN):
        again = import_file(store.uow(), path, TODAY)
        assert (again.created, again.updated, again.interactions_created) == (0, 0, 0)
    assert people(store) == before
    assert again.unchanged == 4 and again.interactions_skipped == 5


def test_linkedin_after_vcard_enriches_instead_of_duplicating(store: Store) -> None:
    import_file(store.uow(), VCARD, TODAY)
    s = import_file(store.uow(), LINKEDIN, TODAY)
    everyone = people(store)
    assert len(everyone["Ana Lima"]) == 1 and len(everyone["Dev Patel"]) == 1
    ana = everyone["Ana Lima"][0]
    assert ana.linkedin_url == "https://www.linkedin.com/in/ana-lima-1a2b3c4d"
    assert ana.position == "CTO" and ana.connected_on == date(2024, 11, 5)
    assert ana.company == "Acme Corp"  # a non-empty field is never overwritten
    assert ana.phones == ["+1 555 010 2030"] and ana.birthday == PartialDate(4, 15, 1990)
    dev = everyone["Dev Patel"][0]
    assert (dev.company, dev.position, dev.connected_on) == ("Hooli", "Engineer", date(2022, 2, 2))
    # Ana, Dev enriched; Bo (name only in common) and Carla new; Eve from a message.
    assert (s.updated, s.unchanged) == (2, 0)
    assert s.created == 3


def test_people_who_only_share_a_name_are_not_merged_but_reported(store: Store) -> None:
    import_file(store.uow(), VCARD, TODAY)
    s = import_file(store.uow(), LINKEDIN, TODAY)
    bakers, designers = sorted(people(store)["Bo Chen"], key=lambda p: p.company or "")
    assert (bakers.company, designers.company) == ("Bakery Bo", "Globex")
    [dup] = [d for d in s.possible_duplicates if d.name == "Bo Chen"]
    assert dup.person_id == designers.id and dup.matches == [bakers.id]
    assert dup.reason == "same name as" and dup.file.endswith("Connections.csv")


def test_a_user_entered_field_is_never_overwritten(store: Store) -> None:
    add_person(
        store.uow(),
        PersonChanges(name="Ana L.", emails=["ana@example.com"], position="Founder"),
        TODAY,
    )
    s = import_file(store.uow(), LINKEDIN, TODAY)
    [ana] = people(store)["Ana L."]
    assert ana.position == "Founder" and ana.company == "Acme"
    assert "Ana Lima" not in people(store) and s.updated == 1


def test_a_phone_identifies_a_person_whatever_its_punctuation(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Fiona P", phones=["+1 555-777-8899"]), TODAY)
    s = import_file(store.uow(), VCARD, TODAY)
    assert "Fiona Park" not in people(store)
    # Fiona is not created again; she gains the card's lines, written back on export.
    assert s.created == 3 and s.updated == 1


def test_hidden_members_are_counted_as_skipped_with_their_line(store: Store) -> None:
    s = import_file(store.uow(), LINKEDIN / "Connections.csv", TODAY)
    assert s.created == 4
    [hidden] = s.skipped
    assert hidden.position == 8 and "hidden member" in hidden.reason
    assert hidden.file.endswith("Connections.csv")


def test_connected_on_is_kept_as_the_day_you_connected(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    assert people(store)["Carla Diaz"][0].connected_on == date(2020, 1, 1)


def test_profile_csv_fills_my_profile_without_overwriting_it(store: Store) -> None:
    with store.uow() as uow:
        uow.repo(ProfileRepository).upsert(headline="Staff data engineer")
        uow.commit()
    s = import_file(store.uow(), LINKEDIN, TODAY)
    with store.uow() as uow:
        me = uow.repo(ProfileRepository).get()
    assert me is not None and s.profile_updated
    assert me["name"] == "Sam Rivera" and me["headline"] == "Staff data engineer"
    assert (me["birthday_month"], me["birthday_day"], me["birthday_year"]) == (3, 31, None)
    assert me["location"] == "Lisbon, Portugal"
    assert me["linkedin_url"] == "https://www.linkedin.com/in/sam-rivera-0a1b2c3d"
    assert not import_file(store.uow(), LINKEDIN, TODAY).profile_updated


def test_a_dry_run_reports_the_same_summary_and_writes_nothing(store: Store) -> None:
    dry = import_file(store.uow(), LINKEDIN, TODAY, dry_run=True)
    assert dry.dry_run and dry.created == 5 and dry.interactions_created == 5
    assert people(store) == {}
    with store.uow() as uow:
        assert uow.repo(ProfileRepository).get() is None and uow.interactions.count() == 0
    real = import_file(store.uow(), LINKEDIN, TODAY)
    assert (real.created, real.interactions_created) == (dry.created, dry.interactions_created)


def test_a_company_card_becomes_a_contact_once(store: Store, tmp_path: Path) -> None:
    card = tmp_path / "org.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Globex Corp\r\nORG:Globex Corp\r\n"
        b"X-ABShowAs:COMPANY\r\nEND:VCARD\r\n"
    )
    first = import_file(store.uow(), card, TODAY)
    again = import_file(store.uow(), card, TODAY)
    assert (first.organizations_created, first.created) == (1, 1)
    assert (again.organizations_created, again.unchanged) == (0, 1)
    [globex] = people(store)["Globex Corp"]
    assert globex.company == "Globex Corp"


def test_a_record_without_identifiers_matches_only_when_it_adds_nothing(
    store: Store, tmp_path: Path
) -> None:
    card = tmp_path / "plain.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Gil Moss\nORG:Moss Ltd\nEND:VCARD\n")
    import_file(store.uow(), card, TODAY)
    assert import_file(store.uow(), card, TODAY).unchanged == 1
    other = tmp_path / "other.vcf"
    other.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Gil Moss\nORG:Elsewhere\nEND:VCARD\n")
    s = import_file(store.uow(), other, TODAY)
    assert s.created == 1 and len(people(store)["Gil Moss"]) == 2
    assert s.possible_duplicates[0].reason == "same name as"


def test_people_can_be_added_by_hand_after_an_import(store: Store) -> None:
    import_file(store.uow(), LINKEDIN, TODAY)
    added = add_person(store.uow(), PersonChanges(name="Zed Hand"), TODAY)
    assert added.id is not None and added.id > max(p.id or 0 for p in list_people(store.uow())[:-1])
    assert len(list_people(store.uow())) == 6
