from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.contacts_csv import read_contacts_csv
from tiekeeper.interchange.detect import read_path

GOOGLE = (
    "First Name,Middle Name,Last Name,Nickname,File As,Organization Name,Organization Title,"
    "Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value,Event 2 - Label,"
    "Event 2 - Value\n"
)
LEGACY = (
    "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,"
    "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title,"
    "Event 1 - Type,Event 1 - Value\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_google_current_header(tmp_path: Path) -> None:
    text = GOOGLE + (
        'Max,Amadeus,Mustermann,,,Acme,CTO, --12-25,"line 1\nline 2",'
        "Nachbar ::: * myContacts ::: * starred,* Home,a@x.de ::: b@x.de,Mobile,+49 1 ::: +49 2,"
        "Profile,https://www.linkedin.com/in/max-m ::: https://max.example,"
        "Anniversary,2010-01-01,Hochzeitstag,--02-29\n"
    )
    batch = read_path(write(tmp_path, "contacts.csv", text))
    assert batch.format == "google"
    [max_] = batch.people
    assert max_.name == "Max Amadeus Mustermann"
    assert (max_.first_name, max_.last_name) == ("Max", "Mustermann")
    assert max_.emails == ["a@x.de", "b@x.de"]
    assert max_.phones == ["+49 1", "+49 2"]
    assert max_.linkedin_url == "https://www.linkedin.com/in/max-m"
    assert max_.links == ["https://max.example"]
    assert max_.tags == ["Nachbar"]
    assert max_.birthday == PartialDate(12, 25, None)
    assert max_.anniversaries == [
        ("Anniversary", PartialDate(1, 1, 2010)),
        ("Hochzeitstag", PartialDate(2, 29, None)),
    ]
    assert max_.notes == "line 1\nline 2"
    assert (max_.company, max_.position_title) == ("Acme", "CTO")
    assert max_.position == 2


def test_google_legacy_header(tmp_path: Path) -> None:
    text = LEGACY + (
        "John Doe,John,,Doe,1987-09-07,,Mittelschule ::: JGA Blake ::: * friends ::: * myContacts,"
        "* Home,Doe@gmail.com,Mobile,0170,UMass,student,Hochzeitstag,2010-01-01\n"
    )
    [john] = read_path(write(tmp_path, "c.csv", text)).people
    assert john.name == "John Doe"
    assert john.tags == ["Mittelschule", "JGA Blake", "friends"]
    assert john.birthday == PartialDate(9, 7, 1987)
    assert john.anniversaries == [("Hochzeitstag", PartialDate(1, 1, 2010))]
    assert (john.company, john.position_title) == ("UMass", "student")


def test_unparseable_birthday_goes_to_notes(tmp_path: Path) -> None:
    text = LEGACY + "A,,,,sometime in May,,,,,,,,,,\n"
    [a] = read_path(write(tmp_path, "c.csv", text)).people
    assert a.birthday is None and a.notes == "Birthday: sometime in May"


def test_feb_29_with_a_non_leap_year_is_not_invented(tmp_path: Path) -> None:
    text = LEGACY + "A,,,,2001-02-29,,,,,,,,,,\nB,,,,2000-02-29,,,,,,,,,,\n"
    a, b = read_path(write(tmp_path, "c.csv", text)).people
    assert a.birthday is None
    assert b.birthday == PartialDate(2, 29, 2000)


def test_rows_without_identity_are_skipped(tmp_path: Path) -> None:
    text = LEGACY + ",,,,1987-09-07,just a note,,,,,,,,,\n,,,,,,,,,,,,,,\n"
    batch = read_path(write(tmp_path, "c.csv", text))
    assert batch.people == []
    assert [(s.position, s.reason) for s in batch.skipped] == [(2, "no name, e-mail or phone")]


def test_organisation_only_row(tmp_path: Path) -> None:
    text = LEGACY + ",,,,,,,,,,,Bike Shop,,,\n"
    [shop] = read_path(write(tmp_path, "c.csv", text)).people
    assert shop.name == "Bike Shop" and shop.is_organization


def test_outlook_csv_in_windows_code_page(tmp_path: Path) -> None:
    text = (
        "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        "Business Phone,Home Phone,Mobile Phone,Business Fax,Birthday,Anniversary,"
        "E-mail Address,E-mail 2 Address,E-mail Display Name,Notes,Web Page,Categories,Home City\n"
        "Mr.,Ren\xe9,,M\xfcller,,IBM,,Money Counter,(905) 555-1234,,+1 555,(905) 1,3/22/1980,"
        "1/13/2011,rene@ibm.com,r2@ibm.com,Ren\xe9 (rene@ibm.com),hi,http://ibm.com,"
        "VIP;Work,Z\xfcrich\n"
    )
    batch = read_path(write(tmp_path, "outlook.csv", text.encode("cp1252")))
    assert batch.format == "outlook"
    [rene] = batch.people
    assert rene.name == "René Müller"
    assert rene.emails == ["rene@ibm.com", "r2@ibm.com"]
    assert rene.phones == ["(905) 555-1234", "+1 555"]
    assert rene.birthday == PartialDate(3, 22, 1980)
    assert rene.anniversaries == [("anniversary", PartialDate(1, 13, 2011))]
    assert rene.tags == ["VIP", "Work"]
    assert rene.location == "Zürich"
    assert (rene.company, rene.position_title) == ("IBM", "Money Counter")


def test_outlook_empty_birthday(tmp_path: Path) -> None:
    text = "First Name,Last Name,E-mail Address,Birthday\nA,B,a@b.c,0/0/00\n"
    [a] = read_path(write(tmp_path, "o.csv", text)).people
    assert a.birthday is None and a.notes is None


THUNDERBIRD = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,"
    "Home Phone,Mobile Number,Job Title,Organization,Web Page 1,Birth Year,Birth Month,"
    "Birth Day,Notes\r\n"
)


def test_thunderbird_utf16le_with_bom(tmp_path: Path) -> None:
    text = THUNDERBIRD + "John,Doe,Johnny D,,j@host.invalid,,,,07911,,,,,04,15,\r\n"
    data = b"\xff\xfe" + text.encode("utf-16-le")
    batch = read_path(write(tmp_path, "tb.csv", data))
    assert batch.format == "thunderbird"
    [john] = batch.people
    assert john.name == "Johnny D"
    assert john.emails == ["j@host.invalid"] and john.phones == ["07911"]
    assert john.birthday == PartialDate(4, 15, None)


def test_thunderbird_shift_jis_without_bom(tmp_path: Path) -> None:
    text = THUNDERBIRD + "ロイド,安藤,安藤 ロイド,,lloyd@example.jp,,,,,,,,1980,1,2,メモです\r\n"
    batch = read_path(write(tmp_path, "tb.csv", text.encode("shift_jis")))
    [lloyd] = batch.people
    assert lloyd.name == "安藤 ロイド"
    assert lloyd.notes == "メモです"
    assert lloyd.birthday == PartialDate(1, 2, 1980)


def test_thunderbird_quoted_fields_with_quotes_tabs_and_newlines(tmp_path: Path) -> None:
    text = THUNDERBIRD + 'a,b,,,,,,,,"""worker""",,,,,,"x\r\ny\tz"\r\n'
    [a] = read_path(write(tmp_path, "tb.csv", text)).people
    assert a.position_title == '"worker"' and a.notes == "x\r\ny\tz"


def test_unknown_header_names_the_file_and_line_1(tmp_path: Path) -> None:
    path = write(tmp_path, "weird.csv", "Foo,Bar\n1,2\n")
    with pytest.raises(InvalidInput) as info:
        read_path(path)
    assert info.value.file == str(path) and info.value.line == 1
    assert "weird.csv, line 1" in str(info.value)


def test_expected_format_mismatch() -> None:
    with pytest.raises(InvalidInput, match="not a outlook CSV"):
        read_contacts_csv((LEGACY + "A,,,,,,,,,,,,,,\n").encode(), "c.csv", expected="outlook")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_invalid_input(data: bytes) -> None:
    for blob in (data, LEGACY.encode() + data, THUNDERBIRD.encode() + data):
        try:
            read_contacts_csv(blob, "fuzz.csv")
        except InvalidInput as exc:
            assert "fuzz.csv" in str(exc)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
        min_size=15,
        max_size=15,
    )
)
def test_any_cell_values_in_a_google_row_never_crash(cells: list[str]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    batch = read_contacts_csv((LEGACY + buffer.getvalue()).encode(), "fuzz.csv")
    assert len(batch.people) + len(batch.skipped) <= 1
