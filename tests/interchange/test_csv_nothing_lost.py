"""Issue 9, section 2, CSV half: nothing lost or invented on import. The fixtures are written by
tests/fixtures/import/csv/make_fixtures.py in the byte formats the real programs write."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.encoding import decode_table
from tiekeeper.interchange.records import ImportedPerson, PostalAddress

FIXTURES = Path(__file__).parents[1] / "fixtures" / "import" / "csv"
LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "ja"]


def fixture(name: str) -> Path:
    return FIXTURES / name


def key(p: ImportedPerson) -> tuple[object, ...]:
    return (
        p.emails,
        p.phones,
        p.links,
        p.company,
        p.position_title,
        p.birthday,
        p.tags,
        p.is_organization,
        [(a.kind, a.city, a.postcode) for a in p.addresses],
    )


def test_a_row_with_fewer_or_more_fields_is_skipped_with_its_line_not_shifted() -> None:
    path = fixture("google_shifted.csv")
    batch = read_path(path)
    assert [p.name for p in batch.people] == ["Cy Ode"]
    assert all(p.position_title != "05 Nov 2024" for p in batch.people)
    (fewer, more) = batch.skipped
    assert (fewer.source_file, fewer.position) == (str(path), 2)
    assert "24 fields where the header has 26" in fewer.reason
    assert more.position == 3 and "27 fields" in more.reason


def test_linkedin_connections_use_the_same_rule() -> None:
    batch = read_path(fixture("linkedin_shifted_Connections.csv"))
    assert [p.name for p in batch.people] == ["Bo Chen", "Cy Ode"]
    assert [(s.position, "6 fields where the header has 7" in s.reason) for s in batch.skipped] == [
        (5, True)
    ]


def test_only_addresses_are_emails() -> None:
    bo, cy = read_path(fixture("linkedin_shifted_Connections.csv")).people
    assert bo.emails == [] and bo.not_kept == ["Email Address (not an address)"]
    assert cy.emails == ["cy@example.org"]
    siobhan = read_path(fixture("outlook_en.csv")).people[0]
    assert siobhan.emails == ["siobhan@nimbus.example"]  # "xxxxxxxxxxxx" in E-mail 2 is not one
    assert "E-mail 2 Address (not an address)" in siobhan.not_kept


@pytest.mark.parametrize(
    "name",
    [
        "google_utf16le_bom.csv",
        "google_utf16le_nobom.csv",
        "google_utf16be_bom.csv",
        "google_utf16be_nobom.csv",
        "google_windows1252.csv",
        "google_semicolon.csv",
        "google_tab.csv",
    ],
)
def test_encodings_and_separators_read_the_same(name: str) -> None:
    batch = read_path(fixture(name))
    assert batch.format == "google" and batch.skipped == []
    assert [p.name for p in batch.people] == ["Siobhán Müller", "José Álvarez"]
    assert batch.people[0].emails == ["siobhan@nimbus.example"]


def test_one_bad_byte_costs_its_line_not_the_file() -> None:
    path = fixture("google_stray_byte.csv")
    batch = read_path(path)
    assert [p.name for p in batch.people] == ["Siobhán Müller", "José Álvarez", "Zoë Okafor"]
    [bad] = batch.skipped
    assert (bad.source_file, bad.position) == (str(path), 6)
    assert "not valid UTF-8" in bad.reason
    decoded = decode_table(path.read_bytes(), file=str(path))
    assert decoded.encoding == "utf-8" and decoded.bad_lines == {6}


def test_a_legacy_code_page_file_is_still_read_whole() -> None:
    decoded = decode_table("Ren\xe9,Z\xfcrich\n".encode("cp1252"), file="f.csv")
    assert decoded.text == "René,Zürich\n" and decoded.bad_lines == frozenset()


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_localized_outlook_maps_like_english(lang: str) -> None:
    english = read_path(fixture("outlook_en.csv"))
    batch = read_path(fixture(f"outlook_{lang}.csv"))
    assert batch.format == "outlook" and batch.skipped == []
    if lang == "ja":  # a Japanese contact (Shift_JIS file), same shape
        person = batch.people[0]
        assert (person.first_name, person.last_name, person.company) == (
            "ロイド",
            "安藤",
            "株式会社ニンバス",
        )
        assert person.addresses[0] == PostalAddress(
            "work", None, None, "丸の内1-1", "千代田区", "東京都", "100-0005", "日本"
        )
        assert person.notes == "メモです"
        assert key(batch.people[1]) == key(english.people[1])
        return
    assert [key(p) for p in batch.people] == [key(p) for p in english.people]
    assert [p.name for p in batch.people] == [p.name for p in english.people]
    assert batch.people[0].notes == "Met at PyCon"


def test_english_outlook_fields() -> None:
    siobhan, shop = read_path(fixture("outlook_en.csv")).people
    assert siobhan.birthday == PartialDate(3, 22, 1980)
    assert siobhan.tags == ["VIP", "Work"]
    assert siobhan.links == ["https://siobhan.example"]
    work, home = siobhan.addresses
    assert work == PostalAddress(
        "work", None, None, "Hauptstraße 5", "Köln", "NRW", "50667", "Deutschland"
    )
    assert (home.kind, home.city) == ("home", "Bonn")
    assert siobhan.location == "Köln, Deutschland"
    # Priority/Sensitivity "Normal", E-mail Type and Display Name are Outlook's own filling.
    assert siobhan.not_kept == ["E-mail 2 Address (not an address)", "Department", "Hobby"]
    assert (shop.name, shop.company, shop.is_organization) == (
        "Fahrradladen Ost",
        "Fahrradladen Ost",
        True,
    )
    assert shop.emails == ["info@rad.example"] and shop.phones == ["+49 30 555"]
    assert shop.links == ["https://rad.example"] and shop.not_kept == []


def test_google_address_columns_and_not_kept() -> None:
    siobhan, jose = read_path(fixture("google_tab.csv")).people
    assert siobhan.addresses == [
        PostalAddress("home", None, None, "Lindenweg 2", "Bonn", "NRW", "53111", "Germany")
    ]
    assert siobhan.location == "Bonn, Germany"
    assert siobhan.not_kept == []  # "* myContacts" and the labels are structural
    assert jose.not_kept == ["Name Prefix"]


def test_company_only_google_row_keeps_its_emails_phones_and_links(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "First Name,Last Name,File As,Organization Name,Labels,E-mail 1 - Value,Phone 1 - Value,"
        "Website 1 - Value\n,,Bike Shop,Bike Shop,,shop@bike.example,+1 555,https://bike.example\n"
    )
    [shop] = read_path(path).people
    assert (shop.name, shop.company, shop.is_organization) == ("Bike Shop", "Bike Shop", True)
    assert shop.emails == ["shop@bike.example"] and shop.phones == ["+1 555"]
    assert shop.links == ["https://bike.example"]


def test_unknown_layout_is_refused_with_the_layouts_tiekeeper_reads() -> None:
    path = fixture("unknown_crm_export.csv")
    with pytest.raises(InvalidInput) as info:
        read_path(path)
    message = str(info.value)
    assert info.value.file == str(path) and info.value.line == 1
    for layout in ("LinkedIn", "Google Contacts CSV", "Outlook", "Thunderbird", "vCard"):
        assert layout in message


def test_first_last_job_title_company_is_no_longer_guessed_as_outlook(tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("First Name,Last Name,Job Title,Company,Email\nAna,Lima,CTO,Acme,a@x.org\n")
    with pytest.raises(InvalidInput, match="none of the layouts"):
        read_path(path)


def test_semicolon_linkedin_resave() -> None:
    batch = read_path(fixture("linkedin_semicolon_Connections.csv"))
    assert batch.format == "linkedin"
    [cy] = batch.people
    assert (cy.name, cy.company, cy.emails) == ("Cy Ode", "Globex", ["cy@example.org"])
