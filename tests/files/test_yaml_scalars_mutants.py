"""Behaviours of `files.yaml_scalars` that a mutation pass (round 44) found no test pinned:
a plain whole number is read up to 500 characters, sign and `0x`/`0o` included, and one
character more is the documented `number` error at the number's place, in every form a
whole number takes (docs/framework-format.md: "over 500 characters in YAML"); `.nan` is a
number, so that a title or id written so is told to be quoted, not taken for nothing."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from selfreview_core import load
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.files.yaml_scalars import resolve_plain

TINY = Path(__file__).resolve().parents[1] / "data" / "good" / "tiny-framework.yaml"
#: The documented limit, written out (not the module's constant, which is what is tested).
LONGEST = 500


@pytest.mark.parametrize(
    ("prefix", "digit", "base"),
    [("", "9", 10), ("+", "9", 10), ("-", "9", 10), ("0x", "f", 16), ("0o", "7", 8)],
)
def test_a_plain_whole_number_is_read_up_to_500_characters_and_refused_past_them(
    prefix: str, digit: str, base: int
) -> None:
    longest = prefix + digit * (LONGEST - len(prefix))
    expected = int(longest.removeprefix("0x").removeprefix("0o"), base)
    assert resolve_plain(longest) == expected
    assert parse_text(f"a: {longest}\n".encode(), "t.yaml").data == {"a": expected}
    for too_long in (longest + digit, prefix + digit * 5000):
        with pytest.raises(InvalidDocument) as refused:
            parse_text(f"a: {too_long}\n".encode(), "t.yaml")
        [problem] = refused.value.diagnostics
        assert (problem.line, problem.column, problem.code) == (1, 4, "number")
        assert problem.message == f"a number {len(too_long):,} characters long is too long"
        assert problem.hint == "write it in at most 500 characters (sign and digits)"


@pytest.mark.parametrize("spelling", [".nan", ".NaN", ".NAN"])
def test_nan_is_read_as_a_number_and_a_title_written_so_is_told_to_be_quoted(
    spelling: str,
) -> None:
    assert math.isnan(resolve_plain(spelling))
    text = TINY.read_text(encoding="utf-8").replace("title: First strand", f"title: {spelling}")
    with pytest.raises(InvalidDocument) as refused:
        load(TINY, text=text.encode())
    [problem] = refused.value.diagnostics
    assert (problem.line, problem.column) == (15, 20)
    assert problem.path == "elements[0].aspects[0].strands[0].title"
    # `nan` before round 46, `.nan` for every spelling before round 47
    assert problem.message == f"expected text, got the number {spelling}"
    assert problem.hint == f'write it in quotes: "{spelling}"'
