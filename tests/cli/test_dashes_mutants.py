"""What the hint of an option typed with another dash (`cli/_dashes.py`) does that its other
tests did not pin: found by the round-70 mutation pass over the module (new in round 69)."""

from __future__ import annotations

from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core.cli._dashes import meant_option

ROOT = Path(__file__).resolve().parents[2]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")


def test_a_hinted_error_keeps_the_commands_own_usage_and_help_line(tmp_path: Path) -> None:
    """The hint is added to the command's error, not the group's: the usage shown is the
    command's and the help it points to is the command's `--help`, where `-o` is."""
    result = selfreview_here(["report", REVIEW, "\u2013o", "out.json"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        "Usage: selfreview report [OPTIONS] ASSESSMENT...",
        "Try 'selfreview report --help' for help.",
        "",
        "Error: Invalid value for 'ASSESSMENT...': Path '\u2013o' does not exist. "
        "(did you mean `-o`? `\u2013o` is typed with U+2013 EN DASH, not `-`)",
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("before", [[], ["\u2013x"]], ids=["alone", "after a word"])
def test_an_option_of_the_command_after_double_dash_gets_no_hint(before: list[str]) -> None:
    """After `--` every word is an argument, as the parser reads it: `report`'s `-o` typed
    with an en dash there is a file name that does not exist, and no option is suggested
    (other tests' `validate` has no `-o`, so they could not tell)."""
    result = selfreview_here(["report", REVIEW, *before, "--", "\u2013o"])
    assert result.returncode == 2
    assert result.stdout == b""
    first = before[0] if before else "\u2013o"
    assert result.stderr.decode().splitlines()[-1] == (
        f"Error: Invalid value for 'ASSESSMENT...': Path '{first}' does not exist."
    )


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("\u2013o", "-o"),
        ("\u2013\u2013o", "--o"),
        ("\u2212ab", "-ab"),
        ("\u2212\u2212ab", "--ab"),
    ],
)
def test_one_dash_means_the_short_option_and_two_the_long_where_both_exist(
    word: str, meant: str
) -> None:
    """A command (a plugin's, say) with both `-o` and `--o`: the number of dashes typed
    says which is meant; the other spelling is tried only where that one is no option."""
    assert meant_option(word, ["-o", "--o", "-ab", "--ab"]) == meant
