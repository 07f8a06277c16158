"""The JSON backup is complete: restore into an empty home, export again, get the same bytes."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tiekeeper.services.backup import backup_json, restore_backup
from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.exporting import export_ics, export_vcard
from tiekeeper.services.giving import introduce
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person, list_people
from tiekeeper.services.reminders import (
    add_follow_up,
    close_follow_up,
    set_cadence,
    snooze_follow_up,
)
from tiekeeper.services.search import search
from tiekeeper.store.uow import Store, open_store

TODAY = date(2026, 11, 26)
VCARDS = (
    Path(__file__).resolve().parents[1] / "fixtures/import/vcard/apple_ios_company_and_labels.vcf"
)
TAGS = ["mentor", "alumni", "ÉQUIPE", "friend"]
CHANNELS = ["coffee", "email", "call", "meal"]

people_st = st.lists(
    st.fixed_dictionaries(
        {
            # Already normalised: add_person stores a name with stray spaces as typed (reported).
            "name": st.text(st.sampled_from("abcXYZéñ -"), min_size=1, max_size=12).filter(
                lambda s: s.strip() and " ".join(s.split()) == s
            ),
            "company": st.sampled_from([None, "Acme", "acme", "Globex"]),
            "tags": st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
            "birthday": st.sampled_from([None, "02-29", "1990-07-04", "12-25"]),
            "started": st.sampled_from([None, "2020-02-29", "2019-05-01"]),
            "note": st.sampled_from([None, "likes tea\nand, cake; really", "🙂 ok"]),
            "email": st.booleans(),
            "cadence": st.sampled_from([None, "monthly", "45d"]),
        }
    ),
    min_size=1,
    max_size=5,
)
actions_st = st.lists(
    st.tuples(
        st.sampled_from(["log", "follow", "snooze", "done", "intro", "event", "tagcad"]),
        st.integers(0, 4),
        st.integers(0, 4),
        st.integers(0, 40),
    ),
    max_size=8,
)


def populate(store: Store, people: list[dict[str, object]], actions: list[tuple]) -> None:  # type: ignore[type-arg]
    """Build a home through the services, as a user would."""
    ids = []
    for i, spec in enumerate(people):
        changes = PersonChanges(
            name=str(spec["name"]),
            company=spec["company"],  # type: ignore[arg-type]
            tags=list(spec["tags"]),  # type: ignore[call-overload]
            birthday=spec["birthday"],  # type: ignore[arg-type]
            started=spec["started"],  # type: ignore[arg-type]
            note=spec["note"],  # type: ignore[arg-type]
            emails=[f"p{i}@example.com"] if spec["email"] else [],
            cadence=spec["cadence"],  # type: ignore[arg-type]
        )
        ids.append(str(add_person(store.uow(), changes, TODAY).id))
    reminders: list[int] = []
    event_people: set[tuple[int, int]] = set()
    for kind, a, b, days in actions:
        pa, pb = ids[a % len(ids)], ids[b % len(ids)]
        day = (TODAY - timedelta(days=days)).isoformat()
        if kind == "log":
            req = LogRequest(
                [pa, pb],
                when=day,
                channel=CHANNELS[days % 4],
                topics=["ai", "jobs"][: days % 3],
                summary=f"talk {days}",
                gave=["advice on CV"] if days % 2 else [],
                follow_up="in 2 weeks" if days % 3 == 0 else None,
            )
            logged = log_interaction(store.uow(), req, TODAY)
            if logged.reminder and logged.reminder.id:
                reminders.append(logged.reminder.id)
        elif kind == "follow":
            r = add_follow_up(store.uow(), pa, f"in {days} days", f"ask about {days}", TODAY)
            reminders.append(r.id or 0)
        elif kind in ("snooze", "done") and reminders:
            rid = reminders.pop(days % len(reminders))
            if kind == "snooze":
                snooze_follow_up(store.uow(), rid, f"in {days + 1} days", TODAY)
            else:
                close_follow_up(store.uow(), rid, "done", TODAY)
        elif kind == "intro" and pa != pb:
            introduce(store.uow(), pa, pb, TODAY, when=day)
        elif kind == "event":
            ev = add_event(
                store.uow(), f"Meetup {days}", day, TODAY, kind="meetup", goal="meet 3 people"
            )
            if (ev.id or 0, int(pa)) not in event_people:
                met_at_event(store.uow(), str(ev.id), pa, PersonChanges(), TODAY)
                event_people.add((ev.id or 0, int(pa)))
        elif kind == "tagcad":
            set_cadence(store.uow(), f"{days + 7}d", tag=TAGS[a % len(TAGS)])
    export_ics(store.uow(), datetime(2026, 11, 26, 8, tzinfo=UTC))  # calendar_state rows too


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file copied for each example (migrating 50 times would be slow)."""
    path = tmp_path_factory.mktemp("tpl") / "template.db"
    open_store(f"sqlite:///{path}").engine.dispose()
    return path


@contextmanager
def fresh(template: Path) -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "t.db"
        shutil.copy(template, db)
        st_ = open_store(f"sqlite:///{db}")
        try:
            yield st_
        finally:
            st_.engine.dispose()


def assert_round_trip(source: Store, target: Store) -> bytes:
    data, _ = backup_json(source.uow())
    restore_backup(target.uow(), data, "backup.json")
    again, _ = backup_json(target.uow())
    assert again == data
    # Derived columns and search documents are rebuilt, so what users see is the same too.
    assert list_people(target.uow()) == list_people(source.uow())
    for word in ("talk", "acme", "mentor"):
        assert search(source.uow(), word) == search(target.uow(), word)
    return data


@settings(
    max_examples=25,
    database=None,
    phases=[Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=people_st, actions=actions_st)
def test_backup_restore_backup_gives_identical_json(
    template: Path,
    people: list[dict[str, object]],
    actions: list[tuple],  # type: ignore[type-arg]
) -> None:
    with fresh(template) as source, fresh(template) as target:
        populate(source, people, actions)
        assert_round_trip(source, target)


def test_round_trip_on_both_backends_keeps_every_table(store: Store, template: Path) -> None:
    people = [
        {"name": "Ana Lima", "company": "Acme", "tags": ["mentor"], "birthday": "02-29",
         "started": "2020-02-29", "note": "tea, cake", "email": True, "cadence": "monthly"},
        {"name": "Bo Chen", "company": None, "tags": ["alumni"], "birthday": None,
         "started": None, "note": None, "email": False, "cadence": None},
    ]  # fmt: skip
    actions = [
        ("log", 0, 1, 3), ("follow", 0, 0, 5), ("snooze", 0, 0, 2), ("intro", 0, 1, 1),
        ("event", 1, 0, 4), ("tagcad", 0, 0, 20), ("follow", 1, 1, 9), ("done", 0, 0, 0),
    ]  # fmt: skip
    with fresh(template) as source:
        populate(source, people, actions)
        import_file(source.uow(), VCARDS, TODAY)  # addresses and kept card lines, photo included
        data = assert_round_trip(source, store)
        assert export_vcard(store.uow()).data == export_vcard(source.uow()).data
    tables = json.loads(data)["tables"]
    for name in ("people", "interactions", "favours", "reminders", "knows", "events",
                 "event_people", "tag_cadences", "calendar_state", "organizations",
                 "person_addresses", "person_card_props"):  # fmt: skip
        assert tables[name], name
    # New rows after a restore get fresh ids (PostgreSQL sequences were advanced).
    new = add_person(store.uow(), PersonChanges(name="Cy"), TODAY)
    assert new.id == max(p["id"] for p in tables["people"]) + 1
