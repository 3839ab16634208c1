"""`cohort.chunks`: how a cohort's inputs are handed to `--jobs` workers, what its own tests
did not hold (round 44's pass). Standard input, which a worker cannot read, is read here:
one document whole, JSON Lines a few lines at a time (memory stays bounded), each input
finished once for the progress bar, whatever the cut; a JSON Lines file that cannot be
opened is a chunk of its own saying why, in its place."""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfreview_core.cohort import chunks
from selfreview_core.cohort.chunks import Chunk
from selfreview_core.files.limits import DEFAULT_LIMITS
from selfreview_core.files.stdin import claim_stdin, release_stdin

REVIEW = b"kind: assessment\nframework: becta-srf@2010\n"


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[bytes], None]]:
    """Standard input claimed as `<stdin>`; call with the bytes piped to it."""

    def pipe(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    claim_stdin()
    try:
        yield pipe
    finally:
        release_stdin()


def two_files(tmp_path: Path) -> tuple[str, str]:
    first, last = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(REVIEW)
    last.write_bytes(REVIEW)
    return str(first), str(last)


@pytest.mark.parametrize("jobs", [1, 2])
def test_standard_input_s_one_document_is_read_here_in_its_place_and_finished_once(
    tmp_path: Path, stdin: Callable[[bytes], None], jobs: int
) -> None:
    stdin(REVIEW)
    first, last = two_files(tmp_path)
    cut = list(chunks.chunks([first, "<stdin>", last], jobs))
    assert [c.files for c in cut] == [(first,), (), (last,)]
    assert cut[1].text == ("<stdin>", REVIEW)  # the bytes, not a name a worker would open
    assert [c.first for c in cut] == [0, 1, 2]
    assert [c.finishes for c in cut] == [1, 1, 1]


def test_standard_input_too_large_to_read_is_skipped_in_its_place_and_finished_once(
    tmp_path: Path, stdin: Callable[[bytes], None]
) -> None:
    stdin(b"x" * (DEFAULT_LIMITS.max_bytes + 1))
    first, last = two_files(tmp_path)
    cut = list(chunks.chunks([first, "<stdin>", last], 2))
    failed = cut[1].failed
    assert failed is not None
    assert failed.file == "<stdin>"
    assert "more than" in failed.diagnostics[0].message
    assert (cut[1].text, cut[1].files, cut[1].first, cut[1].finishes) == (None, (), 1, 1)
    assert sum(c.finishes for c in cut) == 3


def test_standard_input_s_lines_are_handed_on_a_few_at_a_time_and_finish_it_once(
    tmp_path: Path, stdin: Callable[[bytes], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five JSON Lines lines, two a chunk: three chunks, only the last finishing the input,
    each at standard input's place among the inputs."""
    monkeypatch.setattr(chunks, "LINES_PER_CHUNK", 2)
    stdin(b"".join(b'{"n": %d}\n' % n for n in range(5)))
    first, _ = two_files(tmp_path)
    cut = list(chunks.chunks([first, "<stdin>"], 2))
    assert cut[0].files == (first,)
    lines = cut[1:]
    assert [[number for number, _ in c.lines] for c in lines] == [[1, 2], [3, 4], [5]]
    assert {c.lines_of for c in lines} == {"<stdin>"}
    assert [c.finishes for c in lines] == [0, 0, 1]
    assert {c.first for c in lines} == {1}


def test_a_json_lines_file_that_cannot_be_opened_is_a_chunk_of_its_own_saying_why(
    tmp_path: Path,
) -> None:
    """Named in its place, finished once: not a span for a worker to fail on again."""
    first, last = two_files(tmp_path)
    gone = str(tmp_path / "gone.jsonl")
    cut = list(chunks.chunks([first, gone, last], 2))
    assert [c.files for c in cut] == [(first,), (), (last,)]
    failed = cut[1].failed
    assert failed is not None
    assert failed.file == gone
    assert failed.diagnostics[0].message == "cannot read: No such file or directory"
    assert (cut[1].span, cut[1].first, cut[1].finishes) == (None, 1, 1)


def test_a_chunk_cannot_be_changed() -> None:
    chunk = Chunk(files=("a.yaml",), finishes=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        chunk.finishes = 2  # type: ignore[misc]
