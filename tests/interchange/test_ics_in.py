"""The calendar reader: occurrences of Google, Outlook and Apple exports, recurrences expanded,
keys that stay the same, channels, attendees, days in the user's zone, and clear refusals."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.ics_in import calendar_members, read_calendar

ICS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "ics"
LISBON = ZoneInfo("Europe/Lisbon")
UNTIL = datetime(2026, 12, 10, 12, 0, tzinfo=LISBON)


def by_title(path: Path, tz: ZoneInfo = LISBON) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for occ in read_calendar(path, tz, UNTIL).occurrences:
        out.setdefault(occ.title or "", []).append(occ)
    return out


def test_a_weekly_event_is_expanded_with_its_exdate_and_overrides() -> None:
    occ = read_calendar(ICS / "google_recurring.ics", LISBON, UNTIL).occurrences
    days = sorted((o.day, o.cancelled) for o in occ)
    assert days == [
        (date(2026, 10, 1), False), (date(2026, 10, 8), False),  # 10-15 is an EXDATE
        (date(2026, 10, 23), False),  # the 10-22 occurrence, moved to the next day
        (date(2026, 10, 29), False), (date(2026, 11, 5), True),  # one occurrence cancelled
        (date(2026, 11, 12), False), (date(2026, 11, 19), False), (date(2026, 11, 26), False),
        (date(2026, 12, 3), False), (date(2026, 12, 10), False),
    ]  # fmt: skip
    moved = next(o for o in occ if o.day == date(2026, 10, 23))
    assert moved.title == "Ana 1:1 (moved, in person)" and moved.channel == "meeting"
    assert moved.key.endswith("|20261022T080000Z")  # the original start: a move keeps its key
    assert moved.line == 51
    assert {o.channel for o in occ if o.title == "Ana 1:1" and not o.cancelled} == {"video"}


def test_keys_are_the_same_in_every_read_and_in_the_zip() -> None:
    alone = read_calendar(ICS / "google_recurring.ics", LISBON, UNTIL).occurrences
    again = read_calendar(ICS / "google_recurring.ics", LISBON, UNTIL).occurrences
    zipped = read_calendar(ICS / "takeout-20261126T101500Z-001.zip", LISBON, UNTIL)
    assert [o.key for o in alone] == [o.key for o in again]
    assert {o.key for o in alone} <= {o.key for o in zipped.occurrences}
    assert len(zipped.files) == 2 and zipped.events == 10
    assert all(
        f.startswith(str(ICS / "takeout-20261126T101500Z-001.zip") + "/Takeout/")
        for f in zipped.files
    )


def test_channels_follow_links_location_and_phone() -> None:
    google = by_title(ICS / "google_takeout.ics")
    outlook = by_title(ICS / "outlook_exchange.ics")
    apple = by_title(ICS / "apple_calendar.ics")
    assert google["Ana / Sam catch-up"][0].channel == "video"  # Meet
    assert google["Coffee with Bo"][0].channel == "meeting"  # a place
    assert outlook["Nimbus partnership"][0].channel == "video"  # Teams
    assert outlook["Call Ana about the referral"][0].channel == "call"  # a phone number
    assert apple["FaceTime with Bo"][0].channel == "video"
    assert apple["Dinner with Ana"][0].channel == "meeting"


def test_attendees_organizer_declines_rooms_and_apple_email_parameters() -> None:
    google = by_title(ICS / "google_takeout.ics")
    review = google["Acme roadmap review"][0]
    assert [a.email for a in review.attendees] == ["carla@acme.example", "sam@example.com"]
    assert review.attendees[0].organizer  # the room (CUTYPE=RESOURCE) is no person
    declined = by_title(ICS / "outlook_exchange.ics")["Article sync"][0]
    assert [(a.email, a.declined) for a in declined.attendees] == [
        ("ana@example.com", False),
        ("sam.rivera@work.example", True),
    ]
    dinner = by_title(ICS / "apple_calendar.ics")["Dinner with Ana"][0]
    assert {a.email for a in dinner.attendees} == {"sam@example.com", "ana@example.com"}
    day_off = google["Day off"][0]
    assert day_off.all_day and day_off.attendees == () and day_off.day == date(2026, 11, 8)
    assert google["Lunch with Ana"][0].cancelled


def test_the_day_is_counted_in_the_users_time_zone() -> None:
    late = ICS / "google_takeout.ics"
    assert by_title(late)["Late call with Carla and Zed"][0].day == date(2026, 11, 10)
    tokyo = by_title(late, ZoneInfo("Asia/Tokyo"))["Late call with Carla and Zed"][0]
    assert tokyo.day == date(2026, 11, 11)
    assert by_title(late, ZoneInfo("Asia/Tokyo"))["Day off"][0].day == date(2026, 11, 8)


def test_nothing_after_until_is_read() -> None:
    until = datetime(2026, 11, 26, 8, 59, tzinfo=LISBON)
    occ = read_calendar(ICS / "google_recurring.ics", LISBON, until).occurrences
    assert max(o.day for o in occ) == date(2026, 11, 19)


def test_floating_times_latin1_titles_and_no_uid(tmp_path: Path) -> None:
    path = tmp_path / "old.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\xe9 with Ana\r\n"
        b"DTSTART:20261101T233000\r\nATTENDEE:mailto:ana@example.com\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    [occ] = read_calendar(path, LISBON, UNTIL).occurrences
    assert occ.title == "Café with Ana" and occ.day == date(2026, 11, 1)  # the user's own clock
    assert occ.key.startswith("nouid:")
    assert read_calendar(path, LISBON, UNTIL).occurrences[0].key == occ.key


def test_a_broken_start_names_file_line_and_property(tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:fine\nDTSTART:20261101T100000Z\n"
        "END:VEVENT\nBEGIN:VEVENT\nUID:b\nSUMMARY:bad\nDTSTART:2026-13-45\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    with pytest.raises(InvalidInput) as info:
        read_calendar(path, LISBON, UNTIL)
    assert str(path) in str(info.value) and "line 8" in str(info.value)
    assert info.value.field == "DTSTART"


def test_a_broken_recurrence_names_its_event(tmp_path: Path) -> None:
    path = tmp_path / "rule.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20261101T100000Z\n"
        "RRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    with pytest.raises(InvalidInput) as info:
        read_calendar(path, LISBON, UNTIL)
    assert str(path) in str(info.value) and "RRULE" in str(info.value)


def test_what_is_no_calendar_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.ics"
    text.write_text("hello\n")
    with pytest.raises(InvalidInput, match="BEGIN:VCALENDAR"):
        read_calendar(text, LISBON, UNTIL)
    empty_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(empty_zip, "w") as z:
        z.writestr("readme.txt", "x")
    assert not calendar_members(empty_zip) and not calendar_members(text)
    with pytest.raises(InvalidInput, match="no calendar"):
        read_calendar(empty_zip, LISBON, UNTIL)


def test_a_caldav_folder_is_read_with_its_subfolders(tmp_path: Path) -> None:
    sub = tmp_path / "collection-root" / "sam" / "work"
    sub.mkdir(parents=True)
    for i in range(3):
        (sub / f"event-{i}.ics").write_text(
            f"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:e{i}\nSUMMARY:E{i}\n"
            f"DTSTART:2026110{i + 1}T100000Z\nEND:VEVENT\nEND:VCALENDAR\n"
        )
    assert calendar_members(tmp_path)
    read = read_calendar(tmp_path, LISBON, UNTIL)
    assert len(read.files) == 3 and [o.title for o in read.occurrences] == ["E0", "E1", "E2"]
