"""Regression: an unclosed quote used to swallow every later record into one cell silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.detect import read_path
from tiekeeper.interchange.tabular import read_rows


def test_an_unclosed_quote_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    path.write_text('First Name,Last Name,E-mail 1 - Value\n"Ana,Lima,a@x.org\nBo,Chen,b@x.org\n')
    with pytest.raises(InvalidInput) as info:
        read_path(path)
    message = str(info.value)
    assert str(path) in message and "line 2" in message and "never closed" in message


def test_quoted_fields_spanning_lines_are_still_fine() -> None:
    rows = list(read_rows('a,b\n"multi\nline",x\n"q ""x""",y\n', file="f.csv"))
    assert rows == [(1, ["a", "b"]), (2, ["multi\nline", "x"]), (4, ['q "x"', "y"])]


def test_a_cut_off_head_may_end_inside_a_quote() -> None:
    assert list(read_rows('a,b\n"open', file="f.csv", partial=True)) == [
        (1, ["a", "b"]),
        (2, ["open"]),
    ]
