"""Standard input read a line at a time (`json_lines.holds_lines`, `read_lines`): JSON Lines
on `-` for the commands that take them, told from one document by its first line."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from selfreview_core import Engine
from selfreview_core.files.json_lines import holds_lines, lines_on_stdin, read_by_line, read_lines
from selfreview_core.files.stdin import STDIN_NAME, claim_stdin, release_stdin


@pytest.fixture
def piped(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[bytes], str]]:
    def pipe(data: bytes) -> str:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        return claim_stdin()

    yield pipe
    release_stdin()


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b'{"kind": "assessment"}\n{"kind": "assessment"}\n', True),
        (b'\n  \n{"a": 1}\n', True),  # blank lines before the first
        (b'{"a": 1}', True),  # one line, no newline: one document either way
        (b'{\n  "kind": "assessment"\n}\n', False),  # pretty-printed JSON: `{` alone
        (b"{kind: assessment}\n{kind: assessment}\n", False),  # YAML's flow style
        (b"[1, 2]\n[3]\n", False),  # JSON, not an object
        (b"kind: assessment\n", False),
        (b"", False),
        # An object nested past the parser's reach: its line's reader says where.
        (b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}\n{}\n", True),
        # A list nested as deep is no object, however deep: one document, as it was.
        (b"[" * 5000 + b"]" * 5000 + b"\n{}\n", False),
    ],
)
def test_standard_input_holds_lines_when_its_first_line_is_a_json_object(
    piped: Callable[[bytes], str], data: bytes, lines: bool
) -> None:
    name = piped(data)
    assert holds_lines(name) is lines


def test_a_file_named_like_stdin_is_not_standard_input() -> None:
    assert not holds_lines(STDIN_NAME)
    assert holds_lines("reviews.JSONL")
    assert not holds_lines("review.yaml")


def test_standard_input_lines_are_numbered_and_capped_as_a_file_s(
    piped: Callable[[bytes], str],
) -> None:
    name = piped(b'{"a": 1}\n\n{"b": 2}\r\n{"c": "' + b"x" * 20 + b'"}\n')
    found = list(read_lines(name, limit=12))
    assert [number for number, _ in found] == [1, 3, 4]
    assert found[0][1] == b'{"a": 1}\n'
    assert found[1][1] == b'{"b": 2}\r\n'  # the line ending is the line's, as in a file
    assert found[2][1] is None  # over the limit: skipped, reported by the caller


def test_a_line_of_exactly_the_limit_is_given_without_its_end(
    piped: Callable[[bytes], str],
) -> None:
    """Its end is not counted, and its reader (which counts every byte it is given) gets
    the line without it, so that a line at the limit is read, as in a file."""
    name = piped(b'{"a": 12}\n{"a": 1}\r\n{"a": 123}\n{"b": 22}')
    assert list(read_lines(name, limit=9)) == [
        (1, b'{"a": 12}'),
        (2, b'{"a": 1}'),
        (3, None),
        (4, b'{"b": 22}'),
    ]


@pytest.mark.parametrize(
    ("data", "many"),
    [
        (b'{"kind": "assessment"}\n{"kind": "assessment"}\n', True),
        (b'\n{"a": 1}\n\n  \n{"b": 2}', True),
        (b'{"a": 1}\n', False),  # one line: one document, as it always was read
        (b'\n{"a": 1}\n \n', False),
        (b'{\n  "kind": "assessment"\n}\n', False),  # pretty-printed: one document
        (b"kind: a\nframework: b\n", False),
        (b"", False),
    ],
)
def test_report_reads_standard_input_by_line_only_when_it_holds_more_than_one(
    piped: Callable[[bytes], str], data: bytes, many: bool
) -> None:
    name = piped(data)
    assert lines_on_stdin(name) is many
    assert read_by_line(name) is many


def test_a_file_is_read_by_line_by_its_name_alone(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_bytes(b'{"a": 1}\n')
    assert read_by_line(str(one))
    assert not lines_on_stdin(str(one))  # not standard input
    assert not read_by_line(str(tmp_path / "one.json"))


def test_report_many_reads_claimed_standard_input_by_line(
    piped: Callable[[bytes], str], root: Path
) -> None:
    """The library's `report_many` reads standard input's lines as `report -` does."""
    data = yaml.safe_load((root / "examples/example-primary-2026.yaml").read_text("utf-8"))
    line = json.dumps(data, default=str).encode("utf-8")
    name = piped(line + b"\n\n" + line + b"\n")
    reports = list(Engine(entry_points=False).report_many([name]))
    assert [r.assessment.school.id for r in reports] == [data["school"]["id"]] * 2


def test_a_last_line_over_the_limit_without_an_end_is_over(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a": 123}')
    assert list(read_lines(str(path), limit=9)) == [(1, b'{"a": 1}\n'), (2, None)]


#: JSON Lines whose second line holds a carriage return alone as white space (valid JSON:
#: an editor that saves old Mac line ends within a pasted line), then an empty line.
_LONE_CR = b'{"a": 1}\n{"b": 2,\r"c": 3}\r\n\n{"d": 4}'


def test_a_lone_carriage_return_ends_no_line_on_standard_input_as_in_a_file(
    piped: Callable[[bytes], str], tmp_path: Path
) -> None:
    """Only `\\n` ends a JSON Lines line: standard input was split at a `\\r` alone too, so
    a valid line became two broken ones, and every line after it was numbered one too many."""
    path = tmp_path / "x.jsonl"
    path.write_bytes(_LONE_CR)
    from_file = list(read_lines(str(path)))
    name = piped(_LONE_CR)
    assert (
        list(read_lines(name))
        == from_file
        == [
            (1, b'{"a": 1}\n'),
            (2, b'{"b": 2,\r"c": 3}\r\n'),
            (4, b'{"d": 4}'),
        ]
    )
    assert lines_on_stdin(name)


def test_a_first_line_holding_a_lone_carriage_return_is_still_json_lines(
    piped: Callable[[bytes], str],
) -> None:
    """The first line is the whole of it up to `\\n`: its `\\r` is white space in its JSON."""
    name = piped(b'{"kind":\r"assessment"}\n{"a": 1}\n')
    assert holds_lines(name)
    assert lines_on_stdin(name)
