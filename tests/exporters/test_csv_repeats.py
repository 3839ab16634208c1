"""`csv_text` writes each text once per file and looks it up after (`exporters.csv._Cells`):
what a reader of the file relies on through that shortcut. A text met again is neutralised
and escaped as it was the first time, wherever it stands; a number is written as its own
type even where an equal number of another type (`1`, `1.0`, `True`) came before."""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.exporters.csv import BOM, csv_cell, csv_lines, csv_text


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


def _as_csv_writer_writes(rows: list[list[object] | None]) -> str:
    """What `csv_text` wrote before round 60: each row through `csv.writer`, each cell
    through `csv_cell` (the reference its shortcuts must match byte for byte)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([] if row is None else [csv_cell(cell) for cell in row])
    return BOM + out.getvalue()


class _Level(int):
    """An int of another type (an enum's, say): written by `str`, as `csv.writer` does."""

    def __str__(self) -> str:
        return f"level {int(self)}"


class _Score(float):
    """A float of another type: written by `str` too (not `repr`)."""

    def __str__(self) -> str:
        return f"score {float(self)}"

    def __repr__(self) -> str:
        return "never written"


_TEXT = st.text(alphabet=st.sampled_from(list('ab =+-@,"\r\n\t\x1b\u2028\u00a0\ufeff1.')))
_CELL = st.one_of(
    _TEXT,
    st.just(""),
    st.integers(-3, 3),
    st.floats(allow_nan=False) | st.sampled_from([1.0, -0.0, float("inf")]),
    st.booleans(),
    st.none(),
    st.integers(-3, 3).map(_Level),
    st.floats(-3, 3).map(_Score),
)


@given(st.lists(st.one_of(st.none(), st.lists(_CELL, max_size=5)), max_size=8))
def test_every_row_is_written_as_csv_writer_writes_it(rows: list[list[object] | None]) -> None:
    """Rows that need no quoting are joined by commas, the rest written by `csv.writer`:
    the file is the same, byte for byte, whatever the cells hold (commas, quotes, line
    ends, formulas, a row of one empty cell, which is `""`, an empty row, numbers of every
    type, the same text again)."""
    assert csv_text(rows) == _as_csv_writer_writes(rows)


def test_a_row_of_one_empty_cell_is_two_quotes() -> None:
    """`csv.writer` writes a row of one empty cell as `""`, so that it is a cell and not
    an empty row; a row of none is an empty line, and so is None."""
    assert csv_text([[""], [], None, [None], ["", ""]]) == BOM + '""\r\n\r\n\r\n""\r\n,\r\n'


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("a,b", '"a,b"'),  # the delimiter,
        ('say "no"', '"say ""no"""'),  # a quote, doubled inside,
        ("two\nlines", '"two\nlines"'),  # a line break (kept: a cell may hold lines)
        ("a\rb", "a\\rb"),  # a carriage return is shown escaped: nothing to quote
    ],
)
def test_a_cell_csv_writer_would_quote_is_quoted_among_plain_ones(text: str, cell: str) -> None:
    """One such cell in a row of plain ones (each alone, so that no other character of the
    row gives it away): quoted as `csv.writer` quotes it, the rest of the row as it is."""
    assert csv_text([["plain", text, 1]]) == BOM + f"plain,{cell},1\r\n"


def test_a_file_written_a_line_at_a_time_holds_no_long_cell_it_wrote() -> None:
    """`csv_lines` keeps no cell longer than `_KEPT` once its line is written: `support`'s
    rows each hold the ids of every school of a recommendation (8 MB at a million), and
    kept, they would hold the whole file the lines were written not to hold (round 61).
    Fifty rows of 100,000 characters, each line dropped once written: a fraction of one
    megabyte at most, where keeping them held five. Each line is as `csv_text` writes it."""

    def rows() -> Iterator[list[str]]:  # each made as it is asked for, as `support`'s are
        for n in range(50):
            yield [f"={n}", "x" * 100_000 + str(n)]

    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        lines = csv_lines(rows())
        first = next(lines)
        written = [len(line) for line in lines]
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert first == BOM
    assert written == [len(f"'={n},{'x' * 100_000}{n}\r\n") for n in range(50)]
    assert csv_text(rows()) == BOM + "".join(f"'={n},{'x' * 100_000}{n}\r\n" for n in range(50))
    assert peak < 1_000_000
