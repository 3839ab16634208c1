"""The respondents' view as text (`voices.views`): what a narrow terminal's blocks look like
between strands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = str(ROOT / "examples" / "respondents")
OWN = str(ROOT / "examples" / "example-primary-2026.yaml")


def test_a_narrow_terminal_parts_each_strands_block_from_the_next_by_one_blank_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = CliRunner().invoke(cli, ["voices", RESPONDENTS, OWN], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first = lines.index("1a1  The vision")
    assert lines[first - 1] == ""  # the key above, then a blank line, then the blocks
    assert lines[first + 1].startswith("  teachers ")
    second = lines.index("1a2  Reviewing the vision")
    assert lines[first + 1 : second - 1] == [
        "  teachers      3 [4..2] n=7   support-staff 3 [4..3] n=5",
        "  governors     n=2            pupils        3 [4..2] n=6",
        "  parents       n=3            school        3",
    ]
    assert lines[second - 1] == ""
    headings = [i for i, line in enumerate(lines) if line[:3] in {"1a1", "1a2", "1b1", "1c4"}]
    assert all(lines[i - 1] == "" and lines[i - 2] != "" for i in headings[1:])


def test_one_response_is_counted_in_the_singular() -> None:
    governor = str(ROOT / "examples" / "respondents" / "governor-1.yaml")
    result = CliRunner().invoke(cli, ["voices", governor], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ": 1 response to becta-srf@2010 (governors 1). " in result.stdout
    both = CliRunner().invoke(cli, ["voices", governor, governor.replace("-1", "-2")])
    assert ": 2 responses to becta-srf@2010 (governors 2). " in both.stdout


def _table_lines(text: str) -> list[str]:
    """The table's lines: from its header to the blank line after it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("strand "))
    end = lines.index("", start)
    return lines[start:end]


def test_a_table_exactly_as_wide_as_the_terminal_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    wide = CliRunner().invoke(cli, ["voices", RESPONDENTS, OWN], catch_exceptions=False)
    width = max(len(line) for line in _table_lines(wide.stdout))
    assert width < 140
    monkeypatch.setenv("COLUMNS", str(width))
    exact = CliRunner().invoke(cli, ["voices", RESPONDENTS, OWN], catch_exceptions=False)
    assert _table_lines(exact.stdout) == _table_lines(wide.stdout)


def test_at_a_terminal_the_first_groups_hyphenated_name_takes_two_lines_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    staff = str(ROOT / "examples" / "respondents" / "support-staff.jsonl")
    result = CliRunner().invoke(cli, ["voices", staff], catch_exceptions=False)
    header, under = _table_lines(result.stdout)[:2]
    assert header.split() == ["strand", "title", "support-"]
    assert under.split() == ["staff"]
    assert under.index("staff") == header.index("support-")


def test_the_csv_names_each_strands_aspect() -> None:
    result = CliRunner().invoke(cli, ["voices", RESPONDENTS, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][:4] == ["strand", "strand title", "aspect", "group"]
    assert {(row[0], row[2]) for row in rows[1:]} == {
        (strand, strand[:2]) for strand in {row[0] for row in rows[1:]}
    }
    assert ("1c4", "1c") in {(row[0], row[2]) for row in rows[1:]}


def test_a_school_name_with_a_newline_stays_on_the_headings_one_line(tmp_path: Path) -> None:
    document = {
        "kind": "assessment",
        "framework": "becta-srf@2010",
        "school": {"id": "100000", "name": "Example\nPrimary\tSchool"},
        "respondent": {"group": "teachers"},
        "assessed_on": "2026-09-21",
        "judgements": {"1a1": 3},
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(cli, ["voices", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("Example\\nPrimary\\tSchool (100000): 1 response to ")


@pytest.mark.parametrize("width", [100, 110])
def test_between_the_blocks_and_a_wide_table_the_groups_cells_wrap_in_the_table(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every group's column may wrap (figures under the median) before the table is given
    up for blocks."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(cli, ["voices", RESPONDENTS, OWN], catch_exceptions=False)
    table = _table_lines(result.stdout)
    assert table[0].split()[:3] == ["strand", "title", "teachers"]
    assert max(len(line) for line in table) <= width
    row = table.index(next(line for line in table if line.startswith("1a1 ")))
    # The first group's figures wrap as the others' do: teachers' `n=7` under its median.
    assert "n=7" not in table[row]
    assert table[row + 1].split()[:3] == ["n=7", "n=5", "n=6"]


def test_a_groups_name_and_a_strands_id_show_their_invisible_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group's name is a name (`escaping.shown_name`), in the table's header, the heading,
    what is worth discussing, and the blocks of a narrow terminal: `teachers` and `teachers`
    with a zero-width space after it read alike before round 46."""
    for source in Path(RESPONDENTS).glob("*.jsonl"):
        text = source.read_text(encoding="utf-8").replace('"teachers"', '"teachers\\u200b"')
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    for columns, header in (("200", "teachers\\u200b"), ("60", "  teachers\\u200b ")):
        monkeypatch.setenv("COLUMNS", columns)
        result = CliRunner().invoke(cli, ["voices", str(tmp_path), OWN], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert "\u200b" not in result.stdout
        said = " ".join(result.stdout.split())
        assert "parents 3, teachers\\u200b 7)" in said  # the heading
        assert "Communication strategy: teachers\\u200b (median 4) and support-staff" in said
        assert any(header in line for line in result.stdout.splitlines())


def test_markdown_marks_a_strand_the_schools_own_review_left_unjudged_with_a_dash(
    tmp_path: Path,
) -> None:
    """In the Markdown report's respondents' table, the school's own cell of a strand its
    review does not judge is an en dash, where the terminal's is `-`."""
    text = Path(OWN).read_text(encoding="utf-8")
    start = text.index("  1a2:\n")
    own = tmp_path / "own.yaml"
    own.write_text(text[:start] + text[text.index("  1b1:\n") :], encoding="utf-8")
    args = ["report", str(own), "--voices", RESPONDENTS, "--format", "markdown"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    section = result.stdout[result.stdout.index("## What the respondents said") :]
    [row] = [line for line in section.splitlines() if line.startswith("| 1a2 ")]
    assert row.endswith(" | \u2013 |")
