"""Core benchmark: the Today agenda, search, `tiekeeper today`, `--help` and peak memory at
30,000 people and 1,000,000 interactions. Run on demand: `python bench/bench_core.py [--people N
--interactions M]`. The database is built once and cached in bench/.data/."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_homes import DAY, core_db

from tiekeeper.services.agenda import today_agenda
from tiekeeper.services.search import search
from tiekeeper.store.light import open_light
from tiekeeper.store.uow import open_store

TARGETS = {"agenda_ms": 50, "today_cli_s": 0.5, "search_ms": 20, "help_s": 0.3, "today_mb": 150}


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cli() -> list[str]:
    script = Path(sys.executable).parent / "tiekeeper"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tiekeeper"]


PEAK_KB: dict[str, int] = {}


def run_cli(args: list[str], env: dict[str, str]) -> None:
    """Run one CLI command; record its own peak RSS (wait4 reports it for that child only)."""
    proc = subprocess.Popen(cli() + args, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{args} failed with {proc.returncode}")
    PEAK_KB[args[0]] = max(PEAK_KB.get(args[0], 0), usage.ru_maxrss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people", type=int, default=30_000)
    ap.add_argument("--interactions", type=int, default=1_000_000)
    args = ap.parse_args()
    url = f"sqlite:///{core_db(args.people, args.interactions)}"
    st = open_store(url)
    with st.uow() as uow:
        print(f"people {uow.people.count():,}  interactions {uow.interactions.count():,}")

    today_agenda(st.uow(), DAY)  # warm the page cache once, as a daily user's machine would be
    agenda = median_time(lambda: today_agenda(st.uow(), DAY), 21) * 1000
    lite = open_light(url, "local")
    assert lite is not None
    agenda_light = median_time(lambda: today_agenda(lite.uow(), DAY), 21) * 1000
    words = ["career", "berlin", "nimbus", "ana", "product launch", "engineer", "hiring", "kim"]
    search_ms = statistics.median(median_time(lambda w=w: search(st.uow(), w), 5) for w in words)
    search_ms *= 1000

    env = dict(os.environ, TIEKEEPER_DATABASE_URL=url)
    env.pop("TIEKEEPER_HOME", None)
    args_today = ["today", "--date", DAY.isoformat()]
    run_cli(args_today, env)
    today_s = median_time(lambda: run_cli(args_today, env), 7)
    help_s = median_time(lambda: run_cli(["--help"], env), 7)
    peak_mb = PEAK_KB["today"] / 1024

    rows = [
        ("Today agenda, in-process median", agenda, "ms", TARGETS["agenda_ms"]),
        ("  the same on the light store (sqlite3)", agenda_light, "ms", TARGETS["agenda_ms"]),
        ("search, median over 8 queries", search_ms, "ms", TARGETS["search_ms"]),
        ("`tiekeeper today` end to end, median", today_s, "s", TARGETS["today_cli_s"]),
        ("`tiekeeper --help`, median", help_s, "s", TARGETS["help_s"]),
        ("peak RSS of `tiekeeper today`", peak_mb, "MB", TARGETS["today_mb"]),
    ]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for label, value, unit, target in rows:
        print(
            f"{label:<42} {value:9.3f} {unit:<3} target {target:>6} {unit:<3} "
            f"ratio {value / target:5.2f}"
        )


if __name__ == "__main__":
    main()
