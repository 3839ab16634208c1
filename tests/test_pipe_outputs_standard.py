"""`-o /dev/stdout` when standard output is a named pipe whose reader has gone
(`pipe_outputs._standard_copy`).

Found by round 73's sweep: the check leaves standard output's pipe to the group, and the
write then opened `/dev/stdout` by its name, which for a named pipe with no reader waits for
one for ever (`report ... -o /dev/stdout > feed`, `feed`'s reader gone: still waiting after
600 s). Without `-o` the same command ends quietly, exit 0, as `| head` asks; with `-o
/dev/stdout` it now does too, written through the descriptor the program has. A process of
its own: standard output must be the pipe itself."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core import pipe_outputs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

REVIEW = str(Path(__file__).resolve().parents[1] / "examples" / "example-primary-2025.yaml")


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_standard_outputs_named_pipe_with_its_reader_gone_ends_quietly(
    tmp_path: Path, name: str
) -> None:
    feed = tmp_path / "feed"
    os.mkfifo(feed)
    reader = os.open(feed, os.O_RDONLY | os.O_NONBLOCK)  # so that the writing end opens
    with open(feed, "wb") as writer:
        os.close(reader)  # gone before the command starts: nothing reads the pipe now
        done = selfreview(["report", REVIEW, "--format", "json", "-o", name], stdout=writer)
    assert (done.returncode, done.stderr) == (0, b"")


def test_standard_outputs_named_pipe_with_a_reader_gets_the_whole_report(
    tmp_path: Path,
) -> None:
    """The copy of the descriptor writes what opening the name wrote: the whole report,
    after anything printed before."""
    feed = tmp_path / "feed"
    os.mkfifo(feed)
    reader = os.open(feed, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(reader, True)
    with ThreadPoolExecutor(1) as pool, open(feed, "wb") as writer:
        written = pool.submit(_read_to_the_end, reader)  # a pipe holds 64 KiB: read as written
        done = selfreview(
            ["report", REVIEW, "--format", "json", "-o", "/dev/stdout"], stdout=writer
        )
    alone = selfreview(["report", REVIEW, "--format", "json"])
    assert (done.returncode, done.stderr) == (0, b"Wrote /dev/stdout (json).\n")
    assert written.result() == alone.stdout
    assert alone.stdout.startswith(b"{")


def _read_to_the_end(reader: int) -> bytes:
    with os.fdopen(reader, "rb") as stream:
        return stream.read()


def test_only_standard_outputs_own_pipe_is_written_through_its_descriptor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With standard output a pipe, another device named by `-o` (`/dev/null`) is opened by
    its name: what is written there must not go to standard output."""
    reading, writing = os.pipe()
    saved = os.dup(1)
    os.dup2(writing, 1)
    os.close(writing)
    monkeypatch.setattr(sys, "stdout", open(1, "w", closefd=False))  # noqa: SIM115
    try:
        assert pipe_outputs.opened(os.devnull) is None
        copy = pipe_outputs.opened("/dev/stdout")
        assert copy is not None
        os.write(copy, b"to standard output")
        os.close(copy)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    os.set_blocking(reading, False)
    with os.fdopen(reading, "rb") as stream:
        assert stream.read() == b"to standard output"
