"""Mail import benchmark (issue 12): a 100,000-message mbox written by the stdlib `mailbox`
module, imported into a SQLite home holding 30,000 people, then imported again.

Targets: first import < 30 s and < 500 MB peak; re-import < 10 s. Each import runs in its own
process so the peak RSS is the import's own. Run: `python bench/bench_mail.py [--messages N
--people P]`. The mbox is generated once into bench/.data/.
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
TARGETS = {"first_s": 30.0, "reimport_s": 10.0, "peak_mb": 500}
ME = "sam@example.com"


def person_email(i: int) -> str:
    return f"person{i}@corp{i % 97}.example"


def generate(path: Path, messages: int, people: int, seed: int = 12) -> None:
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


CHILD = """
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


def run_import(url: str, mbox: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, url, str(mbox)], check=True,
                         capture_output=True, text=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--people", type=int, default=30_000)
    args = ap.parse_args()
    DATA.mkdir(exist_ok=True)
    mbox = DATA / f"mail-{args.messages}-{args.people}.mbox"
    if not mbox.exists():
        generate(mbox, args.messages, args.people)
    print(f"mbox: {mbox.stat().st_size / 1e6:.0f} MB, {args.messages} messages")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        make_home(home, args.people)
        url = f"sqlite:///{home / 'tiekeeper.db'}"
        first = run_import(url, mbox)
        again = run_import(url, mbox)
    print(f"first import: {first}")
    print(f"re-import:    {again}")
    ok = (first["s"] < TARGETS["first_s"] and first["peak_mb"] < TARGETS["peak_mb"]
          and again["s"] < TARGETS["reimport_s"])  # fmt: skip
    print(f"targets {TARGETS}: {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
