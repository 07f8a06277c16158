"""The plain objects of the domain: people, organizations, interactions, reminders."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import InvalidInput


class NetworkType(StrEnum):
    """Ibarra & Hunter's three networks."""

    STRATEGIC = "strategic"
    OPERATIONAL = "operational"
    PERSONAL = "personal"


class Initiator(StrEnum):
    """Who started an interaction; 'mutual' counts half for each side."""

    ME = "me"
    THEM = "them"
    MUTUAL = "mutual"


class ReminderStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


CHANNELS = (
    "coffee",
    "meal",
    "call",
    "video",
    "email",
    "message",
    "event",
    "meeting",
    "social-comment",
    "introduction",
    "informational-interview",
    "invitation",
    "letter",
    "other",
)
IN_PERSON_CHANNELS = frozenset({"coffee", "meal", "event", "meeting", "informational-interview"})
FAVOUR_KINDS = ("advice", "introduction", "referral", "recommendation", "feedback", "help", "other")


def name_key(name: str) -> str:
    """Case- and accent-insensitive key for matching names ('José Núñez' == 'jose nunez')."""
    if name.isascii():  # same result, 20x faster: ASCII has no decompositions or accents
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def parse_choice(value: str, choices: tuple[str, ...] | type[StrEnum], field_name: str) -> str:
    """Validate a value against a closed list, naming the field and the allowed values."""
    allowed = tuple(c.value for c in choices) if isinstance(choices, type) else choices
    v = value.strip().lower()
    if v not in allowed:
        raise InvalidInput(
            f"{value!r} is not one of: {', '.join(allowed)}", field=field_name, value=value
        )
    return v


def check_closeness(value: int | None) -> int | None:
    """Closeness is a 1-5 self-rating (Marsden & Campbell's best single indicator)."""
    if value is not None and not 1 <= value <= 5:
        raise InvalidInput(f"{value} is not between 1 and 5", field="closeness", value=value)
    return value


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """A structured postal address (vCard ADR, or a CSV's address columns)."""

    kind: str | None = None  # home | work | other | the writer's own label
    po_box: str | None = None
    extended: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None

    def is_empty(self) -> bool:
        """Whether no part but the kind is filled."""
        return not any(self.parts())

    def parts(self) -> tuple[str | None, ...]:
        """The seven parts in vCard ADR order (PO box first, country last)."""
        return (
            self.po_box,
            self.extended,
            self.street,
            self.city,
            self.region,
            self.postcode,
            self.country,
        )

    def city_and_country(self) -> str | None:
        """ "City, Country" (either alone when the other is missing), the `location` it gives."""
        return ", ".join(x for x in (self.city, self.country) if x) or None

    def one_line(self) -> str:
        """The filled parts on one line, as `show` prints them."""
        return ", ".join(x for x in (self.street, self.extended, self.po_box, self.city,
                                     self.region, self.postcode, self.country) if x)  # fmt: skip


# A kept vCard property: (upper-case name without group, the whole unfolded content line).
CardProp = tuple[str, str]
# The kept properties that hold a field of Person (name, e-mails, phones, links, company,
# position, birthday, tags, addresses, notes); the others are kept only to be written back.
MODELLED_CARD_PROPS = frozenset(
    {"FN", "N", "EMAIL", "TEL", "URL", "ORG", "TITLE", "BDAY", "CATEGORIES", "ADR", "NOTE", "UID"}
)


@dataclass
class Person:
    """Someone in the owner's network, with everything capability 1 lists."""

    name: str
    id: int | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    linkedin_url: str | None = None
    company: str | None = None
    position: str | None = None
    industry: str | None = None
    function: str | None = None
    seniority: str | None = None
    location: str | None = None
    generation: str | None = None
    tags: list[str] = field(default_factory=list)
    how_met: str | None = None
    introduced_by_id: int | None = None
    network_type: str | None = None
    closeness: int | None = None
    interests: str | None = None
    working_on: str | None = None
    how_to_help: str | None = None
    needs: str | None = None
    notes: str | None = None
    birthday: PartialDate | None = None
    started_on: date | None = None
    connected_on: date | None = None
    cadence_days: int | None = None
    is_kin: bool = False
    do_not_suggest: bool = False
    created_on: date | None = None
    last_interaction_on: date | None = None
    checkin_due_on: date | None = None
    addresses: list[PostalAddress] = field(default_factory=list)
    # The lines of the vCard this person came from that are written back on export (see
    # interchange/vcard_out.py); empty for people not imported from a vCard.
    card_props: list[CardProp] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = " ".join(self.name.split())
        if not self.name:
            raise InvalidInput("a person needs a name", field="name", value=self.name)
        check_closeness(self.closeness)


@dataclass
class Organization:
    """A company or institution; `is_target` marks job-search target companies."""

    name: str
    id: int | None = None
    industry: str | None = None
    is_target: bool = False
    why: str | None = None


@dataclass
class Favour:
    """A favour given to or received from one person, attached to an interaction."""

    person_id: int
    direction: str  # "given" | "received"
    kind: str = "help"
    note: str | None = None


@dataclass
class Interaction:
    """A dated log entry with one or more people."""

    occurred_on: date
    person_ids: list[int]
    channel: str = "other"
    initiated_by: str = Initiator.ME
    summary: str | None = None
    topics: list[str] = field(default_factory=list)
    favours: list[Favour] = field(default_factory=list)
    id: int | None = None


@dataclass
class Reminder:
    """A follow-up: something to do for one person by a date."""

    person_id: int
    due_on: date
    action: str | None = None
    status: str = ReminderStatus.OPEN
    snoozed_until: date | None = None
    interaction_id: int | None = None
    kind: str = "follow-up"
    id: int | None = None

    @property
    def effective_due(self) -> date:
        """The day it shows up: its snooze date when snoozed, else its due date."""
        return self.snoozed_until or self.due_on
