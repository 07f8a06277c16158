"""Calendar import benchmark (issue 12): a calendar of 5,000 events in Google's export shape, a
third of them weekly series (with an EXDATE and a moved occurrence each), imported into a SQLite
home holding 30,000 people, then imported again.

Targets: first import < 30 s and < 500 MB peak; re-import < 10 s. Each import runs in its own
process so the peak RSS is the import's own. Run: `python bench/bench_calendar.py [--events N
--people P]`. The .ics is generated once into bench/.data/.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

DATA = Path(__file__).parent / ".data"
TARGETS = {"first_s": 30.0, "reimport_s": 10.0, "peak_mb": 500}
ME = "sam@example.com"
NOW = "2026-06-01T12:00:00+00:00"


def person_email(i: int) -> str:
    return f"person{i}@corp{i % 97}.example"


def _attendee(email: str, partstat: str = "ACCEPTED") -> str:
    return (f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};"
            f"CN={email};X-NUM-GUESTS=0:mailto:{email}")  # fmt: skip


def _stamp(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%SZ")


def generate(path: Path, events: int, people: int, seed: int = 12) -> None:
    """Meetings with 1-4 people (most known), some with strangers, declined, cancelled, town
    halls and all-day events; every third one a weekly series of 10-30 weeks."""
    rng = random.Random(seed)
    start = datetime(2025, 6, 1, 8, tzinfo=UTC)
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{ME}"]  # fmt: skip
    for n in range(events):
        when = start + timedelta(days=rng.randrange(365), hours=rng.randrange(10))
        uid = f"ev{n}@google.com"
        kind = rng.random()
        if kind < 0.05:
            day = when.strftime("%Y%m%d")
            lines += ["BEGIN:VEVENT", f"DTSTART;VALUE=DATE:{day}", f"UID:{uid}",
                      f"SUMMARY:Holiday {n}", "END:VEVENT"]  # fmt: skip
            continue
        crowd = 20 if kind < 0.08 else rng.randint(1, 4)
        guests = [person_email(rng.randrange(people)) if rng.random() < 0.8
                  else f"stranger{rng.randrange(5000)}@else.example"
                  for _ in range(crowd)]  # fmt: skip
        me_state = "DECLINED" if rng.random() < 0.05 else "ACCEPTED"
        body = [f"DTSTART:{_stamp(when)}", f"DTEND:{_stamp(when + timedelta(minutes=30))}",
                f"DTSTAMP:{_stamp(start)}", f"ORGANIZER;CN={ME}:mailto:{ME}", f"UID:{uid}",
                *(_attendee(g) for g in guests), _attendee(ME, me_state),
                f"SUMMARY:Meeting {n}",
                "STATUS:CANCELLED" if rng.random() < 0.03 else "STATUS:CONFIRMED"]  # fmt: skip
        if rng.random() < 0.3:
            body.append("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij")
        if n % 3 == 0:
            weeks = rng.randint(10, 30)
            body += [f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
                     f"EXDATE:{_stamp(when + timedelta(weeks=2))}"]  # fmt: skip
            moved = when + timedelta(weeks=3)
            lines += ["BEGIN:VEVENT", *body, "END:VEVENT", "BEGIN:VEVENT",
                      f"DTSTART:{_stamp(moved + timedelta(days=1))}", f"UID:{uid}",
                      f"RECURRENCE-ID:{_stamp(moved)}", *(_attendee(g) for g in guests),
                      f"SUMMARY:Meeting {n} (moved)", "END:VEVENT"]  # fmt: skip
        else:
            lines += ["BEGIN:VEVENT", *body, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def make_home(home: Path, people: int) -> None:
    from tiekeeper.domain.model import Person
    from tiekeeper.services.profile import update_profile
    from tiekeeper.store.uow import open_store

    st = open_store(f"sqlite:///{home / 'tiekeeper.db'}")
    update_profile(st.uow(), add_emails=[ME])
    batch = [Person(name=f"Person {i}", emails=[person_email(i)], created_on=date(2025, 1, 1))
             for i in range(people)]  # fmt: skip
    with st.uow() as uow:
        uow.bulk.add_people(batch)
        uow.commit()
    st.engine.dispose()


CHILD = """
import json, resource, sys, time
from datetime import UTC, datetime
from pathlib import Path
from tiekeeper.store.uow import open_store
from tiekeeper.services.imports.calendar import import_calendar
st = open_store(sys.argv[1])
t = time.perf_counter()
s = import_calendar(st.uow(), Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3]), UTC)
took = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": round(took, 2), "peak_mb": round(peak), "occurrences": s.occurrences,
                  "created": s.interactions_created, "unchanged": s.unchanged,
                  "planned": s.meetings_planned, "skipped": s.skipped_reasons}))
"""


def run_import(url: str, ics: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, url, str(ics), NOW], check=True,
                         capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=5_000)
    ap.add_argument("--people", type=int, default=30_000)
    args = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    ics = DATA / f"calendar-{args.events}-{args.people}.ics"
    if not ics.exists():
        generate(ics, args.events, args.people)
    print(f"calendar: {ics.stat().st_size / 1e6:.1f} MB, {args.events} events")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        make_home(home, args.people)
        url = f"sqlite:///{home / 'tiekeeper.db'}"
        first = run_import(url, ics)
        again = run_import(url, ics)
    print(f"first import: {first}")
    print(f"re-import:    {again}")
    ok = (float(str(first["s"])) < TARGETS["first_s"]
          and float(str(first["peak_mb"])) < TARGETS["peak_mb"]
          and float(str(again["s"])) < TARGETS["reimport_s"])  # fmt: skip
    print(f"targets {TARGETS}: {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
