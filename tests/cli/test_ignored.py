"""Errors Python reports itself (a thread's, one raised while an object is freed) are a
warning line each, told once, never a traceback; `SELFREVIEW_DEBUG=1` shows Python's own.

Before round 39 a plugin's thread that failed, or an object of its whose `__del__`
failed, put a traceback on the command's standard error. `hostile-leaks`
(tests/plugins/selfreview_hostile/leaks.py) does both, for every school.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from program import selfreview, with_plugin
from selfreview_core.cli import _ignored
from selfreview_core.isolation import interrupts

EXAMPLES = ["examples/example-primary-2025.yaml", "examples/example-primary-2026.yaml"]
FREED = (
    "warning: `selfreview_hostile.leaks.Connection.__del__` failed, and was ignored"
    " (RuntimeError: could not close its connection); set SELFREVIEW_DEBUG=1 to see where"
)
THREAD = (
    "warning: thread `sender\\x1b[2J` ended with an error (ValueError: no answer from"
    " \\x1b[31mthe server); set SELFREVIEW_DEBUG=1 to see where"
)


def _leaks(tmp_path: Path, **more: str) -> dict[str, str]:
    env = with_plugin(tmp_path / "site", "hostile-leaks", "selfreview_hostile.leaks")
    return dict(env, **more)


def test_each_error_python_would_show_with_a_traceback_is_one_warning_told_once(
    root: Path, tmp_path: Path
) -> None:
    done = selfreview(
        ["report", *EXAMPLES, "--format", "json", "-o", str(tmp_path / "out.jsonl")],
        cwd=root,
        env=_leaks(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().splitlines() == [
        FREED,
        THREAD,
        f"2 reports written to {tmp_path / 'out.jsonl'}",
    ]
    reports = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert ["hostile-leaks-kept" in report for report in reports] == [True, True]
    assert [json.loads(report)["problems"] for report in reports] == [[], []]


def test_with_selfreview_debug_python_shows_its_own_traceback(root: Path, tmp_path: Path) -> None:
    done = selfreview(
        ["report", EXAMPLES[1], "--format", "json"],
        cwd=root,
        env=_leaks(tmp_path, SELFREVIEW_DEBUG="1"),
    )
    assert done.returncode == 0, done.stderr
    told = done.stderr.decode()
    assert "Exception ignored in: <function Connection.__del__" in told
    assert "Exception in thread sender" in told
    assert "Traceback (most recent call last):" in told
    assert json.loads(done.stdout)["recommendations"]


def _thread_failure(name: str, error: BaseException) -> threading.ExceptHookArgs:
    thread = threading.Thread(name=name)
    return threading.ExceptHookArgs([type(error), error, None, thread])


def test_a_threads_error_is_told_once_whichever_thread_it_ends(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Threads a plugin starts for each school are numbered anew (Thread-1, Thread-2):
    the same error from each is one warning. A thread's `sys.exit()` is nothing to tell,
    as in Python."""
    monkeypatch.setattr(_ignored, "_told", set())
    for name in ("Thread-1", "Thread-2"):
        _ignored._thread_failed(_thread_failure(name, ZeroDivisionError("division by zero")))
    _ignored._thread_failed(_thread_failure("Thread-3", KeyError("gone")))
    _ignored._thread_failed(_thread_failure("Thread-4", SystemExit(3)))
    assert capsys.readouterr().err.splitlines() == [
        "warning: thread `Thread-1` ended with an error (ZeroDivisionError: division by zero);"
        " set SELFREVIEW_DEBUG=1 to see where",
        "warning: thread `Thread-3` ended with an error (KeyError: 'gone');"
        " set SELFREVIEW_DEBUG=1 to see where",
    ]


class _Held:
    def close(self) -> None:
        """A method, as a weak reference's callback may be."""


def _gen() -> Iterator[int]:
    yield 1


@pytest.mark.parametrize(
    ("thing", "named"),
    [
        (_Held().close, f"`{__name__}._Held.close`"),
        (_gen, f"`{__name__}._gen`"),
        (_Held(), f"a `{__name__}._Held`"),
        (None, "Python"),
    ],
    ids=["method", "function", "object", "none"],
)
def test_what_failed_is_named_by_its_code_never_by_its_repr(thing: object, named: str) -> None:
    assert _ignored._name(thing) == named


def test_an_interrupt_no_signal_raised_is_a_failure_of_the_code_that_raised_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the user's Ctrl-C or `kill` (noted by its handler) is raised again or said to
    be late (tests/cli/test_signals.py): a `__del__` raising `KeyboardInterrupt` itself is
    its code's failure, told as any other, and nothing is raised later."""
    from types import SimpleNamespace

    monkeypatch.setattr(_ignored, "_told", set())
    monkeypatch.setattr(interrupts, "_noted", [])
    before = sys.getprofile()
    _ignored._ignored(SimpleNamespace(object=_Held.close, exc_value=KeyboardInterrupt()))
    assert sys.getprofile() is before
    assert capsys.readouterr().err == (
        f"warning: `{__name__}._Held.close` failed, and was ignored (KeyboardInterrupt);"
        " set SELFREVIEW_DEBUG=1 to see where\n"
    )
