"""When a digest is due: local times in the account's zone, once per local day, across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.domain import digest_schedule as ds
from tiekeeper.domain.errors import InvalidInput

BERLIN = ds.Schedule(time(7, 30), "Europe/Berlin")
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC",
         "America/Havana", "Pacific/Chatham"]  # fmt: skip


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_a_daily_slot_is_the_local_time_in_the_accounts_zone() -> None:
    # 07:30 in Berlin is 06:30 UTC in winter, 05:30 UTC in summer
    assert ds.latest_slot(BERLIN, utc(2026, 11, 26, 6, 29)).key == "daily 2026-11-25"  # type: ignore[union-attr]
    slot = ds.latest_slot(BERLIN, utc(2026, 11, 26, 6, 30))
    assert slot is not None and slot.key == "daily 2026-11-26"
    assert slot.moment == utc(2026, 11, 26, 6, 30)
    assert ds.next_slot(BERLIN, utc(2026, 7, 1, 6, 0)).moment == utc(2026, 7, 2, 5, 30)


def test_a_weekly_slot_falls_on_its_weekday_only() -> None:
    monday = ds.Schedule(time(8, 0), "America/New_York", weekday=0)
    slot = ds.latest_slot(monday, utc(2026, 11, 26, 12, 0))  # a Thursday
    assert slot is not None and slot.key == "weekly 2026-11-23" and slot.kind == "weekly"
    assert ds.next_slot(monday, utc(2026, 11, 26, 12, 0)).moment == utc(2026, 11, 30, 13, 0)


def test_a_skipped_local_time_is_sent_after_the_gap_and_a_doubled_one_once() -> None:
    early = ds.Schedule(time(2, 30), "Europe/Berlin")
    # 2027-03-28: 02:00 -> 03:00 in Berlin; 02:30 does not exist, it goes at 03:30 CEST
    assert ds.moment_of(early, date(2027, 3, 28)) == utc(2027, 3, 28, 1, 30)
    # 2026-10-25: 03:00 -> 02:00; 02:30 happens twice, the first one (CEST) counts
    assert ds.moment_of(early, date(2026, 10, 25)) == utc(2026, 10, 25, 0, 30)


def test_a_schedule_set_after_todays_time_starts_tomorrow() -> None:
    set_at = utc(2026, 11, 26, 9, 0)  # 10:00 in Berlin, after 07:30
    assert ds.due_slot(BERLIN, set_at, utc(2026, 11, 26, 9, 5)) is None
    tomorrow = ds.due_slot(BERLIN, set_at, utc(2026, 11, 27, 6, 31))
    assert tomorrow is not None and tomorrow.key == "daily 2026-11-27"


def test_retries_back_off_and_stop() -> None:
    t0 = utc(2026, 11, 26, 6, 30)
    waits = [ds.retry_at(n, t0) for n in range(1, ds.MAX_ATTEMPTS + 1)]
    assert waits[-1] is None
    gaps = [w - t0 for w in waits[:-1] if w is not None]
    assert gaps == sorted(gaps) and gaps[0] == timedelta(minutes=5)


@pytest.mark.parametrize(
    ("call", "bad", "field"),
    [(ds.parse_time, "25:00", "daily"), (ds.parse_time, "7.30", "daily"),
     (ds.parse_time, "", "daily"), (ds.parse_weekday, "funday", "weekly"),
     (ds.parse_zone, "Mars/Base", "tz"), (ds.parse_zone, "../../etc/passwd", "tz"),
     (ds.parse_zone, "", "tz")],
)  # fmt: skip
def test_bad_values_name_their_field(call: object, bad: str, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        call(bad)  # type: ignore[operator]
    assert err.value.field == field and repr(bad) in str(err.value)


def test_good_values_parse() -> None:
    assert ds.parse_time("7:05") == time(7, 5) and ds.parse_time("23:59") == time(23, 59)
    assert ds.parse_weekday("mon") == 0 and ds.parse_weekday("Sunday") == 6
    assert ds.parse_zone(" Europe/Berlin ") == "Europe/Berlin"


moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31),
                       timezones=st.just(UTC))  # fmt: skip
schedules = st.builds(
    ds.Schedule,
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    st.sampled_from(ZONES),
    st.one_of(st.none(), st.integers(0, 6)),
)


@settings(max_examples=300, deadline=None)
@given(schedules, moments)
def test_slots_bracket_now_and_follow_each_other(schedule: ds.Schedule, now: datetime) -> None:
    """Whatever the zone and its clock changes: the latest slot is at or before now, the next
    after it, nothing lies between them, and their local days are one day (or week) apart."""
    last = ds.latest_slot(schedule, now)
    nxt = ds.next_slot(schedule, now)
    assert last is not None and last.moment <= now < nxt.moment
    step = 1 if schedule.weekday is None else 7
    assert (nxt.day - last.day).days == step
    assert ds.next_slot(schedule, last.moment).key == nxt.key  # nothing in between
    assert ds.latest_slot(schedule, nxt.moment - timedelta(microseconds=1)) == last
    # the slot is on its local day, at the local time or (in a gap) just after it
    local = nxt.moment.astimezone(ZoneInfo(schedule.zone))
    assert local.date() == nxt.day or schedule.at >= time(23, 0)
    if schedule.weekday is not None:
        assert nxt.day.weekday() == schedule.weekday


@settings(max_examples=200, deadline=None)
@given(schedules, moments, st.integers(1, 60 * 24 * 9))
def test_every_run_within_a_slot_names_the_same_slot(
    schedule: ds.Schedule, start: datetime, minutes: int
) -> None:
    """Runs every few minutes agree on one key per slot, so each slot is claimed once: walking
    forward, the key changes exactly when a new slot's moment passes."""
    later = start + timedelta(minutes=minutes)
    a, b = ds.latest_slot(schedule, start), ds.latest_slot(schedule, later)
    assert a is not None and b is not None
    passed = ds.next_slot(schedule, start).moment <= later
    assert (a.key != b.key) == passed
