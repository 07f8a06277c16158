"""The address book a CardDAV client syncs: every person as one vCard, and the cards a phone
sends back turned into people (added, edited, or moved to the trash).

A card's name on the server (its href) comes from its UID, so it needs no column of its own:
the UID a phone gave is kept with the card's other lines, and a person tiekeeper made gets the
stable UID the export writes.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime

from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound
from tiekeeper.domain.model import Person
from tiekeeper.interchange.records import ImportedPerson
from tiekeeper.interchange.vcard_in import read_vcard
from tiekeeper.interchange.vcard_lines import parse_line, unescape
from tiekeeper.interchange.vcard_out import person_uid, write_vcards
from tiekeeper.services.imports.identity import enrich, to_person
from tiekeeper.services.people import check_limits
from tiekeeper.services.sync.merge import merge_fields
from tiekeeper.services.trash import delete_people, record_merge, snapshot_for_merge
from tiekeeper.store.change_probe import ChangeProbe
from tiekeeper.store.dav_synced import DavSynced
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.person_states import PersonStates
from tiekeeper.store.uow import UnitOfWork

SUFFIX = ".vcf"
# What vdirsyncer and DAVx5 put in a file name unchanged; a UID with anything else is hashed.
_SAFE = re.compile(r"[A-Za-z0-9_.@+-]{1,200}")
_URN = "urn:uuid:"
# What a phone's card says that replaces the person's value; everything else (closeness,
# cadence, how met...) is tiekeeper's own and a phone edit leaves it alone.
CARD_FIELDS = (
    "name",
    "emails",
    "phones",
    "links",
    "linkedin_url",
    "company",
    "position",
    "notes",
    "birthday",
    "tags",
    "addresses",
    "card_props",
)


@dataclass(frozen=True)
class Card:
    person_id: int
    uid: str
    href: str
    text: str
    etag: str


def card_uid(p: Person, owner_id: int) -> str:
    """The UID the person's card carries: the one it came with, else the export's."""
    assert p.id is not None
    for name, raw in p.card_props:
        if name == "UID":
            line = parse_line(raw.encode("utf-8"))
            if line is not None and line.value.strip():
                return unescape(line.value.strip())
    return _URN + person_uid(owner_id, p.id)


def href_for(uid: str) -> str:
    """The card's file name in the address book."""
    bare = uid[len(_URN) :] if uid.lower().startswith(_URN) else uid
    if not _SAFE.fullmatch(bare):
        bare = hashlib.sha256(uid.encode("utf-8")).hexdigest()[:32]
    return bare + SUFFIX


def etag_of(text: str) -> str:
    """A quoted strong ETag: the card's hash, so it moves exactly when the card changes."""
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest() + '"'


def _card(p: Person, owner_id: int) -> Card:
    assert p.id is not None
    text = write_vcards([p], owner_id).decode("utf-8")
    uid = card_uid(p, owner_id)
    return Card(p.id, uid, href_for(uid), text, etag_of(text))


class CardCache:
    """Cards already written, by owner, person and a fingerprint of the person's rows
    (store/person_states.py): writing a card costs ~1 ms and reading 30,000 people back as
    Person objects ~4 s, while the fingerprints of all of them take ~0.35 s. Only people whose
    fingerprint moved are read and written again, and the book is patched with their cards;
    people no longer there are dropped. While nothing at all was committed to the database
    (store/change_probe.py), the book is served as it is, unread."""

    def __init__(self) -> None:
        # owner -> person -> (fingerprint, card)
        self._people: dict[int, dict[int, tuple[int, Card]]] = {}
        # owner -> (the change probe's value before the book was read, the book by href)
        self._books: dict[int, tuple[str | None, dict[str, Card]]] = {}
        self._probe: ChangeProbe | None = None
        self._lock = threading.Lock()

    def _marker(self, uow: UnitOfWork) -> str | None:
        engine = uow.engine
        if self._probe is None or self._probe.engine is not engine:
            self._probe = ChangeProbe(engine)
        return self._probe.value()

    def cards(self, uow: UnitOfWork) -> dict[str, Card]:
        """Every card of the unit's owner by href (call inside the unit of work)."""
        owner = uow.owner_id
        marker = self._marker(uow)
        with self._lock:
            book = self._books.get(owner)
        if marker is not None and book is not None and book[0] == marker:
            return dict(book[1])
        states = uow.repo(PersonStates).of()
        with self._lock:
            mine = self._people.setdefault(owner, {})
            stale = [p for p, st in states.items() if (hit := mine.get(p)) is None or hit[0] != st]
            gone = mine.keys() - states.keys()
        if len(stale) > len(states) // 2:
            fresh = uow.people.find(PersonFilter())  # cold: one pass beats 30,000 ids
        else:
            fresh = uow.people.load(stale)
        built = {p.id: _card(p, owner) for p in fresh if p.id in states}
        with self._lock:
            mine = self._people.setdefault(owner, {})
            book = self._books.get(owner)
            out = dict(book[1]) if book is not None else {}
            # a stale person not read back went between the two reads (PostgreSQL): drop too
            for pid in gone.union(p for p in stale if p not in built):
                old = mine.pop(pid, None)
                if old is not None and out.get(old[1].href) is old[1]:
                    del out[old[1].href]
            for pid, card in built.items():
                old = mine.get(pid)
                if old is not None and out.get(old[1].href) is old[1]:
                    del out[old[1].href]
                mine[pid] = (states[pid], card)
                out[card.href] = card
            held = {pid: card for pid, (_, card) in mine.items()}
        # The first card served of a person is kept as what the client holds (the base of a
        # later merge). Asked of the database at each read, and the book not vouched for by the
        # probe until they are all kept: a unit that rolls back keeps none.
        kept = uow.repo(DavSynced)
        have = kept.people()
        first = {pid: card.text for pid, card in held.items() if pid not in have}
        kept.add_missing(first, datetime.now(UTC))
        with self._lock:
            self._books[owner] = (None if first else marker, out)
        return dict(out)


def _cards(uow: UnitOfWork, cache: CardCache | None = None) -> dict[str, Card]:
    return (cache or CardCache()).cards(uow)


def address_book(uow: UnitOfWork, cache: CardCache | None = None) -> dict[str, Card]:
    """Every person's card by href (`cache` keeps the cards of unchanged people). The cards of
    people served for the first time are kept as what the client holds (dav_synced)."""
    with uow:
        cards = _cards(uow, cache)
        uow.commit()
    return cards


def _record(href: str, text: str) -> ImportedPerson:
    batch = read_vcard(text.encode("utf-8"), href)
    if batch.skipped:
        raise InvalidInput(batch.skipped[0].reason, file=href)
    if len(batch.people) != 1:
        raise InvalidInput("a card upload holds exactly one vCard", file=href)
    return batch.people[0]


def _same_person(uow: UnitOfWork, rec: ImportedPerson) -> int | None:
    """The person a new card is, by the import's identity rules (e-mail, LinkedIn URL)."""
    for email in rec.emails:
        if ids := uow.people.ids_by_email(email.lower()):
            return ids[0]
    if rec.linkedin_url and (ids := uow.people.ids_by_linkedin(rec.linkedin_url)):
        return ids[0]
    return None


def _replace(p: Person, rec: ImportedPerson, today: date) -> None:
    fresh = to_person(rec, today)
    for attr in CARD_FIELDS:
        setattr(p, attr, getattr(fresh, attr))
    if fresh.location or rec.addresses:
        p.location = fresh.location


def _check_owned(uow: UnitOfWork, p: Person) -> None:
    """A card may not take an e-mail or LinkedIn URL that belongs to someone else."""
    for email in p.emails:
        if others := [i for i in uow.people.ids_by_email(email) if i != p.id]:
            raise Conflict(f"{email} already belongs to #{others[0]}")
    if p.linkedin_url and any(i != p.id for i in uow.people.ids_by_linkedin(p.linkedin_url)):
        raise Conflict(f"{p.linkedin_url} already belongs to someone else")


def put_card(
    uow: UnitOfWork,
    href: str,
    text: str,
    today: date,
    cache: CardCache | None = None,
    now: datetime | None = None,
) -> tuple[Card, Card | None]:
    """Store a card a client sent to `href`: the person it names (by href or UID) takes the
    card's values; a new card is a new person unless the import would match it to someone.

    When tiekeeper changed the person since the card the client last held (dav_synced), the
    two are merged field by field (services/sync/merge.py) and, if the client's card lacked any
    of tiekeeper's changes, the person as tiekeeper had them goes to the trash first (restored,
    they come back as they were). The client is then answered with its own card's ETag, so its
    next sync sees the served card differ and fetches the merged one.

    Returns the card as it is now served (or as answered) and the one it replaced, if any."""
    rec = _record(href, text)
    when = now or datetime.now(UTC)
    with uow:
        cards = _cards(uow, cache)
        old = cards.get(href) or next((c for c in cards.values() if c.uid == rec.uid), None)
        pid = old.person_id if old else _same_person(uow, rec)
        merged = False
        if pid is not None:
            p = uow.people.get(pid)
            assert p is not None
            if old is not None:
                merged = _merge_or_replace(uow, p, old, rec, href, today, when)
            else:
                enrich(p, rec)
            check_limits(p)
            _check_owned(uow, p)
            uow.people.update(p)
        else:
            p = to_person(rec, today)
            check_limits(p)
            pid = uow.people.add(p)
        uow.bulk.refresh_derived([pid])
        stored = uow.people.get(pid)
        assert stored is not None
        card = _card(stored, uow.owner_id)
        uow.repo(DavSynced).put(pid, text, when)
        uow.commit()
    if merged and card.text != text:
        card = Card(card.person_id, card.uid, card.href, card.text, etag_of(text))
    return card, old


def _normal(p: Person, pid: int, owner_id: int, href: str, today: date) -> Person:
    """`p` as its card reads back after tiekeeper writes it: the form the served card's own
    fields have, so a base or incoming card compares with it field by field."""
    p.id = pid
    return to_person(_record(href, _card(p, owner_id).text), today)


def _merge_or_replace(
    uow: UnitOfWork,
    p: Person,
    old: Card,
    rec: ImportedPerson,
    href: str,
    today: date,
    now: datetime,
) -> bool:
    """Apply an uploaded card to `p`: merged against the kept base when tiekeeper changed the
    person since, else the card's values replace the person's. True when it merged."""
    assert p.id is not None
    base_text = uow.repo(DavSynced).card(p.id)
    if base_text is None or base_text == old.text:
        _replace(p, rec, today)
        return False
    owner = uow.owner_id
    try:
        base = _normal(to_person(_record(href, base_text), today), p.id, owner, href, today)
    except InvalidInput:  # a kept card that no longer reads: nothing to merge against
        _replace(p, rec, today)
        return False
    current = to_person(_record(href, old.text), today)
    incoming = _normal(to_person(rec, today), p.id, owner, href, today)
    if current == base:  # tiekeeper changed nothing on the card since: the phone's card wins
        _replace(p, rec, today)
        return False
    merge = merge_fields(base, current, incoming, CARD_FIELDS)
    if merge.conflicts:
        before = snapshot_for_merge(uow, p.id, p.id)
        changed = ", ".join(merge.conflicts)
        label = f"{p.name} as tiekeeper had them before a phone's edit ({changed})"
        record_merge(uow, before, p.id, p.id, label, now)
    fresh = to_person(rec, today)
    for attr, value in merge.values.items():
        setattr(p, attr, value)
    if "addresses" in merge.values and (fresh.location or rec.addresses):
        p.location = fresh.location
    return True


def delete_card(uow: UnitOfWork, href: str, now: datetime, cache: CardCache | None = None) -> Card:
    """Move the person of the card at `href` to the trash (restorable for 30 days)."""
    card = address_book(uow, cache).get(href)
    if card is None:
        raise NotFound(f"no card {href}")
    delete_people(uow, [str(card.person_id)], now)
    return card
