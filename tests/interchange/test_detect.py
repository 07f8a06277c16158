from __future__ import annotations

from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.detect import read_path

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def rejected(path: Path, format: str = "auto") -> InvalidInput:
    with pytest.raises(InvalidInput) as info:
        read_path(path, format)
    assert str(path) in str(info.value)
    assert info.value.file == str(path)
    return info.value


@pytest.mark.parametrize("data", [ICS.encode(), b"\xef\xbb\xbf" + ICS.encode()])
def test_ics_is_not_a_contacts_file(tmp_path: Path, data: bytes) -> None:
    error = rejected(write(tmp_path, "calendar.vcf", data))  # the name does not matter
    assert "not a contacts file" in str(error) and "iCalendar" in str(error)
    assert "supported formats are" in str(error)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    assert "empty" in str(rejected(write(tmp_path, "empty.csv", data)))


def test_binary_junk(tmp_path: Path) -> None:
    error = rejected(write(tmp_path, "junk.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "binary" in str(error)


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [(b"%PDF-1.7\n", "PDF"), (b'{"a": 1}', "JSON"), (b"<html><body>", "HTML")],
)
def test_other_documents_say_what_they_look_like(
    tmp_path: Path, data: bytes, looks_like: str
) -> None:
    assert looks_like in str(rejected(write(tmp_path, "x.csv", data)))


def test_unknown_csv_header(tmp_path: Path) -> None:
    error = rejected(write(tmp_path, "x.csv", "id,amount\n1,2\n"))
    assert error.line == 1 and "'id,amount'" in str(error)


def test_explicit_format_must_match_content(tmp_path: Path) -> None:
    path = write(tmp_path, "c.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n")
    assert "vCard" in str(rejected(path, format="google"))
    assert read_path(path, format="vcard").people[0].name == "A"
    linkedin = write(tmp_path, "Connections.csv", CONNECTIONS + "A,B,,,,,01 Jan 2020\n")
    assert "LinkedIn" in str(rejected(linkedin, format="outlook"))
    assert read_path(linkedin, format="linkedin").people[0].name == "A B"


def test_unknown_format_name(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="unknown format"):
        read_path(write(tmp_path, "x.csv", CONNECTIONS), format="excel")


def test_vcard_format_on_a_csv(tmp_path: Path) -> None:
    assert "BEGIN:VCARD" in str(rejected(write(tmp_path, "x.csv", "a,b\n"), format="vcard"))


def test_progress_is_reported_on_large_files(tmp_path: Path) -> None:
    rows = "".join(f"P{i},Q,https://www.linkedin.com/in/p{i},,,,01 Jan 2020\n" for i in range(2500))
    path = write(tmp_path, "Connections.csv", CONNECTIONS + rows)
    calls: list[tuple[int, int]] = []
    batch = read_path(path, progress=lambda done, total: calls.append((done, total)))
    assert len(batch.people) == 2500
    assert len(calls) >= 3
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1][0] == calls[-1][1]


def test_progress_for_vcards(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n" * 2001
    calls: list[tuple[int, int]] = []
    read_path(write(tmp_path, "c.vcf", text), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1000, 2001), (2000, 2001), (2001, 2001)]


def test_missing_file(tmp_path: Path) -> None:
    rejected(tmp_path / "nope.csv")
