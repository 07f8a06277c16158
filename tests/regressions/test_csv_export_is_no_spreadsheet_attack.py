"""Regression (issue 14): a LinkedIn connection named `=HYPERLINK("http://x")`, `+1+1` or
`@SUM(A1)` came out of `export csv` as a live formula. Cells that start with =, +, -, @, a tab or a
carriage return now get a leading ' (OWASP); vCard and JSON keep the text as it is."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

from tiekeeper.domain.model import Person
from tiekeeper.interchange.csv_out import write_google_csv
from tiekeeper.services.exporting import export_csv, export_json, export_vcard
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
EVIL = {
    "name": '=HYPERLINK("http://x") Evil',
    "company": "+1+1",
    "position": "@SUM(A1)",
    "location": "-2+3",
    "tags": ["=cmd|' /C calc'!A0"],
}


def rows(store: Store) -> list[dict[str, str]]:
    text = export_csv(store.uow()).data.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_formula_cells_are_neutralised_in_the_csv(store: Store) -> None:
    add_person(store.uow(), PersonChanges(**EVIL, phones=["+44 20 7946 0958"]), TODAY)
    [evil] = rows(store)
    assert evil["First Name"] == '\'=HYPERLINK("http://x")'
    assert evil["Organization Name"] == "'+1+1"
    assert evil["Organization Title"] == "'@SUM(A1)"
    assert evil["Address 1 - City"] == "'-2+3"
    assert evil["Labels"].startswith("'=cmd|")
    assert evil["Phone 1 - Value"] == "+44 20 7946 0958"  # a phone number is no formula
    for row in rows(store):
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r" or value.startswith("+44"), value


def test_tab_and_carriage_return_starts_are_neutralised_too() -> None:
    """The services trim names and companies; a note or an imported value may still start so."""
    person = Person(name="Tab", notes="\tnote", company="\r=1+1")
    [row] = csv.DictReader(io.StringIO(write_google_csv([person]).decode("utf-8")))
    assert row["Notes"] == "'\tnote" and row["Organization Name"] == "'\r=1+1"


def test_a_phone_column_still_neutralises_what_is_not_a_phone_number(store: Store) -> None:
    add_person(store.uow(), PersonChanges(name="Ana", phones=["+1+1", "=1+1"]), TODAY)
    [ana] = rows(store)
    assert ana["Phone 1 - Value"] == "'+1+1" and ana["Phone 2 - Value"] == "'=1+1"


def test_vcard_and_json_keep_the_text_as_it_is(store: Store) -> None:
    add_person(store.uow(), PersonChanges(**EVIL), TODAY)
    card = export_vcard(store.uow()).data.decode("utf-8")
    assert "ORG:+1+1" in card and "TITLE:@SUM(A1)" in card and "=HYPERLINK" in card
    assert "'=" not in card and "'+" not in card
    backup = json.loads(export_json(store.uow()).data)
    [person] = backup["tables"]["people"]
    assert (person["name"], person["position"]) == (EVIL["name"], EVIL["position"])
