"""CSV plumbing shared by the LinkedIn and address-book readers."""

from __future__ import annotations

import csv
import io
import itertools
import sys
from collections.abc import Callable, Iterator, Sequence

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.records import Skipped

ProgressCallback = Callable[[int, int], None]
REPORT_EVERY = 1000

csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))


class Progress:
    """Reports (done, total) lines to a caller's callback across one or more files."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = max(total, 1)
        self.offset = 0

    def report(self, done: int) -> None:
        if self.callback is not None:
            self.callback(min(self.offset + done, self.total), self.total)

    def finish_part(self, lines: int) -> None:
        self.offset += lines

    def finish(self) -> None:
        if self.callback is not None:
            self.callback(self.total, self.total)


def count_lines(text: str) -> int:
    return text.count("\n") + 1


def read_rows(
    text: str,
    *,
    file: str,
    progress: Progress | None = None,
    partial: bool = False,
    delimiter: str = ",",
) -> Iterator[tuple[int, list[str]]]:
    """Yield (first physical line of the record, cells); quoted fields may span lines.

    `partial` says the text is a cut-off head of a file, so it may end inside a quoted field."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = start_of_last = 1
    rows = 0
    try:
        for row in reader:
            yield start, row
            start_of_last = start
            start = reader.line_num + 1
            rows += 1
            if progress is not None and rows % REPORT_EVERY == 0:
                progress.report(reader.line_num)
    except csv.Error as exc:
        raise InvalidInput(f"the CSV cannot be read: {exc}", file=file, line=start) from exc
    if rows and not partial:
        _check_closed(text, start_of_last, file, delimiter)


DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
HEAD_CHARS = 20000


def find_delimiter(text: str, recognise: Callable[[list[str]], bool], rows: int = 20) -> str | None:
    """The separator (`,`, or `;` and tab as a European spreadsheet writes them back) under which
    one of the first `rows` records is a header `recognise` knows; None if there is none."""
    head = text[:HEAD_CHARS]
    for delimiter in DELIMITERS:
        if delimiter != "," and delimiter not in head:
            continue
        found = read_rows(head, file="", partial=True, delimiter=delimiter)
        for _, row in itertools.islice(found, rows):
            if recognise(row):
                return delimiter
    return None


def checked_rows(
    rows: Iterator[tuple[int, list[str]]],
    header: Sequence[str],
    *,
    file: str,
    skipped: list[Skipped],
    delimiter: str = ",",
    bad_lines: frozenset[int] = frozenset(),
) -> Iterator[tuple[int, list[str]]]:
    """The data records whose cells line up with the header; the others go to `skipped` with the
    line and what is wrong, so a stray quote or an unescaped separator never shifts columns.

    Trailing unnamed header columns (`...,Screen Name,`) may be present or absent in a row."""
    width = len(header)
    named = width
    while named and not header[named - 1].strip():
        named -= 1
    for position, row in rows:
        size = len(row)
        if size != width and not (named <= size <= width) and not is_blank(row):
            skipped.append(Skipped(file, position, _width_reason(size, width, delimiter)))
            continue
        if bad_lines and _touches(position, row, bad_lines):
            skipped.append(
                Skipped(
                    file,
                    position,
                    "not valid UTF-8 while the rest of the file is (a stray byte from another "
                    "encoding); not imported so no name is stored garbled",
                )
            )
            continue
        yield position, row


def _width_reason(size: int, width: int, delimiter: str) -> str:
    how = "more" if size > width else "fewer"
    return (
        f"{size} fields where the header has {width} ({how}: a stray quote or an unescaped "
        f"{DELIMITER_NAMES.get(delimiter, repr(delimiter))} would shift the columns); not imported"
    )


def _touches(position: int, row: Sequence[str], bad_lines: frozenset[int]) -> bool:
    breaks = sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in row)
    return any(position <= line <= position + breaks for line in bad_lines)


def _check_closed(text: str, start: int, file: str, delimiter: str = ",") -> None:
    """csv.reader silently closes a quoted field at the end of the text, so one missing quote
    would swallow every later record into a single cell; re-read the last record strictly."""
    tail = "".join(itertools.islice(io.StringIO(text, newline=""), start - 1, None))
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), strict=True, delimiter=delimiter):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise InvalidInput(
                'broken quoting: a quoted field opened here is never closed (a missing ")',
                file=file,
                line=start,
            ) from exc


class Columns:
    """Column lookup by header name (case-insensitive, first occurrence wins)."""

    def __init__(self, header: Sequence[str]) -> None:
        self.index: dict[str, int] = {}
        for i, name in enumerate(header):
            self.index.setdefault(name.strip().lstrip("\ufeff").strip().lower(), i)

    def has(self, *names: str) -> bool:
        return all(name in self.index for name in names)

    def find(self, *names: str) -> int | None:
        for name in names:
            if name in self.index:
                return self.index[name]
        return None

    def matching(self, prefix: str, suffix: str) -> list[int]:
        """Indexes of columns like `E-mail 1 - Value`, in header order."""
        return sorted(
            i for name, i in self.index.items() if name.startswith(prefix) and name.endswith(suffix)
        )


def cell(row: Sequence[str], index: int | None) -> str | None:
    """The stripped cell, or None when absent, empty or a spreadsheet `NA`."""
    if index is None or index >= len(row):
        return None
    text = row[index].strip()
    if not text or text == "NA":
        return None
    return text


class Picker:
    """`cell` for several columns of a row in one call (readers call it once per row: a function
    call per cell was a fifth of reading a 30,000-row export)."""

    def __init__(self, *indexes: int | None) -> None:
        # An absent column gets an index no row reaches, so it reads as a missing cell.
        self.indexes = [sys.maxsize if i is None else i for i in indexes]

    def __call__(self, row: Sequence[str]) -> list[str | None]:
        n = len(row)
        return [v if i < n and (v := row[i].strip()) and v != "NA" else None for i in self.indexes]


def is_blank(row: Sequence[str]) -> bool:
    """Whether every cell is empty or whitespace."""
    return not "".join(row).strip()
