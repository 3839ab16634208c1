"""An installed plugin whose entry point is not written as one (`entry_points.load`), or names
a hook function rather than the plugin (`PluginHost._add`): a problem naming the plugin
and saying what is wrong, and every school's report is made as without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from program import selfreview, selfreview_alone, with_plugin
from selfreview_core import Assessment, Engine, Framework, Recommendation, hookimpl
from test_engine import _EntryPoint

EXAMPLES = ("example-primary-2025.yaml", "example-primary-2026.yaml")
HOW = "an entry point is written `package.module` or `package.module:attribute`"


@pytest.mark.parametrize(
    "value", ["", ":main", "selfreview_hostile.raises:", "selfreview_hostile raises"]
)
def test_an_entry_point_not_written_as_one_is_a_problem_saying_how_it_is_written(
    root: Path, tmp_path: Path, value: str
) -> None:
    """Before round 50 the problem was Python's own error, `failed to load from `:main`:
    AttributeError: 'NoneType' object has no attribute 'group'`."""
    env = with_plugin(tmp_path / "site", "unwritten", value)
    problem = f"error: plugin unwritten: failed to load from `{value}`: {HOW}"
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(["report", *schools, "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines() == [problem, "2 reports written"]
    reports = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["assessment"]["school"]["id"] for r in reports] == ["100000", "100000"]
    for report in reports:
        assert report["problems"] == [
            {"source": "unwritten", "message": problem.split(": ", 2)[2], "severity": "error"}
        ]
        assert len(report["recommendations"]) > 1  # the built-ins' and the other plugins'
    listed = selfreview(["plugins", "--strict", "--format", "json"], cwd=tmp_path, env=env)
    assert listed.returncode == 1
    assert json.loads(listed.stdout)["problems"] == reports[0]["problems"]


FUNCTION = (
    "is a function, not a plugin (does its entry point name the module with the `@hookimpl` "
    "functions?)"
)


class _Adviser:
    """A plugin object whose method is a hook: its entry point may name the method."""

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        return [Recommendation(id="advice", title="T", action="A")]


def test_an_entry_point_naming_a_hook_function_is_a_problem_saying_so(
    monkeypatch: pytest.MonkeyPatch, assessment: Assessment, small_framework: Framework
) -> None:
    """Before round 50, an entry point naming a plugin object's hook method (`pkg:obj.hook`)
    was said to implement `__func__`, "which is not a hook", and one naming a module's hook
    function was a warning that it implements no hook, as if it could be left as it is."""
    adviser = _Adviser()
    points = [
        _EntryPoint("method", "pkg:adviser.selfreview_recommend", adviser.selfreview_recommend),
        _EntryPoint("function", "pkg:selfreview_recommend", _Adviser.selfreview_recommend),
        _EntryPoint("object", "pkg:adviser", adviser),
    ]
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: points)
    engine = Engine()
    assert [(p.source, p.severity, p.message) for p in engine.problems] == [
        ("method", "error", FUNCTION),
        ("function", "error", FUNCTION),
    ]
    assert [p.name for p in engine.plugins() if p.origin == "entry point"] == ["object"]
    report = engine.report(assessment, framework=small_framework)
    assert "advice" in [r.id for r in report.recommendations]


def test_an_installed_entry_point_naming_a_hook_function_is_a_problem(
    root: Path, tmp_path: Path
) -> None:
    env = with_plugin(tmp_path / "site", "named", "selfreview_hostile.raises:selfreview_recommend")
    school = str(root / "examples" / EXAMPLES[0])
    done = selfreview(["report", school, "--format", "json"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().splitlines() == [f"error: plugin named: {FUNCTION}"]
    assert json.loads(done.stdout)["problems"] == [
        {"source": "named", "message": FUNCTION, "severity": "error"}
    ]


@pytest.mark.parametrize("name", ["engine", "entry points"])
def test_a_plugin_named_as_the_engine_is_refused_unloaded(
    root: Path, tmp_path: Path, name: str
) -> None:
    """Round 61: the engine's own problems, and its calls, go by these names; a plugin
    given one of them passed for the engine (`hostile.engine_words`), unnamed in every
    problem. Refused now, never imported, and each report made as without it."""
    env = with_plugin(tmp_path / "site", name, "selfreview_hostile.engine_words")
    problem = (
        f"error: a plugin cannot be named `{name}`, the engine's own name: its problems "
        "would pass for the engine's (not loaded: rename its entry point)"
    )
    schools = [str(root / "examples" / name) for name in EXAMPLES]
    done = selfreview(["report", *schools, "--format", "json"], cwd=tmp_path, env=env)
    told = done.stderr.decode()
    assert done.returncode == 0, told
    assert told.splitlines() == [problem, "2 reports written"]
    plain = selfreview_alone(["report", *schools, "--format", "json"], cwd=tmp_path)
    for report, alone in zip(
        done.stdout.decode().splitlines(), plain.stdout.decode().splitlines(), strict=True
    ):
        made = json.loads(report)
        assert made["problems"] == [
            {"source": "engine", "message": problem.split(": ", 1)[1], "severity": "error"}
        ]
        assert {**made, "problems": []} == json.loads(alone)
    strict = selfreview(["report", schools[0], "--strict"], cwd=tmp_path, env=env)
    assert strict.returncode == 1
    assert strict.stderr.decode().splitlines() == [problem, "--strict: 1 problem(s)"]
    assert (
        "selfreview_hostile" not in selfreview(["plugins"], cwd=tmp_path, env=env).stdout.decode()
    )


@pytest.mark.parametrize("name", ["engine", "entry points"])
def test_a_plugin_given_the_engines_name_in_python_is_refused(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment, name: str
) -> None:
    class Spoof:
        @hookimpl
        def selfreview_recommend(self) -> list[Recommendation]:
            raise AssertionError("called")

    Spoof.name = name  # type: ignore[attr-defined]
    point = _EntryPoint(name, "spoof:main", error=AssertionError("imported"))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    for engine in (Engine(), Engine(entry_points=False, plugins=[Spoof()])):
        [problem] = engine.problems
        assert (problem.source, problem.severity) == ("engine", "error")
        assert problem.message.startswith(f"a plugin cannot be named `{name}`")
        assert name not in {p.name for p in engine.plugins()}
        made = engine.report(assessment, framework=small_framework)
        assert made.problems == (problem,)
        assert made.recommendations  # the built-ins' own
