"""JSON's places are found as every reader's are (round 78): `json_text.scan_positions`
calls `positions.place`, where it had its own copy of the same bisect. These show the
places did not move: each value and key of a generated framework stands, in the text as an
editor splits it into lines (LF, CR LF or a CR alone; NEL, LS and PS within their line),
at the line and column its reader gives, whatever ends the lines."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.files.json_text import parse_json, scan_positions
from selfreview_core.files.positions import Key, Tree, line_column, line_starts, place
from selfreview_core.testing.strategies import frameworks

#: How an editor ends a line in a JSON file: independent of `positions.BREAKS`.
_EDITOR = re.compile("\r\n|\r|\n")


def _editor_places(text: str) -> list[tuple[int, int]]:
    """0-based line and column of each character of `text` as an editor counts, from the
    lines it shows: a line end's characters (both of a CR LF) are on the line they end."""
    places: list[tuple[int, int]] = []
    line, start = 0, 0
    for found in _EDITOR.finditer(text):
        places += ((line, index - start) for index in range(start, found.end()))
        line, start = line + 1, found.end()
    return places + [(line, index - start) for index in range(start, len(text))]


def _at(data: Any, path: Key) -> Any:
    for part in path:
        data = data[part]
    return data


def _written(value: Any, ascii_only: bool) -> str:
    """How `json.dumps` begins a value: a container by its bracket, anything else whole."""
    if isinstance(value, dict | list):
        return "{" if isinstance(value, dict) else "["
    return json.dumps(value, ensure_ascii=ascii_only)


@st.composite
def _framework_texts(draw: st.DrawFn) -> tuple[str, bool]:
    """A framework (of either scale direction) as JSON: indented or not, compact or not,
    ASCII or not, NEL, LS or PS in some of its texts, its lines ended by LF, CR LF or a CR
    alone, mixed."""
    document = {"kind": "framework", **draw(frameworks()).model_dump(mode="json")}
    if draw(st.booleans()):
        document["title"] += draw(st.sampled_from(["\x85", "\u2028", "\u2029", " \x85 x"]))
    ascii_only = draw(st.booleans())
    indent = draw(st.sampled_from([None, 0, 1, 2]))
    separators = draw(st.sampled_from([None, (",", ":")]))  # compact: `,"b":1`
    text = json.dumps(document, indent=indent, separators=separators, ensure_ascii=ascii_only)
    lines = text.split("\n")
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines) - 1))
    text = lines[0] + "".join(end + line for end, line in zip(ends, lines[1:], strict=False))
    return text, ascii_only


@given(_framework_texts())
def test_every_value_and_key_stands_where_an_editor_shows_it(drawn: tuple[str, bool]) -> None:
    text, ascii_only = drawn
    tree = Tree(json.loads(text))
    assert scan_positions(text, "f.json", tree) == []
    shown = _EDITOR.split(text)
    for path, (line, column) in tree.values.items():
        value = _at(tree.data, path)
        assert shown[line][column:].startswith(_written(value, ascii_only)), path
    for path, (line, column) in tree.keys.items():
        assert shown[line][column:].startswith(json.dumps(path[-1], ensure_ascii=ascii_only))
    # the lazy tree of `parse_json` finds the same places
    lazy, problems = parse_json(text, "f.json")
    assert problems == []
    assert lazy.values == tree.values
    assert lazy.keys == tree.keys


@given(_framework_texts())
def test_for_every_offset_the_reader_and_an_editor_agree(drawn: tuple[str, bool]) -> None:
    """Every character of the text, placed by `positions.place` from the JSON reader's
    line starts (as `scan_positions` does) and by `line_column`: where an editor shows it."""
    text, _ = drawn
    starts = line_starts(text, "json")
    for index, shown in enumerate(_editor_places(text)):
        assert place(starts, index) == shown, index
    for index in range(0, len(text), 97):  # the same places one by one
        line, column = place(starts, index)
        assert line_column(text, index, "json") == (line + 1, column + 1)


def test_a_duplicate_key_after_cr_and_cr_lf_line_ends_is_on_its_editors_line() -> None:
    text = '{"kind": "x",\r"a": 1,\r\n "b": {"c": 2,\r\n\r  "c": 3}}'
    tree = Tree(json.loads(text))
    [problem] = scan_positions(text, "f.json", tree)
    assert (problem.line, problem.column, problem.path) == (5, 3, "b")
    assert tree.keys[("b", "c")] == (2, 7)  # 0-based: its first
    assert tree.values[("b",)] == (2, 6)
