"""The watched end's grace counts from Python's own end, not from the command's
(`cli/_ending.py`): on a loaded machine (load 24 on 2 cores, round 74) more than `GRACE`
passed between the two, and the end named the main thread as a plugin's thread left
running (`MainThread`, beside the plugin's) and cut the program short."""

from __future__ import annotations

import atexit
import os
import threading

import pytest

from program import WAIT, blocked_on
from selfreview_core.cli import _ending


class _Exited(Exception):
    """Stands for `os._exit`, which would end the test process."""


def _exit_now(status: int) -> None:
    raise _Exited(status)


def test_the_grace_starts_when_python_ends_the_program_and_names_only_the_plugins_thread(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The watcher waits for Python's end (here an event standing for it), however late,
    before it counts its grace; then it names the plugin's thread alone, never the main
    thread (still running here, as pytest's is)."""
    python_ends, plugin_stops = threading.Event(), threading.Event()
    monkeypatch.setattr(_ending, "_python_ending", lambda: python_ends.wait(WAIT), raising=False)
    monkeypatch.setattr(_ending, "GRACE", 0.0)
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: None)
    monkeypatch.setattr(_ending, "flushed", lambda: True)
    monkeypatch.setattr(os, "_exit", _exit_now)
    ended: list[BaseException] = []

    def watch() -> None:
        try:
            _ending._cut_short(3)
        except _Exited as exited:
            ended.append(exited)

    plugins = threading.Thread(target=plugin_stops.wait, name="a-plugins-watcher")
    plugins.start()
    watcher = threading.Thread(target=watch, daemon=True)
    try:
        watcher.start()
        # Python not ending yet: the watcher waits for it, nothing said, nothing ended
        assert blocked_on(watcher, python_ends), "the watcher did not wait for Python's end"
        assert watcher.is_alive()
        assert capsys.readouterr().err == ""
        python_ends.set()
        watcher.join(WAIT)
    finally:
        plugin_stops.set()
        plugins.join()
    assert [exited.args for exited in ended] == [(3,)]
    assert capsys.readouterr().err == (
        "warning: a thread a plugin started ran on when the command ended, "
        "`a-plugins-watcher`: not waited for\n"
    )


def test_python_ending_waits_for_the_main_thread_to_be_marked_ended() -> None:
    """From another thread it returns only once the main thread is ended (as Python marks
    it when it begins to end the program); pytest's main thread never is, here."""
    returned = threading.Event()

    def wait() -> None:
        _ending._python_ending()
        returned.set()

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    joining = blocked_on(thread, threading.main_thread())
    assert joining is not None, "returned without waiting"
    assert joining.f_locals["timeout"] is None  # for as long as it takes
    assert not returned.is_set()


def test_python_ending_called_from_the_main_thread_returns_at_once() -> None:
    """The main thread cannot wait for itself (a `join` would raise)."""
    _ending._python_ending()
