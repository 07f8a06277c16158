"""Trash benchmark at 30,000 people and 1,000,000 interactions: delete the busiest person to the
trash, restore them, delete and restore one interaction, erase a person for good. Run on demand:
`python bench/bench_trash.py` (needs bench/bench_core.py's database; builds it when missing).
Each step runs on a fresh copy of that database, so runs do not disturb each other."""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_homes import NOW, busiest_person, core_db
from sqlalchemy import func, select

from tiekeeper.services.trash import delete_interaction, delete_people, erase_person, restore
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store, open_store

# What a user clicking "delete" or "undo" should wait at most, in seconds.
TARGETS = {"delete": 1.0, "restore": 1.0, "interaction": 0.2, "erase": 5.0}


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run_once(store: Store, figures: dict[str, list[float]]) -> int:
    """One round of every step on `store`; returns the busiest person's interaction count."""
    pid, n = busiest_person(store)
    t0 = time.perf_counter()
    [entry] = delete_people(store.uow(), [str(pid)], NOW)
    figures["delete"].append(time.perf_counter() - t0)
    figures["restore"].append(timed(lambda: restore(store.uow(), entry.trash_id)))
    with store.uow() as uow:
        iid = int(uow.conn.execute(select(func.max(t.interactions.c.id))).scalar_one())
    ix = delete_interaction(store.uow(), iid, NOW)
    figures["interaction"].append(
        timed(lambda: restore(store.uow(), ix.trash_id))
        + timed(lambda: delete_interaction(store.uow(), iid, NOW))
    )
    figures["erase"].append(timed(lambda: erase_person(store.uow(), str(pid))))
    store.engine.dispose()
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    source = core_db(30_000, 1_000_000)
    figures: dict[str, list[float]] = {k: [] for k in TARGETS}
    n = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "trash.db"
            shutil.copy(source, db)
            n = run_once(open_store(f"sqlite:///{db}"), figures)
    print(f"busiest person: {n} interactions; {args.runs} runs, median seconds (ratio to target)")
    for name, values in figures.items():
        med = statistics.median(values)
        print(f"  {name:12} {med:7.3f} s   ({med / TARGETS[name]:.2f} of {TARGETS[name]} s)")


if __name__ == "__main__":
    main()
