"""What the hook specifications (hookspecs.py) promise that round 45's hand-made pass over
them found no test pinning (the automatic pass has only `if TYPE_CHECKING` to change): no
hook is `historic` or `firstresult`. Historic, a hook refuses a wrapper at registration, and
the plugin lost every other hook with it, where a wrapper is a problem of its own and the
rest of the plugin works; first-result, an embedder calling a hook through the engine's
plugin manager, as pluggy lets them, would hear one plugin instead of every one."""

from __future__ import annotations

import types
from collections.abc import Iterator

import pytest

from selfreview_core import Engine, Exporter, Framework, hookimpl
from selfreview_core.plugins import HOOKS

BUILT_INS = ["bundled-frameworks", "next-steps", "standard-exporters"]


def _wrapping() -> Iterator[None]:
    yield


def _mine(report: object) -> str:
    return "mine"


@pytest.mark.parametrize("hook", HOOKS)
def test_a_wrapper_of_any_hook_is_a_problem_and_the_rest_of_its_plugin_still_works(
    hook: str, small_framework: Framework
) -> None:
    plugin = types.ModuleType("wrapping")
    setattr(plugin, hook, hookimpl(wrapper=True)(_wrapping))
    if hook == "selfreview_exporters":
        plugin.selfreview_frameworks = hookimpl(lambda: [small_framework])  # type: ignore[attr-defined]
    else:
        mine = Exporter("mine", ".mine", "text/plain", _mine)
        plugin.selfreview_exporters = hookimpl(lambda: [mine])  # type: ignore[attr-defined]
    engine = Engine(entry_points=False, plugins=[plugin])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        (
            "wrapping",
            f"`{hook}` is a hook wrapper; selfreview calls each plugin on its own, "
            "so wrappers are never called",
            "error",
        )
    ]
    info = next(p for p in engine.plugins() if p.name == "wrapping")
    assert hook in info.hooks
    if hook == "selfreview_exporters":
        assert engine.framework(small_framework.ref) == small_framework
    else:
        assert engine.exporter("mine").render is _mine


@pytest.mark.parametrize("hook", HOOKS)
def test_a_hook_called_through_the_plugin_manager_gathers_every_plugins_answer(
    hook: str,
) -> None:
    one, two = types.ModuleType("one"), types.ModuleType("two")
    setattr(one, hook, hookimpl(lambda: ["from one"]))
    setattr(two, hook, hookimpl(lambda: ["from two"]))
    engine = Engine(entry_points=False, plugins=[one, two], disable=BUILT_INS)
    arguments = {"framework": None, "assessment": None, "profile": None, "previous": None}
    caller = getattr(engine.plugin_manager.hook, hook)
    given = {name: arguments[name] for name in caller.spec.argnames}
    assert sorted(caller(**given)) == [["from one"], ["from two"]]
    assert engine.problems == []
