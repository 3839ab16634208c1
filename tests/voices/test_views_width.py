"""`voices` at a terminal's width (issue 16): five groups and the school's own judgement fit
60, 80 and 120 columns without a word cut, and a file or a pipe keeps one row a line.

A column per group needs about 100 columns (each group keeps its name and its figures
whole); narrower, each strand is a block, its groups' figures laid in columns beside their
names, in the same place for every strand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from selfreview_core.cli import cli
from selfreview_core.text_tables import laid_in_columns
from selfreview_core.voices.views import group_cell

ROOT = Path(__file__).resolve().parents[2]
RESPONDENTS = str(ROOT / "examples" / "respondents")
OWN = str(ROOT / "examples" / "example-primary-2026.yaml")
GROUPS = ("teachers", "support-staff", "governors", "pupils", "parents")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def compared() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(run("voices", RESPONDENTS, OWN, "--format", "json").stdout)
    assert [g["group"] for g in found["groups"]] == list(GROUPS)  # five groups
    return found


def cells(compared: dict[str, Any]) -> dict[str, dict[str, str]]:
    """What each strand shows of each group (and of the school), from the JSON."""
    out = {}
    for strand in compared["strands"]:
        shown = {g["group"]: group_cell(_view(g)) for g in strand["groups"]}
        shown["school"] = str(strand["school"])
        out[strand["strand"]] = shown
    return out


def _view(data: dict[str, Any]) -> Any:
    from selfreview_core.model.voices import GroupView

    return GroupView.model_validate(data)


def blocks(text: str) -> dict[str, dict[str, str]]:
    """Each strand's block: `1a1  The vision`, then `name figures` fields, two spaces in."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    names = "|".join(re.escape(n) for n in (*GROUPS, "school"))
    for line in text.splitlines():
        if line.startswith("Worth discussing"):
            break
        heading = re.match(r"(1[a-c]\d)  ", line)
        if heading:
            current = found.setdefault(heading.group(1), {})
        elif current is not None and line.startswith("  ") and not line.startswith("   "):
            for name, figures in re.findall(rf"({names}) +(.+?)(?=\s{{3}}|$)", line.strip()):
                current[name] = figures.strip()
    return found


@pytest.mark.parametrize("width", [60, 80])
def test_a_narrow_terminal_gets_one_block_per_strand_with_every_figure(
    width: int, compared: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("voices", RESPONDENTS, OWN)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width, [x for x in lines if len(x) > width]
    assert not any(line.startswith("strand ") for line in lines)  # not the table
    assert blocks(result.stdout) == cells(compared)
    assert "1b5  Safeguarding  ⚑" in lines
    assert "1c3  Communication strategy  ⚑" in lines
    assert "Worth discussing (2, ⚑):" in lines
    # Each group's figures stand in the same column of every strand's block.
    where = {line.index("support-staff") for line in lines if line.startswith("  teachers ")}
    assert len(where) == 1


def test_a_wide_terminal_keeps_the_table(
    compared: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    result = run("voices", RESPONDENTS, OWN)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 120
    header = next(line for line in lines if line.startswith("strand "))
    # A hyphenated name may take two lines of the heading: `support-` over `staff`.
    assert header.split() == ["strand", "title", "teachers", "support-", *GROUPS[2:], "school"]
    row = next(line for line in lines if line.startswith("1b5 "))
    assert row.split()[-1] == "⚑"
    assert not any(line.startswith("  teachers ") for line in lines)  # no block


def test_a_pipe_keeps_one_row_a_line(
    compared: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    result = run("voices", RESPONDENTS, OWN)
    rows = [line for line in result.stdout.splitlines() if re.match(r"1[a-c]\d ", line)]
    expected = cells(compared)
    assert [row.split()[0] for row in rows] == list(expected)
    for row in rows:
        shown = expected[row.split()[0]]
        assert all(figures in row for figures in shown.values())
    assert "support-staff" in result.stdout
    assert "support-\n" not in result.stdout


def test_fields_keep_their_place_and_a_wide_one_its_own_line() -> None:
    fields = ["a 1", "bb 22", "c 3", "d 4", "e 5"]
    assert laid_in_columns(fields, 20, field_width=5) == [
        "  a 1     bb 22",
        "  c 3     d 4",
        "  e 5",
    ]
    assert laid_in_columns(fields, 23, field_width=5) == [
        "  a 1     bb 22   c 3",
        "  d 4     e 5",
    ]
    assert laid_in_columns(["x" * 30], 20, field_width=30) == ["  " + "x" * 30]
    assert laid_in_columns([], 20, field_width=5) == []


def test_docs_show_a_block_as_an_80_column_terminal_shows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = (ROOT / "docs" / "respondents.md").read_text(encoding="utf-8")
    start = page.index("```text\n1b5  Safeguarding")
    excerpt = page[start + len("```text\n") : page.index("```", start + 3)]
    monkeypatch.setenv("COLUMNS", "80")
    assert excerpt in run("voices", RESPONDENTS, OWN).stdout
