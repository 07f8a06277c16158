"""Who an imported record is: identity by LinkedIn URL, e-mail and phone, never by name alone.

Pure logic over domain objects; the import service feeds it a snapshot of the address book.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from tiekeeper.domain.model import Person, PostalAddress, name_key
from tiekeeper.interchange.records import ImportedPerson, normalize_linkedin_url

MIN_PHONE_DIGITS = 7
PHONE_KEY_DIGITS = 10  # national number length: "+1 555 010 2030" and "555-010-2030" match
FILLABLE = ("company", "position", "location", "notes", "linkedin_url", "birthday", "connected_on")
ENRICHED = (*FILLABLE, "emails", "phones", "links", "tags")  # all that enrich() may change
# Taken whole from a record when the person has none, never merged line by line: a second card
# of the same person is another phone's copy, not more of the first.
WHOLE = ("addresses", "card_props")


def phone_key(phone: str) -> str | None:
    """Digits of a phone number for matching (last ten), None when too short to identify."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return digits[-PHONE_KEY_DIGITS:]


def uid_key(uid: str) -> str:
    """A card UID as compared: "urn:uuid:" and case do not matter."""
    key = uid.strip().lower()
    return key.removeprefix("urn:uuid:")


def record_notes(rec: ImportedPerson) -> str | None:
    """The record's notes, with anniversaries kept as lines (people have no anniversary field)."""
    if not rec.anniversaries:
        return rec.notes
    lines = [rec.notes] if rec.notes else []
    lines += [f"{label.capitalize()}: {when.isoformat()}" for label, when in rec.anniversaries]
    return "\n".join(lines)


def record_location(rec: ImportedPerson) -> str | None:
    """The record's location, else the city and country of its first address that has one."""
    if rec.location:
        return rec.location
    return next((a.city_and_country() for a in rec.addresses if a.city_and_country()), None)


def to_person(rec: ImportedPerson, today: date) -> Person:
    """A new Person from an imported record."""
    p = Person(
        name=rec.name,
        created_on=today,
        company=rec.company,
        position=rec.position_title,
        location=record_location(rec),
        notes=record_notes(rec),
        linkedin_url=normalize_linkedin_url(rec.linkedin_url) or rec.linkedin_url,
        birthday=rec.birthday,
        connected_on=rec.connected_on,
    )
    if rec.emails or rec.phones or rec.links or rec.tags or rec.addresses or rec.card_props:
        enrich(p, rec, new=True)  # the lists, deduplicated as on every later import
    return p


def _union(current: list[str], extra: list[str], key: object = str.casefold) -> bool:
    if not extra:
        return False
    seen = {key(v) for v in current}  # type: ignore[operator]
    changed = False
    for value in extra:
        value = value.strip()
        k = key(value)  # type: ignore[operator]
        if value and k not in seen:
            seen.add(k)
            current.append(value)
            changed = True
    return changed


def _phone_or_text(value: str) -> str:
    return phone_key(value) or value.strip()


def enrich(p: Person, rec: ImportedPerson, *, new: bool = False) -> bool:
    """Fill p's empty fields and add e-mails, phones, links and tags; True if anything changed.
    A non-empty field is never overwritten: the user may have corrected it. For someone already
    here (not `new`), an address of their location's city alone is no news."""
    incoming = {
        "company": rec.company,
        "position": rec.position_title,
        "location": record_location(rec),
        "notes": record_notes(rec),
        "linkedin_url": normalize_linkedin_url(rec.linkedin_url) or rec.linkedin_url,
        "birthday": rec.birthday,
        "connected_on": rec.connected_on,
    }
    changed = False
    location = None if new else p.location  # as it was, before this record filled it
    for attr in FILLABLE:
        value = incoming[attr]
        if value not in (None, "") and getattr(p, attr) in (None, ""):
            setattr(p, attr, value)
            changed = True
    changed |= _union(p.emails, [e.lower() for e in rec.emails])
    changed |= _union(p.phones, rec.phones, _phone_or_text)
    links = [
        u for u in rec.links if not p.linkedin_url or normalize_linkedin_url(u) != p.linkedin_url
    ]
    changed |= _union(p.links, links)
    changed |= _union(p.tags, rec.tags, name_key)
    for attr in WHOLE:
        offered = getattr(rec, attr)
        if attr == "addresses":
            offered = [a for a in offered if not _says_only(a, location)]
        if offered and not getattr(p, attr):
            setattr(p, attr, list(offered))
            changed = True
    return changed


def own_card(rec: ImportedPerson) -> ImportedPerson:
    """A card tiekeeper's own export wrote for this person, coming back: its lines are what the
    export makes of the person (kept as lines, they would freeze that form); what it adds
    besides still counts."""
    return replace(rec, card_props=[])


def _says_only(address: PostalAddress, location: str | None) -> bool:
    """An address that is the location alone ("Lisbon"): how the vCard and CSV exports write
    a person's location, so it comes back from a re-import as no news."""
    bare = not (address.street or address.extended or address.po_box or address.region
                or address.postcode) and address.kind in (None, "other")  # fmt: skip
    return bare and location is not None and address.city_and_country() == location


def carry_over(enriched: Person, whole: Person) -> Person:
    """`whole` (a complete person) with what an import enriched on its identity view."""
    for attr in ENRICHED:
        setattr(whole, attr, getattr(enriched, attr))
    for attr in WHOLE:  # enrich fills these only when empty; an identity view may abridge them
        if not getattr(whole, attr):
            setattr(whole, attr, getattr(enriched, attr))
    return whole


def adds_nothing(p: Person, rec: ImportedPerson) -> bool:
    """Whether importing rec into p would change nothing (the record is already all there)."""
    for attr, value in (
        ("company", rec.company),
        ("position", rec.position_title),
        ("location", record_location(rec)),
        ("birthday", rec.birthday),
        ("connected_on", rec.connected_on),
    ):
        # A field already set to something else is different data, not "nothing added".
        if value not in (None, "") and getattr(p, attr) not in (None, "", value):
            return False
    probe = replace(p, emails=list(p.emails), phones=list(p.phones), links=list(p.links),
                    tags=list(p.tags))  # fmt: skip
    return not enrich(probe, rec)


@dataclass
class IdentityIndex:
    """Lookups from identifiers to person ids, over existing and just-created people."""

    people: dict[int, Person] = field(default_factory=dict)
    by_url: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_phone: dict[str, int] = field(default_factory=dict)
    # card UID -> id: filled by the import before the first record with a UID (`uids_known`)
    by_uid: dict[str, int] = field(default_factory=dict)
    uids_known: bool = False
    _by_name: dict[str, list[int]] | None = None

    def add(self, pid: int, p: Person, key: str | None = None) -> None:
        """Index a person (first owner of an identifier keeps it); `key` is name_key(p.name)
        when the caller has it already."""
        self.people[pid] = p
        if self._by_name is not None:
            self._by_name[name_key(p.name) if key is None else key].append(pid)
        self.reindex(pid, p)

    def reindex(self, pid: int, p: Person) -> None:
        """Index identifiers a person has gained."""
        if p.linkedin_url:
            self.by_url.setdefault(normalize_linkedin_url(p.linkedin_url) or p.linkedin_url, pid)
        for email in p.emails:
            self.by_email.setdefault(email.lower(), pid)
        for phone in p.phones:
            key = phone_key(phone)
            if key:
                self.by_phone.setdefault(key, pid)

    def add_uid(self, uid: str, pid: int) -> None:
        self.by_uid.setdefault(uid_key(uid), pid)

    def match(self, rec: ImportedPerson) -> list[int]:
        """Ids the record's identifiers point to, strongest first (the card's UID, which
        tiekeeper's own export writes, then URL, e-mail, phone)."""
        found: list[int] = []
        if rec.uid and uid_key(rec.uid) in self.by_uid:
            found.append(self.by_uid[uid_key(rec.uid)])
        url = normalize_linkedin_url(rec.linkedin_url)
        if url and url in self.by_url:
            found.append(self.by_url[url])
        found += [self.by_email[e.lower()] for e in rec.emails if e.lower() in self.by_email]
        for phone in rec.phones:
            key = phone_key(phone)
            if key and key in self.by_phone:
                found.append(self.by_phone[key])
        return list(dict.fromkeys(found))

    @property
    def by_name(self) -> dict[str, list[int]]:
        """name_key -> ids, built on first use (a re-import, where everyone matches by an
        identifier, never needs it)."""
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for pid, p in self.people.items():
                self._by_name[name_key(p.name)].append(pid)
        return self._by_name

    def same_name(self, name: str) -> list[int]:
        """Ids of people whose name has the same key."""
        return self.same_key(name_key(name))

    def same_key(self, key: str) -> list[int]:
        """Ids of people whose name_key is `key`."""
        return list(self.by_name.get(key, []))

    def renumber(self, mapping: dict[int, int]) -> None:
        """Replace temporary ids by the real ones once new people are written."""

        def fix(pid: int) -> int:
            return mapping.get(pid, pid)

        self.people = {fix(k): v for k, v in self.people.items()}
        for table in (self.by_url, self.by_email, self.by_phone):
            for key, pid in table.items():
                table[key] = fix(pid)
        for ids in (self._by_name or {}).values():
            ids[:] = [fix(i) for i in ids]


def has_identifier(rec: ImportedPerson) -> bool:
    """Whether the record carries anything that identifies a person (URL, e-mail, phone)."""
    return bool(
        normalize_linkedin_url(rec.linkedin_url)
        or rec.emails
        or any(phone_key(ph) for ph in rec.phones)
    )
