"""The ICS export remembers what it published: stable UIDs, SEQUENCE that moves only on change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ical.calendar_stream import IcsCalendarStream

from tiekeeper.services.exporting import export, export_csv, export_ics, export_vcard
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up, close_follow_up, snooze_follow_up
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def events(store: Store, now: datetime = NOW) -> dict[str, tuple[str, int, object]]:
    data = export_ics(store.uow(), now).data.decode("utf-8")
    cal = IcsCalendarStream.calendar_from_ics(data)
    return {
        str(ev.summary): (str(ev.uid), int(ev.sequence or 0), ev.last_modified) for ev in cal.events
    }


def setup(store: Store) -> int:
    add_person(store.uow(), PersonChanges(name="Ana Lima", birthday="02-29", cadence="monthly"),
               TODAY)  # fmt: skip
    return add_follow_up(store.uow(), "Ana Lima", "2026-12-01", "send the deck", TODAY).id or 0


def test_uids_and_sequences_are_stable_when_nothing_changed(store: Store) -> None:
    setup(store)
    first = events(store)
    assert len(first) == 3  # birthday, check-in, follow-up
    second = events(store, NOW + timedelta(days=1))
    assert second == first
    assert {seq for _, seq, _ in first.values()} == {0}


def test_moving_a_follow_up_bumps_its_sequence_and_last_modified_only(store: Store) -> None:
    rid = setup(store)
    first = events(store)
    snooze_follow_up(store.uow(), rid, "2026-12-10", TODAY)
    later = NOW + timedelta(days=2)
    second = events(store, later)
    key = "Follow up with Ana Lima: send the deck"
    assert second[key][0] == first[key][0]
    assert second[key][1] == 1
    assert second[key][2] == later != first[key][2]
    for other in first.keys() - {key}:
        assert second[other] == first[other]


def test_a_closed_follow_up_leaves_the_calendar(store: Store) -> None:
    rid = setup(store)
    close_follow_up(store.uow(), rid, "done", TODAY)
    assert not any(s.startswith("Follow up") for s in events(store))


def test_a_vcard_and_a_csv_hold_everyone(store: Store) -> None:
    setup(store)
    add_person(store.uow(), PersonChanges(name="Bo"), TODAY)
    assert export_vcard(store.uow()).data.count(b"BEGIN:VCARD") == 2
    assert export_csv(store.uow()).items == 2
    assert export(store.uow(), "VCARD", NOW).format == "vcard"
