"""`config_places` on what round 70's mutation pass found no test holding: a whole number
too long for Python is counted in digits, its underscores aside, as Python counts them, so
that a readable number of 4,300 digits written `1_1_..._1` earlier in the file is not the
one named (`long_number_place`; mutant 142, the underscores counted twice). And a
`[tool.selfreview]` on a line of another tool's multi-line string in double quotes is no
table of ours, as one in single quotes is (`_strings`; mutant 38 looked for the strings
only where the text held both kinds). And each mistake of a file is placed at its own line
however the value before it is written (`_Paths`): a date and time, a list over several
lines, inline tables nested deeper than `NESTING` in a `pyproject.toml` that is no TOML."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.config.places import long_number_place
from selfreview_core.config.settings import find_config, passed_by, read_config
from selfreview_core.errors import InvalidDocument

#: 4,300 digits, the most Python reads, written with an underscore between each two.
READABLE = "1" + "_1" * (sys.get_int_max_str_digits() - 1)
TOO_LONG = "1" * (sys.get_int_max_str_digits() + 1)


def test_the_digits_of_a_number_are_counted_without_its_underscores() -> None:
    assert long_number_place(f"a = {READABLE}\n") is None
    assert long_number_place(f"a = {READABLE}\nb = {TOO_LONG}\n") == (2, 5)


def test_the_configuration_names_the_number_too_long_not_a_readable_one(tmp_path: Path) -> None:
    (tmp_path / "selfreview.toml").write_text(
        f'x = {READABLE}\npolicy = "mean"\ny = {TOO_LONG}\n', encoding="utf-8"
    )
    with pytest.raises(InvalidDocument) as raised:
        read_config(tmp_path)
    assert raised.value.file == str(tmp_path / "selfreview.toml")
    assert (raised.value.line, raised.value.column) == (3, 5)
    assert "a whole number of more than 4,300 digits, too long to read" in str(raised.value)


@pytest.mark.parametrize("quotes", ['"""', "'''"])
def test_a_header_of_ours_in_another_tools_string_is_no_table_of_ours(
    tmp_path: Path, quotes: str
) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = f"[tool.other]\ntemplate = {quotes}\n[tool.selfreview]\npolicy = 3{quotes}\n"
    pyproject.write_text(text, encoding="utf-8")
    found = find_config(tmp_path)
    assert found is None or found[0] != pyproject
    assert pyproject.resolve() in passed_by(tmp_path)


_UNKNOWN = (
    "unknown key `colour` for selfreview (the keys are framework, rules, migration, disable, "
    "policy)"
)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # Mutant 155: a value of two pieces (a date, a time) read two pieces at a time
        # passed its line end by, and the next line's key with it.
        (
            "policy = 1979-05-27 07:32:00\ncolour = 1\n",
            [
                "1:10: error: policy: `policy` is one of median, mean, weakest, not the time "
                "1979-05-27 07:32:00",
                f"2:1: error: colour: {_UNKNOWN}",
            ],
        ),
        # Mutant 54: a list over lines read as a value of one line, so its item "colour"
        # was taken for the key.
        ('disable = [\n  "colour",\n]\ncolour = 1\n', [f"4:1: error: colour: {_UNKNOWN}"]),
    ],
    ids=["date and time", "list over lines"],
)
def test_each_mistake_is_placed_at_its_own_line(
    repo_at_root: Path, text: str, said: list[str]
) -> None:
    (repo_at_root / "selfreview.toml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["config"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{repo_at_root / 'selfreview.toml'}:{line}" for line in said
    ]


def test_inline_tables_nested_past_the_limit_in_a_pyproject_without_a_header(
    repo_at_root: Path,
) -> None:
    """`[tool]` then `selfreview.policy` (no `[tool.selfreview]`) beside inline tables
    3,000 deep: `tomllib` fails for Python's stack, and the file is found ours by reading
    its keys (`_Paths`), which stop at `NESTING` (mutant 165 read on, and Python's
    stack ran out there: "internal error: RecursionError")."""
    deep = "{a = " * 3000 + "1" + "}" * 3000
    (repo_at_root / "pyproject.toml").write_text(
        f'[tool]\nselfreview.policy = "mean"\nx = {deep}\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["config"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{repo_at_root / 'pyproject.toml'}:3:505: error: invalid TOML: lists or tables nested "
        "more than 100 deep, too deep to read\n"
    )
