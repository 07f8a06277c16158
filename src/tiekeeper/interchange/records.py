"""What the readers produce: plain records with no database or CLI knowledge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import PostalAddress as PostalAddress  # a Person holds them too

LINKEDIN_PREFIX = "https://www.linkedin.com/in/"
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(slots=True)
class ImportedPerson:
    """One contact as read from a file; `position` is the 1-based line (CSV) or card index."""

    position: int
    source_file: str
    name: str
    first_name: str | None = None
    last_name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    linkedin_url: str | None = None
    company: str | None = None
    position_title: str | None = None
    location: str | None = None
    notes: str | None = None
    birthday: PartialDate | None = None
    anniversaries: list[tuple[str, PartialDate]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    connected_on: date | None = None
    uid: str | None = None
    is_organization: bool = False
    addresses: list[PostalAddress] = field(default_factory=list)
    # vCard properties tiekeeper does not model, kept verbatim: (NAME without group, whole
    # unfolded line), in the card's order; written back on export.
    card_props: list[tuple[str, str]] = field(default_factory=list)
    # What was read but is not kept anywhere (a property or column name, once per occurrence),
    # so the import summary can say "not kept: PHOTO 3, Gender 2".
    not_kept: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportedContactRef:
    """Someone taking part in an interaction, as the file names them."""

    name: str
    linkedin_url: str | None = None


@dataclass(slots=True)
class ImportedInteraction:
    """A dated exchange: channel is "message" or "invitation", initiated_by "me" or "them"."""

    occurred_on: date
    channel: str
    initiated_by: str
    people: list[ImportedContactRef]
    summary: str
    source_file: str
    position: int


@dataclass(frozen=True, slots=True)
class ImportedProfile:
    """The exporting user's own profile (LinkedIn Profile.csv)."""

    name: str
    headline: str | None = None
    birthday: PartialDate | None = None
    location: str | None = None
    industry: str | None = None
    linkedin_url: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row or card that was deliberately not imported, and why."""

    source_file: str
    position: int
    reason: str


@dataclass(slots=True)
class ImportBatch:
    """Everything read from one path."""

    format: str
    people: list[ImportedPerson] = field(default_factory=list)
    interactions: list[ImportedInteraction] = field(default_factory=list)
    profile: ImportedProfile | None = None
    skipped: list[Skipped] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def normalize_linkedin_url(url: str | None) -> str | None:
    """`https://www.linkedin.com/in/<slug>` (lowercase, percent-decoded); None if no profile."""
    if not url:
        return None
    if url.startswith(LINKEDIN_PREFIX):  # already normal, as in every LinkedIn export row
        slug = url[len(LINKEDIN_PREFIX) :]
        if slug.islower() and slug.replace("-", "").isalnum():
            return url
    text = url.strip().replace("\\:", ":")
    lower = text.lower()
    at = lower.find("linkedin.com/in/")
    if at < 0:
        return None
    rest = text[at + len("linkedin.com/in/") :]
    for stop in "/?#":
        cut = rest.find(stop)
        if cut >= 0:
            rest = rest[:cut]
    slug = (_percent_decode(rest) if "%" in rest else rest).strip().lower()
    if not slug:
        return None
    return LINKEDIN_PREFIX + slug


def _percent_decode(text: str) -> str:
    """`unquote` for slugs, several times faster for the one-%XX-per-letter case."""
    pieces = text.split("%")
    out = bytearray(pieces[0].encode())
    for piece in pieces[1:]:
        if len(piece) >= 2 and piece[0] in _HEX and piece[1] in _HEX:
            out.append(int(piece[:2], 16))
            out += piece[2:].encode()
        else:
            out += b"%" + piece.encode()
    return out.decode("utf-8", errors="replace")


def clean(value: str | None) -> str | None:
    """Strip whitespace (tabs, trailing spaces); empty and spreadsheet `NA` cells become None."""
    if value is None:
        return None
    text = value.strip()
    if not text or text == "NA":
        return None
    return text


def excerpt(text: str, limit: int = 200) -> str:
    """One line of at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"
