"""The LinkedIn data export: a zip as downloaded, an unpacked folder, or one of its CSV files."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tiekeeper.domain.email_address import email_or_none
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.datefmt import DateReader, parse_partial
from tiekeeper.interchange.encoding import Decoded, decode_table
from tiekeeper.interchange.linkedin_messages import MessageLog, read_invitations, read_messages
from tiekeeper.interchange.records import (
    ImportBatch,
    ImportedPerson,
    ImportedProfile,
    Skipped,
    normalize_linkedin_url,
)
from tiekeeper.interchange.tabular import (
    Columns,
    Picker,
    Progress,
    ProgressCallback,
    cell,
    checked_rows,
    count_lines,
    find_delimiter,
    is_blank,
    read_rows,
)
from tiekeeper.interchange.zipped import ZipReader

FILE_KINDS = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "profile.csv": "profile",
}
HEADER_SEARCH_ROWS = 20
Rows = Iterator[tuple[int, list[str]]]


def header_kind(cells: Sequence[str]) -> str | None:
    """Which LinkedIn file a header row belongs to, judged by its column names."""
    cols = Columns(cells)
    if cols.has("first name", "last name", "connected on"):
        return "connections"
    if cols.has("conversation id", "from", "to") or cols.has("from", "to", "content", "direction"):
        return "messages"
    if cols.has("from", "to", "sent at"):
        return "invitations"
    if cols.has("first name", "last name", "headline"):
        return "profile"
    return None


def sniff_kind(text: str) -> str | None:
    """The LinkedIn file kind of a CSV text, looking past a `Notes:` preamble."""
    delimiter = sniff_delimiter(text)
    if delimiter is None:
        return None
    for _, row in _head(read_rows(text[:20000], file="", partial=True, delimiter=delimiter)):
        kind = header_kind(row)
        if kind:
            return kind
    return None


def sniff_delimiter(text: str) -> str | None:
    """`,`, or `;` / tab for an export re-saved by a European spreadsheet."""
    return find_delimiter(text, lambda row: header_kind(row) is not None, HEADER_SEARCH_ROWS)


class Table:
    """One decoded LinkedIn CSV: its rows after the header of `kind`, checked against the
    header's width, with the rows that do not fit (or do not decode) in `skipped`."""

    def __init__(
        self, decoded: Decoded, kind: str, file: str, progress: Progress | None = None
    ) -> None:
        self.skipped: list[Skipped] = []
        delimiter = sniff_delimiter(decoded.text) or ","
        rows = read_rows(decoded.text, file=file, progress=progress, delimiter=delimiter)
        for _, row in _head(rows):
            if header_kind(row) == kind:
                self.cols = Columns(row)
                self.rows = checked_rows(
                    rows,
                    row,
                    file=file,
                    skipped=self.skipped,
                    delimiter=delimiter,
                    bad_lines=decoded.bad_lines,
                )
                return
        raise InvalidInput(f"no LinkedIn {kind} header in the first lines", file=file, line=1)


def _head(rows: Rows) -> Iterator[tuple[int, list[str]]]:
    for count, item in enumerate(rows):
        if count >= HEADER_SEARCH_ROWS:
            return
        yield item


def read_connections(decoded: Decoded, file: str, progress: Progress) -> ImportBatch:
    """Connections.csv (2018, 2024+ with `Notes:` preamble, or spreadsheet re-saves)."""
    table = Table(decoded, "connections", file, progress)
    cols, rows = table.cols, table.rows
    pick = Picker(
        cols.find("first name"),
        cols.find("last name"),
        cols.find("url", "profile url"),
        cols.find("email address", "e-mail address"),
        cols.find("company"),
        cols.find("position"),
        cols.find("connected on"),
    )
    dates = DateReader()
    batch = ImportBatch(format="linkedin")
    people, skipped = batch.people, batch.skipped
    for position, row in rows:
        if is_blank(row):
            continue
        first, last, url, email, company, title, connected = pick(row)
        if not (first or last or url or email):
            skipped.append(
                Skipped(file, position, "hidden member: LinkedIn exports only the connection date")
            )
            continue
        address = email_or_none(email) if email else None
        name = first + " " + last if first and last else first or last or address or url or ""
        if not name:
            name = email or ""  # a value that is not an address names nobody but is all there is
        profile = normalize_linkedin_url(url)
        people.append(
            ImportedPerson(
                position,
                file,
                name,
                first,
                last,
                emails=[address] if address else [],
                linkedin_url=profile,
                links=[url] if url and profile is None else [],
                company=company,
                position_title=title,
                connected_on=dates(connected),
                not_kept=["Email Address (not an address)"] if email and not address else [],
            )
        )
    skipped.extend(table.skipped)
    skipped.sort(key=lambda s: s.position)
    return batch


def read_profile(decoded: Decoded, file: str) -> ImportedProfile | None:
    table = Table(decoded, "profile", file)
    cols, rows = table.cols, table.rows
    for _, row in rows:
        if is_blank(row):
            continue
        name = " ".join(
            p for p in (cell(row, cols.find("first name")), cell(row, cols.find("last name"))) if p
        )
        if not name:
            return None
        return ImportedProfile(
            name=name,
            headline=cell(row, cols.find("headline")),
            birthday=parse_partial(cell(row, cols.find("birth date"))),
            location=cell(row, cols.find("geo location", "location")),
            industry=cell(row, cols.find("industry")),
        )
    return None


def read_linkedin_files(
    files: dict[str, tuple[str, bytes]], progress: ProgressCallback | None = None
) -> ImportBatch:
    """Read LinkedIn CSVs given as kind -> (display name, bytes)."""
    texts = {kind: (name, decode_table(data, file=name)) for kind, (name, data) in files.items()}
    tracker = Progress(progress, sum(count_lines(d.text) for _, d in texts.values()))
    batch = ImportBatch(format="linkedin")
    if "profile" in texts:
        name, decoded = texts["profile"]
        batch.profile = read_profile(decoded, name)
        tracker.finish_part(count_lines(decoded.text))
    if "connections" in texts:
        name, decoded = texts["connections"]
        people = read_connections(decoded, name, tracker)
        batch.people, batch.skipped = people.people, people.skipped
        tracker.finish_part(count_lines(decoded.text))
    log = MessageLog(
        my_name=batch.profile.name if batch.profile else None,
        connection_urls={p.linkedin_url for p in batch.people if p.linkedin_url},
    )
    for kind, read in (("invitations", read_invitations), ("messages", read_messages)):
        if kind in texts:
            name, decoded = texts[kind]
            table = Table(decoded, kind, name, tracker)
            read(table.cols, table.rows, name, log)
            batch.skipped.extend(table.skipped)
            tracker.finish_part(count_lines(decoded.text))
    batch.interactions, skipped = log.interactions()
    batch.skipped.extend(skipped)
    if batch.profile is not None and log.my_url is not None:
        profile = batch.profile
        batch.profile = ImportedProfile(
            profile.name,
            profile.headline,
            profile.birthday,
            profile.location,
            profile.industry,
            log.my_url,
        )
    tracker.finish()
    return batch


def read_linkedin_zip(
    data: bytes, file: str, progress: ProgressCallback | None = None
) -> ImportBatch:
    """The export zip as downloaded; its CSVs may sit in folders inside the zip."""
    files: dict[str, tuple[str, bytes]] = {}
    with ZipReader(data, file) as archive:
        for info in sorted(archive.files(), key=lambda i: i.filename.count("/")):
            kind = FILE_KINDS.get(info.filename.replace("\\", "/").rsplit("/", 1)[-1].lower())
            if kind and kind not in files:
                files[kind] = (f"{file}/{info.filename}", archive.read(info))
    if not files:
        raise InvalidInput(
            "the zip holds no LinkedIn export files (Connections.csv, messages.csv, "
            "Invitations.csv, Profile.csv)",
            file=file,
        )
    return read_linkedin_files(files, progress)


def linkedin_folder_files(folder: Path) -> dict[str, Path]:
    """The LinkedIn CSVs in an unpacked export folder (shallowest match per name)."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*"), key=lambda p: (len(p.parts), str(p))):
        kind = FILE_KINDS.get(path.name.lower())
        if kind and kind not in found and path.is_file():
            found[kind] = path
    return found


def read_linkedin_folder(folder: Path, progress: ProgressCallback | None = None) -> ImportBatch:
    paths = linkedin_folder_files(folder)
    if not paths:
        raise InvalidInput(
            "the folder holds no LinkedIn export files (Connections.csv, messages.csv, ...)",
            file=str(folder),
        )
    return read_linkedin_files(
        {kind: (str(path), path.read_bytes()) for kind, path in paths.items()}, progress
    )


def read_linkedin_csv(
    data: bytes, file: str, progress: ProgressCallback | None = None
) -> ImportBatch:
    """One LinkedIn CSV on its own; which one is decided by its header, not its name."""
    kind = sniff_kind(decode_table(data, file=file).text)
    if kind is None:
        raise InvalidInput("this is not a LinkedIn export CSV (no known header)", file=file, line=1)
    return read_linkedin_files({kind: (file, data)}, progress)
