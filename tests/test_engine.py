"""The engine: its own plugin manager, bundled frameworks as a plugin, failures isolated."""

from __future__ import annotations

import threading
import time
import types
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import (
    Assessment,
    Engine,
    Framework,
    Report,
    UnknownFrameworkError,
    hookimpl,
)


def plugin_module(name: str, **hooks: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, hook, hookimpl(function))
    return module


def test_bundled_frameworks_are_a_plugin_like_any_other(engine: Engine) -> None:
    plugins = {p.name: p for p in engine.plugins()}
    assert plugins["bundled-frameworks"].origin == "built-in"
    assert plugins["bundled-frameworks"].hooks == ("selfreview_frameworks",)
    [entry] = engine.frameworks()
    assert (entry.framework.ref, entry.provider) == ("becta-srf@2010", "bundled-frameworks")
    assert Path(entry.path or "").name == "becta-srf.yaml"


def test_frameworks_by_id_and_by_id_at_version(engine: Engine) -> None:
    assert engine.framework("becta-srf") is engine.framework("becta-srf@2010")
    with pytest.raises(UnknownFrameworkError) as raised:
        engine.framework("becta-srf@2008")
    assert raised.value.hint == "available versions: 2010"
    with pytest.raises(UnknownFrameworkError) as raised:
        engine.framework("becta")
    assert raised.value.hint == "did you mean `becta-srf`?"


def test_the_latest_version_answers_to_the_bare_id(small_framework: Framework) -> None:
    older = small_framework.model_copy(update={"version": "9"})
    newer = small_framework.model_copy(update={"version": "10"})
    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("p", selfreview_frameworks=lambda: [newer, older])],
    )
    assert engine.framework("small").version == "10"
    assert engine.framework("small@9").version == "9"


def test_two_engines_do_not_share_plugins(small_framework: Framework) -> None:
    first = Engine(
        entry_points=False,
        plugins=[plugin_module("extra", selfreview_frameworks=lambda: [small_framework])],
    )
    second = Engine(entry_points=False)
    assert "small" in first.framework_names()
    assert "small" not in second.framework_names()
    assert "extra" not in {p.name for p in second.plugins()}


def test_disabled_plugins_are_not_used() -> None:
    engine = Engine(entry_points=False, disable=["bundled-frameworks"])
    assert engine.frameworks() == ()
    assert engine.problems == []


_ONE_PATH_CALLS: dict[str, Callable[[Any], object]] = {
    "frameworks": lambda given: Engine(entry_points=False, frameworks=given),
    "rule_packs": lambda given: Engine(entry_points=False, rule_packs=given),
    "migrations": lambda given: Engine(entry_points=False, migrations=given),
    "disable": lambda given: Engine(entry_points=False, disable=given),
    "plugins": lambda given: Engine(entry_points=False, plugins=given),
    "assessments": lambda given: list(Engine(entry_points=False).report_many(given)),
    "paths": lambda given: Engine(entry_points=False).benchmark(given),
}


@pytest.mark.parametrize("parameter", list(_ONE_PATH_CALLS))
@pytest.mark.parametrize("given", ["examples", b"examples", Path("examples")], ids=repr)
def test_one_name_or_path_given_for_a_list_is_a_type_error(
    parameter: str, given: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A string is an iterable of its characters, and mypy passes one for an
    `Iterable[str]`: `frameworks="f.yaml"` looked for a file `f`, `report_many("folder")`
    for `f`, `o`, ..., and `disable="next-steps"` warned of ten plugins not found."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError) as refused:
        _ONE_PATH_CALLS[parameter](given)
    assert str(refused.value) == (
        f"`{parameter}` takes a list, not one name or path: write [{given!r}]"
    )


def test_disabling_an_unknown_plugin_is_a_warning() -> None:
    engine = Engine(entry_points=False, disable=["no-such-plugin"])
    [problem] = engine.problems
    assert (problem.source, problem.severity) == ("engine", "warning")


def test_a_failing_frameworks_hook_loses_nobody_elses_work(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: framework\nid: broken\n")

    def raises() -> list[Any]:
        raise RuntimeError("database down")

    engine = Engine(
        entry_points=False,
        plugins=[
            plugin_module("raiser", selfreview_frameworks=raises),
            plugin_module("bad-file", selfreview_frameworks=lambda: [broken]),
            plugin_module("garbage", selfreview_frameworks=lambda: [42]),
        ],
    )
    assert [e.framework.id for e in engine.frameworks()] == ["becta-srf"]
    problems = {p.source: p.message for p in engine.problems}
    assert problems["raiser"] == "selfreview_frameworks raised RuntimeError: database down"
    assert "missing required key `title`" in problems["bad-file"]
    assert str(broken) in problems["bad-file"]
    assert problems["garbage"] == "selfreview_frameworks gave int, not a path or a Framework"


class _EntryPoint:
    """Stands in for an installed distribution's entry point."""

    def __init__(
        self, name: str, value: str, target: object = None, error: BaseException | None = None
    ):
        self.name, self.value, self.group = name, value, "selfreview"
        self._target, self._error = target, error
        self.dist = types.SimpleNamespace(version="1.2.3")

    def load(self) -> object:
        if self._error is not None:
            raise self._error
        return self._target


def test_entry_points_load_one_by_one_and_a_broken_one_is_a_problem(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework
) -> None:
    good = plugin_module("good_plugin", selfreview_frameworks=lambda: [small_framework])
    points = [
        _EntryPoint("broken", "broken_plugin:main", error=ImportError("No module named 'x'")),
        _EntryPoint("good", "good_plugin", target=good),
    ]
    monkeypatch.setattr(
        "selfreview_core.engine.entry_points", lambda group: points if group == "selfreview" else []
    )
    engine = Engine()
    info = {p.name: p for p in engine.plugins()}
    assert (info["good"].origin, info["good"].version) == ("entry point", "1.2.3")
    assert "broken" not in info
    [problem] = engine.problems
    assert problem.source == "broken"
    assert "failed to load from `broken_plugin:main`" in problem.message
    assert "small" in engine.framework_names()


def test_disabled_entry_points_are_never_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    point = _EntryPoint("slow", "slow_plugin", error=AssertionError("must not be imported"))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    engine = Engine(disable=["slow"])
    assert engine.problems == []


def test_the_real_entry_point_group_is_read() -> None:
    """No plugin is installed in the test environment by default; the call must still work."""
    names = {e.name for e in metadata.entry_points(group="selfreview")}
    engine = Engine()
    assert {p.name for p in engine.plugins() if p.origin == "entry point"} <= names


def test_concurrent_first_use_collects_once_and_records_each_problem_once(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The engine is safe to share between threads: whichever asks first collects what the
    plugins provide, under a lock; the others wait for it and see the same."""
    calls: Counter[str] = Counter()

    def provider(hook: str, *items: object) -> Callable[[], list[object]]:
        def provide() -> list[object]:
            calls[hook] += 1
            time.sleep(0.05)  # widens the window a race would need; no time is asserted
            return list(items)

        return provide

    plugin = plugin_module(
        "counted",
        selfreview_frameworks=provider("frameworks", small_framework, 1),
        selfreview_rule_packs=provider("rule_packs", 2),
        selfreview_migrations=provider("migrations", 3),
        selfreview_exporters=provider("exporters", 4),
    )
    engine = Engine(entry_points=False, plugins=[plugin])
    threads = 8
    start = threading.Barrier(threads)
    reports: list[Report] = []
    errors: list[BaseException] = []

    def use() -> None:
        try:
            start.wait()
            engine.exporters()
            engine.migrations()
            reports.append(engine.report(assessment))
        except BaseException as error:  # the assertion below shows it
            errors.append(error)

    workers = [threading.Thread(target=use) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert calls == {"frameworks": 1, "rule_packs": 1, "migrations": 1, "exporters": 1}
    messages = sorted(p.message for p in engine.problems)
    assert messages == [
        "selfreview_exporters gave int, not Exporter",
        "selfreview_frameworks gave int, not a path or a Framework",
        "selfreview_migrations gave int, not a path or a Migration",
        "selfreview_rule_packs gave int, not a path or a RulePack",
    ]
    assert len(reports) == threads
    assert all(r.problems == reports[0].problems for r in reports)
    assert all(r.framework is reports[0].framework for r in reports)  # collected once
    assert reports[0].framework == small_framework


# -- where plugins' recommendations go in a report ---------------------------------------


def _rec(rec_id: str, priority: str, target: str) -> Any:
    from selfreview_core import Recommendation

    return Recommendation(
        id=rec_id, title=rec_id, action="Act.", targets=(target,), priority=priority
    )


def _order(report: Report, framework: Framework) -> list[tuple[int, int]]:
    """Each recommendation's (priority rank, framework position of its first target)."""
    ranks = {"high": 0, "medium": 1, "low": 2}
    ids = list(framework.ids)
    return [(ranks[r.priority], ids.index(r.targets[0])) for r in report.recommendations]


def test_a_plugins_recommendations_keep_their_place_when_taken_again(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The second report finds the plugin's objects accepted already (a lookup), and
    must order them as the first did: by priority, then framework order, among the
    built-in next steps."""
    given = [_rec("late-low", "low", "A1.1"), _rec("first-high", "high", "B1.1")]
    plugin = plugin_module("giver", selfreview_recommend=lambda: list(given))
    engine = Engine(entry_points=False, plugins=[plugin])
    first = engine.report(assessment, framework=small_framework)
    second = engine.report(assessment, framework=small_framework)
    assert second.recommendations == first.recommendations
    assert second.recommendations[0].id == "first-high"
    order = _order(second, small_framework)
    assert order == sorted(order)
    assert {r.source for r in second.recommendations} == {"giver", "next-steps"}


def test_recommendations_a_plugin_yields_are_ordered_too(
    small_framework: Framework, assessment: Assessment
) -> None:
    def recommend() -> Any:
        yield _rec("low-first-target", "low", "A1.1")
        yield _rec("medium-last-target", "medium", "B1.1")
        yield _rec("medium-first-target", "medium", "A1.2")

    plugin = plugin_module("yielder", selfreview_recommend=recommend)
    engine = Engine(entry_points=False, plugins=[plugin], disable=["next-steps"])
    for _ in range(2):
        report = engine.report(assessment, framework=small_framework)
        assert [r.id for r in report.recommendations] == [
            "medium-first-target",
            "medium-last-target",
            "low-first-target",
        ]


def test_a_plugin_registered_after_a_report_is_called_for_the_next(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The engine keeps each framework's list of recommending plugins, but only while
    the plugins stay the same."""
    engine = Engine(entry_points=False, disable=["next-steps"])
    assert engine.report(assessment, framework=small_framework).recommendations == ()
    late = plugin_module("late", selfreview_recommend=lambda: [_rec("late", "low", "A2.1")])
    engine.plugin_manager.register(late, name="late")
    [rec] = engine.report(assessment, framework=small_framework).recommendations
    assert (rec.id, rec.source) == ("late", "late")
    engine.plugin_manager.unregister(name="late")
    assert engine.report(assessment, framework=small_framework).recommendations == ()
