"""Fixtures of the isolation tests."""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import sys
import threading
from collections.abc import Iterator

import pytest

from selfreview_core import _held
from selfreview_core._held import KEPT
from selfreview_core.isolation import descriptors, process_state
from selfreview_core.isolation.descriptors import _close

#: The functions `process_state.keep` replaces with ones that note a change.
NOTING = [(os, "chdir"), (os, "fchdir"), (os, "umask"), (signal, "signal")]
NOTING += [(sys, "setrecursionlimit"), (os, "dup2"), (os, "close"), (os, "closerange")]
NOTING += [(sys, "set_int_max_str_digits"), (signal, "set_wakeup_fd")]
NOTING += [(signal, "pthread_sigmask")] if hasattr(signal, "pthread_sigmask") else []
NOTING += [(sys, "settrace"), (sys, "setprofile"), (threading, "settrace")]
NOTING += [(threading, "setprofile"), (sys, "addaudithook")]
if importlib.util.find_spec("resource") is not None:  # not on Windows
    NOTING += [(importlib.import_module("resource"), "setrlimit")]
    NOTING += [(importlib.import_module("resource"), "prlimit")]


#: The handlers Python starts a program with, where the signals exist.
PYTHONS = {
    getattr(signal, name): handler
    for name, handler in (
        ("SIGINT", signal.default_int_handler),
        ("SIGTERM", signal.SIG_DFL),
        ("SIGHUP", signal.SIG_DFL),
        ("SIGPIPE", signal.SIG_IGN),
    )
    if hasattr(signal, name)
}


@pytest.fixture
def unkept(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Nothing kept yet (as in a program embedding the engine), and every function `keep`
    makes note, with the file mode mask, the stopping signals' handlers, the blocked
    signals and the recursion limit, put back after the test, which may call `keep` as
    the program does. While it runs, the handlers are those Python starts with and no
    signal is blocked, whatever the test runner's are."""
    monkeypatch.setattr(process_state, "kept", None)
    # What `keep` has the collector's passes and the writers look at: none after the test.
    monkeypatch.setattr(descriptors, "_watched", [])
    monkeypatch.setattr(_held, "REPAIR", [])
    for module, name in NOTING:
        monkeypatch.setattr(module, name, getattr(module, name))
    mask = os.umask(0o022)
    os.umask(mask)
    depth = sys.getrecursionlimit()
    digits = sys.get_int_max_str_digits()
    handlers = {number: signal.signal(number, handler) for number, handler in PYTHONS.items()}
    sigmask = getattr(signal, "pthread_sigmask", None)
    blocked = sigmask(signal.SIG_SETMASK, []) if sigmask is not None else None
    held = set(KEPT)
    yield
    kept = process_state.kept
    if kept is not None and kept.standard is not None:  # the copies `keep` made
        for copy, _ in kept.standard.copies.values():
            _close(copy)
    if kept is not None and kept.home is not None:
        _close(kept.home.descriptor)
    KEPT.intersection_update(held)  # Python's own `os.close` closed those `keep` made
    os.umask(mask)
    sys.setrecursionlimit(depth)
    sys.set_int_max_str_digits(digits)
    for number, handler in handlers.items():
        if handler is not None:
            signal.signal(number, handler)
    if sigmask is not None and blocked is not None:
        sigmask(signal.SIG_SETMASK, blocked)
