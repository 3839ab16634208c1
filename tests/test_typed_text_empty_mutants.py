"""A blank school name (`assess --school-name "   "`), pinned where a mutation pass (round 73)
found `typed_text.empty_problem` untested there: it is refused as empty text is, in the
file's words ("must not be empty"), with no hint about characters that print as nothing,
which it does not hold; a zero-width space's name gets that hint. And a school id of a
zero-width space (`--school-id $'\u200b'`), said to be empty as a file's is, not to hold
spaces or `@`, which it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.typed_text import empty_problem, id_problem, name_problem


@pytest.mark.parametrize("name", ["", "   ", "\t", " \u3000 "])
def test_a_blank_name_is_said_to_be_empty_and_nothing_more(name: str) -> None:
    assert empty_problem(name) == name_problem(name) == "must not be empty"


def test_a_name_of_a_zero_width_space_is_said_to_print_as_nothing() -> None:
    assert name_problem(" \u200b") == (
        "must not be empty (` \\u200b` holds only characters that print as nothing)"
    )


def test_assess_refuses_a_blank_school_name_before_asking_anything(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    args = ["assess", "becta-srf", "-o", str(out), "--school-id", "1", "--school-name", "   "]
    result = CliRunner().invoke(cli, args, input="1\n")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for --school-name: must not be empty"
    )
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("\u200b", "must not be empty (`\\u200b` holds only characters that print as nothing)"),
        (" \ufeff ", "must not be empty (` \\ufeff ` holds only characters that print as nothing)"),
        ("   ", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
        ("", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
    ],
)
def test_an_id_that_says_nothing_is_told_why(text: str, problem: str) -> None:
    assert id_problem(text) == problem


def test_assess_refuses_a_school_id_of_a_zero_width_space(tmp_path: Path) -> None:
    out = tmp_path / "review.yaml"
    args = ["assess", "becta-srf", "-o", str(out), "--school-id", "\u200b", "--school-name", "S"]
    result = CliRunner().invoke(cli, args, input="1\n")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for --school-id: must not be empty "
        "(`\\u200b` holds only characters that print as nothing)"
    )
    assert list(tmp_path.iterdir()) == []
