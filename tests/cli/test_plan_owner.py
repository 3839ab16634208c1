"""An owner typed in bytes that are not UTF-8 is asked again at `plan -i`'s question, as
`assess` asks its text again, and is a usage error as `--owner` (or `--schema`). Before
round 68 the bytes ended `plan -i` in "internal error: UnicodeEncodeError" as the plan was
written, every decision made lost. Since round 69 an owner's control characters (ESC,
C1, a right-to-left override) are asked again and refused as `--owner` too, as `assess`
does for its assessor: before, plan kept them (escaped) where assess asked again."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from program import selfreview
from selfreview_core import load_plan
from selfreview_core.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REVIEW_2025 = ROOT / "examples" / "example-primary-2025.yaml"


def run(*args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--owner", "Head \udcff", "that was not UTF-8 text"),
        ("--owner", "\ud800", "that was not UTF-8 text"),
        ("--owner", "I\x9bT", "control characters (here U+009B) cannot be kept"),
        ("--owner", "Head\x1b[2J", "control characters (here U+001B) cannot be kept"),
        ("--owner", "Head \u202eevil", "control characters (here U+202E) cannot be kept"),
        ("--schema", "x\udcfe.json", "that was not UTF-8 text"),
    ],
)
def test_an_option_a_plan_cannot_keep_is_a_usage_error(
    tmp_path: Path, option: str, value: str, problem: str
) -> None:
    result = run("plan", str(REVIEW_2025), "-o", str(tmp_path / "plan.yaml"), option, value)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for {option}: {problem}" in result.stderr
    assert "internal error" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_owner_typed_in_bytes_that_are_not_utf_8_is_asked_again(tmp_path: Path) -> None:
    """The program itself, whose standard input passes such bytes on as lone surrogates."""
    output = tmp_path / "plan.yaml"
    program = ["plan", str(REVIEW_2025)]
    done = selfreview(
        [*program, "-o", str(output), "-i"], input=b"y\nHead \xed\xa0\x80 \xff\nHeadteacher\n\nq\n"
    )
    said = done.stderr.decode("utf-8", "backslashreplace")
    assert done.returncode == 0, said
    assert "  That was not UTF-8 text; please type it again." in said
    assert "internal error" not in said
    (action,) = load_plan(output).actions
    assert action.owner == "Headteacher"


def test_an_owner_typed_with_control_characters_is_asked_again(tmp_path: Path) -> None:
    """The program at its prompt, as `assess` asks again for its text: ESC, then a C1
    control, each asked again with the character named; the owner typed next is kept, and
    the plan (which was there before, one action in it) keeps that action."""
    output = tmp_path / "plan.yaml"
    program = ["plan", str(REVIEW_2025)]
    first = selfreview([*program, "-o", str(output), "-i"], input=b"y\nDeputy\n\nq\n")
    assert first.returncode == 0, first.stderr
    assert [a.owner for a in load_plan(output).actions] == ["Deputy"], first.stderr
    done = selfreview(
        [*program, "-o", str(output), "-i"],
        input=b"y\nHead\x1b[2J\nHead \xc2\x9bT\nHeadteacher\n\nq\n",
    )
    said = done.stderr.decode("utf-8", "backslashreplace")
    assert done.returncode == 0, said
    assert (
        "  Control characters (here U+001B) cannot be kept; please type it again.\n"
        "  Control characters (here U+009B) cannot be kept; please type it again.\n"
    ) in said
    assert "\x1b" not in said
    assert [a.owner for a in load_plan(output).actions] == ["Deputy", "Headteacher"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
