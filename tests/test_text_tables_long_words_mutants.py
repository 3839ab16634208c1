"""Where a table breaks a long word, at the edges (`text_tables._longest_word` and
`fitted_table`'s `most`): pinned by round 76's sweep over round 75's lines.

A flexible column keeps a word up to two lines of the terminal wide whole, and breaks a
wider one where its column ends, but only if the other columns leave it any room: when they
take the whole terminal, nothing fits anyway, and the column keeps its words whole, as it
did before round 75. And a right-to-left cell, wrapped so that each of its lines can be
isolated, keeps its text as written: digits are not read as a number.
"""

from __future__ import annotations

from selfreview_core.text_tables import display_width, fitted_table

HEADERS = ["action", "title", "owner", "due"]
#: What the fixed columns of `_table` take, the two spaces between columns included:
#: "action" (8), "owner" (7) and "due" (10), as tabulate gives a column its header and two.
FIXED = 8 + 7 + 10 + 2 * 3


def _table(title: str, width: int) -> list[str]:
    rows = [["act-1", title, "Head", "2027-01-15"]]
    return fitted_table(rows, HEADERS, flexible=[1], width=width).split("\n")


def test_a_word_exactly_two_lines_wide_is_kept_whole() -> None:
    word = "W" * 120
    assert any(word in line for line in _table(f"See {word} now", 60))


def test_a_word_one_cell_over_two_lines_wide_is_broken() -> None:
    word = "W" * 121
    lines = _table(f"See {word} now", 60)
    assert not any(word in line for line in lines)
    assert max(map(display_width, lines)) <= 60
    assert "".join(lines).count("W") == 121  # every letter, broken, not lost


def test_with_no_room_left_by_the_other_columns_a_long_word_is_kept_whole() -> None:
    # The fixed columns take the whole width: no word is broken, even one over two lines.
    word = "L" * 100
    lines = _table(f"Title {word} end", FIXED)
    assert lines[2].split() == ["act-1", "Title", "Head", "2027-01-15"]
    assert lines[3].strip() == word


def test_with_one_cell_of_room_a_word_wider_than_two_lines_is_still_broken() -> None:
    word = "L" * 500
    lines = _table(f"Title {word} end", FIXED + 1)
    assert not any(word in line for line in lines)
    assert max(map(display_width, lines)) < 100  # not 500 cells wide


def test_a_wrapped_right_to_left_cell_keeps_its_digits_as_written() -> None:
    # Arabic-Indic digits read as a number would be written "1.5" by tabulate.
    rows = [["act-1", "\u0661.\u0665\u0660", "Head", "2027-01-15"]]
    table = fitted_table(rows, HEADERS, flexible=[1], width=80, widest=20)
    assert "\u2068\u0661.\u0665\u0660\u2069" in table
    assert "1.5" not in table
