"""Google (current and legacy), Outlook and Thunderbird address-book CSV files."""

from __future__ import annotations

from collections.abc import Sequence

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.datefmt import parse_partial
from tiekeeper.interchange.encoding import decode_text
from tiekeeper.interchange.records import (
    ImportBatch,
    ImportedPerson,
    Skipped,
    normalize_linkedin_url,
)
from tiekeeper.interchange.tabular import (
    Columns,
    Progress,
    ProgressCallback,
    cell,
    count_lines,
    is_blank,
    read_rows,
)

CSV_FORMATS = ("google", "outlook", "thunderbird")
MULTI = ":::"
DROPPED_TAGS = frozenset({"mycontacts", "my contacts", "starred"})


def classify_header(cells: Sequence[str]) -> str | None:
    """ "google", "outlook" or "thunderbird" when the header row is one of theirs."""
    cols = Columns(cells)
    if cols.has("given name", "family name") or cols.has("name", "group membership"):
        return "google"
    if cols.has("first name", "last name") and (
        cols.has("labels") or cols.has("e-mail 1 - value") or cols.has("organization name")
    ):
        return "google"
    if cols.has("primary email") or cols.has("first name", "display name", "nickname"):
        return "thunderbird"
    if cols.has("e-mail address") or cols.has("first name", "business phone"):
        return "outlook"
    if cols.has("first name", "last name", "job title", "company"):
        return "outlook"
    return None


def split_multi(value: str | None) -> list[str]:
    """Google's ` ::: ` multi-value cells."""
    if not value:
        return []
    return [part.strip() for part in value.split(MULTI) if part.strip()]


def _tags(value: str | None, separator: str = MULTI) -> list[str]:
    tags: list[str] = []
    for raw in (value or "").split(separator):
        tag = raw.strip()
        if tag.startswith("* "):
            tag = tag[2:].strip()
        if tag and tag.lower() not in DROPPED_TAGS and tag not in tags:
            tags.append(tag)
    return tags


def _join(*parts: str | None, sep: str = " ") -> str | None:
    text = sep.join(p for p in parts if p)
    return text or None


class _Builder:
    """Turns one format's columns into ImportedPerson fields."""

    def __init__(self, kind: str, cols: Columns) -> None:
        self.kind = kind
        c = cols.find
        self.first = c("first name", "given name")
        self.middle = c("middle name", "additional name")
        self.last = c("last name", "family name")
        self.full = c("name", "display name")
        self.nickname = c("nickname")
        self.file_as = c("file as")
        self.company = c("organization name", "organization 1 - name", "company", "organization")
        self.title = c("organization title", "organization 1 - title", "job title")
        self.birthday = c("birthday")
        self.notes = c("notes")
        self.tags = c("labels", "group membership", "categories")
        self.birth_ymd = (c("birth year"), c("birth month"), c("birth day"))
        self.anniversary = c("anniversary")
        self.city = c("address 1 - city", "home city", "business city", "work city")
        self.country = c(
            "address 1 - country", "home country", "home country/region", "work country"
        )
        if kind == "google":
            self.emails = cols.matching("e-mail ", " - value")
            self.phones = cols.matching("phone ", " - value")
            self.webs = cols.matching("website ", " - value")
            self.events: list[tuple[int | None, int]] = [
                (c(name[: -len(" - value")] + " - label", name[: -len(" - value")] + " - type"), i)
                for name, i in sorted(cols.index.items(), key=lambda kv: kv[1])
                if name.startswith("event ") and name.endswith(" - value")
            ]
        else:
            names = sorted(cols.index.items(), key=lambda kv: kv[1])
            self.emails = [
                i
                for n, i in names
                if "e-mail" in n and "address" in n and "display" not in n and "type" not in n
            ] + [i for n, i in names if n in ("primary email", "secondary email")]
            self.phones = [
                i
                for n, i in names
                if ("phone" in n or n in ("mobile number", "pager number")) and "fax" not in n
            ]
            self.webs = [i for n, i in names if n.startswith("web page")]
            self.events = []

    def build(self, row: list[str], position: int, file: str) -> ImportedPerson | None:
        first, middle, last = cell(row, self.first), cell(row, self.middle), cell(row, self.last)
        company = cell(row, self.company)
        emails: list[str] = []
        for i in self.emails:
            emails.extend(e for e in split_multi(cell(row, i)) if e not in emails)
        phones: list[str] = []
        for i in self.phones:
            phones.extend(p for p in split_multi(cell(row, i)) if p not in phones)
        name = (
            cell(row, self.full)
            or _join(first, middle, last)
            or cell(row, self.file_as)
            or cell(row, self.nickname)
        )
        is_org = False
        if name is None and company:
            name, is_org = company, True
        if name is None and emails:
            name = emails[0]
        if name is None and phones:
            name = phones[0]
        if name is None:
            return None
        links: list[str] = []
        linkedin: str | None = None
        for i in self.webs:
            for url in split_multi(cell(row, i)):
                profile = normalize_linkedin_url(url)
                if profile and linkedin is None:
                    linkedin = profile
                elif url not in links:
                    links.append(url)
        notes = cell(row, self.notes)
        birthday, notes = self._birthday(row, notes)
        anniversaries: list[tuple[str, PartialDate]] = []
        for label_i, value_i in self.events:
            for raw in split_multi(cell(row, value_i)):
                when = parse_partial(raw)
                if when is not None:
                    anniversaries.append((cell(row, label_i) or "anniversary", when))
        when = parse_partial(cell(row, self.anniversary))
        if when is not None:
            anniversaries.append(("anniversary", when))
        separator = ";" if self.kind == "outlook" else MULTI
        return ImportedPerson(
            position=position,
            source_file=file,
            name=name,
            first_name=first,
            last_name=last,
            emails=emails,
            phones=phones,
            links=links,
            linkedin_url=linkedin,
            company=company,
            position_title=cell(row, self.title),
            location=_join(cell(row, self.city), cell(row, self.country), sep=", "),
            notes=notes,
            birthday=birthday,
            anniversaries=anniversaries,
            tags=_tags(cell(row, self.tags), separator),
            is_organization=is_org,
        )

    def _birthday(self, row: list[str], notes: str | None) -> tuple[PartialDate | None, str | None]:
        year, month, day = (cell(row, i) for i in self.birth_ymd)
        if month and day:
            if month.isdigit() and day.isdigit() and (year is None or year.isdigit()):
                text = f"--{int(month):02d}-{int(day):02d}"
                found = parse_partial(f"{int(year):04d}{text[1:]}" if year else text)
            else:
                found = None
            if found is None:
                notes = _join(notes, f"Birthday: {year or ''} {month} {day}".strip(), sep="\n")
            return found, notes
        raw = cell(row, self.birthday)
        if raw is None or raw in ("0/0/00", "0/0/0000"):
            return None, notes
        found = parse_partial(raw)
        if found is None:
            notes = _join(notes, f"Birthday: {raw}", sep="\n")
        return found, notes


def read_contacts_csv(
    data: bytes,
    file: str,
    *,
    expected: str | None = None,
    progress: ProgressCallback | None = None,
) -> ImportBatch:
    """Read a Google, Outlook or Thunderbird CSV; `expected` insists on one of them."""
    text = decode_text(data, file=file)
    tracker = Progress(progress, count_lines(text))
    rows = read_rows(text, file=file, progress=tracker)
    first = next(rows, None)
    kind = classify_header(first[1]) if first else None
    if kind is None:
        raise InvalidInput(
            "the header is not a Google, Outlook or Thunderbird contacts header", file=file, line=1
        )
    if expected is not None and expected != kind:
        raise InvalidInput(f"this is a {kind} CSV, not a {expected} CSV", file=file, line=1)
    assert first is not None
    builder = _Builder(kind, Columns(first[1]))
    batch = ImportBatch(format=kind)
    for position, row in rows:
        if is_blank(row):
            continue
        try:
            person = builder.build(row, position, file)
        except ValueError as exc:
            batch.skipped.append(Skipped(file, position, f"unreadable row: {exc}"))
            continue
        if person is None:
            batch.skipped.append(Skipped(file, position, "no name, e-mail or phone"))
        else:
            batch.people.append(person)
    tracker.finish()
    return batch
