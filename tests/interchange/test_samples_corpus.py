"""Every real-world sample in ../shared/samples either imports as expected or is rejected cleanly.

The expected counts were made by reading the files by hand: LinkedIn Connections.csv data rows minus
hidden members (`,,,,,,<date>`), one person per BEGIN:VCARD (minus group cards), one per CSV record,
one event per VEVENT and its occurrences for calendars.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samples_dir import samples_root
from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.ics_in import read_calendar

SAMPLES = samples_root()

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is not present")

# relative path -> (format, people, skipped)
EXPECTED: dict[str, tuple[str, int, int]] = {
    "linkedin/Connections_2025_hello-again.csv": ("linkedin", 1, 0),
    "linkedin/export-2018/Connections.csv": ("linkedin", 27 - 2, 2),
    "linkedin/resaved/Connections.csv": ("linkedin", 21 - 1, 1),
    "linkedin/export-2025/Connections.csv": ("linkedin", 63 - 3, 3),
    "linkedin/export-2025/Invitations.csv": ("linkedin", 0, 0),
    "linkedin/export-2025/messages.csv": ("linkedin", 0, 1),
    "linkedin/export-2025/Profile.csv": ("linkedin", 0, 0),
    "linkedin/zipped/Basic_LinkedInDataExport_11-20-2026.zip": ("linkedin", 32 - 2, 2 + 2),
    "csv/google_legacy_export_garywei944.csv": ("google", 1, 0),
    "csv/google_new_format_escalate.csv": ("google", 2, 0),
    "csv/google_legacy_format_escalate_2021.csv": ("google", 2, 0),
    "csv/thunderbird_utf16le_addressbook.csv": ("thunderbird", 1, 0),
    "csv/thunderbird_export_quotes.csv": ("thunderbird", 2, 0),
    "vcard/ezvcard_John_Doe_MS_OUTLOOK.vcf": ("vcard", 1, 0),
    "vcard/ezvcard_rfc6350-example.vcf": ("vcard", 1, 0),
    "vcard/rcmcarddav_Group-iCloud.vcf": ("vcard", 0, 1),
    "vcard/android_v21_japanese_2.vcf": ("vcard", 1, 0),
    "vcard/kcontacts_vcard9.vcf": ("vcard", 1, 0),
    "vcard/khard_photov4.vcf": ("vcard", 1, 0),
    "vcard/ezvcard_John_Doe_MAC_ADDRESS_BOOK.vcf": ("vcard", 1, 0),
    "vcard/android_v30_ios_613_multiline.vcf": ("vcard", 1, 0),
    "vcard/icloud_ios_contacts_garywei944.vcf": ("vcard", 4, 0),
    "vcard/android_v21_complicated.vcf": ("vcard", 1, 0),
    "vcard/ezvcard_gmail-single2.vcf": ("vcard", 1, 0),
    "vcard/ezvcard_John_Doe_ANDROID.vcf": ("vcard", 6, 0),
    "vcard/kcontacts_vcard10.vcf": ("vcard", 5, 0),
    "vcard/radicale_contact4-with-bday-no-year.vcf": ("vcard", 1, 0),
    "vcard/ezvcard_John_Doe_IPHONE.vcf": ("vcard", 1, 0),
    "vcard/rcmcarddav_IM-iOS.vcf": ("vcard", 1, 0),
}


# relative path -> (events, occurrences up to UNTIL): calendars go to the calendar reader. Counted
# by hand: the Exchange stand-up runs on weekdays from 3 to 22 July 2015 (BYDAY written with
# spaces, read all the same), Radicale's daily event has COUNT=5.
CALENDARS: dict[str, tuple[int, int]] = {
    "ics/bom_calendar.ics": (0, 0),
    "ics/google_calendar_alarm_export.ics": (1, 1),
    "ics/ms_exchange_cdo_tzid.ics": (1, 14),
    "ics/podio_tab_folding_trailing_text.ics": (1, 1),
    "ics/radicale_full_day_rrule_tzid_on_date.ics": (1, 5),
    "ics/thunderbird_importLatin1.ics": (4, 4),
}
UNTIL = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _all_files() -> list[str]:
    if not SAMPLES.is_dir():
        return []
    return sorted(
        str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file() and p.suffix != ".md"
    )


def test_every_sample_has_an_expectation() -> None:
    unknown = [f for f in _all_files() if f not in EXPECTED and f not in CALENDARS]
    assert unknown == [], "add expected counts for new samples"


@pytest.mark.parametrize("relative", _all_files())
def test_sample(relative: str) -> None:
    path = SAMPLES / relative
    if relative in CALENDARS:
        # Not a contacts file to the contacts reader; the calendar reader takes it.
        with pytest.raises(InvalidInput) as info:
            read_path(path)
        assert str(path) in str(info.value) and "not a contacts file" in str(info.value)
        read = read_calendar(path, UTC, UNTIL)
        assert (read.events, len(read.occurrences)) == CALENDARS[relative]
        assert all(o.file == str(path) and o.title for o in read.occurrences)
        return
    fmt, people, skipped = EXPECTED[relative]
    batch = read_path(path)
    assert (batch.format, len(batch.people), len(batch.skipped)) == (fmt, people, skipped)
    assert all(p.name.strip() for p in batch.people)
    assert all(p.source_file.startswith(str(path)) for p in batch.people)


def _message_groups(path: Path) -> int:
    """Distinct (conversation, UTC day) pairs, counted straight from the CSV."""
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return len({(r["CONVERSATION ID"], r["DATE"][:10]) for r in rows})


def test_export_2025_folder() -> None:
    folder = SAMPLES / "linkedin" / "export-2025"
    batch = read_path(folder)
    assert len(batch.people) == 60
    invitations = [i for i in batch.interactions if i.channel == "invitation"]
    messages = [i for i in batch.interactions if i.channel == "message"]
    assert len(invitations) == 6
    hidden_only = [s for s in batch.skipped if "hidden members only" in s.reason]
    assert len(messages) == _message_groups(folder / "messages.csv") - len(hidden_only)
    me = "https://www.linkedin.com/in/sam-rivera-0a1b2c3d"
    assert all(p.linkedin_url != me for i in batch.interactions for p in i.people)
    assert all(p.name != "LinkedIn Member" for i in batch.interactions for p in i.people)
    assert batch.profile is not None
    assert batch.profile.name == "Sam Rivera"
    assert batch.profile.birthday == PartialDate(3, 31, None)
    assert batch.profile.linkedin_url == me


def test_zip_matches_its_contents() -> None:
    batch = read_path(SAMPLES / "linkedin" / "zipped" / "Basic_LinkedInDataExport_11-20-2026.zip")
    assert batch.profile is not None and batch.profile.name == "Sam Rivera"
    assert {i.channel for i in batch.interactions} == {"message", "invitation"}
    assert len([i for i in batch.interactions if i.channel == "invitation"]) == 3


def test_resaved_percent_encoded_urls_are_decoded() -> None:
    batch = read_path(SAMPLES / "linkedin" / "resaved" / "Connections.csv")
    urls = {p.linkedin_url for p in batch.people}
    assert "https://www.linkedin.com/in/zoë-mbeki-5dcf019d" in urls


def test_vcard_details() -> None:
    vcard = SAMPLES / "vcard"
    [jp] = read_path(vcard / "android_v21_japanese_2.vcf").people
    assert jp.name == "安藤 ロイド 1" and jp.notes == "メモ"
    [cardbook] = read_path(vcard / "radicale_contact4-with-bday-no-year.vcf").people
    assert cardbook.birthday == PartialDate(1, 1, None)
    [rfc] = read_path(vcard / "ezvcard_rfc6350-example.vcf").people
    assert rfc.birthday == PartialDate(2, 3, None)
    [outlook] = read_path(vcard / "ezvcard_John_Doe_MS_OUTLOOK.vcf").people
    assert outlook.anniversaries == [("anniversary", PartialDate(1, 13, 2011))]
    assert outlook.notes is not None and "INCLUDING, BUT NOT LIMITED TO" in outlook.notes
    [greek] = read_path(vcard / "kcontacts_vcard9.vcf").people
    assert greek.name.startswith("βγδεαβγδ1")
    broken = read_path(vcard / "kcontacts_vcard10.vcf").people
    assert broken[1].links == ["http://some-webseite.com"]
    [mac] = read_path(vcard / "ezvcard_John_Doe_MAC_ADDRESS_BOOK.vcf").people
    assert mac.links == ["http://www.ibm.com"]


def test_csv_details() -> None:
    folder = SAMPLES / "csv"
    john, max_ = read_path(folder / "google_legacy_format_escalate_2021.csv").people
    assert john.tags == ["Mittelschule", "JGA Blake", "friends"]
    assert john.anniversaries == [("Hochzeitstag", PartialDate(1, 1, 2010))]
    assert max_.birthday == PartialDate(12, 25, None)
    [wang] = read_path(folder / "google_legacy_export_garywei944.csv").people
    assert wang.birthday == PartialDate(4, 22, None) and len(wang.emails) == 3


@pytest.mark.parametrize(
    "relative", [f for f in _all_files() if f.startswith("vcard/")] or ["vcard/none.vcf"]
)
def test_vobject_and_fallback_reader_agree(relative: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tiekeeper.interchange import vcard_in

    path = SAMPLES / relative
    with_vobject = read_path(path)
    monkeypatch.setattr(vcard_in, "parse_card", vcard_in._fallback_props)
    fallback = read_path(path)

    def key(p: vcard_in.ImportedPerson) -> tuple[object, ...]:
        return (p.name, p.emails, p.phones, p.birthday, p.anniversaries, p.company, p.linkedin_url)

    assert [key(p) for p in fallback.people] == [key(p) for p in with_vobject.people]
