"""Every page of the web app at 30,000 people and 1,000,000 interactions (plus 300,000 "knows"
edges, events, goals, opportunities, posts, follow-ups and a trash: bench/bench_homes.py), served
in-process through the real app (starlette's TestClient). Each page is warmed up, then requested
`--runs` times; prints the first request (a page whose result the server keeps, services/
recomputed.py, works it out then), the median and p95 of the next ones and the median's ratio to
the 100 ms target, for a kept page one request right after a change ("changed": a slow result
is then shown stale while it is refreshed), then how many pages meet the target. Run on demand:
`python bench/bench_web.py [--quick] [--runs N] [--only PATH]`; `--quick` uses 2,000 people and
50,000 interactions (a smoke run of a minute). The home is built once and cached in bench/.data/
(a few minutes at full size)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_homes import DAY, NOW, busiest_person, web_db
from fastapi.routing import APIRoute
from sqlalchemy import Select, func, select
from starlette.routing import BaseRoute
from starlette.testclient import TestClient

from tiekeeper.services import recomputed
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store, open_store
from tiekeeper.web.app import create_app
from tiekeeper.web.pages import core as pages

TARGET_MS = 100.0
# a page slower than this in warm-up is timed 3 times (and 1 time), not --runs times
SLOW_MS, VERY_SLOW_MS = 1000.0, 10_000.0

# Every GET route of the pages, with the addresses timed for it ({name} is filled from the home,
# see `Ids`). A page route missing from both PAGES and NOT_TIMED fails
# tests/web/test_bench_web_pages.py (and this script).
PAGES: dict[str, list[str]] = {
    "/": ["/"],
    "/upcoming": ["/upcoming"],
    "/people": ["/people", "/people?tag=mentor", "/people?overdue=1", "/people?company=Quantix"],
    "/people/new": ["/people/new"],
    "/people/{person}": ["/people/{busy}", "/people/{typical}"],
    "/people/{person_id}/edit": ["/people/{busy}/edit"],
    "/people/{person_id}/delete": ["/people/{busy}/delete"],
    "/people/{person_id}/erase": ["/people/{busy}/erase"],
    "/search": ["/search?q=berlin", "/search?q=product+launch", "/search?q=ana"],
    "/interactions/{interaction_id}": ["/interactions/{interaction}"],
    "/interactions/{interaction_id}/edit": ["/interactions/{interaction}/edit"],
    "/interactions/{interaction_id}/delete": ["/interactions/{interaction}/delete"],
    "/import": ["/import"],
    "/import/{upload_id}": ["/import/{upload}"],
    "/duplicates": ["/duplicates"],
    "/duplicates/merge": ["/duplicates/merge?keep={keep}&other={other}"],
    "/export": ["/export"],
    "/trash": ["/trash"],
    "/trash/empty": ["/trash/empty"],
    "/trash/{trash_id}": ["/trash/{trash}"],
    "/events": ["/events"],
    "/events/{event_id}": ["/events/{event}"],
    "/events/{event_id}/delete": ["/events/{event}/delete"],
    "/goals": ["/goals"],
    "/goals/{goal_id}/remove": ["/goals/{goal}/remove"],
    "/review": ["/review"],
    "/insights": ["/insights"],
    "/jobs": ["/jobs"],
    "/jobs/opportunities/{opportunity_id}/delete": ["/jobs/opportunities/{opportunity}/delete"],
    "/posts": ["/posts"],
    "/posts/{post_id}/delete": ["/posts/{post}/delete"],
    "/me": ["/me"],
    "/me/card": ["/me/card"],
    "/me/card.{kind}": ["/me/card.svg", "/me/card.png"],
    "/settings": ["/settings"],
    "/drafts/{item}": ["/drafts/1"],
}
NOT_TIMED = {
    "/export/{fmt}": "a download of the whole home (vCard, CSV, ICS, JSON backup), not a page",
}


def page_routes(routes: list[BaseRoute] | None = None, prefix: str = "") -> Iterator[str]:
    """The path of every GET route of the pages router, through its included routers."""
    for route in pages.router.routes if routes is None else routes:
        if isinstance(route, APIRoute):
            if "GET" in (route.methods or ()):
                yield prefix + route.path
        elif hasattr(route, "original_router"):  # FastAPI's included router
            included: Any = route
            sub = included.include_context.prefix or ""
            yield from page_routes(included.original_router.routes, prefix + sub)


@dataclass
class Ids:
    """The records the pages show: the busiest person, one of their interactions, ..."""

    busy: int
    busy_interactions: int
    typical: int
    interaction: int
    event: int
    goal: int
    post: int
    opportunity: int
    trash: int
    keep: int
    other: int
    upload: str = ""


def find_ids(st: Store) -> Ids:
    busy, n = busiest_person(st)
    ip = t.interaction_people.c
    with st.uow() as uow:

        def one(q: Select[Any]) -> int:
            return int(uow.conn.execute(q).scalar_one())

        per = select(ip.person_id, func.count().label("n")).group_by(ip.person_id).subquery()
        middle = one(select(func.count()).select_from(per)) // 2
        typical = one(
            select(per.c.person_id).order_by(per.c.n, per.c.person_id).offset(middle).limit(1)
        )
        interaction = one(select(func.max(ip.interaction_id)).where(ip.person_id == busy))
        ep = t.event_people.c
        event = one(
            select(ep.event_id).group_by(ep.event_id).order_by(func.count().desc()).limit(1)
        )
        goal, post, opportunity, trash = (
            one(select(func.min(tb.c.id))) for tb in (t.goals, t.posts, t.opportunities, t.trash)
        )
        # two people of one name (finding the likely pairs is the /duplicates page's own work)
        pc = t.people.c
        same = select(pc.name).group_by(pc.name).having(func.count() > 1).limit(1)
        two = select(pc.id).where(pc.name.in_(same)).limit(2)
        pair = [int(i) for i in uow.conn.execute(two).scalars()]
    keep, other = pair if len(pair) == 2 else (busy, typical)
    return Ids(busy, n, typical, interaction, event, goal, post, opportunity, trash, keep, other)


def upload_contacts(c: TestClient) -> str:
    """A small vCard through the import form: the id of its dry-run page."""
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/import").text)
    assert token is not None
    vcf = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@example.net\r\nEND:VCARD\r\n"
    files = {"file": ("contacts.vcf", vcf, "text/vcard")}
    sent = c.post("/import", data={"csrf": token.group(1)}, files=files, follow_redirects=False)
    assert sent.status_code == 303, sent.text[:500]
    return str(sent.headers["location"]).rsplit("/", 1)[1]


def addresses(ids: Ids, only: list[str] | None = None) -> list[str]:
    """The addresses to time, for every page route (or those in `only`)."""
    routes = [r for r in PAGES if not only or r in only]
    return [u.format(**vars(ids)) for r in routes for u in PAGES[r]]


def timed(c: TestClient, url: str) -> float:
    t0 = time.perf_counter()
    r = c.get(url)
    ms = (time.perf_counter() - t0) * 1000
    if r.status_code != 200:
        raise SystemExit(f"GET {url} answered {r.status_code}: {r.text[:300]}")
    return ms


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# Pages whose result the server keeps until the data changes (services/recomputed.py): each is
# also timed once right after a change (a person added), then its background refresh awaited.
KEPT_PAGES = ("/upcoming", "/goals", "/review", "/insights", "/jobs", "/duplicates")


def after_change(c: TestClient, url: str, st: Store, n: int) -> float:
    """One request of `url` right after another request changed the data."""
    made = c.post("/api/v1/people", json={"name": f"Bench Change {n}"})
    if made.status_code != 201:
        raise SystemExit(f"adding a person answered {made.status_code}: {made.text[:300]}")
    ms = timed(c, url)
    recomputed.settle(st.engine)  # the refresh it started must not slow the next pages
    return ms


def measure(
    c: TestClient, urls: list[str], runs: int, out: Callable[[str], None], st: Store
) -> list[bool]:
    """Time each address; one line each; whether each median meets the target."""
    met = []
    for url in urls:
        first = warm = timed(c, url)
        if warm < VERY_SLOW_MS:
            warm = min(warm, timed(c, url))
        n = runs if warm < SLOW_MS else 3 if warm < VERY_SLOW_MS else 1
        ms = [timed(c, url) for _ in range(n)]
        med = statistics.median(ms)
        met.append(med < TARGET_MS)
        flag = "" if med < TARGET_MS else "  OVER"
        changed = f"{after_change(c, url, st, len(met)):9.1f}" if url in KEPT_PAGES else " " * 9
        out(f"{url[:42]:<42} {first:9.1f} {med:9.1f} {p95(ms):9.1f} {n:4} {med / TARGET_MS:7.2f}"
            f" {changed}{flag}")  # fmt: skip
    return met


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="2,000 people, 50,000 interactions")
    ap.add_argument("--people", type=int, default=None)
    ap.add_argument("--interactions", type=int, default=None)
    ap.add_argument("--runs", type=int, default=15, help="timed requests per page (15)")
    ap.add_argument("--only", action="append", default=[], help="time only these route paths")
    args = ap.parse_args()
    people = args.people or (2_000 if args.quick else 30_000)
    interactions = args.interactions or (50_000 if args.quick else 1_000_000)
    missing = set(page_routes()) - set(PAGES) - set(NOT_TIMED)
    if missing:
        sys.exit(f"pages with no address in bench_web.PAGES: {', '.join(sorted(missing))}")
    source = web_db(people, interactions)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "home.db"
        shutil.copy(source, db)  # the cached home stays as built, whatever a request writes
        st = open_store(f"sqlite:///{db}")
        ids = find_ids(st)
        app = create_app(st, today=lambda: DAY, now=lambda: NOW, allowed_hosts=["testserver"])
        with TestClient(app) as c:
            ids.upload = upload_contacts(c)
            print(f"{people:,} people, {interactions:,} interactions; busiest person "
                  f"#{ids.busy} has {ids.busy_interactions:,}, typical #{ids.typical}")  # fmt: skip
            print(f"machine: {os.cpu_count()} cores, load average "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
            print(f"{'page':<42} {'first ms':>9} {'median ms':>9} {'p95 ms':>9} {'runs':>4} "
                  f"{'ratio':>7} {'changed':>9}")  # fmt: skip
            urls = addresses(ids, args.only)
            met = measure(c, urls, args.runs, print, st)
        st.engine.dispose()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{sum(met)} of {len(met)} pages have a median under {TARGET_MS:g} ms")


if __name__ == "__main__":
    main()
