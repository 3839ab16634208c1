"""A folder's turn to save held by a process that does not go on (SPEC section 7: two
sessions on one file; `assess` never loses an answer already given).

Every replacing save into a folder takes its turn there (`saving_turns`, a `flock` of the
folder) for its last check and its rename. Before round 82 the turn was waited for with no
bound: a process stopped between its check and its rename (Ctrl-Z, `kill -STOP`) held every
other save there, and `assess` hung at its next answer without a word. Now the turn is
waited for `WAIT` seconds: then the session keeps its answers beside the file, naming the
process (its command escaped and cut), and `report -o` writes nothing, exit 1. A holder that
has ended holds nothing: the system lets its lock go, and the next save goes on at once.

The holder is a real process that takes the lock and stops itself (SIGSTOP); a watchdog
kills it after a minute, so that a save waiting for ever fails the test, not hangs it."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfreview_core import Framework, load_assessment
from selfreview_core.cli import cli
from selfreview_core.outputs import saving_turns
from session.test_saving import HEADER, assess

pytestmark = pytest.mark.skipif(
    not os.path.exists("/proc/locks"), reason="the holder is named from Linux's /proc/locks"
)

REVIEW = Path(__file__).resolve().parents[2] / "examples" / "example-primary-2025.yaml"
#: The holder: takes the folder's lock, says so, stops itself. Its name (`argv[0]`) starts
#: with a terminal's clear-screen escape and a tab, which the message shows escaped.
_HOLD = (
    "import fcntl, os, signal, sys; h = os.open(sys.argv[1], os.O_RDONLY); "
    "fcntl.flock(h, fcntl.LOCK_EX); print('held', flush=True); "
    "os.kill(os.getpid(), signal.SIGSTOP)"
)
_NAME = "\x1b[2J\tx"
HELD = (
    "process {pid} ({command}) has held its folder's turn to save for 0.2 seconds, between "
    "its check and its rename, and has not let go: it is stopped (Ctrl-Z, `kill -STOP`) or "
    "stuck; resume or end it"
)


@contextmanager
def _held(folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A process holding `folder`'s turn to save, stopped."""
    process = subprocess.Popen(
        [_NAME, "-I", "-S", "-c", _HOLD, os.fspath(folder)],
        executable=sys.executable,
        stdout=subprocess.PIPE,
    )
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == b"held\n"
        _, status = os.waitpid(process.pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status)
        yield process
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()
        process.stdout.close()  # type: ignore[union-attr]


def test_a_turn_held_by_a_stopped_process_is_waited_for_a_while_then_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, becta: Framework
) -> None:
    """The session's save: exit 1, the message naming the holder, the answers beside, the
    file as it was. `report -o` there: exit 1, the same words, nothing written. The holder
    killed: both go on at once, the lock let go with it."""
    out = tmp_path / "review.yaml"
    assert assess("becta-srf", "-o", str(out), *HEADER, answers=["4", "first", "q"]).exit_code == 0
    monkeypatch.setattr(saving_turns, "WAIT", 0.2)
    with _held(tmp_path) as holder:
        # A lock of this process's on another file, taken after the holder's: the system
        # lists it first, and the holder named is the one of the folder's lock.
        other = os.open(__file__, os.O_RDONLY)
        try:
            fcntl.flock(other, fcntl.LOCK_SH)
            _named_then_gone(tmp_path, monkeypatch, becta, holder)
        finally:
            os.close(other)


def _named_then_gone(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    becta: Framework,
    holder: subprocess.Popen[bytes],
) -> None:
    out = tmp_path / "review.yaml"
    command = "\\x1b[2J\\tx" + f"{_NAME} -I -S -c {_HOLD}"[6:37] + "..."
    said = HELD.format(pid=holder.pid, command=command)
    was = out.read_bytes()

    result = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    assert result.exit_code == 1
    [kept] = [p for p in tmp_path.iterdir() if p.name != out.name]
    assert kept.name.startswith("review.yaml.unsaved-")
    assert result.stderr.splitlines()[-2:] == [
        f"{out} could not be saved ({said}). Your answers are in {kept}.",
        f"Once that process has gone on or ended, compare {out} with {kept}, keep what you "
        f"want in {out}, then run the same command again to go on.",
    ]
    assert out.read_bytes() == was
    mine = load_assessment(kept, becta)
    assert (mine.level("1a1"), mine.level("1a2")) == (4, 3)

    report = tmp_path / "report.md"
    written = CliRunner().invoke(cli, ["report", str(REVIEW), "-o", str(report)])
    assert (written.exit_code, written.stdout) == (1, "")
    assert written.stderr.splitlines()[-1] == f"Error: {report}: {said}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml", kept.name]

    holder.kill()
    holder.wait()
    monkeypatch.setattr(saving_turns, "WAIT", 0.0)  # a lock whose holder has gone: no wait
    kept.unlink()
    again = assess("becta-srf", "-o", str(out), answers=["3", "mine", "q"])
    assert again.exit_code == 0, again.stderr
    saved = load_assessment(out, becta)
    assert (saved.level("1a1"), saved.level("1a2")) == (4, 3)
    assert CliRunner().invoke(cli, ["report", str(REVIEW), "-o", str(report)]).exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("#")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md", "review.yaml"]
