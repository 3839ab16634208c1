"""Pipes the output checks must let through, pinned where a mutation pass (round 73) found
`file_names`' reading-end checks untested there: the writing end of a pipe given as a
descriptor (`-o >(gzip > out.gz)`, which the shell passes as `/dev/fd/63`) is where the
output goes, not a reading end to refuse; and a named pipe whose reading end the program
itself holds (a program's thread reading `feed`) is left to be written, as the docstring of
`_holding` says, not refused as a pipe only the command reads."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from selfreview_core import pipe_outputs
from selfreview_core.file_names import no_file_at
from selfreview_core.output_checks import check_target


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
