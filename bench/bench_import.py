"""Import benchmark: a LinkedIn export of 30,000 connections (LinkedIn's cap) with 3,000
conversations, imported into a fresh SQLite home, then re-imported unchanged.

Targets (issue 3): first import < 5 s and < 400 MB peak; re-import < 3 s. Each import runs in its
own process so the peak RSS is the import's own; each round starts from a fresh database, and the
figures are medians over the rounds with their spread (this machine's timings vary 10-30 %). Run:
`python bench/bench_import.py [--people N --conversations M --runs R]`. The export is generated
once into bench/.data/.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).parent / ".data"
TARGETS = {"first_s": 5.0, "reimport_s": 3.0, "peak_mb": 400}
FIRST_NAMES = """Ana Bo Carlos Dana Eitan Fatima Goran Hana Ivan Jun Kofi Lena Mateo Nadia Omar
Priya Quinn Rosa Sven Tariq Uma Vera Wen Ximena Yusuf Zoe Aiko Bruno Chloe Diego Elif Felix Grace
Hugo Ines Jonas Kira Liam Maya Noah Olga Pablo Rina Sara Tomas Ugo Vik Willa Yara Zane Émile Søren
Zoë Łukasz"""
# Surnames from syllables: about 6,000 of them, so names repeat about as often as in real life.
SYLLABLES = "ka no ri sa to mi ve la dor ben gar sil mor tan hu lin pe zu chi ros"
BRANDS = "Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne Tyrell Cyberdyne"
KINDS = "Labs Inc GmbH Group Systems Partners Health Bank"
FIRST = FIRST_NAMES.split()
COMPANIES = [f"{w} {s}" for w in BRANDS.split() for s in KINDS.split()]
TITLES = [
    "Engineer",
    "Senior Engineer",
    "Product Manager",
    "Designer",
    "CTO",
    "Recruiter",
    "Data Scientist",
    "Sales Lead",
    "Founder",
    "Analyst",
    "Director of Engineering",
]
ME = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera-0a1b2c3d")
NOTICE = (
    "When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email."
)


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def generate(path: Path, people: int, conversations: int, seed: int = 3) -> None:
    """Write a realistic export zip: preamble, hidden members, multi-line message bodies."""
    rng = random.Random(seed)
    SYL = SYLLABLES.split()
    lasts = [(a + b + c).capitalize() for a in SYL for b in SYL for c in SYL]
    lasts = rng.sample(lasts, 6000)
    conns: list[tuple[str, str]] = []
    rows = [["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"]]  # fmt: skip
    start = date(2012, 1, 1)
    for i in range(people):
        day = (start + timedelta(days=rng.randrange(4700))).strftime("%d %b %Y")
        if rng.random() < 0.01:
            rows.append(["", "", "", "", "", "", day])  # a hidden member
            continue
        first, last = rng.choice(FIRST), rng.choice(lasts)
        url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i:08x}"
        email = f"{first.lower()}.{i}@example.org" if rng.random() < 0.02 else ""
        conns.append((f"{first} {last}", url))
        rows.append([first, last, url, email, rng.choice(COMPANIES), rng.choice(TITLES), day])
    connections = f'Notes:\n"{NOTICE}"\n\n' + _csv(rows)
    head = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
            "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
            "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]  # fmt: skip
    msgs = [head]
    for c in range(conversations):
        other = rng.choice(conns)
        when = date(2020, 1, 1) + timedelta(days=rng.randrange(2000))
        for m in range(rng.randint(2, 8)):
            mine = (m + c) % 2 == 0
            sender, to = (ME, other) if mine else (other, ME)
            stamp = f"{when + timedelta(days=m // 3)} {9 + m:02d}:{rng.randrange(60):02d}:00 UTC"
            body = f"Hi {to[0].split()[0]},\n\nGreat to catch up about item {c}.\nBest"
            msgs.append([f"2-conv{c:06d}", "", sender[0], sender[1], to[0], to[1], stamp, "",
                         body, "INBOX", "No", "No"])  # fmt: skip
    profile = _csv([["First Name", "Last Name", "Birth Date", "Headline", "Industry",
                     "Geo Location"], ["Sam", "Rivera", "Mar 31", "Data engineer",
                                       "Software Development", "Lisbon, Portugal"]])  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", connections)
        z.writestr("messages.csv", _csv(msgs))
        z.writestr("Profile.csv", profile)


CHILD = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
t0 = time.perf_counter()
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.store.uow import open_store
st = open_store(sys.argv[1])
s = import_file(st.uow(), Path(sys.argv[2]), date(2026, 11, 26))
secs = time.perf_counter() - t0
use = resource.getrusage(resource.RUSAGE_SELF)
peak, cpu = use.ru_maxrss / 1024, use.ru_utime + use.ru_stime
print(json.dumps({"s": secs, "cpu": cpu, "mb": peak, "created": s.created, "unchanged": s.unchanged,
                  "skipped": len(s.skipped), "ix": s.interactions_created,
                  "ix_skipped": s.interactions_skipped}))
"""


def run_import(db: Path, export: Path) -> dict[str, float]:
    """One import in a fresh interpreter: wall time (incl. imports and opening) and peak RSS."""
    out = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{db}", str(export)],
                         check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people", type=int, default=30_000)
    ap.add_argument("--conversations", type=int, default=3_000)
    ap.add_argument("--runs", type=int, default=3, help="rounds of first import + re-import")
    args = ap.parse_args()
    export = DATA / f"Basic_LinkedInDataExport_{args.people}_{args.conversations}.zip"
    if not export.exists():
        generate(export, args.people, args.conversations)
    db = DATA / "bench_import.db"
    from tiekeeper.store.uow import open_store

    load = os.getloadavg()[0]
    firsts, agains = [], []
    for _ in range(args.runs):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        open_store(f"sqlite:///{db}").engine.dispose()  # migrating is not part of an import
        firsts.append(run_import(db, export))
        agains.append(run_import(db, export))
    first, again = firsts[-1], agains[-1]
    print(f"export: {export.name} ({export.stat().st_size / 1e6:.1f} MB zipped)")
    print(f"load average before: {load:.1f} on {os.cpu_count()} cores (on a shared machine the "
          "CPU seconds are the fairer figure)")  # fmt: skip
    report("first import", firsts, TARGETS["first_s"])
    peak = statistics.median(r["mb"] for r in firsts)
    print(f"  peak {peak:.0f} MB (target < {TARGETS['peak_mb']}, ratio "
          f"{peak / TARGETS['peak_mb']:.2f}); created {first['created']}, skipped "
          f"{first['skipped']}, interactions {first['ix']}")  # fmt: skip
    report("re-import", agains, TARGETS["reimport_s"])
    peak = statistics.median(r["mb"] for r in agains)
    print(f"  peak {peak:.0f} MB; created {again['created']}, unchanged {again['unchanged']}, "
          f"interactions already there {again['ix_skipped']}")  # fmt: skip


def report(label: str, runs: list[dict[str, float]], target: float) -> None:
    """One timing line: the median of the runs with their spread, and its ratio to the target."""
    wall = sorted(r["s"] for r in runs)
    cpu = sorted(r["cpu"] for r in runs)
    mid, mid_cpu = statistics.median(wall), statistics.median(cpu)
    print(f"{label}: {mid:.2f} s wall, median of {len(runs)} ({wall[0]:.2f}-{wall[-1]:.2f}; "
          f"target < {target} s, ratio {mid / target:.2f}), {mid_cpu:.2f} s CPU "
          f"({cpu[0]:.2f}-{cpu[-1]:.2f}, ratio {mid_cpu / target:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
