"""Fixtures of the isolation tests."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from selfreview_core.isolation import process_state

#: The functions `process_state.keep` replaces with ones that note a change.
NOTING = [(os, "chdir"), (os, "fchdir"), (os, "umask"), (signal, "signal")]
NOTING += [(signal, "pthread_sigmask")] if hasattr(signal, "pthread_sigmask") else []


@pytest.fixture
def unkept(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Nothing kept yet (as in a program embedding the engine), and every function `keep`
    makes note, with the file mode mask, the stopping signals' handlers and the blocked
    signals, put back after the test, which may call `keep` as the program does."""
    monkeypatch.setattr(process_state, "kept", None)
    for module, name in NOTING:
        monkeypatch.setattr(module, name, getattr(module, name))
    mask = os.umask(0o022)
    os.umask(mask)
    handlers = {number: signal.getsignal(number) for number in process_state.KEPT_SIGNALS}
    blocked = (
        signal.pthread_sigmask(signal.SIG_BLOCK, []) if hasattr(signal, "pthread_sigmask") else None
    )
    yield
    os.umask(mask)
    for number, handler in handlers.items():
        if handler is not None:
            signal.signal(number, handler)
    if blocked is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
