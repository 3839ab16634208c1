"""`files.source`: behaviour the project's mutation pass (round 34) found no test pinning
down. What a file is read as, and why one is refused, as `validate` says it."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from program import selfreview_here
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.limits import Limits
from selfreview_core.files.source import Source, parse_text, read_bytes, read_source, unreadable
from test_pydantic_errors_mutants import _FRAMEWORK as _TINY_FRAMEWORK
from test_pydantic_errors_mutants import TINY_ASSESSMENT as _TINY


@pytest.mark.parametrize("name", ["school.json", "SCHOOL.JSON", "schools.jsonl"])
def test_a_json_name_holding_yaml_is_refused_as_json_not_read_as_yaml(
    tmp_path: Path, name: str
) -> None:
    """The name says JSON, so the text is JSON or nothing: YAML in it is an error at its
    first character, never a document read another way."""
    path = tmp_path / name
    path.write_text("kind: assessment\nframework: becta-srf\n", encoding="utf-8")
    with pytest.raises(InvalidDocument, match="invalid JSON") as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (str(path), 1, 1)


def test_a_file_named_neither_way_is_read_by_its_first_character(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(' \n {"kind": "x"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("kind: x\n", encoding="utf-8")
    assert read_source(tmp_path / "a.txt").syntax == "json"
    assert read_source(tmp_path / "b.txt").syntax == "yaml"


@pytest.mark.parametrize("text", ["# only a note\n", "# a note\n\n  # another\n"])
def test_yaml_of_nothing_but_comments_is_refused_as_empty(tmp_path: Path, text: str) -> None:
    path = tmp_path / "school.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    assert problem.message == "the file holds no document, only comments"
    assert (problem.line, problem.column, problem.code) == (1, 1, "empty")


def test_a_system_error_that_says_folder_is_reported_as_a_folder(tmp_path: Path) -> None:
    """Where the system refuses to read a folder (EISDIR), the user is told it is a folder,
    as when a folder is given for a file, not shown the system's words."""
    problem = unreadable(str(tmp_path), IsADirectoryError(errno.EISDIR, "Is a directory"))
    [diagnostic] = problem.diagnostics
    assert (diagnostic.message, diagnostic.code) == ("is a directory, not a file", "unreadable")


def test_text_given_as_a_string_is_held_to_the_size_limit_as_a_file_is() -> None:
    """`parse_text` given text already read (a program's, `load_assessment(text=...)`) is
    refused over the limit, before it is parsed, as the same text in a file would be."""
    text = "kind: assessment\nid: x\n"  # 23 characters
    for given in (text, text.encode("utf-8")):
        with pytest.raises(InvalidDocument) as raised:
            parse_text(given, "given.yaml", limits=Limits(max_bytes=22))
        [problem] = raised.value.diagnostics
        assert problem.message == "the file is 23 bytes; the limit is 22"
        assert problem.code == "too-large"
    assert parse_text(text, "given.yaml", limits=Limits(max_bytes=23)).data["kind"] == "assessment"


def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "school.yaml"
    path.write_bytes(b"kind: assessment\n")  # 17 bytes
    assert read_bytes(str(path), Limits(max_bytes=17)) == b"kind: assessment\n"
    with pytest.raises(InvalidDocument, match="the file is 17 bytes; the limit is 16"):
        read_bytes(str(path), Limits(max_bytes=16))


def test_a_missing_value_is_located_at_its_nearest_ancestor(tmp_path: Path) -> None:
    """A problem with a key the file lacks is shown where its nearest enclosing value is,
    not further out."""
    path = tmp_path / "school.yaml"
    path.write_text("kind: assessment\nschool:\n  id: '100001'\n", encoding="utf-8")
    source = read_source(path)
    assert source.locate(("school", "id")) == (3, 7)
    assert source.locate(("school", "name")) == source.locate(("school",)) == (3, 3)
    assert source.locate(("school", "id", "more")) == (3, 7)


# -- round 35: the rest of files/source.py's mutants ----------------------------------------


def refusal(path: Path, raw: bytes) -> tuple[str, int | None, int | None, str | None]:
    """The one problem `read_source` reports for a file `path` holding `raw`: its message,
    line, column and code."""
    path.write_bytes(raw)
    with pytest.raises(InvalidDocument) as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    return problem.message, problem.line, problem.column, problem.code


@pytest.mark.parametrize("name", ["school.yaml", "school.YML"])
def test_a_yaml_name_beginning_with_a_brace_is_read_as_yaml_not_json(
    tmp_path: Path, name: str
) -> None:
    """YAML's flow style (`{kind: assessment}`) begins as JSON does; the name says YAML, so
    it is read as YAML, never refused as broken JSON."""
    path = tmp_path / name
    path.write_text("{kind: assessment, tags: [a, b]}\n", encoding="utf-8")
    source = read_source(path)
    assert source.syntax == "yaml"
    assert source.data == {"kind": "assessment", "tags": ["a", "b"]}


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"kind: \xff\n", (1, 7)),  # no byte order mark: the first line counts from its start
        (b"\xef\xbb\xbfkind: \xff\n", (1, 7)),  # a byte order mark is no column
        (b"\xef\xbb\xbfkind: x\nid: \xff\n", (2, 5)),  # nor is it on the second line
        (b"kind: x\nid: \xff\n", (2, 5)),
    ],
)
def test_a_byte_that_is_not_utf_8_is_located_where_an_editor_shows_it(
    tmp_path: Path, raw: bytes, where: tuple[int, int]
) -> None:
    message = "not valid UTF-8 (byte 0xff)"
    assert refusal(tmp_path / "school.yaml", raw) == (message, *where, "encoding")


def test_a_file_whose_first_byte_is_nul_is_refused_as_binary(tmp_path: Path) -> None:
    """A NUL anywhere, the very first byte included, marks a binary file (a database, an
    image; UTF-16 text without its mark is told as such: test_utf16_guess): refused at that
    byte, never parsed."""
    message = "this is a binary file, not YAML or JSON text"
    assert refusal(tmp_path / "school.yaml", b"\x00\x00\x00kind") == (message, 1, 1, "binary")


@pytest.mark.parametrize(("name", "text"), [("school.yaml", "~\n"), ("school.json", "null")])
def test_a_file_holding_only_null_is_a_single_value_not_an_empty_file(
    tmp_path: Path, name: str, text: str
) -> None:
    """`null` is a document (a single value): the user is told a mapping was expected, not
    that the file holds only comments."""
    message = "expected a mapping with a `kind` key, found a single value"
    assert refusal(tmp_path / name, text.encode("utf-8")) == (message, 1, 1, "not-a-mapping")


def test_a_source_without_positions_locates_nothing_and_says_so() -> None:
    """A `Source` a program builds from data it holds (no text, so no positions): a
    problem in it is reported with no line or column, never looked for without end."""
    from selfreview_core.files.positions import Tree
    from selfreview_core.files.source import Source

    data = {"kind": "assessment", "school": {"id": "x"}}
    source = Source("given", data, "yaml", "", Tree(data))
    assert source.locate(("school", "name")) is None
    problem = source.diagnostic(("school", "name"), "missing", code="missing", key=True)
    assert (problem.file, problem.line, problem.column) == ("given", None, None)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_a_file_that_fails_once_opened_is_unreadable_and_left_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system fails on a file just opened (a disk error, a network share gone): the
    user is told it cannot be read, in words, and the file is not left open."""
    import os

    path = tmp_path / "school.yaml"
    path.write_text("kind: assessment\n", encoding="utf-8")
    before = len(os.listdir("/proc/self/fd"))

    def failing(descriptor: int) -> os.stat_result:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("selfreview_core.files.source.os.fstat", failing)
    with pytest.raises(InvalidDocument) as raised:
        read_bytes(str(path))
    monkeypatch.undo()
    [problem] = raised.value.diagnostics
    assert (problem.message, problem.code) == ("cannot read: Input/output error", "unreadable")
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_json_key_named_like_a_yaml_merge_key_is_not_said_to_be_one(tmp_path: Path) -> None:
    """JSON has no merge keys: `"<<"` among a JSON review's judgements is only a key that
    is not a strand, said without YAML's hint (which the same key in YAML gets)."""
    review = {
        "kind": "assessment",
        "framework": "becta-srf@2010",
        "school": {"id": "100000", "name": "A School"},
        "assessed_on": "2026-10-01",
        "judgements": {"<<": 3},
    }
    (tmp_path / "a.json").write_text(json.dumps(review), encoding="utf-8")
    result = selfreview_here(["validate", "a.json"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[0] == (
        'a.json:1:147: error: judgements["<<"]: `<<` is not a strand of becta-srf@2010'
    )
    assert "merge keys" not in result.stdout.decode() + result.stderr.decode()


# Round 53's pass (seed 54) over `files/source.py`: each test below pins a behaviour that
# only tests far from the module (the command line's) pinned, or none.


def test_a_source_places_values_counting_the_line_ends_its_reader_counted(tmp_path: Path) -> None:
    """`Source.breaks`: a YAML file's are YAML's, a JSON file's JSON's, and a line of a
    JSON Lines file holding a CR alone counts only LF (the line's number is the file's)."""
    from selfreview_core.files.line_reading import OneLine

    (tmp_path / "a.yaml").write_text("kind: x\n", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"kind": "x"}', encoding="utf-8")
    assert read_source(tmp_path / "a.yaml").breaks == "yaml"
    assert read_source(tmp_path / "a.json").breaks == "json"
    line = parse_text(OneLine(b'{"kind": "x",\r"a": 1}\n'), "s.jsonl")
    assert (line.breaks, line.one_line) == ("line", True)
    plain = parse_text(b'{"kind": "x"}\n', "s.jsonl")
    assert (plain.breaks, plain.one_line) == ("json", False)
    made = read_source(tmp_path / "a.yaml")  # made by another reader: a file's, unless said
    assert Source(made.file, made.data, made.syntax, made.text, made.tree).breaks == "yaml"


@pytest.mark.parametrize(
    ("start", "encoding"),
    [
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
    ],
)
def test_a_file_saved_as_utf_16_or_32_is_said_to_be_so(
    tmp_path: Path, start: bytes, encoding: str
) -> None:
    """Its byte order mark tells it (not "a binary file", which its NULs would say)."""
    path = tmp_path / "a.yaml"
    path.write_bytes(start + "kind: x\n".encode("utf-16-le"))
    with pytest.raises(InvalidDocument) as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    assert problem.message == f"the file is {encoding} encoded"
    assert (problem.code, problem.line, problem.column) == ("encoding", 1, 1)
    assert problem.hint == "save it as UTF-8"


@pytest.mark.parametrize(
    ("byte", "message", "code"),
    [
        (b"\xff", "not valid UTF-8 (byte 0xff)", "encoding"),
        (b"\x00", "this is a binary file, not YAML or JSON text", "binary"),
    ],
)
def test_a_bad_byte_in_a_json_lines_line_is_placed_counting_only_lf(
    byte: bytes, message: str, code: str
) -> None:
    """A line of a JSON Lines file holding a CR alone (white space in its JSON) is placed
    as its reader counts it, only LF ending a line: a bad byte after the CR is still on
    the line (line 1, column 17), where a JSON file would put it on the next."""
    from selfreview_core.files.line_reading import OneLine

    raw = b'{"a": 1,\r "b": "' + byte + b'"}\n'
    for given, place in ((OneLine(raw), (1, 17)), (raw, (2, 8))):
        with pytest.raises(InvalidDocument) as raised:
            parse_text(given, "s.jsonl")
        [problem] = raised.value.diagnostics
        assert (problem.message, problem.code) == (message, code)
        assert (problem.line, problem.column) == place


@pytest.mark.parametrize("name", ["a.yaml", "a.json", "a.jsonl"])
def test_a_file_of_white_space_alone_is_refused_as_empty(tmp_path: Path, name: str) -> None:
    """Said as empty, at its start, whatever it is named: not "invalid JSON", nor "only
    comments"."""
    path = tmp_path / name
    path.write_bytes(b" \n\t\n")
    with pytest.raises(InvalidDocument) as raised:
        read_source(path)
    [problem] = raised.value.diagnostics
    assert (problem.message, problem.code) == ("the file is empty", "empty")
    assert (problem.line, problem.column) == (1, 1)


def test_the_claimed_standard_input_is_read_as_a_file_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`<stdin>`, once claimed (a command line's `-`), is standard input's bytes, held to
    the size limit as a file is (at it, read; past it, its size unknown: "more than");
    unclaimed, it is a file
    name like any other."""
    from selfreview_core.files import source
    from selfreview_core.files.stdin import STDIN_NAME, claim_stdin, release_stdin

    given = [b"kind: x\n"]
    monkeypatch.setattr(source, "stdin_bytes", lambda cap: given[0])
    with pytest.raises(InvalidDocument, match="No such file"):
        read_bytes(STDIN_NAME)
    claim_stdin()
    try:
        assert read_bytes(STDIN_NAME) == b"kind: x\n"
        given[0] = b"x" * 10  # exactly the limit: read
        assert read_bytes(STDIN_NAME, Limits(max_bytes=10)) == b"x" * 10
        given[0] = b"x" * 11
        with pytest.raises(InvalidDocument) as raised:
            read_bytes(STDIN_NAME, Limits(max_bytes=10))
    finally:
        release_stdin()
    [problem] = raised.value.diagnostics
    assert problem.message == "the file is more than 10 bytes; the limit is 10"
    assert problem.code == "too-large"


def test_an_empty_path_is_said_to_name_no_file() -> None:
    """Not "cannot read: No such file or directory", which would not say what it could
    not read (`""` names nothing)."""
    problem = unreadable("", FileNotFoundError(errno.ENOENT, "No such file or directory"))
    [said] = problem.diagnostics
    assert (said.message, said.code) == ("the path is empty: it names no file", "unreadable")


@pytest.mark.parametrize(
    ("name", "text", "place"),
    [
        ("a.yaml", "kind: x\nitems:\n  5: bad\n", (3, 6)),
        ("a.json", '{"kind": "x", "items": {"5": "bad"}}', (1, 30)),
    ],
)
def test_a_number_in_a_path_finds_a_key_written_as_a_number_or_as_text(
    name: str, text: str, place: tuple[int, int]
) -> None:
    """A check names YAML's `5:` and JSON's `"5"` by the number 5: the problem is placed at
    that key's value, not at the mapping holding it."""
    source = parse_text(text, name)
    problem = source.diagnostic(("items", 5), "bad", code="c")
    assert (problem.line, problem.column) == place
    assert problem.path == "items[5]"


def test_a_problem_is_placed_at_the_value_unless_its_key_is_asked_for() -> None:
    source = parse_text("kind: x\n", "a.yaml")
    value = source.diagnostic(("kind",), "m", code="c")
    key = source.diagnostic(("kind",), "m", code="c", key=True)
    assert ((value.line, value.column), (key.line, key.column)) == ((1, 7), (1, 1))


def test_only_the_merge_key_hint_is_dropped_and_only_from_json() -> None:
    """A JSON key `"<<"` is only a key: the hint that it is YAML's merge key is dropped
    there; YAML keeps it, and any other hint is kept in both."""
    from selfreview_core.errors import MERGE_KEY_HINT

    yaml = parse_text("kind: x\n", "a.yaml")
    json_source = parse_text('{"kind": "x"}', "a.json")
    assert yaml.diagnostic(("kind",), "m", code="c", hint=MERGE_KEY_HINT).hint == MERGE_KEY_HINT
    assert json_source.diagnostic(("kind",), "m", code="c", hint=MERGE_KEY_HINT).hint is None
    assert json_source.diagnostic(("kind",), "m", code="c", hint="other").hint == "other"


def test_a_source_holds_its_fields_in_slots() -> None:
    """One is made for every school of a batch: no dictionary of attributes each, and no
    attribute set by mistake beside its fields."""
    source = parse_text("kind: x\n", "a.yaml")
    assert not hasattr(source, "__dict__")
    with pytest.raises(AttributeError):
        source.other = 1  # type: ignore[attr-defined]


def test_bytes_of_exactly_the_size_limit_are_parsed() -> None:
    """Bytes given (a JSON Lines line, standard input) at the limit are read, as text or a
    file at the limit is; one byte more is refused."""
    data = b"kind: assessment\nid: x\n"  # 23 bytes
    assert parse_text(data, "given.yaml", limits=Limits(max_bytes=23)).data["id"] == "x"
    with pytest.raises(InvalidDocument, match="the file is 23 bytes; the limit is 22"):
        parse_text(data, "given.yaml", limits=Limits(max_bytes=22))


def test_a_sources_repr_leaves_out_its_text_and_tree() -> None:
    """A file of megabytes is not printed whole in a traceback or a debugger's view: the
    name, data and syntax alone."""
    source = parse_text("kind: x\n", "a.yaml")
    shown = repr(source)
    assert "a.yaml" in shown
    assert "text=" not in shown
    assert "tree=" not in shown


@pytest.mark.parametrize(
    ("text", "place"),
    [("kind: x\nitems:\n  5: bad\n", (3, 6)), ("kind: x\nitems:\n  - a\n  - bad\n", (4, 5))],
)
def test_text_in_a_path_finds_a_key_written_as_a_number_or_a_lists_place(
    text: str, place: tuple[int, int]
) -> None:
    """Pydantic names YAML's `5:` and a list's second item by text ("5", "1"): the problem
    is placed at that value, not at the mapping or list holding it."""
    source = parse_text(text, "a.yaml")
    part = "5" if "5:" in text else "1"
    problem = source.diagnostic(("items", part), "bad", code="c")
    assert (problem.line, problem.column) == place


def test_text_with_a_lone_surrogate_is_refused_at_its_place() -> None:
    """Text given as `str` (a program's) holding a lone surrogate, which no UTF-8 file can:
    refused at its line and column, counted as the syntax its name says."""
    with pytest.raises(InvalidDocument) as raised:
        parse_text("kind: x\nname: \udc80\n", "a.yaml")
    [problem] = raised.value.diagnostics
    assert problem.message == "not valid Unicode text (a lone surrogate, U+DC80)"
    assert (problem.code, problem.line, problem.column) == ("encoding", 2, 7)


@pytest.mark.parametrize(
    ("name", "holds"),
    [("a\0b.yaml", "a NUL character"), ("a\ud800.yaml", "a character no file name can hold")],
)
def test_a_name_no_file_can_have_says_what_it_holds(name: str, holds: str) -> None:
    with pytest.raises(InvalidDocument) as raised:
        read_bytes(name)
    [problem] = raised.value.diagnostics
    assert problem.message == f"is not a possible file name: it holds {holds}"
    assert problem.code == "unreadable"


@pytest.mark.parametrize(
    ("judged", "expected"),
    [
        ("0x7: 2", [("judgements[0x7]", 6, 3)]),
        ("E1.1: {level: 2, answers: {0x7: 1}}", [('judgements["E1.1"].answers[0x7]', 6, 30)]),
        (
            "E1.1: 2\n  0o17: {level: x}",
            [("judgements[0o17]", 7, 3), ("judgements[0o17].level", 7, 17)],
        ),
    ],
)
def test_a_key_that_is_not_text_is_named_as_written_at_any_depth(
    judged: str, expected: list[tuple[str, int, int]]
) -> None:
    """A key YAML reads as a number (`0x7:`, `0o17:`) is named in a path as the file writes
    it, `[0x7]`, not `[7]`, first or deeper in the path, and placed at its line and column
    (round 53's pass over `files/source.py`: line 121, the part of the path written)."""
    from selfreview_core import load

    with pytest.raises(InvalidDocument) as raised:
        load("doc.yaml", text=_TINY.replace("E1.1: 2", judged))
    found = [(d.path, d.line, d.column) for d in raised.value.diagnostics]
    assert found[: len(expected)] == expected
    assert all(path.startswith("judgements[") for path, _, _ in found)


def test_a_checks_key_that_is_not_text_is_named_as_written_deep_in_a_framework() -> None:
    """A framework check (not pydantic) names a level key YAML reads as a number by the
    number; the path says it as the file writes it, `levels[0x7]`, five parts deep, at its
    line and column (round 53's pass over `files/source.py`: line 121)."""
    from selfreview_core import load

    text = _TINY_FRAMEWORK.replace("3: All.}", "3: All., 0x7: Too far.}")
    with pytest.raises(InvalidDocument) as raised:
        load("f.yaml", text=text)
    (only,) = raised.value.diagnostics
    assert only.path == "elements[0].aspects[0].strands[0].levels[0x7]"
    assert (only.line, only.column) == (15, 65)
    assert only.message == "level 0x7 is outside the scale 3 (best) .. 0 (worst)"


@pytest.mark.parametrize(
    ("part", "place"),
    [
        ("1", (4, 5)),
        ("01", (3, 3)),
        ("0" * 18 + "1", (3, 3)),
        ("0" * 19 + "1", (3, 3)),
        ("9" * 20, (3, 3)),
        ("1" * 5000, (3, 3)),
    ],
)
def test_text_in_a_path_is_a_lists_place_only_as_a_place_is_written(
    part: str, place: tuple[int, int]
) -> None:
    """Text names a list's item only as its place is written, without leading zeros: "01",
    at 2 characters or at 20, is placed at the list, not at item 1, and named as given; text
    of more digits than any list's place has (a list holds fewer than 10**19 items), of 20
    or of 5,000 digits, is placed at the list and read no further."""
    source = parse_text("kind: x\nitems:\n  - a\n  - bad\n", "a.yaml")
    problem = source.diagnostic(("items", part), "bad", code="c")
    assert (problem.line, problem.column) == place
    named = f"items.{part}" if len(part) <= 20 else 'items["' + part[:37] + '..."]'
    assert problem.path == named
