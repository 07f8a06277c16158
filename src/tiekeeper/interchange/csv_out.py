"""Google Contacts CSV out, in Google's current layout, so the file re-imports into Google."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person, PostalAddress

MULTI = " ::: "
# Google's own labels: "* myContacts" puts the contact in "Contacts" (not only "Other contacts").
MY_CONTACTS = "* myContacts"
ADDRESS_SLOTS = 2  # the Address columns Google writes; more addresses are in the vCard export


def _numbered(kind: str, count: int, *fields: str) -> list[str]:
    return [f"{kind} {i} - {f}" for i in range(1, count + 1) for f in fields]


# The header Google Contacts writes today (see samples/csv/google_new_format_escalate.csv).
HEADER: tuple[str, ...] = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    *_numbered("E-mail", 4, "Label", "Value"),
    *_numbered("Phone", 3, "Label", "Value"),
    *_numbered(
        "Address",
        ADDRESS_SLOTS,
        "Label",
        "Formatted",
        "Street",
        "City",
        "PO Box",
        "Region",
        "Postal Code",
        "Country",
        "Extended Address",
    ),
    *_numbered("Website", 2, "Label", "Value"),
    *_numbered("Event", 3, "Label", "Value"),
)
_INDEX = {name: i for i, name in enumerate(HEADER)}


def google_birthday(b: PartialDate) -> str:
    """`YYYY-MM-DD`, or Google's year-less ` --MM-DD` (with its leading space)."""
    return f" {b.isoformat()}" if b.year is None else b.isoformat()


def _slots(values: Sequence[str], slots: int) -> list[str]:
    """One value per numbered column; what does not fit shares the last one, ` ::: `-joined."""
    if len(values) <= slots:
        return list(values)
    return [*values[: slots - 1], MULTI.join(values[slots - 1 :])]


def _one_line(value: str) -> str:
    return " ".join(value.split())


# A spreadsheet opening the file runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), +1+1, @SUM(A1), DDE through -): OWASP's CSV injection rule.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A phone number as people write it is digits and punctuation only: no function, no reference.
_PHONE = re.compile(r"\+?[0-9][0-9 ().\-/]*")


def _cell(column: str, value: str) -> str:
    """The value as written: with a leading ' when a spreadsheet would take it for a formula
    (phone numbers such as +44 20 7946 0958 stay as they are in the Phone columns)."""
    if not value.startswith(_FORMULA_START):
        return value
    if column.startswith("Phone ") and _PHONE.fullmatch(value):
        return value
    return "'" + value


def _row(p: Person) -> list[str]:
    row = [""] * len(HEADER)

    def put(column: str, value: str | None) -> None:
        if value:
            row[_INDEX[column]] = _cell(column, value)

    words = p.name.split()
    put("First Name", words[0])
    if len(words) > 1:
        put("Middle Name", " ".join(words[1:-1]))
        put("Last Name", words[-1])
    put("Organization Name", p.company)
    put("Organization Title", p.position)
    put("Birthday", google_birthday(p.birthday) if p.birthday else None)
    put("Notes", p.notes)
    put("Labels", MULTI.join([*p.tags, MY_CONTACTS]))
    urls = [_one_line(u) for u in ([p.linkedin_url] if p.linkedin_url else []) + p.links]
    for kind, values, count, label in (
        ("E-mail", p.emails, 4, "Other"),
        ("Phone", p.phones, 3, "Other"),
        ("Website", urls, 2, "Profile"),
    ):
        for i, value in enumerate(_slots(values, count), 1):
            # Google marks the primary value of a kind with "* " before its label.
            put(f"{kind} {i} - Label", f"* {label}" if i == 1 else label)
            put(f"{kind} {i} - Value", value)
    for i, a in enumerate(p.addresses[:ADDRESS_SLOTS], 1):
        _address(put, i, a)
    if p.location and not p.addresses:
        put("Address 1 - Label", "Other")
        put("Address 1 - Formatted", p.location)
        put("Address 1 - City", p.location)
    return row


def _address(put: Callable[[str, str | None], None], i: int, a: PostalAddress) -> None:
    """Address i's columns; Google's labels are capitalised (Home, Work, Other)."""
    label = (a.kind or "other").capitalize()
    put(f"Address {i} - Label", f"* {label}" if i == 1 else label)
    formatted = [a.street, a.extended, a.po_box, " ".join(x for x in (a.postcode, a.city) if x)]
    formatted += [a.region, a.country]
    put(f"Address {i} - Formatted", "\n".join(x for x in formatted if x))
    for column, value in (
        ("Street", a.street),
        ("City", a.city),
        ("PO Box", a.po_box),
        ("Region", a.region),
        ("Postal Code", a.postcode),
        ("Country", a.country),
        ("Extended Address", a.extended),
    ):
        put(f"Address {i} - {column}", value)


def write_google_csv(people: Iterable[Person]) -> bytes:
    """Every person as one row of a Google Contacts CSV: UTF-8 without BOM, CRLF rows."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    for p in people:
        writer.writerow(_row(p))
    return buf.getvalue().encode("utf-8")
