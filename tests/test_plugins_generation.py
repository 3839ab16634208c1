"""The engine keeps each hook's implementations and each framework's recommending plugins
while the plugin manager is of the same generation (`plugins._Manager`): every change to
its plugins between reports (registered, unregistered, blocked, a hook specified), however
made, is seen by the next report, and none is worked out again without one."""

from __future__ import annotations

from typing import Any

import pluggy
import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation
from selfreview_core.hookspecs import hookspec
from test_engine import plugin_module


def _advice(rec_id: str) -> list[Recommendation]:
    return [Recommendation(id=rec_id, title=rec_id, action="Act.", targets=("A2.1",))]


def _ids(engine: Engine, assessment: Assessment, framework: Framework) -> list[str]:
    return [r.id for r in engine.report(assessment, framework=framework).recommendations]


def test_each_change_of_the_plugins_is_seen_by_the_next_report(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine = Engine(entry_points=False, disable=["next-steps"])
    pm = engine.plugin_manager
    assert _ids(engine, assessment, small_framework) == []
    first = plugin_module("first", selfreview_recommend=lambda: _advice("first"))
    pm.register(first, name="first")
    assert _ids(engine, assessment, small_framework) == ["first"]
    pm.register(plugin_module("second", selfreview_recommend=lambda: _advice("second")))
    assert sorted(_ids(engine, assessment, small_framework)) == ["first", "second"]
    pm.set_blocked("first")
    assert _ids(engine, assessment, small_framework) == ["second"]
    pm.unregister(name="second")
    assert _ids(engine, assessment, small_framework) == []


def test_a_plugin_registering_another_in_its_hook_is_seen_by_the_next_report(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine = Engine(entry_points=False, disable=["next-steps"])
    late = plugin_module("late", selfreview_recommend=lambda: _advice("late"))

    def selfreview_recommend() -> list[Any]:
        if not engine.plugin_manager.has_plugin("late"):
            engine.plugin_manager.register(late, name="late")
        return _advice("early")

    engine.plugin_manager.register(
        plugin_module("early", selfreview_recommend=selfreview_recommend)
    )
    assert _ids(engine, assessment, small_framework) == ["early"]
    assert sorted(_ids(engine, assessment, small_framework)) == ["early", "late"]


def test_the_implementations_are_worked_out_again_only_after_a_change(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine = Engine(entry_points=False)
    host = engine._host
    found = host.implementations("selfreview_recommend")
    plan = engine._recommenders(small_framework, host.pm.generation)
    engine.report(assessment, framework=small_framework)
    assert host.implementations("selfreview_recommend") is found
    assert engine._recommenders(small_framework, host.pm.generation) is plan
    before = engine.plugin_manager.generation  # type: ignore[attr-defined]
    engine.plugin_manager.register(plugin_module("quiet"))  # no hook of these
    assert engine.plugin_manager.generation > before  # type: ignore[attr-defined]
    # A change elsewhere: the same implementations, so the same plan, still.
    assert host.implementations("selfreview_recommend") is found
    assert engine._recommenders(small_framework, host.pm.generation) is plan
    later = engine.plugin_manager.generation  # type: ignore[attr-defined]

    class Specs:
        @hookspec
        def selfreview_other(self) -> None:
            """A hook specified after the plugins were registered."""

    engine.plugin_manager.add_hookspecs(Specs)
    assert engine.plugin_manager.generation > later  # type: ignore[attr-defined]


def test_pluggy_is_not_asked_again_while_the_generation_stays(
    small_framework: Framework, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports in a row ask pluggy for no list of implementations (it copies its list
    each time); a change of the plugins makes the next report ask once."""
    engine = Engine(entry_points=False)
    engine.report(assessment, framework=small_framework)
    asked: list[str] = []
    real = pluggy.HookCaller.get_hookimpls

    def counted(caller: pluggy.HookCaller) -> list[Any]:
        asked.append(caller.name)
        return real(caller)

    monkeypatch.setattr(pluggy.HookCaller, "get_hookimpls", counted)
    for _ in range(3):
        engine.report(assessment, framework=small_framework)
    assert engine._host.implementations("selfreview_recommend")
    assert asked == []
    engine.plugin_manager.register(plugin_module("quiet"))
    engine.report(assessment, framework=small_framework)
    engine.report(assessment, framework=small_framework)
    assert asked == ["selfreview_recommend"]
