"""Named pipes given as `-o`, pinned where a mutation pass (round 73) found `pipe_outputs`
untested: standard output's own pipe (`-o /dev/stdout | true`) is left to the group, which
ends a command whose reader went away quietly, exit 0 (no descriptor kept on it at the
check); a named pipe that cannot be opened for another reason than a missing reader is not
called one nothing reads (the writing tells what it is); and the descriptor kept for a
reader's pipe waits while the pipe is full, as any pipe's does, instead of failing."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from selfreview_core.errors import OutputRefused
from selfreview_core.outputs import pipes as pipe_outputs
from selfreview_core.outputs.checks import check_target


class _Stdout:
    """What `sys.stdout` answers about itself: the descriptor it writes to."""

    def __init__(self, number: int) -> None:
        self.number = number

    def fileno(self) -> int:
        return self.number


@contextmanager
def stdout_reader_gone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Standard output (descriptor 1 and `sys.stdout`) a pipe whose reading end is closed,
    as in `selfreview report ... -o /dev/stdout | true` once `true` has ended. Made in the
    test itself: pytest puts its own capture back at descriptor 1 after a fixture."""
    reading, writing = os.pipe()
    os.close(reading)
    saved = os.dup(1)
    os.dup2(writing, 1)
    os.close(writing)
    monkeypatch.setattr(sys, "stdout", _Stdout(1))
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/stdout, /dev/fd: Linux")
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_standard_outputs_pipe_whose_reader_went_is_left_to_the_group(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    before = dict(pipe_outputs._OPENED)
    with stdout_reader_gone(monkeypatch):
        assert stat.S_ISFIFO(os.stat(name).st_mode)
        held = pipe_outputs.no_reader(name)
        checked = check_target(name)
        kept = dict(pipe_outputs._OPENED)
        taken = pipe_outputs.opened(name)
        # Since round 73 the writing takes a copy of descriptor 1 (opened by its name, a
        # named pipe with no reader waited for ever): made at the write, not kept.
        assert taken is not None
        copy = os.fstat(taken)
        os.close(taken)
        assert (copy.st_dev, copy.st_ino) == (os.fstat(1).st_dev, os.fstat(1).st_ino)
    assert held is None
    assert checked == Path(name)
    assert kept == before  # nothing kept open on it
    assert before == pipe_outputs._OPENED


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    os.mkfifo(tmp_path / "feed")
    return tmp_path / "feed"


def test_a_named_pipe_that_cannot_be_opened_is_not_said_to_have_no_reader(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening it refused for a reason of its own (here permission: the test may run as
    root, which any mode lets in): the check passes it on, and the writing says why."""
    real_open = os.open

    def refused(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if os.fspath(path) == str(fifo):
            raise PermissionError(errno.EACCES, "Permission denied", str(fifo))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)
    assert pipe_outputs.no_reader(str(fifo)) is None
    assert check_target(fifo) == fifo
    assert pipe_outputs.opened(fifo) is None


def test_a_named_pipe_nothing_reads_is_refused_with_its_name(fifo: Path) -> None:
    """What the permission's case is told from: ENXIO, no reader."""
    with pytest.raises(OutputRefused) as refused:
        check_target(fifo)
    assert refused.value.first.message == (
        f"`{fifo}` is a named pipe that nothing reads: what is written there would wait for a "
        "reader for ever, so nothing was done"
    )
    assert refused.value.hint == "start its reader first, or give a file name"


def test_the_descriptor_kept_for_a_read_pipe_waits_when_the_pipe_is_full(fifo: Path) -> None:
    """Opened without waiting for a reader at the check, then made to wait as any pipe's
    writer does: left non-blocking, a report larger than the pipe holds (64 KiB) met a
    reader slower than the writing with "Resource temporarily unavailable"."""
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert pipe_outputs.no_reader(str(fifo)) is None
        handle = pipe_outputs.opened(fifo)
        assert handle is not None
        try:
            assert os.get_blocking(handle)
            os.write(handle, b"report")
            assert os.read(reading, 100) == b"report"
        finally:
            os.close(handle)
    finally:
        os.close(reading)
