"""The import page at scale: the LinkedIn export of 30,000 connections and 3,000 conversations
(bench/bench_import.py builds it into bench/.data/) uploaded through /import into a fresh SQLite
home: the dry run, then the import, each one request. Prints each request's time and the peak
RSS; the page promises both run within one request (no proxy timeout: < 60 s). Run:
`python bench/bench_web_import.py`."""

from __future__ import annotations

import re
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from starlette.testclient import TestClient

from tiekeeper.store.uow import open_store
from tiekeeper.web.app import create_app

ZIP = Path(__file__).parent / ".data" / "Basic_LinkedInDataExport_30000_3000.zip"
LIMIT_S = 60.0


def main() -> None:
    if not ZIP.exists():
        sys.exit(f"{ZIP} is missing: run `python bench/bench_import.py` once to build it")
    with tempfile.TemporaryDirectory() as home:
        store = open_store(f"sqlite:///{home}/tiekeeper.db")
        app = create_app(store, today=lambda: date(2026, 11, 26), allowed_hosts=["testserver"])
        with TestClient(app) as c:
            csrf = re.search(r'name="csrf" value="([^"]+)"', c.get("/import").text)
            assert csrf is not None
            files = {"file": (ZIP.name, ZIP.read_bytes(), "application/zip")}
            t0 = time.perf_counter()
            sent = c.post("/import", data={"csrf": csrf.group(1)}, files=files,
                          follow_redirects=False)  # fmt: skip
            dry = time.perf_counter() - t0
            assert sent.status_code == 303, sent.text[:500]
            at = sent.headers["location"]
            t0 = time.perf_counter()
            shown = c.get(at)
            page = time.perf_counter() - t0
            tally = " ".join(re.sub(r"<[^>]+>", " ", shown.text).split())
            counts = re.search(r"([\d,]+) new .* ([\d,]+) skipped", tally)
            assert counts is not None, tally[:2000]
            new, skipped = (int(n.replace(",", "")) for n in counts.groups())
            assert new + skipped == 30_000, (new, skipped)  # hidden members are skipped
            t0 = time.perf_counter()
            done = c.post(at, data={"csrf": csrf.group(1)})
            real = time.perf_counter() - t0
            assert "Imported" in done.text and f"{new:,} people added" in done.text
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"upload {ZIP.stat().st_size / 1e6:.1f} MB, 30,000 connections, 3,000 conversations: "
          f"{new:,} people created, {skipped} skipped")  # fmt: skip
    for name, s in (("dry run (POST /import)", dry), ("summary page", page),
                    ("import (POST /import/{id}, incl. result page)", real)):  # fmt: skip
        print(f"  {name:<46} {s:6.2f} s  ({s / LIMIT_S:.2f} of {LIMIT_S:g} s)")
    print(f"  peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
