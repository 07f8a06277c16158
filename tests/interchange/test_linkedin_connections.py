from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.linkedin import read_linkedin_zip
from tiekeeper.interchange.records import normalize_linkedin_url

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n'
    "\n"
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def zip_bytes(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_2024_preamble_header_found_on_line_4(tmp_path: Path) -> None:
    text = (
        PREAMBLE
        + CONNECTIONS_HEADER
        + (
            "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-1a2b3c4d,,Analytical,Poet,"
            "05 Nov 2024\n"
        )
    )
    batch = read_path(write(tmp_path, "Connections.csv", text))
    assert batch.format == "linkedin"
    [ada] = batch.people
    assert ada.position == 5
    assert (ada.first_name, ada.last_name, ada.name) == ("Ada", "Lovelace", "Ada Lovelace")
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace-1a2b3c4d"
    assert ada.connected_on == date(2024, 11, 5)
    assert ada.emails == []
    assert (ada.company, ada.position_title) == ("Analytical", "Poet")


def test_2018_layout_without_url_and_with_us_dates(tmp_path: Path) -> None:
    text = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Rania,"Ueda, MBA",,,Founder & CEO,"1/8/18, 6:14 PM"\n'
        'Femi,Andersen\t,femi@example.com,"Globex, Inc.",,"12/15/14, 4:47 AM"\n'
    )
    batch = read_path(write(tmp_path, "Connections.csv", text))
    rania, femi = batch.people
    assert rania.name == "Rania Ueda, MBA"
    assert rania.connected_on == date(2018, 1, 8)
    assert rania.linkedin_url is None
    assert femi.last_name == "Andersen"  # tab stripped
    assert femi.emails == ["femi@example.com"]
    assert femi.company == "Globex, Inc."
    assert femi.connected_on == date(2014, 12, 15)


def test_spreadsheet_resave_bom_crlf_na_and_dd_mon_yy(tmp_path: Path) -> None:
    text = (
        "\ufeff"
        + CONNECTIONS_HEADER.replace("\n", "\r\n")
        + 'Quinn,Jansen,https://www.linkedin.com/in/quinn-jansen,NA,NA,"VP, Eng",18-Jun-24\r\n'
        + ",,,,,,07-Sep-22\r\n"
    )
    batch = read_path(write(tmp_path, "Connections.csv", text))
    [quinn] = batch.people
    assert quinn.emails == [] and quinn.company is None
    assert quinn.position_title == "VP, Eng"
    assert quinn.connected_on == date(2024, 6, 18)
    [hidden] = batch.skipped
    assert hidden.position == 3 and "hidden member" in hidden.reason


def test_hidden_members_are_skipped_with_reason(tmp_path: Path) -> None:
    text = (
        PREAMBLE
        + CONNECTIONS_HEADER
        + ",,,,,,14 Sep 2024\n"
        + ("A,B,https://www.linkedin.com/in/a-b,,,,14 Sep 2024\n")
    )
    batch = read_path(write(tmp_path, "Connections.csv", text))
    assert [p.name for p in batch.people] == ["A B"]
    assert [(s.position, s.reason.split(":")[0]) for s in batch.skipped] == [(5, "hidden member")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.linkedin.com/in/siobh%C3%A1n-nguyen-7734d7c1", "siobhán-nguyen-7734d7c1"),
        ("http://LinkedIn.com/in/Foo-Bar/?trk=abc", "foo-bar"),
        ("https://de.linkedin.com/in/x#top", "x"),
        ("http\\://www.linkedin.com/in/escaped", "escaped"),
    ],
)
def test_profile_urls_are_normalised(raw: str, expected: str) -> None:
    assert normalize_linkedin_url(raw) == "https://www.linkedin.com/in/" + expected


@pytest.mark.parametrize("raw", ["", "https://example.com/in/x", "https://www.linkedin.com/in/"])
def test_non_profile_urls_give_none(raw: str) -> None:
    assert normalize_linkedin_url(raw) is None


def test_zip_with_files_nested_in_a_folder(tmp_path: Path) -> None:
    data = zip_bytes(
        {
            "Basic_LinkedInDataExport_01-02-2025/Connections.csv": PREAMBLE
            + CONNECTIONS_HEADER
            + "A,B,https://www.linkedin.com/in/a-b,,,,14 Sep 2024\n",
            "Basic_LinkedInDataExport_01-02-2025/Other.csv": "x\n",
        }
    )
    path = write(tmp_path, "Basic_LinkedInDataExport_01-02-2025.zip", data)
    batch = read_path(path)
    assert [p.name for p in batch.people] == ["A B"]
    assert batch.people[0].source_file.endswith(
        "Basic_LinkedInDataExport_01-02-2025/Connections.csv"
    )


def test_truncated_zip_is_rejected_naming_the_file(tmp_path: Path) -> None:
    data = zip_bytes({"Connections.csv": PREAMBLE + CONNECTIONS_HEADER + "A,B,,,,,14 Sep 2024\n"})
    path = write(tmp_path, "Basic_LinkedInDataExport_x.zip", data[: len(data) // 2])
    with pytest.raises(InvalidInput) as info:
        read_path(path)
    assert str(path) in str(info.value) and "zip" in str(info.value)


def test_zip_without_linkedin_files_is_rejected() -> None:
    with pytest.raises(InvalidInput, match="no LinkedIn export files"):
        read_linkedin_zip(zip_bytes({"notes.txt": "hi"}), "x.zip")


def test_unpacked_folder(tmp_path: Path) -> None:
    write(tmp_path / "export", "Connections.csv", CONNECTIONS_HEADER + "A,B,,,,,14 Sep 2024\n")
    batch = read_path(tmp_path / "export")
    assert [p.name for p in batch.people] == ["A B"]


def test_folder_without_export_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not a LinkedIn data export"):
        read_path(tmp_path)


def test_unknown_date_keeps_the_person(tmp_path: Path) -> None:
    batch = read_path(write(tmp_path, "c.csv", CONNECTIONS_HEADER + "A,B,,,,,someday\n"))
    assert batch.people[0].connected_on is None
