"""Results that take seconds at 30,000 people and 1,000,000 interactions (the network insights,
the warm paths to target companies, the likely duplicates), kept per account in the process
until a table they read has a new revision (store/revisions.py), so that a page shows them in
milliseconds until something they depend on changes.

After a change, `stale_ok` callers get the last result at once, marked not fresh with the time
it was computed, while one background thread computes the new one, when that result took
SLOW_SECONDS or more: the insights page of a large network stays quick after each logged coffee
and says its figures are refreshing, while a small one (most homes) is simply recomputed. Other
callers (the API, the warm paths of a new target) wait for the new result. One computation per
result at a time: a second request waits for it or takes the stale one."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from tiekeeper.store.revisions import Revisions, data_tables
from tiekeeper.store.uow import UnitOfWork

T = TypeVar("T")
log = logging.getLogger("tiekeeper")
KEPT = 32  # results per database (six pages of a handful of accounts): the oldest go first
# A result that took less is recomputed at once, never served stale. Seconds at 30,000 people;
# a demo-sized network takes a tenth of that even on a busy machine (at 0.5 s, a loaded CI run
# once showed a merge's undo the duplicates list from before it).
SLOW_SECONDS = 2.0


@dataclass(frozen=True)
class Kept(Generic[T]):
    """A result, when it was computed, and whether nothing it reads has changed since."""

    value: T
    computed_at: datetime
    fresh: bool


@dataclass
class _Slot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    revs: tuple[int, ...] | None = None
    value: Any = None
    computed_at: datetime | None = None
    took: float = 0.0  # seconds the last computation took
    refresher: threading.Thread | None = None


class _Results:
    """The kept results of one database, least recently used first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.slots: OrderedDict[Hashable, _Slot] = OrderedDict()

    def slot(self, key: Hashable) -> _Slot:
        with self.lock:
            found = self.slots.get(key)
            if found is None:
                found = self.slots[key] = _Slot()
                while len(self.slots) > KEPT:
                    self.slots.popitem(last=False)
            self.slots.move_to_end(key)
            return found


_BY_ENGINE: weakref.WeakKeyDictionary[Any, _Results] = weakref.WeakKeyDictionary()
_GUARD = threading.Lock()


def _results(engine: Any) -> _Results:
    with _GUARD:
        found = _BY_ENGINE.get(engine)
        if found is None:
            found = _BY_ENGINE[engine] = _Results()
        return found


def kept(
    uow: UnitOfWork,
    key: Hashable,
    compute: Callable[[UnitOfWork], T],
    stale_ok: bool = False,
    tables: Iterable[str] | None = None,
    slow: float | None = None,
) -> Kept[T]:
    """`compute(a unit of work)` for this account, or its kept result while none of `tables`
    (every table of the account's data by default) has moved. `key` names the result and its
    arguments (the day, ...); `slow` is how long a result must have taken to be shown stale
    (SLOW_SECONDS by default)."""
    names = tuple(data_tables() if tables is None else tables)
    engine, owner = uow.engine, uow.owner_id
    with uow:
        # read before computing: a change committed meanwhile moves them for the next request
        now = uow.repo(Revisions).current(names)
    slot = _results(engine).slot((owner, key, names))
    if slot.revs == now:
        return Kept(slot.value, _when(slot), True)
    if stale_ok and slot.revs is not None and slot.took >= (SLOW_SECONDS if slow is None else slow):
        stale = Kept(slot.value, _when(slot), False)  # before the refresh can replace it
        _refresh_later(slot, engine, owner, now, compute)
        return stale
    with slot.lock:
        if slot.revs != now:  # another request may have computed it while this one waited
            _compute(slot, now, engine, owner, compute)
        return Kept(slot.value, _when(slot), slot.revs == now)


def _when(slot: _Slot) -> datetime:
    assert slot.computed_at is not None
    return slot.computed_at


def _compute(slot: _Slot, revs: tuple[int, ...], engine: Any, owner: int, compute: Any) -> None:
    started = time.perf_counter()
    value = compute(UnitOfWork(engine, owner))
    slot.took = time.perf_counter() - started
    slot.value, slot.revs, slot.computed_at = value, revs, datetime.now(UTC)


def _refresh_later(
    slot: _Slot,
    engine: Any,
    owner: int,
    revs: tuple[int, ...],
    compute: Callable[[UnitOfWork], Any],
) -> None:
    if not slot.lock.acquire(blocking=False):
        return  # being computed already

    def run() -> None:
        try:
            _compute(slot, revs, engine, owner, compute)
        except Exception:  # the stale result stays; the next request tries again
            log.exception("refreshing a kept result failed")
        finally:
            slot.lock.release()

    slot.refresher = threading.Thread(target=run, name="tiekeeper-refresh", daemon=True)
    slot.refresher.start()


def settle(engine: Any, timeout: float = 120.0) -> None:
    """Wait for this database's background refreshes (tests; a server shutting down)."""
    results = _results(engine)
    with results.lock:
        threads = [s.refresher for s in results.slots.values() if s.refresher is not None]
    for thread in threads:
        thread.join(timeout)
