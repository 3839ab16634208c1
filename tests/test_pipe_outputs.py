"""A named pipe given as an output (`pipe_outputs`), through the program: one nothing reads
is refused before any work, exit 2 (SPEC section 7: special files are refused without
blocking); one a program reads gets the whole output, then its end. Before round 72 the
command did all its work, then waited for a reader for ever. Each command runs in a process
of its own, so that one that waits fails at the timeout instead of hanging the suite."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from program import selfreview

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

ROOT = Path(__file__).resolve().parents[1]
REVIEW = str(ROOT / "examples" / "example-primary-2025.yaml")
NOTHING_READS = (
    "is a named pipe that nothing reads: what is written there would wait for a reader for "
    "ever, so nothing was done (start its reader first, or give a file name)"
)

#: Commands writing one output to `-o OUT`, each with what it reads.
WRITERS = {
    "report": ["report", REVIEW, "--format", "json", "-o", "OUT"],
    "collect": ["collect", REVIEW, "-o", "OUT"],
    "voices": ["voices", str(ROOT / "examples" / "respondents"), "-o", "OUT"],
}


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "feed")
    return tmp_path / "feed"


@pytest.mark.parametrize("command", list(WRITERS))
@pytest.mark.parametrize("through", ["the pipe", "a link to a link to it"])
def test_a_named_pipe_nothing_reads_is_refused_before_any_work(
    fifo: Path, command: str, through: str
) -> None:
    name = "feed"
    if through != "the pipe":
        os.symlink("feed", fifo.parent / "one")
        os.symlink("one", fifo.parent / "two")
        name = "two"
    args = [name if word == "OUT" else word for word in WRITERS[command]]
    done = selfreview(args, cwd=fifo.parent, stdin=subprocess.DEVNULL)
    assert done.returncode == 2, done.stderr.decode()
    assert done.stdout == b""
    assert done.stderr.decode().splitlines()[-1] == (
        f"Error: Invalid value for -o: `{name}` {NOTHING_READS}"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(os.listdir(fifo.parent)) == (
        ["feed"] if name == "feed" else ["feed", "one", "two"]
    )


@contextmanager
def reader(fifo: Path, into: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`cat FIFO > INTO`, another program, there and reading before the command starts:
    waited for by opening the pipe to write, which only a reader lets happen, and that
    writer held until the command is done (so `cat` sees no end before it)."""
    with into.open("wb") as out:
        cat = subprocess.Popen(["cat", str(fifo)], stdout=out)
    while True:
        try:
            held = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
            try:
                cat.wait(timeout=0.01)  # a wait for `cat` to open it, not a measure
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError("cat ended before reading") from None
        break
    try:
        yield cat
    finally:
        os.close(held)
        cat.wait(timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="cat")
def test_a_named_pipe_a_program_reads_gets_the_whole_report(fifo: Path) -> None:
    """With a reader, the pipe is opened at the check and kept: the report arrives whole,
    and the reader ends (the command's descriptor closed once it has written)."""
    got = fifo.parent / "got.json"
    with reader(fifo, got) as cat:
        done = selfreview(
            ["report", REVIEW, "--format", "json", "-o", "feed"],
            cwd=fifo.parent,
            stdin=subprocess.DEVNULL,
        )
        assert (done.returncode, done.stderr) == (0, b"Wrote feed (json).\n")
    assert cat.returncode == 0
    assert json.loads(got.read_bytes())["assessment"]["school"]["id"] == "100000"
    assert sorted(os.listdir(fifo.parent)) == ["feed", "got.json"]
