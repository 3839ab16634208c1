"""`text_tables`, what its callers' tests did not hold (round 42's mutation pass): the widths
read from the terminal and their bounds, a squeezed table using the whole width and
counting its headers as tabulate lays them out, a heading wrapped between words (never at
a hyphen of an id), and fields laid in columns one to a line when even one does not fit."""

from __future__ import annotations

import os

import pytest

from selfreview_core.text_tables import (
    fit_heading,
    fitted_table,
    fitting_width,
    laid_in_columns,
    terminal_width,
)


def widest(table: str) -> int:
    return max(len(line) for line in table.splitlines())


@pytest.mark.parametrize(
    ("columns", "fitted", "terminal"),
    [
        ("1", 40, 60),  # a terminal however narrow is still fitted, to 40 (views) or 60
        ("39", 40, 60),
        ("41", 41, 60),
        ("77", 77, 77),
        ("140", 140, 140),
        ("141", 140, 140),
        ("500", 140, 140),
    ],
)
def test_the_width_to_fit_is_the_terminals_within_its_bounds(
    monkeypatch: pytest.MonkeyPatch, columns: str, fitted: int, terminal: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert fitting_width() == fitted
    assert terminal_width() == terminal


def test_with_no_terminal_nothing_is_squeezed_and_the_terminal_width_is_100(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", os.terminal_size)  # a pipe: its fallback
    assert fitting_width() is None
    assert terminal_width() == 100


@pytest.mark.parametrize("width", [41, 43, 61, 79])
def test_a_squeezed_table_takes_the_whole_width_it_is_given(width: int) -> None:
    """A title of one-letter words wraps to fill its column exactly (the column's width is
    odd here): the table is as wide as the width, not a character narrower."""
    table = fitted_table([("id1", "x " * 60)], ["id", "title"], flexible=[1], width=width)
    assert widest(table) == width


def test_a_tables_fixed_columns_are_as_wide_as_their_headers_and_two_more() -> None:
    """Short cells under long headers: tabulate gives each column its header's width and
    two more, and the flexible column shares what is left, so the table fits exactly."""
    rows = [("a", "b", "c", "words " * 20)]
    headers = ["a-long-header", "another-header", "third-header", "title"]
    table = fitted_table(rows, headers, flexible=[3], width=80)
    assert widest(table) == 80
    assert table.splitlines()[0].startswith("a-long-header    another-header    third-header ")


def test_a_heading_wraps_between_words_never_at_a_hyphen() -> None:
    heading = "Recommendations from the plugin parental-engagement-and-support"
    assert fit_heading(heading, 45) == [
        "Recommendations from the plugin",
        "  parental-engagement-and-support",
    ]
    assert fit_heading(heading, None) == [heading]


def test_fields_wider_than_the_room_take_a_line_each() -> None:
    assert laid_in_columns(["a" * 30, "b" * 30], 20, field_width=30) == [
        "  " + "a" * 30,
        "  " + "b" * 30,
    ]


def test_a_table_too_narrow_for_its_words_keeps_them_whole() -> None:
    """Past the least a column can take (its longest word, its header, 6), the table runs
    wider than the width rather than break a word; with a last resort, the ids wrap too."""
    rows = [("an-identifier-of-a-strand", "supercalifragilistic words")]
    table = fitted_table(rows, ["id", "title"], flexible=[1], width=20)
    assert "supercalifragilistic" in table
    assert "an-identifier-of-a-strand" in table
    resorted = fitted_table(rows, ["id", "title"], flexible=[1], width=30, last_resort=[0])
    assert "supercalifragilistic" in resorted
    assert "an-identifier-of-a-strand" not in resorted


def widths(table: str) -> list[int]:
    """The columns' widths, read from the dashes under the headers."""
    return [len(dashes) for dashes in table.splitlines()[1].split("  ")]


def test_the_flexible_columns_share_the_room_in_proportion_to_their_widths() -> None:
    """62 characters left for a title of 99 and a note of 49: 41 and 20 (the note's last
    word ends a character short of it), not an even split."""
    rows = [("a", "w " * 50, "v " * 25)]
    table = fitted_table(rows, ["id", "title", "note"], flexible=[1, 2], width=70)
    assert widths(table) == [4, 41, 19]


def test_a_squeezed_column_keeps_six_characters_and_its_headers_width() -> None:
    six = fitted_table([("a", "x " * 10, "yy")], ["id", "t", "n"], flexible=[1], width=12)
    assert six.splitlines()[2] == "a     x x x  yy"
    header = fitted_table([("a", "ab cd ef gh ij kl")], ["id", "a-title"], flexible=[1], width=12)
    assert header.splitlines()[2] == "a     ab cd ef"
    header = fitted_table([("a", "abcd efghi jk lm")], ["id", "a-title"], flexible=[1], width=12)
    assert header.splitlines()[2:4] == ["a     abcd", "      efghi jk"]  # 9 = "a-title" + 2
    resorted = fitted_table(
        [("identifier-x", "ab cd ef gh")], ["i", "t"], flexible=[1], width=12, last_resort=[0]
    )
    assert resorted.splitlines()[2] == "identi  ab cd"
    resorted = fitted_table(
        [("identifier-x", "ab cd ef gh")], ["strand", "t"], flexible=[1], width=12, last_resort=[0]
    )
    assert resorted.splitlines()[2] == "identifi  ab cd"


def test_a_column_that_cannot_narrow_leaves_the_squeezing_to_the_others() -> None:
    """A word of 30 letters keeps its column whole; the text beside it gives up all the
    room the table must lose, to the character: the table is exactly as wide as asked."""
    rows = [("id", "a" * 30, "x " * 50)]
    table = fitted_table(rows, ["id", "word", "text"], flexible=[1, 2], width=69)
    assert widest(table) == 69
    assert widths(table) == [4, 30, 31]
