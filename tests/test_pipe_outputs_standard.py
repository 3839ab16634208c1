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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from program import selfreview, selfreview_here
from selfreview_core.cli import cli
from selfreview_core.outputs import pipes as pipe_outputs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

REVIEW = str(Path(__file__).resolve().parents[1] / "examples" / "example-primary-2025.yaml")


@contextmanager
def appended_to(log: Path, number: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Standard output (`number` 1) or error (2) made `log`, opened to append as a shell's
    `>>` opens it, descriptor and `sys` stream alike, for the block; put back after."""
    saved = os.dup(number)
    with log.open("ab") as appended:
        os.dup2(appended.fileno(), number)
    try:
        with monkeypatch.context() as patch, open(number, "w", closefd=False) as stream:
            patch.setattr(sys, "stdout" if number == 1 else "stderr", stream)
            yield
    finally:
        os.dup2(saved, number)
        os.close(saved)


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


@pytest.mark.parametrize(
    ("name", "batch"),
    [("/dev/stdout", False), ("/dev/fd/1", True), ("log.txt", False)],
    ids=["/dev/stdout", "/dev/fd/1, a batch of two", "its name"],
)
def test_standard_outputs_own_file_is_written_where_the_shell_put_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, batch: bool
) -> None:
    """`-o /dev/stdout >> log.txt` (or standard output's file by its name): before round 75
    the report was renamed over `log.txt`, whose lines before it were lost, and whatever
    the shell wrote there after went to the file no longer named. Now written through
    standard output's descriptor, appended as the shell asked: the lines before kept, the
    report whole after them, exit 0. Run here with standard output made the file (the
    program's `main`, as `selfreview` runs it: click's runner has no descriptor)."""
    reviews = [REVIEW, str(Path(REVIEW).with_name("example-primary-2026.yaml"))]
    args = ["report", *(reviews if batch else reviews[:1]), "--format", "json"]
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    monkeypatch.chdir(tmp_path)
    with appended_to(log, 1, monkeypatch), pytest.raises(SystemExit) as ended:
        cli.main([*args, "-o", name], prog_name="selfreview")
    with log.open("ab") as appended:
        appended.write(b"after\n")
    alone = selfreview_here(args)
    assert ended.value.code == 0
    assert log.read_bytes() == b"before\n" + alone.stdout + b"after\n"
    assert alone.stdout.startswith(b"{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]  # no file left beside


def test_standard_errors_own_file_is_written_where_the_shell_put_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o /dev/stderr 2>> log.txt`, as standard output's file is: before round 75 the
    report was renamed over `log.txt`, its lines before lost, and the command's "Wrote"
    line went to the file no longer named. Now: the lines before, the report, then what
    the command says of it, in order."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    monkeypatch.chdir(tmp_path)
    with appended_to(log, 2, monkeypatch), pytest.raises(SystemExit) as ended:
        cli.main(["report", REVIEW, "--format", "json", "-o", "/dev/stderr"])
    alone = selfreview_here(["report", REVIEW, "--format", "json"])
    assert ended.value.code == 0
    assert log.read_bytes() == b"before\n" + alone.stdout + b"Wrote /dev/stderr (json).\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]
