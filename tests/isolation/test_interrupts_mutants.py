"""A program that embeds the engine, ignores Ctrl-C and stops on a hang-up signal by a
handler of its own raising `KeyboardInterrupt` (as a service does): an interrupt in a
plugin's hook is its stop, not the plugin's problem, since nobody can tell the two apart.
The round 81 sweep over round 80's changed lines found the hang-up signal's handler
looked at by no test: with only Ctrl-C's and SIGTERM's looked at, the program's stop was
swallowed as a problem of the plugin's, and the report went on."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.isolation import interrupts
from test_engine import plugin_module

if sys.platform == "win32":  # pragma: no cover - no hang-up signal
    pytest.skip("POSIX signals", allow_module_level=True)

STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@pytest.fixture
def own_handlers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The stopping signals' handlers put back after the test; no signal noted as come
    before it (whatever the engine keeps of that, if anything)."""
    monkeypatch.setattr(interrupts, "_noted", [], raising=False)
    kept = {number: signal.getsignal(number) for number in STOPPING}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


def _hung_up(number: int, frame: object) -> None:
    raise KeyboardInterrupt("hung up")


@pytest.mark.usefixtures("own_handlers")
def test_an_interrupt_in_a_hook_stops_a_program_whose_hang_up_handler_raises_one(
    small_framework: Framework, assessment: Assessment
) -> None:
    def hanging_up() -> list[Recommendation]:
        signal.raise_signal(signal.SIGHUP)  # as the system's hang-up comes in the hook
        return []

    engine = Engine(
        entry_points=False, plugins=[plugin_module("p", selfreview_recommend=hanging_up)]
    )
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, _hung_up)
    with pytest.raises(KeyboardInterrupt, match="hung up"):
        engine.report(assessment, framework=small_framework)
