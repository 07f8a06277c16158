"""One entry point: read any supported contacts file, judged by its content, not its name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.encoding import bom_encoding, decode_table, utf16_without_bom
from tiekeeper.interchange.linkedin import (
    linkedin_folder_files,
    read_linkedin_csv,
    read_linkedin_folder,
    read_linkedin_zip,
    sniff_kind,
)
from tiekeeper.interchange.records import ImportBatch
from tiekeeper.interchange.tabular import find_delimiter, read_rows

FORMATS = ("auto", "linkedin", "google", "outlook", "thunderbird", "vcard")
SUPPORTED = (
    "supported formats are a LinkedIn data export (the .zip, its folder or Connections.csv), "
    "Google, Outlook or Thunderbird contacts CSV, and vCard (.vcf)"
)
LAYOUTS = (
    "LinkedIn export Connections.csv, messages.csv, Invitations.csv or Profile.csv; "
    "Google Contacts CSV (current or legacy layout); Outlook contacts CSV (column names in "
    "English, German, French, Spanish, Italian, Dutch, Portuguese or Japanese); "
    "Thunderbird address book CSV; separated by commas, semicolons or tabs"
)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _head_text(data: bytes) -> str:
    found = bom_encoding(data)
    if found is not None:
        name, size = found
        return data[size : size + 4096].decode(name, errors="ignore")
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return data[:4096].decode(utf16, errors="ignore")
    return data[:4096].decode("utf-8", errors="ignore")


def sniff(data: bytes) -> str:
    """What the bytes look like: linkedin, google, outlook, thunderbird, vcard, zip, or a
    description of something unsupported."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    head = _head_text(data).lstrip().upper()
    if head.startswith("BEGIN:VCARD") or "\nBEGIN:VCARD" in head[:1024]:
        return "vcard"
    if head.startswith("BEGIN:VCALENDAR"):
        return "an iCalendar (.ics) calendar"
    if head.startswith("%PDF"):
        return "a PDF document"
    if head.startswith(("<?XML", "<HTML", "<!DOCTYPE")):
        return "an XML or HTML document"
    if head.startswith(("{", "[")):
        return "a JSON document"
    if bom_encoding(data) is None and b"\x00" in data[:4096] and utf16_without_bom(data) is None:
        return "a binary file"
    return "csv"


def _describe_csv(text: str, file: str) -> str:
    first = next(read_rows(text[:4096], file=file, partial=True), None)
    if first is None:
        return "an empty table"
    preview = ",".join(first[1])[:60]
    return f"a table whose first line is {preview!r}"


def read_path(
    path: Path,
    format: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> ImportBatch:
    """Read a contacts file or LinkedIn export folder into an ImportBatch.

    `format` is one of auto|linkedin|google|outlook|thunderbird|vcard; `progress(done, total)` is
    called now and then on large inputs. Anything unsupported raises InvalidInput naming the file.
    """
    if format not in FORMATS:
        raise InvalidInput(
            f"unknown format {format!r}; use one of {', '.join(FORMATS)}", field="format"
        )
    file = str(path)
    if path.is_dir():
        if format not in ("auto", "linkedin") or not linkedin_folder_files(path):
            raise InvalidInput(f"this folder is not a LinkedIn data export; {SUPPORTED}", file=file)
        return read_linkedin_folder(path, progress)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot be read: {exc.strerror or exc}", file=file) from exc
    if not data.strip() or data in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        raise InvalidInput("the file is empty", file=file)
    kind = sniff(data)
    if kind == "zip":
        if format not in ("auto", "linkedin"):
            raise InvalidInput(f"this is a zip archive, not a {format} file", file=file)
        return read_linkedin_zip(data, file, progress)
    if kind == "vcard":
        if format not in ("auto", "vcard"):
            raise InvalidInput(f"this is a vCard file, not a {format} file", file=file)
        # Each reader is imported when its format shows up: vobject alone costs 40 ms of start-up.
        from tiekeeper.interchange.vcard_in import read_vcard

        return read_vcard(data, file, progress)
    if kind != "csv":
        raise InvalidInput(f"not a contacts file: it looks like {kind}; {SUPPORTED}", file=file)
    text = decode_table(data, file=file).text
    if sniff_kind(text) is not None:
        if format not in ("auto", "linkedin"):
            raise InvalidInput(f"this is a LinkedIn export CSV, not a {format} CSV", file=file)
        return read_linkedin_csv(data, file, progress)
    from tiekeeper.interchange.contacts_csv import CSV_FORMATS, classify_header, read_contacts_csv

    delimiter = find_delimiter(text, lambda row: classify_header(row) is not None)
    first = None
    if delimiter is not None:
        first = next(read_rows(text[:65536], file=file, partial=True, delimiter=delimiter), None)
    csv_kind = classify_header(first[1]) if first else None
    if csv_kind is None:
        if format == "vcard":
            raise InvalidInput("no BEGIN:VCARD found; this is not a vCard file", file=file)
        # Never read an unknown table as the nearest known layout: columns would land in the
        # wrong fields (or be dropped) without a word.
        raise InvalidInput(
            f"not a contacts file tiekeeper reads: it looks like {_describe_csv(text, file)}, "
            f"which is none of the layouts tiekeeper reads ({LAYOUTS}); also a LinkedIn .zip "
            "or folder and vCard (.vcf)",
            file=file,
            line=1,
        )
    if format not in ("auto", *CSV_FORMATS):
        raise InvalidInput(f"this is a {csv_kind} contacts CSV, not a {format} file", file=file)
    return read_contacts_csv(
        data, file, expected=None if format == "auto" else format, progress=progress
    )
