"""Behaviours of `files.json_lines` that a mutation pass (round 33) found no test pinned:
standard input's lines at the size limit are exactly a file's, and standard input that
cannot be read is not taken for JSON Lines (its reader says why)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfreview_core.files.json_lines import holds_lines, lines_on_stdin, read_lines
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.stdin import claim_stdin, release_stdin


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
