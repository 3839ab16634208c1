"""`descriptor_names._holding` for a named pipe: `-o feed 5<>feed`, the pipe by its name while
the command was given it open to read (and write) as descriptor 5. What is written goes into
a pipe only the command holds to read, and never reads: before round 74 the report went
there, "Wrote feed", exit 0, lost (one past 64 KiB waited for ever). A descriptor the shell
gives is inheritable; one the program opens itself is not (PEP 446), and may be read by it
(a program's thread): that one is left, as round 73's pin says. Another program may read
the pipe too (a script's `exec 5<>feed` keeping it open for `cat feed &`), which cannot be
told: the message says how to let the command write it (`5<&-`)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core.cli import cli
from selfreview_core.outputs import pipes as pipe_outputs
from selfreview_core.outputs.descriptor_names import no_file_at

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not os.path.isdir("/dev/fd"), reason="named pipes, /dev/fd"
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(EXAMPLES / "example-primary-2025.yaml", tmp_path / "review.yaml")
    os.mkfifo(tmp_path / "feed")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "feed"


@pytest.mark.parametrize("mode", [os.O_RDWR, os.O_RDONLY], ids=["5<>feed", "5<feed"])
def test_a_named_pipe_the_command_was_given_to_read_is_refused(feed: Path, mode: int) -> None:
    given = os.open(feed, mode | os.O_NONBLOCK)
    os.set_inheritable(given, True)  # as the shell gives it
    try:
        result = CliRunner().invoke(
            cli, ["report", "review.yaml", "--format", "json", "-o", "feed"]
        )
        assert _waiting(given) == b""  # nothing went into the pipe
    finally:
        os.close(given)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for -o: `feed` is a pipe whose reading end the command holds, "
        f"as descriptor {given}: what is written there goes back into it, where nothing "
        f"reads it, so nothing was written (if another program reads it too, close {given} for "
        f"the command: `{given}<&-`) (give a file name)"
    )
    assert stat.S_ISFIFO(feed.stat().st_mode)
    assert sorted(os.listdir(feed.parent)) == ["feed", "review.yaml"]
    assert pipe_outputs.opened(feed) is None  # nothing kept on it


def _waiting(handle: int) -> bytes:
    """What the pipe holds for `handle` to read now (a writer open or not)."""
    try:
        return os.read(handle, 1 << 16)
    except BlockingIOError:
        return b""


def test_a_named_pipe_the_program_opened_to_read_and_write_is_left(feed: Path) -> None:
    """Not inheritable: the program's own (a thread of it may read it)."""
    own = os.open(feed, os.O_RDWR | os.O_NONBLOCK)
    try:
        assert no_file_at(str(feed), set()) is None
    finally:
        os.close(own)
