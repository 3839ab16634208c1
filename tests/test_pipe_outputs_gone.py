"""A named pipe given as an output whose reader goes away between the check and the write
(`pipe_outputs.reader_gone`), and what a library caller that checked a pipe and will not
write it lets go (`outputs.let_go`). In-process: the reader is this test's own descriptor,
closed as the command takes the one its check kept (`pipe_outputs.opened`), the latest
moment before the write.

Before round 73 the write met a pipe with no reader and the command ended as it does when
standard output's reader goes (`| head`): exit 0, no "Wrote", nothing said, the output
lost. Now it is said, naming the pipe, exit 1; standard output's pipe is still the group's
to end quietly.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.errors import OutputRefused
from selfreview_core.outputs import pipes as pipe_outputs
from selfreview_core.outputs import targets as output_targets
from selfreview_core.outputs.writing import check_target, let_go, write_atomic

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GONE = (
    "Error: feed: its reader went away before all was written there (a broken pipe): the "
    "rest of the output was lost (a reader that stops early, as `head` does, ends the "
    "command quietly only on standard output: leave out -o and pipe it, `| head`)"
)

#: Commands writing one output to `-o feed`: a report, a batch of eleven, a view of voices.
WRITERS = {
    "report": ["report", str(EXAMPLES / "example-primary-2025.yaml"), "--format", "json"],
    "a batch": ["report", str(EXAMPLES / "cohort"), "--format", "json"],
    "voices": ["voices", str(EXAMPLES / "respondents"), "--format", "json"],
}


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    os.mkfifo(tmp_path / "feed")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "feed"


def _reader_leaving(monkeypatch: pytest.MonkeyPatch, fifo: Path) -> list[int]:
    """A reader of `fifo`, there at the check, gone as the writing takes its descriptor."""
    reader = [os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)]
    taking: Callable[..., int | None] = pipe_outputs.opened

    def leaving(path: str | os.PathLike[str]) -> int | None:
        if reader:
            os.close(reader.pop())
        return taking(path)

    monkeypatch.setattr(pipe_outputs, "opened", leaving)
    return reader


@pytest.mark.parametrize("command", list(WRITERS))
def test_a_reader_gone_before_the_write_is_said_naming_the_pipe(
    feed: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    reader = _reader_leaving(monkeypatch, feed)
    result = CliRunner().invoke(cli, [*WRITERS[command], "-o", "feed"])
    assert not reader  # it went, after the check let the command start
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [GONE]
    assert result.stdout == ""  # no "Wrote feed"
    assert stat.S_ISFIFO(feed.stat().st_mode)  # still the pipe, not replaced by a file
    assert os.listdir(feed.parent) == ["feed"]


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="/dev/fd")
def test_a_process_substitution_that_stops_early_is_said_with_the_quiet_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o >(head -c 10)`: the shell gives the writing end of a pipe as `/dev/fd/63`, whose
    reader stops early. A pipe named by `-o` is an output asked for in full, so this stays
    exit 1 (round 73); the message says how to stop early quietly: standard output, `| head`
    (before round 74 it did not). Here the reader is gone before the first byte."""
    monkeypatch.chdir(tmp_path)
    reading, writing = os.pipe()
    try:
        name = f"/dev/fd/{writing}"
        closing: Callable[..., int | None] = pipe_outputs.opened

        def head_stops(path: str | os.PathLike[str]) -> int | None:
            os.close(reading)  # `head -c 10` has read its ten bytes and gone
            return closing(path)

        monkeypatch.setattr(pipe_outputs, "opened", head_stops)
        result = CliRunner().invoke(cli, [*WRITERS["a batch"], "-o", name])
    finally:
        os.close(writing)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [GONE.replace("feed:", f"{name}:")]
    assert result.stdout == ""
    assert os.listdir(tmp_path) == []


def test_standard_outputs_pipe_is_left_to_end_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o /dev/stdout | head`: the error itself, which the group ends quietly, exit 0;
    another pipe's is said."""
    stdout, other = os.pipe(), os.pipe()
    try:
        monkeypatch.setattr(sys, "stdout", SimpleNamespace(fileno=lambda: stdout[1]))
        gone = BrokenPipeError(errno.EPIPE, "Broken pipe")
        assert pipe_outputs.reader_gone(gone, stdout[1]) is gone
        said = pipe_outputs.reader_gone(gone, other[1])
        assert not isinstance(said, BrokenPipeError)
        assert str(said) == GONE.removeprefix("Error: feed: ")
    finally:
        for handle in (*stdout, *other):
            os.close(handle)


def test_a_pipe_checked_and_let_go_gives_its_reader_the_end(tmp_path: Path) -> None:
    """A library caller checks a named pipe (its descriptor kept for the write) and then
    writes nothing: `let_go` closes it, and the reader sees the pipe's end at once. Before
    round 73 the descriptor stayed open for the process's life: the reader waited."""
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    reading = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert check_target(fifo) == fifo
        with pytest.raises(BlockingIOError):  # a writer is open: no end yet
            os.read(reading, 1)
        let_go(fifo)
        assert os.read(reading, 1) == b""  # the end: no writer left
        assert pipe_outputs.opened(fifo) is None  # nothing kept for a write
        let_go(fifo)  # again: nothing to do
    finally:
        os.close(reading)
    assert os.listdir(tmp_path) == ["feed"]


def test_the_names_checked_as_special_are_let_go_and_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each name checked as a device or a named pipe is noted (`pipe_outputs._CHECKED`), so
    that its write does not wait (`writing`); the note goes when it is written or let go
    (`let_go`), and a long-lived library caller's notes are no more than `MAX_FIXED`, the
    oldest let go first, as `output_targets` keeps its names."""
    monkeypatch.setattr(pipe_outputs, "_CHECKED", {})
    monkeypatch.setattr(output_targets, "MAX_FIXED", 2)  # `noted` bounds both tables
    links = [tmp_path / f"null{number}" for number in range(3)]
    for link in links:
        link.symlink_to(os.devnull)
        assert check_target(link) == link
    assert list(pipe_outputs._CHECKED) == [str(links[1]), str(links[2])]
    let_go(links[1])
    write_atomic(links[2], "gone\n")
    assert pipe_outputs._CHECKED == {}
    os.mkfifo(tmp_path / "alone")
    with pytest.raises(OutputRefused):  # nothing reads it: refused, not noted for a write
        check_target(tmp_path / "alone")
    assert pipe_outputs._CHECKED == {}


def test_a_pipe_put_in_place_of_one_checked_gets_the_output_and_the_first_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named pipe checked with a reader (its descriptor kept), then another program puts
    another pipe, read too, at its name: the output goes to the pipe there at the write,
    and the descriptor kept on the first is closed, so its reader sees the end at once.
    Before round 74 it stayed open for the process's life (`let_go` could not find it)."""
    monkeypatch.setattr(pipe_outputs, "_CHECKED", {})
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    first = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert check_target(fifo) == fifo
        fifo.unlink()
        os.mkfifo(fifo)
        second = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            write_atomic(fifo, "whole\n")
            assert os.read(second, 64) == b"whole\n"
        finally:
            os.close(second)
        assert os.read(first, 1) == b""  # no writer left on it: its end
    finally:
        os.close(first)
    assert pipe_outputs._CHECKED == {}


def test_a_pipe_whose_name_is_let_go_past_the_bound_gets_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three named pipes checked, each read, past a bound of two names (a long-lived
    library caller's 1,025): the oldest name is let go, and so is the descriptor its check
    kept, so its reader sees the end now. Before round 75 that descriptor stayed open for
    the process's life, out of reach of `let_go`. The two noted keep theirs, for a write."""
    monkeypatch.setattr(pipe_outputs, "_CHECKED", {})
    monkeypatch.setattr(pipe_outputs, "_OPENED", {})
    monkeypatch.setattr(output_targets, "MAX_FIXED", 2)
    fifos = [tmp_path / f"feed{number}" for number in range(3)]
    readers = []
    try:
        for fifo in fifos:
            os.mkfifo(fifo)
            readers.append(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
            assert check_target(fifo) == fifo
        assert os.read(readers[0], 1) == b""  # no writer left on it: its end
        for reader in readers[1:]:
            with pytest.raises(BlockingIOError):  # a writer still on it, kept for the write
                os.read(reader, 1)
        write_atomic(fifos[2], "whole\n")
        assert os.read(readers[2], 64) == b"whole\n"
        let_go(fifos[1])
        assert os.read(readers[1], 1) == b""
        assert (pipe_outputs._CHECKED, pipe_outputs._OPENED) == ({}, {})
    finally:
        for reader in readers:
            os.close(reader)
