"""Behaviours of `isolation.process_state` that a mutation pass (round 51) found no test
pinned."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from selfreview_core.isolation import process_state
from selfreview_core.isolation.output import plugin_output


@pytest.mark.usefixtures("unkept")
def test_the_lowest_recursion_limit_a_plugin_asks_for_is_refused_as_any_lower_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A limit of 1 is lower than the program's like any other: refused, said once, and the
    plugin's call goes on. Passed to Python, it raised a `RecursionError` in the plugin's
    call (the depth already reached is above it), which then failed."""
    process_state.keep()
    limit = sys.getrecursionlimit()
    with plugin_output():
        sys.setrecursionlimit(1)
        assert sys.getrecursionlimit() == limit
    assert sys.getrecursionlimit() == limit
    assert capsys.readouterr().err == (
        "warning: a plugin tried to lower the recursion limit (to 1); kept at"
        f" {limit}, which the other plugins and the command need\n"
    )


@pytest.mark.usefixtures("unkept")
def test_release_gives_a_forked_process_every_function_keep_made_note_as_pythons_own() -> None:
    """In a process plugin code forked (a pool's worker), the process is the plugin's:
    `release` gives back Python's own of each function `keep` replaced, the blocked signals'
    `pthread_sigmask` with the rest, so that nothing the worker does is noted or refused."""
    names = ["chdir", "fchdir", "umask", "dup2", "close", "closerange"]
    functions = [(os, name) for name in names]
    functions += [(sys, "setrecursionlimit"), (sys, "set_int_max_str_digits")]
    functions += [(signal, "signal"), (signal, "pthread_sigmask")]
    pythons = {(module, name): getattr(module, name) for module, name in functions}
    process_state.keep()
    assert signal.pthread_sigmask is not pythons[signal, "pthread_sigmask"]  # noting
    process_state.release()
    assert [
        name for (module, name), own in pythons.items() if getattr(module, name) is not own
    ] == []
