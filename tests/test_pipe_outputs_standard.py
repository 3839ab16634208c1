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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from program import selfreview

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
