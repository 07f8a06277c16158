"""The vCard reader: folds anywhere, company cards, e-mails that are addresses, anniversaries from
every writer, structured addresses, and every line kept or counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import PostalAddress
from tiekeeper.interchange.records import ImportedPerson
from tiekeeper.interchange.vcard_in import NOT_AN_EMAIL, UNREADABLE_LINE, read_vcard

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "vcard"


def card(*lines: str, version: str = "3.0") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return ("\r\n".join(body) + "\r\n").encode("utf-8")


def one(data: bytes) -> ImportedPerson:
    batch = read_vcard(data, "t.vcf")
    assert batch.skipped == []
    [person] = batch.people
    return person


def test_a_line_folded_before_its_colon_is_its_own_property_not_the_phones() -> None:
    p = one(
        card("FN:Ana Lima", "TEL:+1 555 0100", "AD", " R;TYPE=HOME:;;1 Main St;Lisbon;;;Portugal")
    )
    assert p.phones == ["+1 555 0100"]
    assert p.addresses == [PostalAddress("home", street="1 Main St", city="Lisbon",
                                         country="Portugal")]  # fmt: skip
    assert p.location == "Lisbon, Portugal"


def test_folds_inside_a_parameter_and_inside_the_group() -> None:
    p = one(
        card("FN:Bo", "ite", " m1.EMA", " IL;TY", "\tPE=WORK:bo@example.com", "item1.X-ABLabel:x")
    )
    assert p.emails == ["bo@example.com"]
    assert ("EMAIL", "item1.EMAIL;TYPE=WORK:bo@example.com") in p.card_props


def test_quoted_printable_soft_breaks_then_folds_on_a_2_1_card() -> None:
    p = one(
        card(
            "N:Brandt;Henrik",
            "NOTE;ENCODING=QUOTED-PRINTABLE:Zust=C3=A4ndig=0D=0A=",
            "Bevorzugt Telefon.",
            "TEL;WORK:+49 30 901820",
            version="2.1",
        )
    )
    assert p.notes == "Zuständig\nBevorzugt Telefon." and p.phones == ["+49 30 901820"]
    # Kept as UTF-8 text: the export is 3.0 in UTF-8, where quoted-printable has no place.
    assert ("NOTE", "NOTE:Zuständig\\nBevorzugt Telefon.") in p.card_props


def test_a_line_that_is_no_property_is_counted_never_glued_on() -> None:
    p = one(card("FN:Cy", "TEL:+1 555 0101", "garbage without a colon"))
    assert p.phones == ["+1 555 0101"] and p.not_kept == [UNREADABLE_LINE]


def test_unindented_base64_of_a_2_1_photo_is_more_of_the_photo() -> None:
    p = one(
        card("FN:Di", "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ", "SkZJRgAB", "", version="2.1")
    )
    assert p.not_kept == []
    assert ("PHOTO", "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgAB") in p.card_props


@pytest.mark.parametrize(
    "lines",
    [
        ("N:;;;;", "FN:", "ORG:Globex;", "X-ABShowAs:COMPANY"),
        ("KIND:org", "FN:Globex", "ORG:Globex"),
        ("N:;;;;", "ORG:Globex"),
    ],
)
def test_a_company_card_is_read_with_its_email_phone_and_url(lines: tuple[str, ...]) -> None:
    p = one(
        card(*lines, "EMAIL:sales@globex.example", "TEL:+1 555 0102", "URL:https://globex.example")
    )
    assert (p.name, p.company, p.is_organization) == ("Globex", "Globex", True)
    assert p.emails == ["sales@globex.example"] and p.phones == ["+1 555 0102"]
    assert p.links == ["https://globex.example"]


@pytest.mark.parametrize("value", ["urn:li:member:664293716", "xxxxxxxxxxxx", "a@b"])
def test_an_email_that_is_no_address_is_not_an_email_and_is_counted(value: str) -> None:
    p = one(card("FN:Ed", f"EMAIL:{value}", "EMAIL:ed@example.com"))
    assert p.emails == ["ed@example.com"] and p.not_kept == [NOT_AN_EMAIL]
    assert all(value not in line for _, line in p.card_props)


@pytest.mark.parametrize(
    "line",
    [
        "ANNIVERSARY:2012-09-08",
        "ANNIVERSARY:20120908",
        "X-ANNIVERSARY:2012-09-08",
        "X-MS-ANNIVERSARY:20120908",
        "X-EVOLUTION-ANNIVERSARY:2012-09-08",
        "X-KADDRESSBOOK-X-Anniversary:2012-09-08",
    ],
)
def test_anniversaries_from_every_writer(line: str) -> None:
    assert one(card("FN:Flo", line)).anniversaries == [("anniversary", PartialDate(9, 8, 2012))]


def test_apples_labelled_date_is_an_anniversary() -> None:
    p = one(card("FN:Gil", "item3.X-ABDATE;type=pref:2015-06-20",
                 "item3.X-ABLabel:_$!<Anniversary>!$_"))  # fmt: skip
    assert p.anniversaries == [("anniversary", PartialDate(6, 20, 2015))]


def test_addresses_keep_their_type_or_apples_label_and_every_part() -> None:
    p = one(
        card(
            "FN:Hana",
            "ADR;TYPE=WORK,PREF:PO 9;Suite 4;1 Harbour Way;Seattle;WA;98101;USA",
            "item2.ADR:;;5 Elm St;Leeds;;LS1;UK",
            "item2.X-ABLabel:Cottage",
            "ADR;TYPE=HOME:;;;;;;",
        )
    )
    assert p.addresses == [
        PostalAddress("work", "PO 9", "Suite 4", "1 Harbour Way", "Seattle", "WA", "98101", "USA"),
        PostalAddress("cottage", None, None, "5 Elm St", "Leeds", None, "LS1", "UK"),
    ]


def test_every_line_is_kept_but_the_ones_every_export_rewrites() -> None:
    lines = ("PRODID:-//Apple Inc.//iOS 17//EN", "FN:Ivo", "IMPP;X-SERVICE-TYPE=Skype:skype:ivo",
             "X-FOO;X-BAR=1:baz", "REV:2024-01-01T00:00:00Z")  # fmt: skip
    p = one(card(*lines))
    assert [name for name, _ in p.card_props] == ["FN", "IMPP", "X-FOO"]
    assert ("IMPP", "IMPP;X-SERVICE-TYPE=Skype:skype:ivo") in p.card_props


def test_the_writers_fixtures_read_as_their_people() -> None:
    apple = read_vcard((FIXTURES / "apple_ios_company_and_labels.vcf").read_bytes(), "a.vcf")
    company, chi = apple.people
    assert (company.name, company.emails) == ("Northwind Traders", ["orders@northwind.example"])
    assert chi.anniversaries == [("anniversary", PartialDate(6, 20, 2015))]
    outlook = one((FIXTURES / "outlook_v21_folded_anniversary.vcf").read_bytes())
    assert outlook.emails == ["henrik.brandt@fabrikam.example"]
    assert outlook.phones == ["+49 30 901820"] and outlook.addresses[0].city == "Berlin"
    assert outlook.anniversaries == [("anniversary", PartialDate(9, 8, 2012))]
    others = read_vcard((FIXTURES / "evolution_kaddressbook_v4_org.vcf").read_bytes(), "e.vcf")
    ana, jonas, acme = others.people
    assert ana.emails == ["ana.souza@contoso.example"] and ana.not_kept == [NOT_AN_EMAIL]
    assert jonas.emails == [] and jonas.not_kept == [NOT_AN_EMAIL]
    assert (acme.company, acme.phones) == ("Acme Robotics", ["+1-555-010-9999"])
