"""Standard output opened to read a pipe as well as write it (`1<>feed`): the command holds
the pipe's reading end itself, and never reads it.

What a command printed there stayed in the pipe, and was lost when it ended; past what the
pipe holds (64 KiB: `report examples/cohort --format json 1<>feed`) the command waited for
ever (documented since round 73, as for a descriptor so opened and named by `-o`, which
has been refused since). Since round 80 every command refuses it before its first line,
exit 2, in the words of the other refusals (`_streams.feeds_itself`): one `fstat` says a
pipe, `fcntl(F_GETFL)` says open to read and write. That another program reads the pipe
too cannot be told; opened to write only (`> feed`) it is written as any pipe.

Each test holds the same open pipe without blocking (`O_NONBLOCK` belongs to the open
file, which the command shares): a command that writes more than the pipe holds fails at
once rather than waiting, so no test waits on a clock, refusal or not.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from program import selfreview
from selfreview_core.cli import _streams
from test_outputs import snapshot, temporary_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

SAID = (
    "standard output is open to read a pipe as well as write it (`1<>`): what is written "
    "there goes into a pipe the command holds to read, and never reads, so nothing was "
    "written (send it to a file, or open the pipe to write only, `>`, where another "
    "program reads it)"
)

#: Commands of every kind: printing a line, a table, a large document (more than the pipe
#: holds), one writing a file with `-o` (and a line), and `config`, which reads no engine.
COMMANDS = {
    "validate": "validate a.yaml",
    "validate, JSON": "validate a.yaml --format json",
    "show": "show becta-srf",
    "report of eleven schools": "report cohort --format json",
    "report -o": "report a.yaml --format json -o out.json",
    "benchmark": "benchmark cohort --format json",
    "frameworks": "frameworks",
    "plugins": "plugins",
    "config": "config",
    "schema": "schema assessment",
}


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a review `a.yaml` and `cohort`, eleven schools' reviews."""
    shutil.copy(EXAMPLES / "example-primary-2026.yaml", tmp_path / "a.yaml")
    shutil.copytree(EXAMPLES / "cohort", tmp_path / "cohort")
    return tmp_path


@pytest.fixture
def feed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A named pipe opened to read and write, without blocking: what `1<>feed` gives."""
    path = tmp_path_factory.mktemp("fifo") / "feed"
    os.mkfifo(path)
    number = os.open(path, os.O_RDWR | os.O_NONBLOCK)
    yield number
    os.close(number)


def _empty(number: int) -> bool:
    try:
        os.read(number, 1)
    except BlockingIOError:
        return True
    return False


@pytest.mark.parametrize("case", list(COMMANDS))
def test_standard_output_feeding_itself_is_refused_before_the_first_line(
    work: Path, feed: int, case: str
) -> None:
    """Exit 2 with the refusal, no traceback; nothing in the pipe, every file as it was and
    none added (`-o out.json` not made)."""
    before = snapshot(work)
    done = selfreview(COMMANDS[case].split(), cwd=work, stdout=feed)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert " ".join(stderr.split("Error: ")[-1].split()) == SAID
    assert stderr.startswith(f"Usage: selfreview {case.split()[0].rstrip(',')} ")
    assert _empty(feed)
    assert snapshot(work) == before
    assert temporary_files(work) == []


def test_a_pipe_opened_to_write_only_is_written(work: Path, tmp_path: Path) -> None:
    """`> feed` with a reader: the pipe takes what a pipe takes, exit 0 (a pin beside the
    refusal: the command's end is the writing end only)."""
    path = tmp_path / "feed"
    os.mkfifo(path)
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        writer = os.open(path, os.O_WRONLY)
        try:
            done = selfreview(["validate", "a.yaml"], cwd=work, stdout=writer)
        finally:
            os.close(writer)
        piped = selfreview(["validate", "a.yaml"], cwd=work)
        assert (done.returncode, done.stderr) == (0, b"")
        assert os.read(reader, 1 << 16) == piped.stdout
    finally:
        os.close(reader)


def test_a_program_s_own_standard_output_is_not_looked_at(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stream with no descriptor (a program's, a notebook's): nothing to refuse."""

    class Own:
        def fileno(self) -> int:
            raise OSError("no descriptor")

    monkeypatch.setattr("sys.stdout", Own())
    assert _streams.feeds_itself() is None


def test_a_pipe_or_file_open_to_write_only_is_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a pipe open to read and write is refused: a file so opened (`1<>out.txt`) and a
    pipe's writing end are written."""
    read_end, write_end = os.pipe()
    both = os.open(tmp_path / "out.txt", os.O_RDWR | os.O_CREAT)
    try:
        for number in (write_end, both):
            with os.fdopen(os.dup(number), "w") as stream:
                monkeypatch.setattr("sys.stdout", stream)
                assert _streams.feeds_itself() is None
        with os.fdopen(os.dup(read_end), "r") as stream:  # not open to write: not ours
            monkeypatch.setattr("sys.stdout", stream)
            assert _streams.feeds_itself() is None
    finally:
        for number in (read_end, write_end, both):
            os.close(number)


def test_no_pipe_is_refused_where_a_read_of_no_bytes_tells_nothing(
    feed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off POSIX systems (Windows) a read or a write of no bytes is not known to be refused
    by what the handle is open for: every pipe might look open both ways, and `| more` be
    refused. The check is for POSIX systems only; the same pipe is refused on one."""
    with os.fdopen(os.dup(feed), "w") as stream:
        monkeypatch.setattr("sys.stdout", stream)
        assert _streams.feeds_itself() is not None
        monkeypatch.setattr(os, "name", "nt")
        said = _streams.feeds_itself()
        monkeypatch.undo()  # before anything else asks which system this is
    assert said is None
