"""Insights benchmark: `tiekeeper insights` end to end, the user's brokerage, one `tie` and the
Today agenda (with the reconnect ranking) at 30,000 people, 1,000,000 interactions and 300,000
"knows" edges. Run on demand: `python bench/bench_insights.py [--people N --interactions M
--edges E]`. The database is built once and cached in bench/.data/ (the core bench's database is
copied when it is there and complete, else the demo generator builds one: a few minutes)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_homes import DAY, add_knows, copy_db, is_complete

from tiekeeper.services.agenda import DORMANT_AFTER_DAYS, today_agenda
from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.insights.agenda import best_dormant_tie
from tiekeeper.services.insights.data import load_edges, load_ties
from tiekeeper.services.insights.network import brokerage
from tiekeeper.services.insights.ties import explain_tie
from tiekeeper.store.uow import open_store

DATA = Path(__file__).parent / ".data"
TARGETS = {
    "insights_s": 10.0,
    "insights_mb": 1024,
    "brokerage_s": 1.0,
    "tie_ms": 100,
    "agenda_ms": 50,
    "agenda_reconnect_ms": 50,
}


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def build(people: int, interactions: int, edges: int) -> Path:
    """The cached database, built or copied on first use."""
    DATA.mkdir(exist_ok=True)
    db = DATA / f"insights-{people}-{interactions}-{edges}.db"
    if db.exists():
        return db
    core = DATA / f"core-{people}-{interactions}.db"
    partial = db.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    t0 = time.perf_counter()
    if is_complete(core):
        copy_db(core, partial)
    st = open_store(f"sqlite:///{partial}")
    if not is_complete(partial):
        fill_demo(st.uow(), DAY, DemoSize(people, interactions), seed=11)
    add_knows(st, edges)
    st.engine.dispose()
    partial.rename(db)
    print(f"built {db.name} in {time.perf_counter() - t0:.1f} s")
    return db


def cli() -> list[str]:
    script = Path(sys.executable).parent / "tiekeeper"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tiekeeper"]


def time_insights_cli(url: str) -> tuple[float, float]:
    """Seconds and peak MB of `tiekeeper insights --json` in a fresh process."""
    env = dict(os.environ, TIEKEEPER_DATABASE_URL=url)
    t0 = time.perf_counter()
    subprocess.run(
        [*cli(), "insights", "--json", "--date", DAY.isoformat()],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people", type=int, default=30_000)
    ap.add_argument("--interactions", type=int, default=1_000_000)
    ap.add_argument("--edges", type=int, default=300_000)
    ap.add_argument("--db", type=Path, help="use this SQLite file instead of building one")
    args = ap.parse_args()
    db = args.db or build(args.people, args.interactions, args.edges)
    url = f"sqlite:///{db}"
    st = open_store(url)
    with st.uow() as uow:
        ties = load_ties(uow, DAY)
        edges = load_edges(uow, [x.person for x in ties.values()])
    print(f"{len(ties)} people, {len(edges)} knows edges (stored + inferred)")
    figures = {"brokerage_s": median_time(lambda: brokerage(ties, edges), 3)}
    # the demo's Pareto weights give one person about a third of all interactions: time a busy
    # but realistic tie (99th percentile of interactions) and show that extreme one separately
    by_count = sorted(ties, key=lambda pid: ties[pid].n_interactions)
    busy, extreme = str(by_count[int(0.99 * (len(by_count) - 1))]), str(by_count[-1])
    figures["tie_ms"] = 1000 * median_time(lambda: explain_tie(st.uow(), busy, DAY), 5)
    worst = 1000 * median_time(lambda: explain_tie(st.uow(), extreme, DAY), 1)
    print(
        f"tie of the busiest person ({ties[int(extreme)].n_interactions} interactions): "
        f"{worst:.0f} ms (information only)"
    )
    figures["agenda_ms"] = 1000 * median_time(lambda: today_agenda(st.uow(), DAY), 7)

    def pick() -> None:
        with st.uow() as uow:
            best_dormant_tie(uow, DAY, DORMANT_AFTER_DAYS)

    figures["agenda_reconnect_ms"] = 1000 * median_time(pick, 7)
    figures["insights_s"], figures["insights_mb"] = time_insights_cli(url)
    for key, value in figures.items():
        target = TARGETS[key]
        print(f"{key:<12} {value:10.3f}   target {target:>7}   ratio {value / target:5.2f}")


if __name__ == "__main__":
    main()
