"""Pipes the output checks must let through, pinned where a mutation pass (round 73) found
`descriptor_names`' reading-end checks untested there: the writing end of a pipe given as a
descriptor (`-o >(gzip > out.gz)`, which the shell passes as `/dev/fd/63`) is where the
output goes, not a reading end to refuse; and a named pipe whose reading end the program
itself holds (a program's thread reading `feed`) is left to be written, as the docstring of
`_holding` says, not refused as a pipe only the command reads; and standard input's pipe
through another process's table is told as standard input's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfreview_core.errors import OutputRefused
from selfreview_core.outputs import pipes as pipe_outputs
from selfreview_core.outputs.checks import check_target
from selfreview_core.outputs.descriptor_names import no_file_at


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/fd, /proc: Linux")
@pytest.mark.parametrize("table", ["/dev/fd", "/proc/self/fd"])
def test_the_writing_end_of_a_pipe_is_an_output(table: str) -> None:
    reading, writing = os.pipe()
    try:
        name = f"{table}/{writing}"
        assert no_file_at(name, set()) is None
        assert check_target(name) == Path(name)
    finally:
        os.close(reading)
        os.close(writing)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_the_program_itself_reads_is_an_output(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    os.mkfifo(feed)
    reading = os.open(feed, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert no_file_at(str(feed), set()) is None
        assert check_target(feed) == feed
        handle = pipe_outputs.opened(feed)  # kept for the writing
        assert handle is not None
        os.close(handle)
    finally:
        os.close(reading)


class _Stdin:
    """What `sys.stdin` answers about itself: descriptor 0."""

    def fileno(self) -> int:
        return 0


@pytest.mark.skipif(sys.platform != "linux", reason="/proc: Linux")
def test_standard_inputs_pipe_through_another_process_is_told_as_standard_inputs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`-o /proc/PPID/fd/0`, the shell's standard input, the same pipe as the command's: told
    as standard input's pipe, with the hint to leave out `-o` (`output_checks`), not as a
    descriptor the command holds. Descriptor 0 made a pipe here, in the test, and put back
    (`sys.stdin` told to be it: pytest's own has no descriptor); `sleep` is the other
    process, holding the same pipe as its standard input."""
    monkeypatch.setattr(sys, "stdin", _Stdin())
    reading, writing = os.pipe()
    other = subprocess.Popen(["sleep", "60"], stdin=reading)
    saved = os.dup(0)
    os.dup2(reading, 0)
    try:
        name = f"/proc/{other.pid}/fd/0"
        held = no_file_at(name, set())
        with pytest.raises(OutputRefused) as refused:
            check_target(name)
    finally:
        os.dup2(saved, 0)
        os.close(saved)
        other.kill()
        other.wait()
        os.close(reading)
        os.close(writing)
    assert held is None
    assert refused.value.first.message == (
        f"`{name}` is the pipe standard input comes from: what is written there goes back "
        "into it, where nothing reads it, so nothing was written"
    )
    assert refused.value.hint == "leave out -o to write to standard output, or give a file name"


@pytest.mark.skipif(sys.platform != "linux", reason="/proc: Linux")
def test_another_processs_pipe_is_not_taken_for_one_the_command_reads() -> None:
    """`-o /proc/PID/fd/0`, another program's standard input (a pipe the command does not
    hold), while the command holds the reading end of some other pipe: written to, as a
    pipe with a reader is, not refused as that other pipe's descriptor."""
    theirs, to_them = os.pipe()
    other = subprocess.Popen(["sleep", "60"], stdin=theirs)
    os.close(theirs)
    ours, to_us = os.pipe()
    try:
        name = f"/proc/{other.pid}/fd/0"
        held = no_file_at(name, set())
        checked = check_target(name)
        kept = pipe_outputs.opened(name)
        if kept is not None:
            os.close(kept)
    finally:
        other.kill()
        other.wait()
        for number in (to_them, ours, to_us):
            os.close(number)
    assert held is None
    assert checked == Path(name)
