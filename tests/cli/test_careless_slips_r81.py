"""Two slips a new user made following docs/command-line.md (round 81), each now told what
was meant: a KIND misspelt for `schema` (`frameworks`), and a review given where a plan is
read (`plan --status school.yaml`, or `-o` naming the review), which is told the command
that makes a plan of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli

SCHOOL = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2026.yaml"
KINDS = "'assessment', 'framework', 'rules', 'migration', 'plan', 'report'"
PLAN_HINT = "`selfreview plan ASSESSMENT -o PLAN` makes a plan of a review"


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("frameworks", " (did you mean `framework`?)"),
        ("Rules", " (did you mean `rules`?)"),
        ("xyz", "."),
    ],
)
def test_a_kind_misspelt_is_told_the_kind_meant(given: str, hint: str) -> None:
    result = CliRunner().invoke(cli, ["schema", given])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'KIND': '{given}' is not one of {KINDS}{hint}"
    )


@pytest.mark.parametrize("where", ["--status", "-o"])
def test_a_review_given_for_a_plan_is_told_the_command_that_makes_one(
    tmp_path: Path, where: str
) -> None:
    school = tmp_path / "school.yaml"
    shutil.copy(SCHOOL, school)
    args = ["plan", "--status", str(school)]
    if where == "-o":
        args = ["plan", str(SCHOOL), "-o", str(school)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{school}:4:7: error: kind: expected a plan file, not an assessment file ({PLAN_HINT})\n"
    )
    assert school.read_bytes() == SCHOOL.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.yaml"]
