"""A word wider than two lines of the terminal is broken where its column ends, unless it
is a path or a link (`text_tables._longest_word`).

Until round 75 a flexible column kept its longest word whole, whatever its length: an
action's title of 5,000 letters made each line of `plan --status` 5,000 cells wide, the
owner, due date and status off the screen. Round 74 broke every word wider than the
terminal and was reverted: `config` shows a path of 77 characters at 60 columns, which a
user copies. A word up to two lines wide, a path and a link are kept whole as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.text_tables import display_width, fitted_table

HEADERS = ["action", "title", "owner", "due"]


def _table(title: str, width: int) -> list[str]:
    rows = [["act-1", title, "Head", "2027-01-15"], ["act-2", "Short title", "-", "-"]]
    return fitted_table(rows, HEADERS, flexible=[1, 2], width=width).split("\n")


def test_a_word_wider_than_two_lines_is_broken_in_its_column() -> None:
    word = "L" * 5_000
    lines = _table(f"Title {word} end", 100)
    assert max(display_width(line) for line in lines) <= 100
    assert lines[2].split()[-2:] == ["Head", "2027-01-15"]  # on the row's first line
    start, end = lines[0].index("title"), lines[0].index("owner")
    title = "".join(line[start:end].strip() for line in lines[2:-1])
    assert title.replace(" ", "") == f"Title{word}end"  # every letter, in order
    assert lines[-1].split() == ["act-2", "Short", "title", "-", "-"]


@pytest.mark.parametrize(
    "word",
    [
        "/tmp/" + "p" * 140 + "/our.yaml",  # a path
        "C:\\" + "p" * 140,  # a Windows path
        "https://example.org/" + "q" * 140,  # a link
        "W" * 110,  # not two lines of 60 wide
    ],
    ids=["path", "windows-path", "link", "word-under-two-lines"],
)
def test_a_path_a_link_or_a_word_under_two_lines_is_kept_whole(word: str) -> None:
    lines = _table(f"See {word} now", 60)
    assert any(word in line for line in lines)


def test_plan_status_fits_a_title_of_one_long_word(tmp_path: Path) -> None:
    review = Path(__file__).resolve().parents[1] / "examples" / "example-primary-2025.yaml"
    plan = tmp_path / "plan.yaml"
    runner = CliRunner(env={"COLUMNS": "100"})
    assert runner.invoke(cli, ["plan", str(review), "-o", str(plan)]).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    title = "title: Bring ICT into the vision, then plan how to review its place there"
    assert title in text
    plan.write_text(text.replace(title, f"title: {'L' * 5_000}\n  owner: Head", 1), "utf-8")
    result = runner.invoke(cli, ["plan", "--status", str(plan)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert max(map(display_width, lines)) <= 100
    (first,) = [line for line in lines if line.startswith("review-vision-include-ict")]
    assert first.split()[-3:] == ["Head", "-", "planned"]
    assert result.stdout.count("L") >= 5_000
