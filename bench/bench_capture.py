"""Capture benchmark (issue 12): history that flows in by itself, at 30,000 people.

- calendar: 5,000 events in Google's export shape, a third of them weekly series (an EXDATE and a
  moved occurrence each);
- mail: a 100,000-message mbox written by the stdlib `mailbox` module, with threads, lists, bulk
  and no-reply mail.

Each is imported into a SQLite home holding 30,000 people, then imported again. Targets: first
import < 30 s and < 500 MB peak; re-import < 10 s. Each import runs in its own process so the peak
RSS is the import's own. Inputs are generated once into bench/.data/. Run:
`python bench/bench_capture.py [calendar|mail] [--events N --messages N --people P]`.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import random
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

DATA = Path(__file__).parent / ".data"
TARGETS = {"first_s": 30.0, "reimport_s": 10.0, "peak_mb": 500.0}
ME = "sam@example.com"
NOW = "2026-06-01T12:00:00+00:00"


def person_email(i: int) -> str:
    return f"person{i}@corp{i % 97}.example"


def _attendee(email: str, partstat: str = "ACCEPTED") -> str:
    return (f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};"
            f"CN={email};X-NUM-GUESTS=0:mailto:{email}")  # fmt: skip


def _stamp(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%SZ")


def generate_calendar(path: Path, events: int, people: int, seed: int = 12) -> None:
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


def generate_mail(path: Path, messages: int, people: int, seed: int = 12) -> None:
    """Threads of 1-6 messages with people (some known, some not), lists, bulk, no-reply."""
    rng = random.Random(seed)
    box = mailbox.mbox(path)
    box.lock()
    start = datetime(2025, 6, 1, tzinfo=UTC)
    n = 0
    while n < messages:
        when = start + timedelta(minutes=rng.randrange(525_000))
        kind = rng.random()
        if kind < 0.15:
            msg = _msg(n, "news@lists.example.org", ME, when, "Weekly", {"List-Id": "<w.example>"})
            box.add(msg)
            n += 1
            continue
        if kind < 0.2:
            box.add(_msg(n, "noreply@service.example", ME, when, "Your receipt", {}))
            n += 1
            continue
        other = (person_email(rng.randrange(people)) if kind < 0.8
                 else f"stranger{rng.randrange(20_000)}@else.example")  # fmt: skip
        root = f"<m{n}@bench.example>"
        refs: list[str] = []
        for k in range(rng.randint(1, 6)):
            mine = (k % 2 == 0) == (rng.random() < 0.5)
            sender, to = (ME, other) if mine else (other, ME)
            headers = {"In-Reply-To": refs[-1], "References": " ".join(refs)} if refs else {}
            box.add(_msg(n, sender, to, when + timedelta(hours=k * 5), "Project", headers))
            refs.append(root if k == 0 else f"<m{n}@bench.example>")
            n += 1
    box.unlock()
    box.close()


def _msg(n: int, sender: str, to: str, when: datetime, subject: str,
         headers: dict[str, str]) -> EmailMessage:  # fmt: skip
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<m{n}@bench.example>"
    for key, value in headers.items():
        msg[key] = value
    msg.set_content("Hello,\n\nA body of a few lines that the import never reads.\n" * 5)
    return msg


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


CALENDAR_CHILD = """
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


MAIL_CHILD = """
import json, resource, sys, time
from datetime import date
from tiekeeper.store.uow import open_store
from tiekeeper.services.imports.mail import import_mail
st = open_store(sys.argv[1])
t = time.perf_counter()
s = import_mail(st.uow(), sys.argv[2], date(2026, 6, 1))
took = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": round(took, 2), "peak_mb": round(peak), "created": s.interactions_created,
                  "again": s.already_imported, "messages": s.messages}))
"""


def run_import(child: str, *args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", child, *args], check=True,
                         capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def measure(what: str, child: str, source: Path, people: int, *extra: str) -> bool:
    """First import and re-import of `source` into a new home; prints both, the ratios to the
    targets, and whether they are met."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        make_home(home, people)
        url = f"sqlite:///{home / 'tiekeeper.db'}"
        first = run_import(child, url, str(source), *extra)
        again = run_import(child, url, str(source), *extra)
    first_s, peak, again_s = (float(str(first["s"])), float(str(first["peak_mb"])),
                              float(str(again["s"])))  # fmt: skip
    print(f"{what} first import: {first}")
    print(f"{what} re-import:    {again}")
    ratios = (first_s / TARGETS["first_s"], peak / TARGETS["peak_mb"],
              again_s / TARGETS["reimport_s"])  # fmt: skip
    print(f"{what} ratio to target: first {ratios[0]:.2f}, peak {ratios[1]:.2f}, "
          f"re-import {ratios[2]:.2f}")  # fmt: skip
    ok = (
        first_s < TARGETS["first_s"]
        and peak < TARGETS["peak_mb"]
        and again_s < TARGETS["reimport_s"]
    )
    print(f"{what} targets {TARGETS}: {'met' if ok else 'MISSED'}")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("only", nargs="?", choices=["calendar", "mail"])
    ap.add_argument("--events", type=int, default=5_000)
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--people", type=int, default=30_000)
    args = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    results = []
    if args.only in (None, "calendar"):
        ics = DATA / f"calendar-{args.events}-{args.people}.ics"
        if not ics.exists():
            generate_calendar(ics, args.events, args.people)
        print(f"calendar: {ics.stat().st_size / 1e6:.1f} MB, {args.events} events")
        results.append(measure("calendar", CALENDAR_CHILD, ics, args.people, NOW))
    if args.only in (None, "mail"):
        mbox = DATA / f"mail-{args.messages}-{args.people}.mbox"
        if not mbox.exists():
            generate_mail(mbox, args.messages, args.people)
        print(f"mbox: {mbox.stat().st_size / 1e6:.0f} MB, {args.messages} messages")
        results.append(measure("mail", MAIL_CHILD, mbox, args.people))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
