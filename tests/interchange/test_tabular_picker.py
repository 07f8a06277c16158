"""Reading several cells of a row in one call: absent columns, short rows, rows with more
columns than the ones picked, spreadsheet `NA`s and blank rows."""

from __future__ import annotations

from datetime import date

from tiekeeper.interchange.datefmt import DateReader
from tiekeeper.interchange.tabular import Picker, cell, is_blank


def test_picked_cells_read_like_cell_one_by_one() -> None:
    rows = [
        ["Ann", " Lee ", "", "NA", "extra", "more"],  # longer than what is picked
        ["Bo"],  # shorter
        [],
    ]
    indexes = (0, 1, None, 2, 3, 5)
    pick = Picker(*indexes)
    for row in rows:
        assert pick(row) == [cell(row, i) for i in indexes]
    assert pick(rows[0]) == ["Ann", "Lee", None, None, None, "more"]


def test_an_absent_column_is_missing_however_long_the_row() -> None:
    # Regression: an absent column once read the first cell past the picked ones.
    pick = Picker(None, 0)
    assert pick(["From", "To", "Date", "Folder"]) == [None, "From"]


def test_a_row_of_blanks_and_whitespace_is_blank() -> None:
    assert is_blank([]) and is_blank(["", " ", "\t"])
    assert not is_blank(["", " x "])


def test_dates_read_again_give_the_same_day_and_unreadable_ones_stay_none() -> None:
    dates = DateReader()
    assert dates("05 Nov 2024") == dates(" 05 Nov 2024") == date(2024, 11, 5)
    assert dates("6/14/24, 5:57 AM") == date(2024, 6, 14)
    assert dates("05 Nov 2024") == date(2024, 11, 5)
    assert dates("someday") is None and dates("someday") is None
    assert dates("") is None and dates(None) is None
