"""`config_places` on what round 70's mutation pass found no test holding: a whole number
too long for Python is counted in digits, its underscores aside, as Python counts them, so
that a readable number of 4,300 digits written `1_1_..._1` earlier in the file is not the
one named (`long_number_place`; mutant 142, the underscores counted twice). And a
`[tool.selfreview]` on a line of another tool's multi-line string in double quotes is no
table of ours, as one in single quotes is (`_strings`; mutant 38 looked for the strings
only where the text held both kinds)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from selfreview_core.config import find_config, passed_by, read_config
from selfreview_core.config_places import long_number_place
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
