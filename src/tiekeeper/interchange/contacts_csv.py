"""Google (current and legacy), Outlook and Thunderbird address-book CSV files."""

from __future__ import annotations

from collections.abc import Sequence

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.csv_rows import RowReader
from tiekeeper.interchange.encoding import decode_table
from tiekeeper.interchange.outlook_headers import english_header
from tiekeeper.interchange.records import ImportBatch, Skipped
from tiekeeper.interchange.tabular import (
    Columns,
    Progress,
    ProgressCallback,
    checked_rows,
    count_lines,
    find_delimiter,
    is_blank,
    read_rows,
)

CSV_FORMATS = ("google", "outlook", "thunderbird")
OUTLOOK_ONLY = (
    "e-mail address",
    "e-mail 2 address",
    "business phone",
    "home phone",
    "mobile phone",
    "business street",
    "home street",
)


def classify_header(cells: Sequence[str]) -> str | None:
    """ "google", "outlook" or "thunderbird" when the header row is one of theirs (Outlook's in
    English or a known translation). Only names particular to each program count, so a CSV of
    some other program is refused rather than read as the nearest layout."""
    cols = Columns(english_header(cells))
    if cols.has("given name", "family name") or cols.has("name", "group membership"):
        return "google"
    if cols.has("first name", "last name") and (
        cols.has("labels") or cols.has("e-mail 1 - value") or cols.has("organization name")
    ):
        return "google"
    if cols.has("primary email") or cols.has("first name", "display name", "nickname"):
        return "thunderbird"
    names = ("first name", "last name", "company")
    if any(cols.has(n) for n in names) and any(cols.has(n) for n in OUTLOOK_ONLY):
        return "outlook"
    return None


def read_contacts_csv(
    data: bytes,
    file: str,
    *,
    expected: str | None = None,
    progress: ProgressCallback | None = None,
) -> ImportBatch:
    """Read a Google, Outlook or Thunderbird CSV; `expected` insists on one of them."""
    decoded = decode_table(data, file=file)
    text = decoded.text
    delimiter = find_delimiter(text, lambda row: classify_header(row) is not None) or ","
    tracker = Progress(progress, count_lines(text))
    rows = read_rows(text, file=file, progress=tracker, delimiter=delimiter)
    first = next(rows, None)
    kind = classify_header(first[1]) if first else None
    if kind is None:
        raise InvalidInput(
            "the header is not a Google, Outlook or Thunderbird contacts header", file=file, line=1
        )
    if expected is not None and expected != kind:
        raise InvalidInput(f"this is a {kind} CSV, not a {expected} CSV", file=file, line=1)
    assert first is not None
    header = first[1]
    reader = RowReader(kind, header, english_header(header))
    batch = ImportBatch(format=kind)
    data_rows = checked_rows(
        rows,
        header,
        file=file,
        skipped=batch.skipped,
        delimiter=delimiter,
        bad_lines=decoded.bad_lines,
    )
    for position, row in data_rows:
        if is_blank(row):
            continue
        try:
            person = reader.build(row, position, file)
        except ValueError as exc:
            batch.skipped.append(Skipped(file, position, f"unreadable row: {exc}"))
            continue
        if person is None:
            batch.skipped.append(Skipped(file, position, "no name, e-mail or phone"))
        else:
            batch.people.append(person)
    batch.skipped.sort(key=lambda s: s.position)
    tracker.finish()
    return batch
