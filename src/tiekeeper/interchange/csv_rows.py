"""One address-book CSV row (Google, Outlook, Thunderbird) to an ImportedPerson, with every
non-empty column it does not keep named in `not_kept`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.email_address import email_or_none
from tiekeeper.interchange.csv_addresses import AddressColumns, location_of
from tiekeeper.interchange.datefmt import parse_partial
from tiekeeper.interchange.records import ImportedPerson, normalize_linkedin_url
from tiekeeper.interchange.tabular import Columns, cell

MULTI = ":::"
DROPPED_TAGS = frozenset({"mycontacts", "my contacts", "starred"})
# Columns that describe another column or that Outlook fills itself ("E-mail Type" SMTP,
# "Initials", "Priority" Normal): not data the user would miss.
_STRUCTURAL = re.compile(
    r"(e-mail|phone|website|im|relation|custom field|external id) \d+ - (type|label|service)"
    r"|e-mail( \d)? (type|display name)|initials|priority|sensitivity|private"
    r"|address \d+ - formatted"
)
# Values an export writes into columns nobody filled.
_EMPTY_VALUES = frozenset({"0/0/00", "0/0/0000", "unspecified", "normal", "false"})
NOT_AN_ADDRESS = " (not an address)"


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


class RowReader:
    """Turns one format's columns into ImportedPerson fields.

    `header` is the row as written (its names go into `not_kept`); `names` the same names in
    English and lower case (a localized Outlook header translated)."""

    def __init__(self, kind: str, header: Sequence[str], names: Sequence[str]) -> None:
        self.kind = kind
        self.header = [h.strip().lstrip("\ufeff").strip() for h in header]
        cols = Columns(names)
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
        self.location = c("location")
        self.addresses = AddressColumns(cols)
        ordered = sorted(cols.index.items(), key=lambda kv: kv[1])
        self.events: list[tuple[int | None, int]] = []
        if kind == "google":
            self.emails = cols.matching("e-mail ", " - value")
            self.phones = cols.matching("phone ", " - value")
            self.webs = cols.matching("website ", " - value")
            for name, i in ordered:
                if name.startswith("event ") and name.endswith(" - value"):
                    stem = name[: -len(" - value")]
                    self.events.append((c(stem + " - label", stem + " - type"), i))
        else:
            self.emails = [
                i
                for n, i in ordered
                if "e-mail" in n and "address" in n and "display" not in n and "type" not in n
            ] + [i for n, i in ordered if n in ("primary email", "secondary email")]
            self.phones = [
                i
                for n, i in ordered
                if ("phone" in n or n in ("mobile number", "pager number", "pager"))
                and "fax" not in n
            ]
            self.webs = [i for n, i in ordered if n.startswith("web page")]
        used = {
            self.first,
            self.middle,
            self.last,
            self.full,
            self.nickname,
            self.file_as,
            self.company,
            self.title,
            self.birthday,
            self.notes,
            self.tags,
            self.anniversary,
            self.location,
            *self.birth_ymd,
            *self.emails,
            *self.phones,
            *self.webs,
            *(i for pair in self.events for i in pair),
            *self.addresses.used,
        }
        self.unkept = [
            i for name, i in ordered if i not in used and name and not _STRUCTURAL.fullmatch(name)
        ]

    def build(self, row: list[str], position: int, file: str) -> ImportedPerson | None:
        """The person of one data row, or None when it has no name, e-mail or phone."""
        first, middle, last = cell(row, self.first), cell(row, self.middle), cell(row, self.last)
        company = cell(row, self.company)
        not_kept: list[str] = []
        emails = self._emails(row, not_kept)
        phones: list[str] = []
        for i in self.phones:
            phones.extend(p for p in split_multi(cell(row, i)) if p not in phones)
        links, linkedin = self._links(row)
        person_name = cell(row, self.full) or _join(first, middle, last)
        file_as, nickname = cell(row, self.file_as), cell(row, self.nickname)
        is_org = False
        if person_name is None and company and file_as in (None, company) and nickname is None:
            name: str | None = company  # a company's own card: Outlook files it under its name
            is_org = True
        else:
            name = person_name or file_as or nickname
        name = name or (emails[0] if emails else None) or (phones[0] if phones else None)
        if name is None:
            return None
        notes = cell(row, self.notes)
        birthday, notes = self._birthday(row, notes)
        addresses = self.addresses.read(row)
        not_kept.extend(
            self.header[i] or f"column {i + 1}"
            for i in self.unkept
            if (value := cell(row, i)) is not None and value.lower() not in _EMPTY_VALUES
        )
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
            location=cell(row, self.location) or location_of(addresses),
            notes=notes,
            birthday=birthday,
            anniversaries=self._anniversaries(row),
            tags=_tags(cell(row, self.tags), ";" if self.kind == "outlook" else MULTI),
            is_organization=is_org,
            addresses=addresses,
            not_kept=not_kept,
        )

    def _emails(self, row: list[str], not_kept: list[str]) -> list[str]:
        emails: list[str] = []
        for i in self.emails:
            for raw in split_multi(cell(row, i)):
                email = email_or_none(raw)
                if email is None:
                    not_kept.append(self.header[i] + NOT_AN_ADDRESS)
                elif email not in emails:
                    emails.append(email)
        return emails

    def _links(self, row: list[str]) -> tuple[list[str], str | None]:
        links: list[str] = []
        linkedin: str | None = None
        for i in self.webs:
            for url in split_multi(cell(row, i)):
                profile = normalize_linkedin_url(url)
                if profile and linkedin is None:
                    linkedin = profile
                elif url not in links:
                    links.append(url)
        return links, linkedin

    def _anniversaries(self, row: list[str]) -> list[tuple[str, PartialDate]]:
        found: list[tuple[str, PartialDate]] = []
        for label_i, value_i in self.events:
            for raw in split_multi(cell(row, value_i)):
                when = parse_partial(raw)
                if when is not None:
                    found.append((cell(row, label_i) or "anniversary", when))
        when = parse_partial(cell(row, self.anniversary))
        if when is not None:
            found.append(("anniversary", when))
        return found

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
