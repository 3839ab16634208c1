"""What a person is told of JSON the parser refuses. Python's own words for two mistakes end in
"at" (`Invalid control character at`, `Unterminated string starting at`), waiting for a place
its `str` adds; before round 42 they were printed so, cut off mid-sentence, and a raw control
character (a tab pasted into a name) had no document path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from selfreview_core.cli import cli
from selfreview_core.files.json_text import parse_json, scan_positions
from selfreview_core.files.positions import Key, Tree, format_key

_REVIEW = (
    '{"kind": "assessment", "framework": "becta-srf",\n'
    ' "school": {"id": "S-1", "name": "NAME"},\n'
    ' "assessed_on": "2026-01-01", "judgements": {"1a1": 3}}'
)


@pytest.mark.parametrize(
    ("character", "escape"), [("\t", "\\u0009"), ("\x01", "\\u0001"), ("\x1b", "\\u001b")]
)
def test_a_raw_control_character_is_named_with_its_escape_and_placed(
    character: str, escape: str
) -> None:
    text = _REVIEW.replace("NAME", f"Our{character}School")
    _, [problem] = parse_json(text, "r.json")
    code = f"U+{ord(character):04X}"
    assert problem.message == (
        f"invalid JSON: control character {code} inside a string (write it as {escape})"
    )
    column = text.split("\n")[1].index(character) + 1
    assert (problem.line, problem.column, problem.path, problem.code) == (
        2,
        column,
        "school.name",
        "json",
    )


def test_a_control_character_in_a_key_is_placed_at_that_key() -> None:
    _, [problem] = parse_json(_REVIEW.replace('"1a1"', '"1a\x02"'), "r.json")
    assert problem.path == 'judgements["1a\x02"]'  # shown escaped when printed
    assert (problem.line, problem.column) == (3, 49)


def test_a_control_character_in_a_list_is_placed_at_its_item() -> None:
    _, [problem] = parse_json('{"a": ["x", "y\x7f", "z\x1f"]}', "r.json")
    assert (problem.path, problem.column) == ("a[2]", 21)  # DEL is no control character to JSON


def test_a_control_character_in_a_text_with_another_mistake_has_no_path() -> None:
    """With more wrong than control characters there is no parse to place it by."""
    _, [problem] = parse_json('{"a": "x\x01", "b": [1,]}', "r.json")
    assert problem.message.startswith("invalid JSON: control character U+0001")
    assert (problem.line, problem.column, problem.path) == (1, 9, "")


def test_a_lone_string_with_a_control_character_is_placed_at_the_top() -> None:
    _, [problem] = parse_json('"\x01"', "r.json")
    assert (problem.line, problem.column, problem.path) == (1, 2, "")


def test_an_unclosed_string_says_so_where_it_starts() -> None:
    _, [problem] = parse_json('{"kind": "assessment", "school": {"id": "ab', "r.json")
    assert problem.message == "invalid JSON: a string starts here and is never closed"
    assert (problem.line, problem.column, problem.path) == (1, 41, "")


def test_other_syntax_errors_keep_the_parsers_words() -> None:
    _, [problem] = parse_json('{"a": 1,}', "r.json")
    assert problem.message == "invalid JSON: Illegal trailing comma before end of object" or (
        problem.message == "invalid JSON: Expecting property name enclosed in double quotes"
    )
    assert problem.path == ""


def test_validate_and_report_place_a_tab_in_a_json_lines_school(tmp_path: Path) -> None:
    """A batch of JSON Lines: the bad line is skipped with its place, the others reported."""
    good = _REVIEW.replace("\n", "")
    lines = tmp_path / "schools.jsonl"
    bad = good.replace("NAME", "Tab\there")
    lines.write_text(good + "\n" + bad + "\n", encoding="utf-8")
    column = bad.index("\t") + 1
    result = CliRunner().invoke(cli, ["validate", str(lines)])
    assert result.exit_code == 1
    assert (
        f"{lines}:2:{column}: error: school.name: invalid JSON: control character U+0009 inside "
        "a string (write it as \\u0009)\n"
    ) in result.output
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["report", str(lines), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    assert f"{lines}:2:{column}: error: school.name: invalid JSON: control" in result.output
    [report] = out.read_text(encoding="utf-8").splitlines()  # one report a line
    assert json.loads(report)["assessment"]["school"]["name"] == "NAME"


_TREES = st.recursive(
    st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(_TREES, st.data())
def test_the_path_given_is_that_of_the_string_holding_the_control_character(
    data: object, draw: st.DataObject
) -> None:
    """Any document: a raw control character put at any place in any string (between two of
    its characters or escapes) is placed at that string's path; in a key, at the path of
    the key as it now is (with the character in it)."""
    text = json.dumps(data, ensure_ascii=False)  # one line: a column is an index + 1
    strings = _strings(text)
    if not strings:
        return
    path, is_key, opening, places = draw.draw(st.sampled_from(strings))
    at = draw.draw(st.sampled_from(places))
    bad = text[:at] + "\x01" + text[at:]
    if is_key:
        path = (*path[:-1], json.loads(bad[opening : places[-1] + 2], strict=False))
    _, [problem] = parse_json(bad, "r.json")
    assert (problem.line, problem.column, problem.path) == (1, at + 1, format_key(path))


def _strings(text: str) -> list[tuple[Key, bool, int, list[int]]]:
    """Each string of one-line JSON `text`: its path (a key's: its value's), whether it is a
    key, its opening quote and the places a character could be put in it without breaking
    an escape (the last: its closing quote)."""
    tree = Tree(None)
    scan_positions(text, "", tree)
    found = []
    for is_key, places in ((False, tree.values), (True, tree.keys)):
        for path, (_, column) in places.items():
            if text[column] != '"':
                continue
            i, between = column + 1, [column + 1]
            while text[i] != '"':
                i += 6 if text[i : i + 2] == "\\u" else 2 if text[i] == "\\" else 1
                between.append(i)
            found.append((path, is_key, column, between))
    return found


def test_a_second_byte_order_mark_is_named_not_told_how_to_decode(tmp_path: Path) -> None:
    """A file's first mark is dropped; one more (two files' marks, joined) was "Unexpected
    UTF-8 BOM (decode using utf-8-sig)": a Python programmer's advice. The file is named at
    its line and column, and the files after it are still checked."""
    twice = tmp_path / "twice.json"
    twice.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + _REVIEW.encode("utf-8"))
    good = tmp_path / "framework.json"
    good.write_bytes(
        b"\xef\xbb\xbf" + (Path(__file__).parents[1] / "data/good/tiny-framework.json").read_bytes()
    )
    result = CliRunner().invoke(cli, ["validate", str(twice), str(good)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{twice}:1:1: error: invalid JSON: a byte order mark (U+FEFF) where the document "
        "begins (a file may have one, once)"
    )
    assert f'{good}: ok: framework tiny-json@1 "Tiny framework, as JSON"' in result.stdout
    assert "utf-8-sig" not in result.output
    assert "2 files checked: 1 valid, 1 invalid (1 error)" in result.output
