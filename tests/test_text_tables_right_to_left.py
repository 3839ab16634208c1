"""A table's cell of right-to-left text is isolated (`text_tables.isolated`), line by line.

In a terminal that orders text by Unicode's bidirectional algorithm each line is a
paragraph, its direction that of its first strong letter: a row beginning with a school's
name in Hebrew was laid out right to left as a whole, and a level's digits after a name in
Arabic were drawn on the name's left. Until round 75 no cell was isolated. Text with no
right-to-left letter is laid out byte for byte as before.
"""

from __future__ import annotations

import pytest

from selfreview_core.escaping import shown
from selfreview_core.isolates import shown_isolates_kept
from selfreview_core.text_tables import display_width, fitted_table, isolated

FSI, PDI = "\u2068", "\u2069"
HEBREW = "בית ספר שלום"
ARABIC = "مدرسة النور الابتدائية"


def test_text_with_no_right_to_left_letter_is_returned_as_it_is() -> None:
    for text in ("Example Primary School", "Ünïcödé 学校 😀", ""):
        assert isolated(text) is text
        assert isolated(text, 8) is text


@pytest.mark.parametrize("name", [HEBREW, ARABIC, "Ysgol ב 3"])
def test_a_line_of_right_to_left_text_is_isolated(name: str) -> None:
    assert isolated(name) == f"{FSI}{name}{PDI}"


def test_each_wrapped_line_is_closed_on_its_own_line() -> None:
    """An isolate left open at a line's end would reach over the row's later columns."""
    lines = isolated(f"{ARABIC} {HEBREW}", 10).split("\n")
    assert len(lines) > 2
    for line in lines:
        assert line.startswith(FSI), line
        assert line.endswith(PDI), line
        assert line.count(FSI) == line.count(PDI) == 1
        assert display_width(line) <= 10
    assert " ".join(line[1:-1] for line in lines) == f"{ARABIC} {HEBREW}"


def test_only_the_lines_holding_right_to_left_letters_are_isolated() -> None:
    assert isolated(f"Leeds\n{HEBREW}") == f"Leeds\n{FSI}{HEBREW}{PDI}"


def _columns(line: str, column: str) -> int:
    """The cells before `column`'s text on `line`."""
    return display_width(line[: line.index(column)])


def test_a_table_row_keeps_its_columns_with_right_to_left_cells() -> None:
    rows = [
        ["100000", HEBREW, "3"],
        ["100001", "Example Primary School", "4"],
        ["100002", f"{ARABIC} {ARABIC}", "5"],
    ]
    table = fitted_table(rows, ["id", "school", "level"], flexible=[1], width=40)
    lines = table.split("\n")
    assert f"{FSI}{HEBREW}{PDI}" in lines[2]
    # Every line of the table holds as many isolates open as closed, each on its line.
    for line in lines:
        assert line.count(FSI) == line.count(PDI)
        assert display_width(line) <= 40
    # The levels stand in one column, whichever script the name beside them is in.
    levels = [_columns(line, level) for line, level in zip(lines[2:], "345", strict=False)]
    assert len(set(levels)) == 1, table


def test_a_table_of_ascii_text_is_what_it_was() -> None:
    rows = [["100000", "Example Primary School " * 4, "3"]]
    table = fitted_table(rows, ["id", "school", "level"], flexible=[1], width=40)
    assert FSI not in table
    assert table.split("\n")[2].endswith("3")


def test_shown_isolates_kept_keeps_a_closed_isolate_and_escapes_the_rest() -> None:
    """A report's table is printed escaped (a plugin's exporter may write controls): the
    isolates of its cells are kept, every other bidirectional control shown."""
    kept = f"{FSI}{HEBREW}{PDI} (100000)\n{FSI}{ARABIC}{PDI}  3"
    assert shown_isolates_kept(kept) == kept
    assert shown_isolates_kept("a\x1bb") == shown("a\x1bb") == "a\\x1bb"
    # An isolate holding an override, left open, or over a line break: all shown.
    for text in (f"{FSI}a\u202eb{PDI}", f"{FSI}{HEBREW}", f"{FSI}a\nb{PDI}", f"{PDI}a{FSI}"):
        assert FSI not in shown_isolates_kept(text)
        assert PDI not in shown_isolates_kept(text)
        assert "\u202e" not in shown_isolates_kept(text)
    # Kept only round right-to-left text, as `isolated` writes them.
    assert shown_isolates_kept(f"{FSI}abc{PDI}") == "\\u2068abc\\u2069"
    assert shown_isolates_kept(f"{FSI}\x1b]52;{HEBREW}\x07{PDI}") == (
        f"{FSI}\\x1b]52;{HEBREW}\\x07{PDI}"
    )


@pytest.mark.parametrize(
    "path", ["/home/יוסי/selfreview.toml", "C:\\בית\\x.yaml", "https://ex.org/שלום"]
)
def test_a_path_or_a_link_is_not_isolated_so_it_is_copied_as_it_is(path: str) -> None:
    assert isolated(path) == path
    assert isolated(f"see {path}") == f"{FSI}see {path}{PDI}"
