"""What Ctrl-C, `kill` and a closed terminal do to the program (`cli/_signals.py`) that its
other tests did not pin: found by the round-42 mutation pass over the module."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from selfreview_core.cli import _signals

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

HANDLED = (signal.SIGINT, *_signals.STOPPING)


@pytest.fixture(autouse=True)
def _handlers_put_back(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Python's own handlers while the test runs, and the test process's afterwards."""
    before = {number: signal.getsignal(number) for number in HANDLED}
    monkeypatch.setattr(_signals, "_received", [])
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in _signals.STOPPING:
        signal.signal(number, signal.SIG_DFL)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def test_ctrl_c_is_noted_so_that_an_interrupt_another_error_wraps_is_still_one() -> None:
    _signals.stop_as_ctrl_c()
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)
    assert _signals.interrupted()
    # A second Ctrl-C interrupts again, noted, as Python's own does: it does not end the
    # process at once, as a second `kill` does.
    assert signal.getsignal(signal.SIGINT) is _signals._interrupt


@pytest.mark.parametrize("number", _signals.STOPPING, ids=lambda n: signal.Signals(n).name)
def test_a_stopping_signal_is_ctrl_c_once_and_a_second_ends_the_process(number: int) -> None:
    """The first `kill` takes Ctrl-C's way (a `KeyboardInterrupt`, noted); from then on the
    signal has its default, so that a second ends the process at once."""
    _signals.stop_as_ctrl_c()
    with pytest.raises(KeyboardInterrupt):
        signal.raise_signal(number)
    assert _signals.interrupted()
    assert signal.getsignal(number) is signal.SIG_DFL
