"""Working out the slow pages' results before anyone asks: at 30,000 people and 1,000,000
interactions the insights, the warm paths and the likely duplicates take seconds each the first
time (services/recomputed.py keeps them after). `tiekeeper serve` starts this for the local
account when it starts, and the multi-user server for an account when it logs in, in one
background thread; a page asked meanwhile waits for the same computation instead of doing it
twice."""

from __future__ import annotations

import logging
import threading
from datetime import date

from tiekeeper.services.duplicates import best_pairs
from tiekeeper.services.jobs import kept_targets
from tiekeeper.store.uow import Store
from tiekeeper.web.pages import duplicates as duplicates_page
from tiekeeper.web.pages import insights as insights_page

log = logging.getLogger("tiekeeper")


def warm_up(store: Store, today: date) -> None:
    """Each slow page's kept result for `store`'s account (at once when already kept)."""
    insights_page.kept_context(store, today)
    kept_targets(store.uow(), today, stale_ok=True)
    best_pairs(store.uow(), duplicates_page.PAIRS_SHOWN, stale_ok=True)


def start_warm_up(store: Store, today: date) -> threading.Thread:
    def run() -> None:
        try:
            warm_up(store, today)
        except Exception:  # the pages then do the work themselves, as without a warm-up
            log.exception("working out the slow pages ahead failed")

    thread = threading.Thread(target=run, name="tiekeeper-warm-up", daemon=True)
    thread.start()
    return thread
