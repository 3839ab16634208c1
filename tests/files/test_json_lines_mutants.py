"""Behaviours of `files.json_lines` that a mutation pass (round 33) found no test pinned:
standard input's lines at the size limit are exactly a file's, and standard input that
cannot be read is not taken for JSON Lines (its reader says why). Round 38's whole pass
added: a `.jsonl` file is read a line at a time by its name alone, and a file that cannot
be read gives a `Skipped` saying why to the readers of spans (`--jobs`)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfreview_core.errors import Skipped
from selfreview_core.files.json_lines import (
    file_spans,
    holds_lines,
    lines_on_stdin,
    read_lines,
    read_span,
)
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.stdin import claim_stdin, release_stdin
from selfreview_core.jobs.spool import Span


@pytest.fixture
def piped(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[bytes], str]]:
    """Standard input holding the bytes given, claimed (and let go afterwards)."""
    yield lambda data: _claimed(monkeypatch, data)
    release_stdin()


def _claimed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return claim_stdin()


def test_lines_around_the_limit_read_from_standard_input_as_from_a_file(
    piped: Callable[[bytes], str], tmp_path: Path
) -> None:
    """Lines one short of the limit, at it and one over, with either end, and the last
    without one: each given as a file's reader gives it (its end kept while within the
    limit with it), or None."""
    limit = 9
    lines = [b"x" * size + end for size in (7, 8, 9, 10) for end in (b"\n", b"\r\n")]
    data = b"".join(lines) + b"y" * limit
    path = tmp_path / "lines.jsonl"
    path.write_bytes(data)
    from_file = list(read_lines(str(path), limit=limit))
    assert list(read_lines(piped(data), limit=limit)) == from_file
    assert from_file[:3] == [(1, b"x" * 7 + b"\n"), (2, b"x" * 7 + b"\r\n"), (3, b"x" * 8 + b"\n")]


def test_standard_input_too_large_to_read_is_not_json_lines(
    piped: Callable[[bytes], str],
) -> None:
    name = piped(b'{"a": 1}\n' * (DEFAULT_LIMITS.max_bytes // 9 + 1))
    assert holds_lines(name) is False
    assert lines_on_stdin(name) is False


def test_a_file_is_read_a_line_at_a_time_by_its_name_alone(tmp_path: Path) -> None:
    """The cohort and voices readers ask `holds_lines` of every input: a `.jsonl` file is
    read a line at a time whatever its first line holds (here YAML, then a blank line),
    and any other file is one document, even one of JSON objects a line each (which its
    reader then refuses as JSON, "Extra data"); only standard input is told by its lines."""
    jsonl = tmp_path / "schools.JSONL"
    jsonl.write_bytes(b"a: 1\n\n{}\n")
    assert holds_lines(str(jsonl)) is True
    for name in ("schools.json", "schools.yaml", "schools"):
        other = tmp_path / name
        other.write_bytes(b'{"a": 1}\n{"b": 2}\n')
        assert holds_lines(str(other)) is False


@pytest.mark.parametrize("name", ["missing.jsonl", "folder.jsonl"])
def test_a_file_that_cannot_be_read_is_skipped_by_its_spans_reader_saying_why(
    name: str, tmp_path: Path
) -> None:
    (tmp_path / "folder.jsonl").mkdir()
    file = str(tmp_path / name)
    for found in (list(file_spans(file, lambda left: 64)), list(read_span(Span(file, 0, 9, 1), 9))):
        assert len(found) == 1
        [skipped] = found
        assert isinstance(skipped, Skipped)
        assert skipped.file == file
        assert [d.file for d in skipped.diagnostics] == [file]
        assert skipped.diagnostics[0].code
