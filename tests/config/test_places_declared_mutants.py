"""Where a settings file's key given again, or its too-long number, is placed
(`config_places.declared_place`, `long_number_place`, round 70): what a mutation pass
(round 71) found no test pinned, and two slips it led to. A key given again whose value is
an inline table (`filter = {b = 2}`) was placed at the first key inside that table (`b`),
not at the key; and one on the file's last line, with no line end after it, was placed at
the key but still said "(at end of document)", a place it was not given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.config.places import declared_place

DIGITS = "1" * 5000
LONG = "error: invalid TOML: a whole number of more than 4,300 digits, too long to read"


@pytest.mark.parametrize(
    ("name", "text", "told"),
    [
        (
            "selfreview.toml",
            'policy = "mean"\nfilter = {a = 1}\nfilter = {b = 2}\n',
            "3:1: error: invalid TOML: Cannot overwrite a value",
        ),
        (
            "pyproject.toml",
            '[tool.selfreview]\npolicy = "mean"\n[tool.other]\nx = {a = 1, a = {b = 2}}\n',
            "4:13: error: invalid TOML: Duplicate inline table key `a`",
        ),
        (
            "selfreview.toml",
            'policy = "mean"\ntheme = {a = 1, a = 2}\n',
            "2:17: error: invalid TOML: Duplicate inline table key `a`",
        ),
        (
            "selfreview.toml",
            'policy = "mean"\npolicy = "weakest"',
            "2:1: error: invalid TOML: Cannot overwrite a value",
        ),
        ("selfreview.toml", f'policy = "mean"\n{DIGITS} = 1\nx = {DIGITS}\n', f"3:5: {LONG}"),
        ("selfreview.toml", f"x = [[1],\n  {DIGITS}]\n", f"2:3: {LONG}"),
    ],
    ids=[
        "an inline table given again",
        "a key of an inline table given again with one",
        "a key of an inline table given again",
        "on the last line, no line end",
        "a key of digits on a later line",
        "in a list of lists over lines",
    ],
)
def test_each_command_places_the_mistake_at_it(repo: Path, name: str, text: str, told: str) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    for command in ("config", "frameworks"):
        result = CliRunner().invoke(cli, [command], catch_exceptions=False)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"{repo / name}:{told}\n"


def test_declared_place_on_a_line_the_text_has_not_is_none() -> None:
    """A library caller's line 0, or one past the text's last, names no statement."""
    assert declared_place("a = 1\na = 2\n", 2, 6) == (2, 1)
    assert declared_place("t = {p = 1, p = 2}\n", 1, 18) == (1, 13)
    assert declared_place("a = 1\n", 0, 1) is None
    assert declared_place("a = 1\n", 3, 1) is None
