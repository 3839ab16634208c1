"""`csv_text` writes each text once per file and looks it up after (`exporters.csv._Cells`):
what a reader of the file relies on through that shortcut. A text met again is neutralised
and escaped as it was the first time, wherever it stands; a number is written as its own
type even where an equal number of another type (`1`, `1.0`, `True`) came before."""

from __future__ import annotations

import csv
import io

from selfreview_core.exporters.csv import BOM, csv_text


def _cells(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_a_text_met_again_is_neutralised_and_escaped_every_time() -> None:
    """A school's name that is a formula is on each of its rows, in whichever column: the
    quote and the escape are on every one, not only the first (`benchmark --format csv`
    writes a school's name on each of its twenty rows)."""
    rows = [
        ["=HYPERLINK(x)", "a\x1bb", "plain"],
        ["plain", "=HYPERLINK(x)", "a\x1bb"],
        ["a\x1bb", "plain", "=HYPERLINK(x)"],
    ]
    text = csv_text(rows)
    assert text == BOM + (
        "'=HYPERLINK(x),a\\x1bb,plain\r\n"
        "plain,'=HYPERLINK(x),a\\x1bb\r\n"
        "a\\x1bb,plain,'=HYPERLINK(x)\r\n"
    )
    assert _cells(text)[2] == ["a\\x1bb", "plain", "'=HYPERLINK(x)"]


def test_equal_numbers_of_other_types_are_each_written_as_themselves() -> None:
    """`1`, `1.0` and `True` are equal in Python, yet a level is `1`, a percentile `1.0` and
    a flag `True` in the file, in any order; a text `1` is text, a negative number has no
    quote and the same characters as text have one."""
    rows: list[list[object]] = [
        [1, 1.0, True, "1", -1, "-1"],
        [1.0, True, 1, "1", "-1", -1],
        [True, 1, 1.0, None],
    ]
    assert _cells(csv_text(rows)) == [
        ["1", "1.0", "True", "1", "-1", "'-1"],
        ["1.0", "True", "1", "1", "'-1", "-1"],
        ["True", "1", "1.0", ""],
    ]


class _Unhashable:
    """A cell no dict can hold as a key, written as text that would run as a formula."""

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        return "=cmd|' /C calc'!A0"


def test_a_cell_that_cannot_be_looked_up_is_written_as_text_with_its_row() -> None:
    """`csv_text` takes any object as a cell: one that cannot be a dict's key is written
    as `csv_cell` writes it, neutralised, and the rest of its row and the rows after it as
    ever, nothing of its row written twice."""
    rows: list[list[object]] = [["=1", _Unhashable(), 2], ["=1", "plain"]]
    text = csv_text(rows)
    assert text == BOM + "'=1,'=cmd|' /C calc'!A0,2\r\n'=1,plain\r\n"
