"""The `[tool.selfreview]` and `[tool]` headers are found alike whether or not a text holds a
byte-order mark (`config_places._pattern`): a text with none is searched by the pattern
without the mark (cheap to compile, round 74), which must find exactly what the pattern
with it finds there; a text with one, by the pattern that allows it between the words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import config_places

_BLANK = "[ \t\ufeff]"
TABLE = re.compile(rf"(?m)^{_BLANK}*\[{_BLANK}*tool{_BLANK}*\.{_BLANK}*selfreview{_BLANK}*\]")
TOOL = re.compile(
    rf"""(?m)^{_BLANK}*\[{_BLANK}*(?:tool|"tool"|'tool'){_BLANK}*\]{_BLANK}*(?:#.*)?$"""
)
_PIECES = ["[", "]", "tool", ".", "selfreview", " ", "\t", "\ufeff", "\n", "# x", '"tool"', "x"]


@settings(max_examples=scaled(500), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_a_header_is_found_as_the_pattern_allowing_marks_finds_it(text: str) -> None:
    assert config_places.settings_header(text) == (TABLE.search(text) is not None)
    found, expected = config_places.tool_header(text), TOOL.search(text)
    assert (found and found.span()) == (expected and expected.span())


def test_marks_between_the_words_are_blanks_and_without_them_spaces_still_are() -> None:
    assert config_places.settings_header("[ tool .\tselfreview ]\n")
    assert config_places.settings_header("\ufeff[tool.\ufeffselfreview\ufeff]\n")
    assert not config_places.settings_header("[tool.selfreviews]\n")
    assert config_places.tool_header("[\ufefftool] # x\nselfreview = 1\n") is not None
    assert config_places.tool_header("[tools]\n") is None


def test_the_settings_key_a_mark_made_another_is_placed_at_the_first_mark() -> None:
    """`config` found the settings looking past marks, and TOML read none (`marked_key`):
    the mark is placed, in `tomllib`'s words for `config._not_toml`; with none (the file
    changed between the search and the reading) the start is named, not line 0."""
    text = '[project]\nname = "x"\n["tool\ufeff".selfreview]\n'
    assert config_places.marked_key(text) == "a byte-order mark in a key (at line 3, column 7)"
    assert config_places.marked_key("[tool]\n") == (
        "no `tool.selfreview` table: the file changed as it was read (at line 1, column 1)"
    )
