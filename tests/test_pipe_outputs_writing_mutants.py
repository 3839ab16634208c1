"""Pins of `pipe_outputs.writing` that sweep75's mutation pass found untested: a named pipe
put in place of the one checked (another program's, with its own reader) is opened without
waiting, then written as any pipe is, waiting while it is full, as the descriptor kept at a
check is (tests/test_pipe_outputs_mutants.py): left non-blocking, a report larger than the
pipe holds (64 KiB) met a reader slower than the writing with "Resource temporarily
unavailable". And a checked name that cannot be opened for another reason than a missing
reader (a folder put there since) is told as what it is, not as a named pipe nothing
reads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfreview_core.outputs import pipes as pipe_outputs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@pytest.fixture
def checked_and_gone(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A named pipe checked as an output (its descriptor kept) with a reader of the test's
    own (`first`), then taken from its name, for something else to be put there."""
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    first = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert pipe_outputs.no_reader(str(fifo)) is None  # its descriptor kept
        fifo.unlink()
        yield fifo, first
    finally:
        os.close(first)


def test_a_named_pipe_put_in_place_of_the_one_checked_is_written_waiting(
    checked_and_gone: tuple[Path, int],
) -> None:
    fifo, first = checked_and_gone
    os.mkfifo(fifo)  # another program's, made since, with a reader of its own
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        handle = pipe_outputs.writing(fifo)
        try:
            assert os.get_blocking(handle)
            os.write(handle, b"report")
            assert os.read(reading, 100) == b"report"  # the pipe there now
        finally:
            os.close(handle)
    finally:
        os.close(reading)
    assert os.read(first, 100) == b""  # the one checked: its kept writer closed


def test_a_folder_put_in_place_of_the_pipe_checked_is_told_as_a_folder(
    tmp_path: Path, checked_and_gone: tuple[Path, int]
) -> None:
    fifo, first = checked_and_gone
    fifo.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        pipe_outputs.writing(fifo)
    assert "named pipe" not in str(caught.value)
    assert os.read(first, 100) == b""  # the one checked: its kept writer closed
    assert list(tmp_path.iterdir()) == [fifo]
    assert list(fifo.iterdir()) == []
