"""Radicale's storage plugin over tiekeeper's store: `/NAME/` is an account's principal, and under
it its collections: `/NAME/contacts/`, the address book whose cards are its people
(services/sync/cards.py), and the calendars `/NAME/follow-ups/` (tasks, two-way),
`/NAME/birthdays/` and `/NAME/events/` (read-only) built by services/sync/calendars.py.

Nothing is kept on disk: an item, its ETag and the sync token are all derived from the store as
it is now. A sync token is the hash of the collection's (href, ETag) pairs; the pairs behind
recent tokens are kept in memory so a client's next sync-collection gets only what changed. A
token the server no longer holds (after a restart) is refused, and the client syncs in full, as
RFC 6578 allows. This module only dispatches: what a collection holds and what a write does is
the services'.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from email.utils import format_datetime
from http import HTTPStatus
from typing import Any, Protocol

from radicale import config as radicale_config
from radicale import item as radicale_item
from radicale import pathutils
from radicale.storage import BaseCollection, BaseStorage

from tiekeeper.dav.refusal import Refused, refuse
from tiekeeper.domain.errors import Conflict, TiekeeperError
from tiekeeper.services.sync.calendars import (
    BIRTHDAYS,
    CALENDARS,
    COMPONENT,
    EVENTS,
    FOLLOW_UPS,
    READ_ONLY,
    CalendarCache,
    calendar,
    delete_task,
    put_task,
)
from tiekeeper.services.sync.cards import CardCache, address_book, delete_card, put_card
from tiekeeper.store.uow import Store

BOOK = "contacts"
COLLECTIONS = (BOOK, *CALENDARS)
BOOK_META: Mapping[str, str] = {
    "tag": "VADDRESSBOOK",
    "D:displayname": "tiekeeper",
    "CR:addressbook-description": "Your people in tiekeeper",
}
CALENDAR_META: Mapping[str, Mapping[str, str]] = {
    FOLLOW_UPS: {
        "D:displayname": "tiekeeper follow-ups",
        "C:calendar-description": "Open follow-ups and check-ins; complete one to close it",
        "ICAL:calendar-color": "#2f7d5b",
    },
    BIRTHDAYS: {
        "D:displayname": "tiekeeper birthdays",
        "C:calendar-description": "Birthdays and work anniversaries (read-only)",
        "ICAL:calendar-color": "#b5651d",
    },
    EVENTS: {
        "D:displayname": "tiekeeper events",
        "C:calendar-description": "Your events in tiekeeper (read-only)",
        "ICAL:calendar-color": "#3a5f9f",
    },
}
TOKEN_BASE = "http://tiekeeper.invalid/ns/sync/"
KEPT_TOKENS = 256  # (owner, collection, token) states remembered for sync-collection deltas
FIXED = (
    "tiekeeper keeps a fixed set of collections per account: /NAME/contacts/, "
    "/NAME/follow-ups/, /NAME/birthdays/ and /NAME/events/"
)

Owner = Callable[[str], int | None]  # account name -> owner id, None when it has no DAV


class Entry(Protocol):
    """A card (sync.cards.Card) or a calendar item (sync.calendars.CalItem) as served."""

    @property
    def href(self) -> str: ...
    @property
    def uid(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def etag(self) -> str: ...


class SyncStates:
    """The (href -> ETag) map behind each recent sync token of each collection, bounded,
    shared by threads."""

    def __init__(self, size: int = KEPT_TOKENS) -> None:
        self._states: OrderedDict[tuple[int, str, str], dict[str, str]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def token(self, owner: int, state: dict[str, str], collection: str = BOOK) -> str:
        h = hashlib.sha256(f"{collection}\n".encode())
        for href in sorted(state):
            h.update(f"{href}/{state[href]}\n".encode())
        token = TOKEN_BASE + h.hexdigest()
        key = (owner, collection, token)
        with self._lock:
            self._states[key] = state
            self._states.move_to_end(key)
            while len(self._states) > self._size:
                self._states.popitem(last=False)
        return token

    def state(self, owner: int, token: str, collection: str = BOOK) -> dict[str, str] | None:
        with self._lock:
            return self._states.get((owner, collection, token))


class Collection(BaseCollection):
    """The root (""), a principal ("ana") or one of its collections ("ana/contacts",
    "ana/follow-ups", "ana/birthdays", "ana/events")."""

    def __init__(self, storage: Storage, path: str, owner_id: int | None = None) -> None:
        self._storage = storage
        self._path = path
        self._owner_id = owner_id
        self._entries: dict[str, Entry] | None = None
        parts = path.split("/")
        self._name = parts[1] if len(parts) == 2 and parts[1] in COLLECTIONS else None

    @property
    def path(self) -> str:
        return self._path

    @property
    def is_book(self) -> bool:
        return self._name == BOOK

    def entries(self) -> dict[str, Entry]:
        """The collection's items, built once per request (a collection lives for one)."""
        if self._name is None or self._owner_id is None:
            return {}
        if self._entries is None:
            uow = self._storage.store_for(self._owner_id).uow()
            if self._name == BOOK:
                self._entries = dict(address_book(uow, self._storage.cards))
            else:
                self._entries = dict(calendar(uow, self._name, self._storage.calendars))
        return self._entries

    def _item(self, entry: Entry, href: str | None = None) -> radicale_item.Item:
        component = "VCARD" if self.is_book else COMPONENT[self._name or ""]
        return radicale_item.Item(
            collection=self,
            href=href or entry.href,
            text=entry.text,
            etag=entry.etag,
            uid=entry.uid,
            name="VCARD" if self.is_book else "VCALENDAR",
            component_name=component,
            last_modified=self.last_modified,
        )

    def get_multi(self, hrefs: Iterable[str]) -> Iterable[tuple[str, radicale_item.Item | None]]:
        entries = self.entries()
        for href in hrefs:
            entry = entries.get(href)
            yield href, self._item(entry) if entry else None

    def get_all(self) -> Iterable[radicale_item.Item]:
        return [self._item(e) for e in self.entries().values()]

    def has_uid(self, uid: str) -> bool:
        return any(e.uid == uid for e in self.entries().values())

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        if self._owner_id is None or self._name is None:
            raise ValueError("only an address book or a calendar can be synced")
        states = self._storage.sync_states
        now = {href: e.etag for href, e in self.entries().items()}
        token = states.token(self._owner_id, now, self._name)
        if not old_token:
            return token, list(now)
        before = states.state(self._owner_id, old_token, self._name)
        if before is None:
            raise ValueError("sync token unknown or expired; sync in full")
        changed = [h for h in now if before.get(h) != now[h]]
        return token, changed + [h for h in before if h not in now]

    def _writable(self) -> tuple[int, str]:
        if self._owner_id is None or self._name is None:
            raise Refused(int(HTTPStatus.FORBIDDEN), FIXED)
        if self._name in READ_ONLY:
            raise Refused(int(HTTPStatus.FORBIDDEN), READ_ONLY[self._name])
        return self._owner_id, self._name

    def upload(
        self, href: str, item: radicale_item.Item
    ) -> tuple[radicale_item.Item, radicale_item.Item | None]:
        owner, name = self._writable()
        uow = self._storage.store_for(owner).uow()
        today = self._storage.today()
        try:
            if name == BOOK:
                card, old = put_card(uow, href, item.serialize(), today, self._storage.cards)
                self._entries = None
                return self._item(card), self._item(old) if old else None
            served, replaced = put_task(
                uow, name, href, item.serialize(), today, self._storage.calendars
            )
        except TiekeeperError as exc:
            # a card that clashes with another person was a 400 before calendars came
            clash = name == BOOK and isinstance(exc, Conflict)
            raise (Refused(400, str(exc)) if clash else refuse(exc)) from exc
        self._entries = None
        # A task completed or skipped leaves the calendar: the client gets its own copy back
        # now, and the item's absence (a 404 in the next sync-collection) afterwards.
        return (
            self._item(served) if served else item,
            self._item(replaced) if replaced else None,
        )

    def delete(self, href: str | None = None) -> None:
        if href is None:
            raise Refused(int(HTTPStatus.FORBIDDEN), FIXED)
        owner, name = self._writable()
        uow = self._storage.store_for(owner).uow()
        try:
            if name == BOOK:
                delete_card(uow, href, self._storage.now(), self._storage.cards)
            else:
                delete_task(uow, name, href, self._storage.today(), self._storage.calendars)
        except TiekeeperError as exc:
            raise refuse(exc) from exc
        self._entries = None

    def get_meta(self, key: str | None = None) -> Any:
        if self._name == BOOK:
            meta: Mapping[str, str] = BOOK_META
        elif self._name is not None:
            meta = {
                "tag": "VCALENDAR",
                "C:supported-calendar-component-set": COMPONENT[self._name],
                **CALENDAR_META[self._name],
            }
        else:
            meta = {}
        return meta if key is None else meta.get(key)

    def set_meta(self, props: Mapping[str, str]) -> None:
        if self._name in CALENDARS:
            # iOS and DAVx5 set a colour or an order right after adding a calendar; refusing
            # that makes them report the account as broken. Nothing is kept: the properties are
            # tiekeeper's.
            return
        raise ValueError("the address book's properties are tiekeeper's")

    @property
    def last_modified(self) -> str:
        return format_datetime(self._storage.now(), usegmt=True)


class Storage(BaseStorage):
    """Discovery over accounts; writes go through the services, one transaction each."""

    def __init__(
        self,
        configuration: radicale_config.Configuration,
        *,
        store: Store,
        owner_of: Owner,
        today: Callable[[], date],
        now: Callable[[], datetime],
    ) -> None:
        super().__init__(configuration)
        self._store = store
        self._owner_of = owner_of
        self.today = today
        self.now = now
        self.sync_states = SyncStates()
        self.cards = CardCache()
        self.calendars = CalendarCache()
        self._write = threading.Lock()

    def store_for(self, owner_id: int) -> Store:
        return Store(self._store.engine, owner_id)

    def discover(
        self,
        path: str,
        depth: str = "0",
        child_context_manager: Any = None,
        user_groups: Any = frozenset(),
    ) -> Iterator[Any]:
        parts = [p for p in pathutils.strip_path(path).split("/") if p]
        if not parts:
            yield Collection(self, "")
            return
        owner = self._owner_of(parts[0])
        if owner is None or len(parts) > 3 or (len(parts) > 1 and parts[1] not in COLLECTIONS):
            return
        if len(parts) == 3:
            parent = Collection(self, f"{parts[0]}/{parts[1]}", owner)
            yield from (item for _, item in parent.get_multi([parts[2]]) if item is not None)
            return
        here = Collection(self, "/".join(parts), owner)
        yield here
        if depth == "0":
            return
        if len(parts) == 1:
            yield from (Collection(self, f"{parts[0]}/{name}", owner) for name in COLLECTIONS)
        else:
            yield from here.get_all()

    def move(self, item: Any, to_collection: Any, to_href: str) -> None:
        raise Refused(int(HTTPStatus.FORBIDDEN), "cards and tasks cannot be moved or renamed")

    def create_collection(
        self, href: str, items: Any = None, props: Any = None
    ) -> tuple[Any, dict[str, Any], list[str]]:
        parts = [p for p in pathutils.strip_path(href).split("/") if p]
        owner = self._owner_of(parts[0]) if parts else None
        if len(parts) == 1 and owner is not None and not items and not props:
            return Collection(self, parts[0], owner), {}, []
        raise Refused(int(HTTPStatus.FORBIDDEN), FIXED)

    @contextlib.contextmanager
    def acquire_lock(self, mode: str, user: str = "", *args: Any, **kwargs: Any) -> Iterator[None]:
        # Each service call is its own transaction; the lock keeps one DAV write at a time so a
        # PUT's read-then-write of a collection sees no other DAV write half-way.
        if mode == "w":
            with self._write:
                yield
        else:
            yield

    def verify(self) -> bool:
        return True
