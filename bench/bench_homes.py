"""The benchmarks' SQLite homes, built once and cached in bench/.data/ (gitignored).

`core_db` is the demo network at N people and M interactions (bench_core, bench_trash and
bench_insights start from it); `add_knows` adds "knows" edges; `web_db` adds what a heavy user
of the whole app has besides (events with the people met and their follow-ups, goals, target
companies and opportunities, posts with engagement, open follow-ups, a trash, a profile), so that
every page of the web app has something to show. Each file is written under a `.partial` name and
renamed when complete: an interrupted build is never taken for a finished one."""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from tiekeeper.services.demo import INDUSTRIES, TOPICS, DemoSize, fill_demo
from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.goals import add_goal
from tiekeeper.services.jobs import add_target
from tiekeeper.services.opportunities import add_opportunity, move_opportunity
from tiekeeper.services.people import PersonChanges
from tiekeeper.services.profile import set_pitch, update_profile
from tiekeeper.services.reminders import add_follow_up, close_follow_up
from tiekeeper.services.trash import delete_event, delete_interaction, delete_people
from tiekeeper.services.visibility import add_post
from tiekeeper.store import tables as t
from tiekeeper.store.uow import Store, open_store
from tiekeeper.store.writes import insert_many

DATA = Path(__file__).parent / ".data"
DAY = date(2026, 11, 26)  # the benchmarks' "today"
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def copy_db(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite file (safe even while another process reads it)."""
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def is_complete(db: Path) -> bool:
    """Whether a (possibly foreign) core database has its interactions linked to people."""
    if not db.exists():
        return False
    conn = sqlite3.connect(db)
    try:
        return bool(conn.execute("SELECT 1 FROM interaction_people LIMIT 1").fetchone())
    finally:
        conn.close()


def _built(db: Path, t0: float) -> Path:
    db.with_suffix(".partial").rename(db)
    print(f"built {db.name} in {time.perf_counter() - t0:.1f} s")
    return db


def core_db(people: int, interactions: int) -> Path:
    """The demo network at this size (seed 11): a few minutes to build at 30,000/1,000,000."""
    DATA.mkdir(exist_ok=True)
    db = DATA / f"core-{people}-{interactions}.db"
    if db.exists():
        return db
    partial = db.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    t0 = time.perf_counter()
    st = open_store(f"sqlite:///{partial}")
    fill_demo(st.uow(), DAY, DemoSize(people, interactions), seed=11)
    st.engine.dispose()
    return _built(db, t0)


def add_knows(st: Store, edges: int, seed: int = 3) -> None:
    """`edges` random "knows" edges, 70 % between people at the same organization."""
    rng = random.Random(seed)
    with st.uow() as uow:
        rows = uow.conn.execute(select(t.people.c.id, t.people.c.organization_id)).all()
        ids = [r[0] for r in rows]
        by_org: dict[int | None, list[int]] = {}
        for pid, org in rows:
            by_org.setdefault(org, []).append(pid)
        org_of = dict(rows)
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < min(edges, len(ids) * (len(ids) - 1) // 4):
            a = rng.choice(ids)
            b = rng.choice(by_org[org_of[a]]) if rng.random() < 0.7 else rng.choice(ids)
            if a != b:
                pairs.add((min(a, b), max(a, b)))
        values = [
            {
                "owner_id": st.owner_id,
                "person_a_id": a,
                "person_b_id": b,
                "strength": rng.randint(1, 5),
                "source": "entered",
                "created_on": DAY,
            }
            for a, b in sorted(pairs)
        ]
        if values:
            insert_many(uow.conn, t.knows, values)
        uow.commit()


def busiest_person(st: Store) -> tuple[int, int]:
    """(person id, interaction count) of the person with the most interactions."""
    ip = t.interaction_people.c
    q = select(ip.person_id, func.count()).group_by(ip.person_id).order_by(func.count().desc())
    with st.uow() as uow:
        pid, n = uow.conn.execute(q.limit(1)).one()
    return int(pid), int(n)


def _person_ids(st: Store) -> list[int]:
    with st.uow() as uow:
        q = select(t.people.c.id).order_by(t.people.c.id)
        return [int(i) for i in uow.conn.execute(q).scalars()]


def add_extras(st: Store, scale: float, seed: int = 5) -> None:
    """What a heavy user adds over two years, through the same services as the CLI; `scale`
    is 1.0 at 30,000 people (40 events, 60 posts, 200 open follow-ups, a trash of 40 items)."""
    rng = random.Random(seed)
    ids = _person_ids(st)
    busy, _ = busiest_person(st)

    def n(k: int) -> int:
        return max(2, int(k * scale))

    update_profile(st.uow(), name="Alex Rivera", email="alex@example.org",
                   headline="Product lead helping health-tech teams ship | mentor",
                   company="Nimbus Labs", position="Lead, Product", location="Berlin",
                   industry="Technology", function="Product")  # fmt: skip
    set_pitch(st.uow(), " ".join(["I help health-tech teams ship products people trust."] * 7))

    # Events: every two to three weeks, with people met (known and new) and their follow-ups,
    # most of them done; the last one is three days ago, so its follow-ups are open.
    kinds = ["conference", "meetup", "webinar", "association"]
    for e in range(n(40)):
        when = DAY - timedelta(days=3 + (n(40) - 1 - e) * 17)
        ev = add_event(st.uow(), f"{rng.choice(TOPICS).title()} meetup {e + 1}",
                       when.isoformat(), DAY, kind=rng.choice(kinds),
                       location=rng.choice(["Berlin", "Lisbon", "London"]),
                       goal="introduce myself to 3 people")  # fmt: skip
        met = rng.sample(ids, rng.randint(3, 12))
        refs = [str(p) for p in met] + [f"New Person {e}-{k}" for k in range(rng.randint(0, 3))]
        for ref in refs:
            cap = met_at_event(st.uow(), str(ev.id), ref, PersonChanges(), DAY)
            if when < DAY - timedelta(days=10) and cap.follow_up.id is not None:
                close_follow_up(st.uow(), cap.follow_up.id, "done", DAY)

    add_goal(st.uow(), "talk to 10 people a week", "week", 10, DAY, metric="interactions")
    add_goal(st.uow(), "meet 4 new people a month", "month", 4, DAY, metric="new-people")
    add_goal(st.uow(), "publish twice a month", "month", 2, DAY, metric="posts")
    add_goal(st.uow(), "be in touch 5 days a week", "week", 5, DAY, metric="days-active")
    add_goal(st.uow(), "introduce myself to 3 people", "event", 3, DAY, metric="introductions")

    companies = [c for names in INDUSTRIES.values() for c in names]
    for org in companies[: n(12)]:
        add_target(st.uow(), org, "a team I would like to join", None)
    stages = ["idea", "reached-out", "talked", "referred", "applied", "interview", "offer"]
    for k in range(n(40)):
        next_on = (DAY + timedelta(days=rng.randint(1, 30))).isoformat()
        view = add_opportunity(st.uow(), rng.choice(companies), f"Product role {k + 1}", DAY,
                               source=rng.choice(["referral", "hidden", "posted"]),
                               via=str(rng.choice(ids)), next_text="follow up",
                               next_date=next_on)  # fmt: skip
        stage = rng.choice([*stages, "closed"])
        if stage != "idea" and view.opportunity.id is not None:
            move_opportunity(st.uow(), view.opportunity.id, stage, DAY)

    for k in range(n(60)):
        when = DAY - timedelta(days=k * 12 + rng.randint(0, 5))
        engaged = [str(p) for p in rng.sample(ids, rng.randint(0, 30))]
        add_post(st.uow(), rng.choice(["linkedin", "blog", "talk", "newsletter"]),
                 f"Notes on {rng.choice(TOPICS)} #{k + 1}", DAY, when=when.isoformat(),
                 engaged=engaged)  # fmt: skip

    for k in range(n(200)):
        due = DAY + timedelta(days=rng.randint(-30, 60))
        add_follow_up(st.uow(), str(rng.choice(ids)), due.isoformat(), f"check in #{k}", DAY)
    for _ in range(5):  # the busy person always has something promised
        add_follow_up(st.uow(), str(busy), (DAY + timedelta(days=rng.randint(-3, 20))).isoformat(),
                      "send the deck", DAY)  # fmt: skip

    # The trash: a few people (never the busiest), interactions and one event.
    gone = rng.sample([i for i in ids if i != busy], n(20))
    delete_people(st.uow(), [str(p) for p in gone], NOW)
    with st.uow() as uow:
        last = int(uow.conn.execute(select(func.max(t.interactions.c.id))).scalar_one())
    for iid in range(last - n(20), last):
        try:
            delete_interaction(st.uow(), iid, NOW)
        except Exception:  # already gone with a deleted person
            continue
    with st.uow() as uow:
        first_event = uow.conn.execute(select(func.min(t.events.c.id))).scalar_one()
    delete_event(st.uow(), str(first_event), NOW)


def web_db(people: int, interactions: int) -> Path:
    """The core network plus 10 "knows" edges a person and `add_extras`: the web bench's home."""
    db = DATA / f"web-{people}-{interactions}.db"
    if db.exists():
        return db
    core = core_db(people, interactions)
    partial = db.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    t0 = time.perf_counter()
    copy_db(core, partial)
    st = open_store(f"sqlite:///{partial}")
    add_knows(st, people * 10)
    add_extras(st, people / 30_000)
    st.engine.dispose()
    return _built(db, t0)
