"""Text tables with wide characters (`text_tables`): a school or a title in Chinese, an emoji
or a combining accent keeps every column in line, counted in a terminal's cells (two for a
wide character, none for an accent on the letter before it), and a fitted table stays
within its width."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from selfreview_core import text_tables
from selfreview_core.cli import cli
from selfreview_core.text_tables import fitted_table, laid_in_columns

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "good"

CHINESE = "陽光小學資訊科技願景"  # "Sunshine Primary School's ICT vision": ten wide characters
COMBINING = "Cafe\u0301 ro\u0302le"  # é and ô each a letter and its accent: nine cells
EMOJI = "Pupils 👩\u200d💻 online"  # a woman at a computer: two cells however it is joined


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("plain", 5),
        (CHINESE, 20),
        (COMBINING, 9),
        (EMOJI, 16),
        ("\U0001f1ec\U0001f1e7", 2),  # a flag: two regional letters, one picture
        ("", 0),
        ("\u0301", 0),  # an accent on nothing: no cell, not its one character
        ("a\x1bb", 3),  # a control character (never in escaped text): its length
    ],
)
def test_the_display_width_counts_a_terminals_cells(text: str, cells: int) -> None:
    from selfreview_core.text_tables import display_width, padded

    assert display_width(text) == cells
    assert display_width(padded(text, 24)) == 24
    assert padded(text, 24) == text + " " * (24 - cells)


def display_width(text: str) -> int:
    """Cells, measured apart from the code under test."""
    return max(0, wcswidth(text))


def padded(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def starts(line: str, cell: str) -> int:
    """The terminal cell where `cell` starts on `line` (its last time there)."""
    return display_width(line[: line.rindex(cell)])


ROWS = [
    ["1a", CHINESE, "3"],
    ["1b", COMBINING, "2"],
    ["1c", EMOJI, "4"],
    ["1d", "An ordinary English title", "1"],
]


@pytest.mark.parametrize("width", [None, 60, 40])
def test_columns_after_wide_and_combining_text_stay_in_line(width: int | None) -> None:
    """Each row's level starts in the same cell as its header, and no line is wider than
    the table was fitted to (tabulate counted characters: a Chinese title pushed its row's
    level ten cells right, an accented one pulled it two left)."""
    table = fitted_table(ROWS, ["strand", "title", "level"], flexible=[1], width=width)
    lines = table.splitlines()
    column = starts(lines[0], "level")
    firsts = [line for line in lines[2:] if not line.startswith(" ")]
    assert [starts(line, level) for line, (_, _, level) in zip(firsts, ROWS, strict=True)] == [
        column
    ] * len(ROWS)
    assert starts(lines[1], " -") + 1 == column  # the rule under the headers ends there too
    if width is not None:
        assert max(map(display_width, lines)) <= width
    assert CHINESE in table.replace("\n", "").replace(" ", "")
    assert COMBINING.split()[0] in table
    assert "👩\u200d💻" in table


def test_tabulate_counts_cells_because_wcwidth_is_installed_with_the_project() -> None:
    """Without `wcwidth`, tabulate pads by characters: the project depends on it."""
    import tabulate

    assert tabulate.WIDE_CHARS_MODE


def test_a_chinese_title_breaks_between_its_characters_to_fit() -> None:
    """A title in Chinese has no space to wrap at: it takes the room the other columns
    leave, broken between characters, not a column as wide as the whole title."""
    title = CHINESE * 4  # 80 cells, no space
    table = fitted_table([["1a", title, "3"]], ["strand", "title", "level"], flexible=[1], width=40)
    lines = table.splitlines()
    assert max(map(display_width, lines)) <= 40
    pieces = [lines[2].split()[1], *(line.split()[0] for line in lines[3:])]
    assert "".join(pieces) == title
    assert lines[2].split()[2] == "3"
    assert len(pieces) > 1


def test_a_squeezed_column_keeps_the_widest_run_a_line_cannot_break() -> None:
    """Too narrow a terminal: the title keeps its longest unbreakable run, the twelve
    letters after a Chinese character or before one (a line may break either side of it),
    and no more."""
    rows = [["1a", "陽abcdefghijkl abcdefghijkl陽", "3"]]
    table = fitted_table(rows, ["strand", "title", "level"], flexible=[1], width=20)
    assert [len(rule) for rule in table.splitlines()[1].split()] == [8, 12, 7]


def test_fields_laid_in_columns_line_up_after_wide_text() -> None:
    fields = [padded(name, 6) + " 4 (3-5)" for name in ("教師", "pupils", "家長", "staff")]
    lines = laid_in_columns(fields, 40, field_width=max(map(display_width, fields)))
    assert lines == ["  教師   4 (3-5)   pupils 4 (3-5)", "  家長   4 (3-5)   staff  4 (3-5)"]


def test_a_report_table_keeps_its_columns_in_line_for_a_school_named_in_chinese(
    tmp_path: Path,
) -> None:
    """`report --format table`: the school (in the heading) named in Chinese, the strands'
    titles in Chinese and with combining accents; every level starts under `level`."""
    framework = (TINY / "tiny-framework.yaml").read_text(encoding="utf-8")
    framework = framework.replace("title: First strand", f"title: {CHINESE}")
    framework = framework.replace("title: Second strand", f"title: {COMBINING}")
    (tmp_path / "tiny-framework.yaml").write_text(framework, encoding="utf-8")
    review = (TINY / "tiny-assessment.yaml").read_text(encoding="utf-8")
    review = review.replace("name: Tiny School", "name: 陽光小學")
    (tmp_path / "review.yaml").write_text(review, encoding="utf-8")
    args = [
        "report",
        str(tmp_path / "review.yaml"),
        "--framework",
        str(tmp_path / "tiny-framework.yaml"),
    ]
    result = CliRunner().invoke(cli, [*args, "--format", "table"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("陽光小學")
    header = next(i for i, line in enumerate(lines) if line.startswith("strand"))
    column = starts(lines[header], "level")
    rows = lines[header + 2 : header + 4]
    assert [row.split()[0] for row in rows] == ["E1.1", "E1.2"]
    assert CHINESE in rows[0]
    assert COMBINING in rows[1]
    assert [starts(rows[0], "2"), starts(rows[1], "0 Not started")] == [column, column]


def test_a_huge_word_in_a_wrapped_column_reaches_the_table_cut_to_the_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As `show`'s descriptors (tests/test_display_mutants.py): a word of more than
    `LONG_WORD` characters in a column that wraps is cut to the column's width before
    tabulate's wrap, which cuts it a character at a time; a column that does not wrap keeps
    its cells as they are."""
    word = "x" * (text_tables.LONG_WORD + 1)
    given: list[list[list[object]]] = []

    def tabulate(rows: list[list[object]], **_: object) -> str:
        given.append(rows)
        return ""

    monkeypatch.setattr(text_tables, "tabulate", tabulate)
    fitted_table([[word, word]], ["title", "id"], flexible=[0], width=60, widest=30)
    [[[wrapped, kept]]] = given
    assert wrapped == " ".join([*["x" * 30] * 333, "x" * 31])[: len(word) + 333]
    assert kept == word


def test_only_a_word_over_ten_thousand_characters_is_cut() -> None:
    assert text_tables.long_words_broken("a" * 10_000 + " b", 30) == "a" * 10_000 + " b"
    assert text_tables.long_words_broken("a" * 10_001, 5_000) == " ".join(
        ["a" * 5_000, "a" * 5_000, "a"]
    )


def _unbreakable_round_62(word: str) -> int:
    """`text_tables._unbreakable` as round 62 wrote it, a character at a time."""
    import unicodedata

    widest = run = 0
    for char in word:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            widest, run = max(widest, run, text_tables.display_width(char)), 0
        else:
            run += text_tables.display_width(char)
    return max(widest, run)


@given(
    st.text(
        st.sampled_from(
            [
                "a",
                "é",
                "\u0301",
                "\x1b",
                "\x00",
                "-",
                "]",
                "\\",
                "^",
                "陽",
                "Ａ",
                "👩",
                "\u200d",
                "ｶ",
            ]
        ),
        max_size=40,
    )
)
def test_the_widest_unbreakable_part_of_a_word_is_counted_as_a_character_at_a_time(
    word: str,
) -> None:
    """Counted a kind of character at a time, as a school id of 2,000,000 characters needs
    (round 63): the same cells as character by character, wide characters (Chinese, a
    fullwidth letter, an emoji) breaking it, accents, controls and the characters special
    in a regular expression's class (`]`, `\\`, `^`, `-`) among them."""
    assert text_tables._unbreakable(word) == _unbreakable_round_62(word)
