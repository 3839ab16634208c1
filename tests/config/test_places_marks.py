"""The `[tool.selfreview]` and `[tool]` headers are found whether or not a `pyproject.toml`
holds byte-order marks: `config` looks past them (round 75), the headers' patterns allow
only spaces and tabs (cheap to compile, round 74), and TOML then refuses a mark at its
place. Found after the marks are taken out, a header is found where the pattern allowing a
mark as a blank finds it (and where a mark sat inside a word too: `[to\ufeffol]`)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.config import places as config_places
from selfreview_core.config import settings as config

_BLANK = "[ \t\ufeff]"
TABLE = re.compile(rf"(?m)^{_BLANK}*\[{_BLANK}*tool{_BLANK}*\.{_BLANK}*selfreview{_BLANK}*\]")
TOOL = re.compile(
    rf"""(?m)^{_BLANK}*\[{_BLANK}*(?:tool|"tool"|'tool'){_BLANK}*\]{_BLANK}*(?:#.*)?$"""
)
_PIECES = ["[", "]", "tool", ".", "selfreview", " ", "\t", "\ufeff", "\n", "# x", '"tool"', "x"]


@settings(max_examples=scaled(500), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_a_header_the_pattern_allowing_marks_finds_is_found_past_the_marks(text: str) -> None:
    unmarked = text.replace("\ufeff", "")
    if TABLE.search(text) is not None:
        assert config_places.settings_header(unmarked)
    if TOOL.search(text) is not None:
        assert config_places.tool_header(unmarked) is not None
    if "\ufeff" not in text:  # no mark: exactly what the pattern allowing one finds
        assert config_places.settings_header(text) == (TABLE.search(text) is not None)
        found, expected = config_places.tool_header(text), TOOL.search(text)
        assert (found and found.span()) == (expected and expected.span())


def test_spaces_and_tabs_are_blanks_a_mark_is_not() -> None:
    assert config_places.settings_header("[ tool .\tselfreview ]\n")
    assert not config_places.settings_header("[tool.\ufeffselfreview]\n")
    assert not config_places.settings_header("[tool.selfreviews]\n")
    assert config_places.tool_header("[ tool ] # x\nselfreview = 1\n") is not None
    assert config_places.tool_header("[tools]\n") is None


def test_a_pyproject_with_marks_between_the_words_is_ours_to_read(tmp_path: Path) -> None:
    """`config` looks for the table past the marks, so the file is read (and TOML places the
    mark), not passed by as another tool's with the defaults applied."""
    for n, text in enumerate(
        ["\ufeff[tool.\ufeffselfreview\ufeff]\n", "[\ufefftool] # x\nselfreview.policy = 1\n"]
    ):
        path = tmp_path / f"pyproject-{n}.toml"
        path.write_text(text, encoding="utf-8")
        assert config._has_table(path), text


def test_the_settings_key_a_mark_made_another_is_placed_at_the_first_mark() -> None:
    """`config` found the settings looking past marks, and TOML read none (`marked_key`):
    the mark is placed, in `tomllib`'s words for `config._not_toml`; with none (the file
    changed between the search and the reading) the start is named, not line 0."""
    text = '[project]\nname = "x"\n["tool\ufeff".selfreview]\n'
    assert config_places.marked_key(text) == "a byte-order mark in a key (at line 3, column 7)"
    assert config_places.marked_key("[tool]\n") == (
        "no `tool.selfreview` table: the file changed as it was read (at line 1, column 1)"
    )
