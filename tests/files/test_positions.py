"""Every problem's place counts the line ends its reader counts (`positions.BREAKS`), so
that a file saved with CR line ends (an old Mac's) or CR LF (Windows') is placed line by
line, in YAML, JSON and JSON Lines alike (SPEC section 3: "names the file, line and column").

Each case writes a document whose problem is on its third line, with each of the line ends
an editor saves, and checks the one place every reader gives it: whatever finds the problem
(the parser, the checks of the text before it, the walk that places a value).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from selfreview_core.errors import Diagnostic, InvalidDocument
from selfreview_core.files import json_lines, line_reading
from selfreview_core.files.limits import Limits
from selfreview_core.files.positions import Tree, line_column, line_starts, spelled, within_text
from selfreview_core.files.source import Source, parse_text
from selfreview_core.jobs import spool
from selfreview_core.validation.files import validate_files

ENDS = {"LF": "\n", "CR LF": "\r\n", "CR": "\r"}

#: (name, the document's lines, the 1-based column of the problem on line 3, its message).
JSON_CASES = [
    ("unknown key", ['  "bogus": 1,'], 3, "unknown key `bogus`"),
    ("syntax", ['  "bogus" 1,'], 11, "invalid JSON: Expecting ':' delimiter"),
    ("NUL", ['  "bogus": "a\x00",'], 14, "this is a binary file"),
    ("not UTF-8", ['  "bogus": "a\udcff",'], 14, "not valid UTF-8 (byte 0xff)"),
    ("control character", ['  "bogus": "a\x07",'], 14, "control character U+0007"),
    ("duplicate key", ['  "kind": "assessment",'], 3, "duplicate key `kind`"),
    ("long number", ['  "bogus": 1' + "1" * 5000 + ","], 12, "a number 5,001 characters long"),
    ("too deep", ['  "bogus": [[[[[1]]]]],'], 15, "nested more than 4 levels deep"),
]
YAML_CASES = [
    ("unknown key", ["bogus: 1"], 1, "unknown key `bogus`"),
    ("syntax", ["bogus: @x"], 8, "invalid YAML: found character that cannot start"),
    ("NUL", ["bogus: a\x00"], 9, "this is a binary file"),
    ("not UTF-8", ["bogus: a\udcff"], 9, "not valid UTF-8 (byte 0xff)"),
    ("control character", ["bogus: a\x07"], 9, "invalid YAML: control characters"),
    ("duplicate key", ["kind: assessment"], 1, "duplicate key `kind`"),
    ("too deep", ["bogus: [[[[[1]]]]]"], 11, "nested more than 4 levels deep"),
]


def _bytes(text: str) -> bytes:
    """`text` in UTF-8, a `\\udcff` in it the byte 0xff (not UTF-8)."""
    return text.encode("utf-8", "surrogateescape")


def _json(problem: list[str], end: str) -> bytes:
    lines = ["{", '  "kind": "assessment",', *problem, '  "framework": "tiny@1"', "}"]
    return _bytes(end.join(lines) + end)


def _yaml(problem: list[str], end: str) -> bytes:
    return _bytes(end.join(["kind: assessment", "framework: tiny@1", *problem]) + end)


def _problems(path: Path) -> list[Diagnostic]:
    """What `selfreview validate` finds in `path` (a depth limit of 4, so that a short line
    is too deep), each problem with its place."""
    try:
        parse_text(path.read_bytes(), str(path), limits=Limits(max_depth=4))
    except InvalidDocument as error:
        return list(error.diagnostics)
    [result] = validate_files([path])
    return result.diagnostics


def _at(problems: list[Diagnostic], message: str) -> tuple[object, ...]:
    [found] = [d for d in problems if message in d.message]
    return found.file, found.line, found.column, found.path


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
@pytest.mark.parametrize(("name", "lines", "column", "message"), JSON_CASES, ids=lambda c: c)
def test_a_json_problem_is_on_its_line_whatever_ends_the_lines(
    tmp_path: Path, end: str, name: str, lines: list[str], column: int, message: str
) -> None:
    path = tmp_path / "school.json"
    path.write_bytes(_json(lines, end))
    file, line, at, _ = _at(_problems(path), message)
    assert (file, line, at) == (str(path), 3, column), name


@pytest.mark.parametrize("end", ENDS.values(), ids=ENDS.keys())
@pytest.mark.parametrize(("name", "lines", "column", "message"), YAML_CASES, ids=lambda c: c)
def test_a_yaml_problem_is_on_its_line_whatever_ends_the_lines(
    tmp_path: Path, end: str, name: str, lines: list[str], column: int, message: str
) -> None:
    path = tmp_path / "school.yaml"
    path.write_bytes(_yaml(lines, end))
    file, line, at, _ = _at(_problems(path), message)
    assert (file, line, at) == (str(path), 3, column), name


def test_a_json_value_after_a_cr_line_end_is_placed_with_its_path(tmp_path: Path) -> None:
    """The walk that places a value (a check's finding, pydantic's error) counts a CR too:
    the judgement's level is on line 4, at its path."""
    path = tmp_path / "school.json"
    text = '{\r "kind": "assessment",\r "framework": "x",\r "judgements": {"1a1": {"level": true}}}'
    path.write_text(text, encoding="utf-8")
    [result] = validate_files([path])
    found = [(d.line, d.column, d.path) for d in result.diagnostics]
    assert (4, 34, "judgements.1a1.level") in found


def test_a_control_character_in_a_json_string_after_cr_line_ends_names_its_path() -> None:
    """The path of the string a raw control character is in is found from the same places
    the error is at: after a CR line end, still the string's (`school.name`)."""
    text = '{\r"kind": "assessment",\r"school": {"id": "1",\r"name": "A\tB",\r"authority": "L"}}'
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, "school.json")
    [problem] = raised.value.diagnostics
    assert (problem.line, problem.column, problem.path) == (4, 11, "school.name")


def test_nel_ls_and_ps_in_a_json_string_are_characters_of_its_line(tmp_path: Path) -> None:
    """JSON has NEL, LS and PS only inside a string, where they are characters (editors
    show them within their line): an unknown key after them is on the same line, columns
    counting each as one. libyaml counts each as a line end, but a YAML file is placed as
    an editor shows it too: the key is on the line after the string's."""
    path = tmp_path / "school.json"
    path.write_text(
        '{"kind": "assessment", "framework": "a\x85b\u2028c\u2029d", "bogus": 1}', "utf-8"
    )
    [result] = validate_files([path])
    assert (1, 48) in [(d.line, d.column) for d in result.diagnostics if "bogus" in d.message]
    path = tmp_path / "school.yaml"
    path.write_text('kind: assessment\nframework: "a\x85b\u2028c\u2029d"\nbogus: 1\n', "utf-8")
    [result] = validate_files([path])
    assert (3, 1) in [(d.line, d.column) for d in result.diagnostics if "bogus" in d.message]


#: A JSON Lines line holding a CR alone, each problem after it: placed on the file's line
#: (only LF ends one), its column counted from the line's start.
LINE_CASES = [
    ('{"kind": "assessment",\r "bogus": 1}', 25, "unknown key `bogus`"),
    ('{"kind": "assessment",\r "bogus" 1}', 33, "invalid JSON: Expecting ':' delimiter"),
    ('{"kind": "assessment",\r "bogus": "\x00"}', 35, "this is a binary file"),
    ('{"kind": "assessment",\r "bogus": "\udcff"}', 35, "not valid UTF-8"),
    ('{"kind": "assessment",\r "bogus": 1' + "1" * 5000 + "}", 34, "a number 5,001 characters"),
    ('{"kind": "assessment",\r "kind": "x"}', 25, "duplicate key `kind`"),
]


@pytest.mark.parametrize("end", ["\n", "\r\n", ""], ids=["LF", "CR LF", "none"])
@pytest.mark.parametrize(("text", "column", "message"), LINE_CASES, ids=lambda c: str(c)[-12:])
def test_a_json_lines_problem_after_a_cr_alone_is_on_the_files_line(
    tmp_path: Path, end: str, text: str, column: int, message: str
) -> None:
    path = tmp_path / "schools.jsonl"
    path.write_bytes(_bytes(f'{{"kind": "x"}}\n{text}{end}'))
    results = validate_files([path])
    assert [r.line for r in results] == [1, 2]
    assert _at(results[1].diagnostics, message)[:3] == (str(path), 2, column)


def test_lines_read_by_workers_are_placed_as_lines_read_at_once(tmp_path: Path) -> None:
    """`--jobs` workers read their own lines (`line_reading.span_lines`): each given to its
    reader as `read_lines` gives it, a line with a CR alone marked (`line_reading.OneLine`)."""
    path = tmp_path / "schools.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a":\r 1}\r\n{"a": 1}\r\n{"a": 1}\r{"b": 2}')
    at_once = list(json_lines.read_lines(str(path)))
    stream = io.BytesIO(path.read_bytes())
    spans = list(spool.line_spans(stream, str(path), lambda left: 1))  # a span a line
    by_span = [line for span in spans for line in line_reading.span_lines(stream, span, 100)]
    assert by_span == at_once
    marked = [type(text) is line_reading.OneLine for _, text in at_once]
    assert marked == [False, True, False, True]


@pytest.mark.parametrize(
    ("line", "marked"),
    [
        (b"{}\n", False),
        (b"{}\r\n", False),
        (b"{}", False),
        (b"{}\r", True),
        (b"\r{}\n", True),
        (b"{}\r\r\n", True),
        (b"{}\n\r", True),
        (b"\r\n", False),
        (b"\r", True),
    ],
)
def test_only_a_line_with_a_cr_alone_is_marked(line: bytes, marked: bool) -> None:
    given = line_reading.one_line(line)
    assert given == line
    assert (type(given) is line_reading.OneLine) is marked
    assert given is line or marked


@pytest.mark.parametrize(
    ("breaks", "starts"),
    [
        ("libyaml", [0, 2, 5, 7, 9, 11, 13]),
        ("yaml", [0, 2, 5, 7]),
        ("json", [0, 2, 5, 7]),
        ("line", [0, 5, 7]),
    ],
)
def test_each_reader_ends_lines_where_its_syntax_does(breaks: str, starts: list[int]) -> None:
    text = "a\rb\r\nc\nd\x85e\u2028f\u2029g\x0bh"
    assert line_starts(text, breaks) == starts  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("index", "place"),
    [(0, (1, 1)), (1, (1, 2)), (2, (2, 1)), (3, (2, 2)), (4, (2, 3)), (5, (3, 1)), (6, (3, 2))],
)
def test_the_lf_of_a_cr_lf_is_on_the_crs_line(index: int, place: tuple[int, int]) -> None:
    assert line_column("a\rb\r\nc\n", index, "json") == place


@pytest.mark.parametrize(
    ("file", "text", "place"),
    [
        ("school.yaml", "kind: x\rname: a\x85b: \ud800", (2, 12)),
        ("school.json", '{"kind": "x",\r"name":\r"a\x85b\ud800"}', (3, 5)),
        ("school", '{"kind": "x",\r"name":\r"a\x85b\ud800"}', (3, 5)),  # read as JSON
    ],
)
def test_a_lone_surrogate_in_text_given_as_a_string_is_on_its_line(
    file: str, text: str, place: tuple[int, int]
) -> None:
    """Text given to the library as `str` may hold a lone surrogate, found before it is
    parsed: placed as an editor counts lines (a NEL a character of its line)."""
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text, file)
    [problem] = raised.value.diagnostics
    assert (problem.line, problem.column) == place
    assert problem.message == "not valid Unicode text (a lone surrogate, U+D800)"


def test_a_source_made_by_hand_counts_its_syntaxs_line_ends() -> None:
    """Only the reader of a JSON Lines line marks its source (`one_line`)."""
    assert Source("school.json", {}, "json", "", Tree({})).breaks == "json"
    assert Source("school.yaml", {}, "yaml", "", Tree({})).breaks == "yaml"
    line = line_reading.one_line(b'{"kind":\r "x"}\n')
    assert parse_text(line, "schools.jsonl").breaks == "line"
    assert parse_text(bytes(line), "schools.jsonl").breaks == "json"


_YAML_CUT_SHORT = [
    # (a YAML text cut short; its problem's place; what it says after "invalid YAML: ")
    (
        "kind: assessment\nx: [1, ",
        (2, 8),
        "did not find expected node content (while parsing a flow node started at line 2, "
        "column 8)",
    ),
    (
        "kind: assessment\nx: {a: 1",
        (2, 9),
        "did not find expected ',' or '}' (while parsing a flow mapping started at line 2, "
        "column 4)",
    ),
    (
        'kind: assessment\nx: "abc',
        (2, 8),
        "found unexpected end of stream (while scanning a quoted scalar started at line 2, "
        "column 4)",
    ),
]


@pytest.mark.parametrize("end", ["", "\n", "\r\n", "\r"])
@pytest.mark.parametrize(("text", "place", "said"), _YAML_CUT_SHORT)
def test_a_yaml_text_cut_short_is_placed_on_its_last_line(
    text: str, place: tuple[int, int], said: str, end: str
) -> None:
    """libyaml's mark at the end of a text cut short stands after its final line end, on a
    line the text does not have (line 3 of these two-line texts, and so the place a flow started
    there): it is placed after the last character instead, whatever line end follows."""
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text.replace("\n", end or "\n") + end, "t.yaml")
    [problem] = raised.value.diagnostics
    assert (problem.line, problem.column, problem.message) == (*place, f"invalid YAML: {said}")


@pytest.mark.parametrize("end", ["\x85", "\u2028", "\u2029"])
@pytest.mark.parametrize(("text", "place", "said"), _YAML_CUT_SHORT)
def test_a_yaml_text_cut_short_after_a_break_only_yaml_sees_is_placed_on_it(
    text: str, place: tuple[int, int], said: str, end: str
) -> None:
    """Lines ended by NEL, LS or PS: one line to an editor, so every place is on line 1,
    past the first line's 16 characters and its break; the end's on the final break (the
    place libyaml gives stands past it), and the hint names the break before it."""
    with pytest.raises(InvalidDocument) as raised:
        parse_text(text.replace("\n", end) + end, "t.yaml")
    [problem] = raised.value.diagnostics
    assert (problem.line, problem.column) == (1, 17 + place[1])
    started = re.sub(r"line 2, column (\d+)", lambda m: f"line 1, column {17 + int(m[1])}", said)
    assert problem.message == f"invalid YAML: {started}"
    assert problem.hint is not None
    assert problem.hint.startswith(f"line 1, column {17 + place[1]} holds U+")


def test_a_place_within_the_text_stands_and_one_past_it_is_its_end() -> None:
    """`within_text`: blank lines at the end are lines of the text; only the line after the
    final line end is not."""
    text = "a: 1\n\n  \n"
    assert within_text(text, (3, 3), "yaml") == (3, 3)
    assert within_text(text, (4, 1), "yaml") == (3, 3)
    assert within_text(text, (3, 4), "yaml") == (3, 3)
    assert within_text("a: 1", (2, 1), "json") == (1, 5)
    assert within_text("a\r\n", (2, 1), "json") == (1, 2)
    assert within_text("a\r\n", (1, 2), "line") == (1, 2)
    assert within_text("a\r\n", (2, 1), "line") == (1, 3)  # a CR is a character of a line
    assert within_text("\n", (2, 1), "json") == (1, 1)  # a text of a line end alone


@pytest.mark.parametrize("first", ["values", "keys", "written"])
def test_a_lazy_trees_places_are_found_whichever_table_is_read_first(first: str) -> None:
    """A reader that finds places lazily (a valid file never pays for them) fills all three
    tables on the first read of any of them: a message that asks for a key's place, or a key's
    spelling, before any value's must not find an empty table."""
    calls: list[Tree] = []

    def locate(tree: Tree) -> None:
        calls.append(tree)
        tree.values[("a",)] = (0, 3)
        tree.keys[("a",)] = (0, 0)
        tree.written[("a",)] = spelled(1, "0o1")

    tree = Tree({"a": 1}, locate=locate)
    table = getattr(tree, first)
    assert table  # filled on this first read
    assert (tree.values, tree.keys) == ({("a",): (0, 3)}, {("a",): (0, 0)})
    assert tree.written[("a",)].spelling == "0o1"
    assert calls == [tree]  # located once, whichever came first


def test_a_tree_shows_its_data() -> None:
    """`repr` of a tree (in a debugger, a failing test's message) shows the data it holds."""
    assert repr(Tree({"a": [1]})) == "Tree({'a': [1]})"
