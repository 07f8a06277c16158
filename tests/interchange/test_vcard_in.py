from __future__ import annotations

from pathlib import Path

import pytest

from tiekeeper.domain.dates import PartialDate
from tiekeeper.interchange import vcard_in
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.vcard_in import read_vcard


def card(*lines: str, version: str = "3.0", eol: str = "\r\n") -> str:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return eol.join(body) + eol


def one(text: str | bytes) -> vcard_in.ImportedPerson:
    data = text.encode("utf-8") if isinstance(text, str) else text
    batch = read_vcard(data, "t.vcf")
    assert batch.skipped == []
    [person] = batch.people
    return person


def test_basic_fields() -> None:
    person = one(
        card(
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "EMAIL;TYPE=INTERNET:ada@example.com",
            "TEL;TYPE=CELL:+44 1",
            "ORG:Analytical Engines;R&D",
            "TITLE:Poet",
            "ADR;TYPE=HOME:;;1 Main St;London;;N1;United Kingdom",
            "NOTE:likes\\, commas\\nand lines",
            "CATEGORIES:Friends,My Contacts",
            "UID:abc-1",
        )
    )
    assert person.name == "Ada Lovelace"
    assert (person.first_name, person.last_name) == ("Ada", "Lovelace")
    assert person.emails == ["ada@example.com"] and person.phones == ["+44 1"]
    assert (person.company, person.position_title) == ("Analytical Engines", "Poet")
    assert person.location == "London, United Kingdom"
    assert person.notes == "likes, commas\nand lines"
    assert person.tags == ["Friends"]
    assert person.uid == "abc-1"


def test_quoted_printable_soft_breaks_v21() -> None:
    text = card(
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=20=C3=91;=C3=91=",
        "=C3=91;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91 =C3=91=",
        "=C3=91",
        "NOTE;ENCODING=QUOTED-PRINTABLE:Now's the time =",
        "for all folk, to come=",
        "",
        "ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Sta=C3=9Fe 2=0A=",
        "=30=30=30;Dresden;;;",
        "URL:http://after.example",
        version="2.1",
    )
    person = one(text)
    assert person.name == "Ñ ÑÑ"
    assert (person.last_name, person.first_name) == ("Ñ Ñ", "ÑÑ")
    assert person.notes == "Now's the time for all folk, to come"
    assert person.location == "Dresden"
    assert person.links == ["http://after.example"]


def test_byte_level_unfolding_splits_utf8_sequences() -> None:
    value = "βγδεαβγδ" * 10
    raw = f"FN:{value}".encode()
    folded = raw[:76] + b"\r\n " + raw[76:]  # the fold falls inside a two-byte letter
    with pytest.raises(UnicodeDecodeError):
        folded.decode("utf-8")
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + folded + b"\r\nEND:VCARD\r\n"
    assert one(data).name == value


@pytest.mark.parametrize("eol", ["\r\n", "\n", "\r\r\n", "\r"])
def test_line_endings(eol: str) -> None:
    text = card("FN:Bob Smith", "NOTE:long", " er note", "TEL:1", eol=eol) * 2
    batch = read_vcard(text.encode(), "t.vcf")
    assert [(p.name, p.notes) for p in batch.people] == [("Bob Smith", "longer note")] * 2


def test_mixed_line_endings_in_one_file() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Mixed\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
        b" /9j/4AAQ\n /9j/4AAQ\n\r\nTEL:1\r\r\nEND:VCARD\n"
    )
    person = one(data)
    assert (person.name, person.phones) == ("Mixed", ["1"])


def test_shift_jis_charset_per_property() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + "FN;CHARSET=SHIFT_JIS:安藤 ロイド\r\n".encode("shift_jis")
        + b"NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=83=82\r\n"
        + "ORG;CHARSET=cp1252:Café\r\n".encode("cp1252")
        + b"END:VCARD\r\n"
    )
    person = one(data)
    assert person.name == "安藤 ロイド"
    assert person.notes == "メモ"
    assert person.company == "Café"


def test_broken_photo_loses_only_the_photo() -> None:
    text = card("FN:A", "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQE", "")
    text += card("FN:B", "PHOTO;ENCODING=b;TYPE=JPEG:!!!notbase64", "EMAIL:b@x")
    batch = read_vcard(text.encode(), "t.vcf")
    assert [p.name for p in batch.people] == ["A", "B"]


def test_a_card_vobject_rejects_is_read_by_the_fallback() -> None:
    person = one(card("FN:Fallback Fred", "X BROKEN NAME:x", 'TEL;TYPE="unterminated:12'))
    assert person.name == "Fallback Fred"


def test_one_unreadable_card_among_good_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    real = vcard_in.person_from_props

    def flaky(props: list[vcard_in.Prop], position: int, file: str) -> object:
        if position == 2:
            raise ValueError("boom")
        return real(props, position, file)

    monkeypatch.setattr(vcard_in, "person_from_props", flaky)
    text = card("FN:One") + card("FN:Two") + card("FN:Three")
    batch = read_vcard(text.encode(), "t.vcf")
    assert [p.name for p in batch.people] == ["One", "Three"]
    [skip] = batch.skipped
    assert skip.position == 2 and "'Two'" in skip.reason and "boom" in skip.reason


def test_card_without_identity_is_skipped() -> None:
    batch = read_vcard((card("FN:Ok") + card("NOTE:nothing else")).encode(), "t.vcf")
    assert [p.name for p in batch.people] == ["Ok"]
    assert [(s.position, s.reason) for s in batch.skipped] == [
        (2, "card has no name, e-mail or phone")
    ]


def test_email_only_card_is_named_by_its_email() -> None:
    assert one(card("EMAIL;PREF:john@company.com", version="2.1")).name == "john@company.com"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1996-04-15", PartialDate(4, 15, 1996)),
        ("BDAY:19960415", PartialDate(4, 15, 1996)),
        ("BDAY:--0415", PartialDate(4, 15, None)),
        ("BDAY:--04-15", PartialDate(4, 15, None)),
        ("BDAY:1955-07-19T00:00:00Z", PartialDate(7, 19, 1955)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", PartialDate(4, 15, None)),
        ("BDAY;X-APPLE-OMIT-YEAR=1972:1972-04-15", PartialDate(4, 15, None)),
        ("BDAY:16040101", PartialDate(1, 1, None)),
        ("BDAY;value=date:2012-06-06", PartialDate(6, 6, 2012)),
        ("BDAY:--0229", PartialDate(2, 29, None)),
        ("BDAY:2001-02-29", None),
    ],
)
def test_birthday_forms(line: str, expected: PartialDate | None) -> None:
    assert one(card("FN:X", line)).birthday == expected


def test_text_birthday_is_kept_in_notes() -> None:
    person = one(card("FN:X", "NOTE:hi", "BDAY;VALUE=text:circa 1800", version="4.0"))
    assert person.birthday is None
    assert person.notes == "hi\n\nBirthday: circa 1800"


def test_anniversaries() -> None:
    person = one(
        card(
            "FN:X",
            "ANNIVERSARY:20090808T1430-0500",
            "X-ANNIVERSARY:2001-05-05",
            "X-MS-ANNIVERSARY:20110113",
            "item9.X-ABDATE:1930-03-20",
            "item9.X-ABLabel:_$!<Anniversary>!$_",
            "item10.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-09-12",
            "item10.X-ABLabel:First date",
        )
    )
    assert person.anniversaries == [
        ("anniversary", PartialDate(8, 8, 2009)),
        ("anniversary", PartialDate(5, 5, 2001)),
        ("anniversary", PartialDate(1, 13, 2011)),
        ("anniversary", PartialDate(3, 20, 1930)),
        ("first date", PartialDate(9, 12, None)),
    ]


def test_urls_with_escaped_colons_and_linkedin_detection() -> None:
    person = one(
        card(
            "FN:X",
            "item1.URL:http\\://www.example.com",
            "item1.X-ABLabel:_$!<HomePage>!$_",
            "X-SOCIALPROFILE;type=linkedin:http\\://www.linkedin.com/in/Jane-Doe-1",
            "URL:https://www.linkedin.com/in/jane-doe-1",
        )
    )
    assert person.links == ["http://www.example.com"]
    assert person.linkedin_url == "https://www.linkedin.com/in/jane-doe-1"


def test_linkedin_url_property() -> None:
    person = one(card("FN:X", "URL;TYPE=work:https://www.linkedin.com/in/someone"))
    assert person.linkedin_url == "https://www.linkedin.com/in/someone" and person.links == []


def test_icloud_group_card_is_skipped() -> None:
    text = card(
        "N:Staff",
        "FN:Staff",
        "X-ADDRESSBOOKSERVER-KIND:group",
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:68F8AD34",
    ) + card("FN:Member")
    batch = read_vcard(text.encode(), "t.vcf")
    assert [p.name for p in batch.people] == ["Member"]
    assert [s.reason for s in batch.skipped] == ["group card: Staff"]


@pytest.mark.parametrize("line", ["KIND:org", "X-ABShowAs:COMPANY"])
def test_organisation_cards(line: str) -> None:
    person = one(card("FN:Bike Shop", "ORG:Bike Shop", line))
    assert person.is_organization


def test_detected_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "contacts.txt"
    path.write_text("\n\n" + card("FN:Z"), encoding="utf-8")
    batch = read_path(path)
    assert batch.format == "vcard" and [p.name for p in batch.people] == ["Z"]


def test_utf16_vcard_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "c.vcf"
    path.write_bytes(b"\xff\xfe" + card("FN:Zoë").encode("utf-16-le"))
    assert [p.name for p in read_path(path).people] == ["Zoë"]
