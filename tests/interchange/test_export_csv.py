"""Google Contacts CSV out: Google's current header, and it re-imports through our own reader."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from samples_dir import samples_root
from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person
from tiekeeper.interchange.contacts_csv import read_contacts_csv
from tiekeeper.interchange.csv_out import HEADER, write_google_csv

SAMPLE = samples_root() / "csv/google_new_format_escalate.csv"


def person(pid: int, name: str, **kw: object) -> Person:
    return Person(name=name, id=pid, created_on=date(2026, 1, 1), **kw)  # type: ignore[arg-type]


PEOPLE = [
    person(
        1,
        "José María Núñez",
        emails=["a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com"],
        phones=["+1 555 0100", "+1 555 0101"],
        company="Acme, Inc.",
        position="CTO",
        notes='Line one\nLine "two", with commas',
        tags=["mentor", "alumni"],
        birthday=PartialDate(12, 25),
        location="Berlin, Germany",
        linkedin_url="https://www.linkedin.com/in/jose",
        links=["https://jose.dev", "https://blog.jose.dev", "https://x.com/jose"],
    ),
    person(2, "Bo", birthday=PartialDate(2, 29, 1992)),
]


def test_the_header_is_googles_current_layout() -> None:
    if not SAMPLE.exists():
        pytest.skip("samples folder not present")
    sample_header = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert list(HEADER) == sample_header
    data = write_google_csv(PEOPLE)
    assert data.split(b"\r\n")[0].decode("utf-8").split(",") == sample_header


def test_a_yearless_birthday_is_written_the_google_way_with_a_leading_space() -> None:
    rows = list(csv.reader(io.StringIO(write_google_csv(PEOPLE).decode("utf-8"))))
    birthday = rows[0].index("Birthday")
    assert rows[1][birthday] == " --12-25"
    assert rows[2][birthday] == "1992-02-29"


def test_values_that_do_not_fit_the_columns_share_the_last_one_with_the_google_separator() -> None:
    rows = list(csv.reader(io.StringIO(write_google_csv(PEOPLE).decode("utf-8"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["E-mail 4 - Value"] == "d@x.com ::: e@x.com"
    assert (
        row["Website 2 - Value"]
        == "https://jose.dev ::: https://blog.jose.dev ::: https://x.com/jose"
    )
    assert row["Labels"] == "mentor ::: alumni ::: * myContacts"
    assert row["E-mail 1 - Label"] == "* Other"


def test_the_csv_reimports_through_the_projects_reader_as_the_same_people() -> None:
    batch = read_contacts_csv(write_google_csv(PEOPLE), "out.csv")
    assert batch.format == "google"
    assert batch.skipped == []
    for p, r in zip(PEOPLE, batch.people, strict=True):
        assert r.name == p.name
        assert r.emails == p.emails
        assert r.phones == p.phones
        assert r.company == p.company
        assert r.position_title == p.position
        assert r.notes == p.notes
        assert r.tags == p.tags
        assert r.birthday == p.birthday
        assert r.location == p.location
        assert r.linkedin_url == p.linkedin_url
        assert r.links == p.links


def test_an_empty_address_book_is_just_the_header() -> None:
    assert write_google_csv([]) == (",".join(HEADER) + "\r\n").encode("utf-8")
