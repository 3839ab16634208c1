"""Which plugin's call a change to the process was made in (`plugin_code.calling`), as
the warnings saying it was put back name it."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest

from selfreview_core.isolation.calls import PluginCall, _recommending
from selfreview_core.isolation.plugin_code import calling


def _seen() -> tuple[str | None, str | None, str | None]:
    """What plugin code's frame tells: inside the call, at a block's end in this frame
    (no caller of plugin code: none), and at the end of its caller's block."""
    here = sys._getframe()
    return calling(here), calling(here, ended=True), calling(here.f_back, ended=True)


@pytest.mark.parametrize("name", ["hostile-x", "a\udc80b"])
def test_the_nearest_caller_of_plugin_code_names_it(name: str) -> None:
    seen = PluginCall(name, "{}", []).run(_seen)
    assert seen == (PluginCall(name, "{}", []).plugin, None, PluginCall(name, "{}", []).plugin)


@pytest.mark.parametrize("name", ["engine", "entry points"])
def test_the_engines_own_calls_name_no_plugin(name: str) -> None:
    assert PluginCall(name, "{}", []).run(_seen) == (None, None, None)


def test_outside_any_call_no_plugin_is_named() -> None:
    assert _seen() == (None, None, None)
    assert calling(None) is None


@pytest.mark.parametrize(
    ("recommenders", "ended", "expected"),
    [
        ((1,), False, "a\\udc80b"),
        ((1, 2), False, "a\\udc80b"),
        ((1,), True, "a\\udc80b"),
        ((1, 2), True, None),  # which of them: not known
        ((), True, None),
    ],
)
def test_the_engines_loop_names_the_recommender_it_calls(
    recommenders: tuple[int, ...], ended: bool, expected: str | None
) -> None:
    frame = SimpleNamespace(f_locals={"name": "a\udc80b", "recommenders": recommenders})
    assert _recommending(frame, ended) == expected  # type: ignore[arg-type]
    frame.f_locals["name"] = 3  # not a name: none
    assert _recommending(frame, ended) is None  # type: ignore[arg-type]
