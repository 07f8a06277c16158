"""Radicale's storage plugin over tiekeeper's store: `/NAME/` is an account's principal and
`/NAME/contacts/` its one address book, whose cards are its people (services/dav_cards.py).

Nothing is kept on disk: a card, its ETag and the sync token are all derived from the people as
they are now. A sync token is the hash of the address book's (href, ETag) pairs; the pairs behind
recent tokens are kept in memory so a client's next sync-collection gets only what changed. A
token the server no longer holds (after a restart) is refused, and the client syncs in full, as
RFC 6578 allows.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from email.utils import format_datetime
from typing import Any

from radicale import config as radicale_config
from radicale import item as radicale_item
from radicale import pathutils
from radicale.storage import BaseCollection, BaseStorage

from tiekeeper.domain.errors import TiekeeperError
from tiekeeper.services.dav_cards import Card, CardCache, address_book, delete_card, put_card
from tiekeeper.store.uow import Store

BOOK = "contacts"
BOOK_META: Mapping[str, str] = {
    "tag": "VADDRESSBOOK",
    "D:displayname": "tiekeeper",
    "CR:addressbook-description": "Your people in tiekeeper",
}
TOKEN_BASE = "http://tiekeeper.invalid/ns/sync/"
KEPT_TOKENS = 256  # (owner, token) states remembered for sync-collection deltas

Owner = Callable[[str], int | None]  # account name -> owner id, None when it has no DAV


class SyncStates:
    """The (href -> ETag) map behind each recent sync token, bounded, shared by threads."""

    def __init__(self, size: int = KEPT_TOKENS) -> None:
        self._states: OrderedDict[tuple[int, str], dict[str, str]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def token(self, owner: int, state: dict[str, str]) -> str:
        h = hashlib.sha256()
        for href in sorted(state):
            h.update(f"{href}/{state[href]}\n".encode())
        token = TOKEN_BASE + h.hexdigest()
        with self._lock:
            self._states[(owner, token)] = state
            self._states.move_to_end((owner, token))
            while len(self._states) > self._size:
                self._states.popitem(last=False)
        return token

    def state(self, owner: int, token: str) -> dict[str, str] | None:
        with self._lock:
            return self._states.get((owner, token))


class Collection(BaseCollection):
    """The root (""), a principal ("ana") or an address book ("ana/contacts")."""

    def __init__(self, storage: Storage, path: str, owner_id: int | None = None) -> None:
        self._storage = storage
        self._path = path
        self._owner_id = owner_id
        self._cards: dict[str, Card] | None = None

    @property
    def path(self) -> str:
        return self._path

    @property
    def is_book(self) -> bool:
        return self._path.count("/") == 1

    def cards(self) -> dict[str, Card]:
        """The address book's cards, built once per request (a collection lives for one)."""
        if not self.is_book or self._owner_id is None:
            return {}
        if self._cards is None:
            store = self._storage.store_for(self._owner_id)
            self._cards = address_book(store.uow(), self._storage.cards)
        return self._cards

    def _item(self, card: Card) -> radicale_item.Item:
        return radicale_item.Item(
            collection=self,
            href=card.href,
            text=card.text,
            etag=card.etag,
            uid=card.uid,
            name="VCARD",
            component_name="VCARD",
            last_modified=self.last_modified,
        )

    def get_multi(self, hrefs: Iterable[str]) -> Iterable[tuple[str, radicale_item.Item | None]]:
        cards = self.cards()
        for href in hrefs:
            card = cards.get(href)
            yield href, self._item(card) if card else None

    def get_all(self) -> Iterable[radicale_item.Item]:
        return [self._item(c) for c in self.cards().values()]

    def has_uid(self, uid: str) -> bool:
        return any(c.uid == uid for c in self.cards().values())

    def sync(self, old_token: str = "") -> tuple[str, Iterable[str]]:
        if self._owner_id is None or not self.is_book:
            raise ValueError("only the address book can be synced")
        now = {href: c.etag for href, c in self.cards().items()}
        token = self._storage.sync_states.token(self._owner_id, now)
        if not old_token:
            return token, list(now)
        before = self._storage.sync_states.state(self._owner_id, old_token)
        if before is None:
            raise ValueError("sync token unknown or expired; sync in full")
        changed = [h for h in now if before.get(h) != now[h]]
        return token, changed + [h for h in before if h not in now]

    def upload(
        self, href: str, item: radicale_item.Item
    ) -> tuple[radicale_item.Item, radicale_item.Item | None]:
        if self._owner_id is None or not self.is_book:
            raise ValueError("cards go in the address book /NAME/contacts/")
        store = self._storage.store_for(self._owner_id)
        try:
            card, old = put_card(
                store.uow(), href, item.serialize(), self._storage.today(), self._storage.cards
            )
        except TiekeeperError as exc:
            raise ValueError(str(exc)) from exc
        self._cards = None
        return self._item(card), self._item(old) if old else None

    def delete(self, href: str | None = None) -> None:
        if href is None or self._owner_id is None or not self.is_book:
            raise ValueError("the address book itself cannot be deleted")
        store = self._storage.store_for(self._owner_id)
        try:
            delete_card(store.uow(), href, self._storage.now(), self._storage.cards)
        except TiekeeperError as exc:
            raise ValueError(str(exc)) from exc
        self._cards = None

    def get_meta(self, key: str | None = None) -> Any:
        meta = BOOK_META if self.is_book else {}
        return meta if key is None else meta.get(key)

    def set_meta(self, props: Mapping[str, str]) -> None:
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
        if owner is None or len(parts) > 3 or (len(parts) > 1 and parts[1] != BOOK):
            return
        if len(parts) == 3:
            book = Collection(self, f"{parts[0]}/{BOOK}", owner)
            yield from (item for _, item in book.get_multi([parts[2]]) if item is not None)
            return
        here = Collection(self, "/".join(parts), owner)
        yield here
        if depth == "0":
            return
        if len(parts) == 1:
            yield Collection(self, f"{parts[0]}/{BOOK}", owner)
        else:
            yield from here.get_all()

    def move(self, item: Any, to_collection: Any, to_href: str) -> None:
        raise ValueError("cards cannot be moved or renamed")

    def create_collection(
        self, href: str, items: Any = None, props: Any = None
    ) -> tuple[Any, dict[str, Any], list[str]]:
        parts = [p for p in pathutils.strip_path(href).split("/") if p]
        owner = self._owner_of(parts[0]) if parts else None
        if len(parts) == 1 and owner is not None and not items and not props:
            return Collection(self, parts[0], owner), {}, []
        raise ValueError("tiekeeper keeps one address book per account, /NAME/contacts/")

    @contextlib.contextmanager
    def acquire_lock(self, mode: str, user: str = "", *args: Any, **kwargs: Any) -> Iterator[None]:
        # Each service call is its own transaction; the lock keeps one DAV write at a time so a
        # PUT's read-then-write of the address book sees no other DAV write half-way.
        if mode == "w":
            with self._write:
                yield
        else:
            yield

    def verify(self) -> bool:
        return True
