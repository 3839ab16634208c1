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

HINT = "holds only characters that print as nothing"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("\t", "must not be empty"),
        (" \u3000 ", "must not be empty"),
        (" \u200b", f"must not be empty (` \\u200b` {HINT})"),
    ],
)
def test_a_blank_name_is_said_to_be_empty_and_one_of_a_zero_width_space_why(
    name: str, problem: str
) -> None:
    assert empty_problem(name) == name_problem(name) == problem


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("\u200b", f"must not be empty (`\\u200b` {HINT})"),
        (" \ufeff ", f"must not be empty (` \\ufeff ` {HINT})"),
        ("   ", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
        ("", "an id has no spaces and no `@` (a URN such as 100000 is a good id)"),
    ],
)
def test_an_id_that_says_nothing_is_told_why(text: str, problem: str) -> None:
    assert id_problem(text) == problem


@pytest.mark.parametrize(
    ("school_id", "school_name", "refused"),
    [
        ("1", "   ", "--school-name: must not be empty"),
        ("\u200b", "S", f"--school-id: must not be empty (`\\u200b` {HINT})"),
    ],
    ids=["a blank school name", "a school id of a zero-width space"],
)
def test_assess_refuses_a_school_that_says_nothing_before_asking_anything(
    tmp_path: Path, school_id: str, school_name: str, refused: str
) -> None:
    out = tmp_path / "review.yaml"
    args = ["assess", "becta-srf", "-o", str(out)]
    result = CliRunner().invoke(
        cli, [*args, "--school-id", school_id, "--school-name", school_name], input="1\n"
    )
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"Error: Invalid value for {refused}"
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
