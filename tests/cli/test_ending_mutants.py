"""How the program ends once its command has returned (`cli/_ending.py`), beyond what its
other tests pinned: found by the round-42 mutation pass over the module."""

from __future__ import annotations

import atexit
import os
import queue
import signal
import threading

import pytest

from program import WAIT
from selfreview_core.cli import _ending
from selfreview_core.cli._signals import STOPPING


class _Exited(Exception):
    """Stands for `os._exit`, which would end the test process."""


@pytest.fixture
def done(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What `end_now` did, in order: `atexit` ran, `flushed`, `_exit` with its status."""
    seen: list[object] = []

    def exit_now(status: int) -> None:
        seen.append(("_exit", status))
        raise _Exited

    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: seen.append("atexit"))
    monkeypatch.setattr(os, "_exit", exit_now)
    return seen


def _noted(done: list[object]) -> bool:
    done.append("flushed")
    return True


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2)])
def test_the_quick_end_runs_the_exit_functions_then_ends_with_the_commands_status(
    code: int | None, status: int, done: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_ending, "flushed", lambda: _noted(done))
    with pytest.raises(_Exited):
        _ending.end_now(code)
    assert done == ["atexit", "flushed", ("_exit", status)]


def test_a_message_for_an_exit_code_leaves_the_end_to_python(
    done: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`SystemExit("a message")`: Python prints it and exits 1; nothing is run here."""
    monkeypatch.setattr(_ending, "flushed", lambda: _noted(done))
    _ending.end_now("a message")
    assert done == []


def test_a_stream_that_cannot_be_flushed_leaves_the_end_to_python(
    done: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its reader gone: the usual end deals with it (quietly), after the exit functions."""
    monkeypatch.setattr(_ending, "flushed", lambda: False)
    _ending.end_now(0)
    assert done == ["atexit"]


def test_after_the_grace_no_thread_left_leaves_the_end_to_python(
    done: list[object], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_ending, "GRACE", 0.0)
    _ending._cut_short(1)
    assert done == []
    assert capsys.readouterr().err == ""


def test_after_the_grace_a_thread_left_is_named_and_not_waited_for(
    done: list[object], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_ending, "GRACE", 0.0)
    monkeypatch.setattr(_ending, "flushed", lambda: _noted(done))
    stop = threading.Event()
    left = threading.Thread(target=stop.wait, name="a-plugins-watcher")
    left.start()
    try:
        with pytest.raises(_Exited):
            _ending._cut_short(3)
    finally:
        stop.set()
        left.join()
    assert done == ["atexit", "flushed", ("_exit", 3)]
    assert capsys.readouterr().err == (
        "warning: a thread a plugin started ran on when the command ended, "
        "`a-plugins-watcher`: not waited for\n"
    )


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (3, 3), ("a message", 1)])
def test_a_watched_end_cut_short_keeps_the_commands_status(
    code: object, status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread left running: the program ends without it with the status Python would
    have given (`SystemExit(None)` 0, a message 1)."""
    given: queue.Queue[int] = queue.Queue()
    monkeypatch.setattr(_ending, "_cut_short", given.put)
    handled = (signal.SIGINT, *STOPPING)
    before = {number: signal.getsignal(number) for number in handled}
    try:
        _ending.watched_end(code)
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
    # The clock here: a wait for this process's own thread (no program run), a hang guard.
    assert given.get(timeout=WAIT) == status


def test_the_watch_never_keeps_the_program_from_ending(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watching thread is a daemon: Python's end never waits its `GRACE` for it, so a
    plugin's thread that ends as the program does costs no second."""
    release = threading.Event()
    monkeypatch.setattr(_ending, "_cut_short", lambda status: release.wait(WAIT))
    before = {number: signal.getsignal(number) for number in (signal.SIGINT, *STOPPING)}
    try:
        _ending.watched_end(0)
        watch = [t for t in threading.enumerate() if t.name == "selfreview-end"]
        assert [t.daemon for t in watch] == [True]
    finally:
        release.set()
        for number, handler in before.items():
            signal.signal(number, handler)


def test_a_late_ctrl_c_with_no_exit_status_made_yet_ends_with_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C that did not cut a `SystemExit` short (nothing to keep the status of): said
    to be late, and the program ends with 1, as a failed command does (round-65 pass)."""
    monkeypatch.setattr(_ending, "end_by_the_signal", lambda: None)
    with pytest.raises(SystemExit) as ended:
        _ending.too_late(KeyboardInterrupt())
    assert ended.value.code == 1
    assert capsys.readouterr().err.endswith("too late to stop it\n")


_FULL = "No space left on device"


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(28, _FULL), f"Error: standard output: {_FULL}\n"),
        (OSError(28, _FULL, "out\nput"), f"Error: out\\nput: {_FULL}\n"),
    ],
    ids=["unnamed", "named on one line"],
)
def test_standard_output_failing_outside_a_command_is_one_line_and_exit_1(
    error: OSError, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error with no file named is standard output's; a name is kept on the line it is
    said on (a line break in it escaped); exit 1 (round-65 pass)."""
    with pytest.raises(SystemExit) as ended:
        _ending.cannot_write(error)
    assert ended.value.code == 1
    assert capsys.readouterr().err == said
