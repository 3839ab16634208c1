"""The guards that act only in plugin code (trace and profile functions, audit hooks, the
system's limits) are put in place once plugin code may run, not at every command's start
(round 81): `validate FILE`, which loads no plugin, paid about 3.5 M instructions for them.
Every plugin is still guarded before its first line runs: they are in place before the
installed plugins are even listed (pydantic's plugins are loaded in that listing)."""

from __future__ import annotations

import sys
import threading

import pytest

from selfreview_core.isolation import process_state, trace_functions
from selfreview_core.model.problem import Problem
from selfreview_core.plugins import PluginHost

#: Python's own setters, as the program found them.
_PYTHONS = {name: setter for name, (setter, _) in trace_functions._SETTERS.items()}


def _pythons_own() -> bool:
    """Whether the trace and profile setters are Python's own (no guard in place)."""
    now = {
        "sys.settrace": sys.settrace,
        "sys.setprofile": sys.setprofile,
        "threading.settrace": threading.settrace,
        "threading.setprofile": threading.setprofile,
    }
    return all(now[name] is setter for name, setter in _PYTHONS.items())


@pytest.mark.usefixtures("unkept")
def test_keeping_the_process_puts_no_guard_of_plugin_code_in_place() -> None:
    addaudithook = sys.addaudithook
    process_state.keep()
    assert process_state.kept is not None
    assert process_state.kept.guards is None
    assert _pythons_own()
    assert sys.addaudithook is addaudithook


@pytest.mark.usefixtures("unkept")
def test_the_guards_are_in_place_before_the_installed_plugins_are_listed_and_once() -> None:
    process_state.keep()
    kept = process_state.kept
    assert kept is not None
    seen: list[bool] = []

    def listing() -> list[object]:
        """As the installed plugins are listed (pydantic's imported): plugin code's first."""
        seen.append(kept.guards is not None and not _pythons_own())
        return []

    problems: list[Problem] = []
    PluginHost(problems).load_entry_points(listing)  # type: ignore[arg-type]
    assert (seen, problems) == ([True], [])
    guards, settrace = kept.guards, sys.settrace
    PluginHost(problems).load_entry_points(listing)  # type: ignore[arg-type]
    assert (kept.guards, sys.settrace) == (guards, settrace)  # not wrapped twice


@pytest.mark.usefixtures("unkept")
def test_a_program_embedding_the_engine_keeps_pythons_own_functions() -> None:
    """Nothing kept (`keep` not called): the program owns its process, as before."""
    process_state.plugin_code_ahead()
    PluginHost([]).load_entry_points(list)
    assert process_state.kept is None
    assert _pythons_own()
