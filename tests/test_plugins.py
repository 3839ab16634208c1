"""The one guarded call path (`plugins.PluginCall`) and the plugin host: every way plugin
code can fail, short of killing the process, is a problem naming the plugin (SPEC 4)."""

from __future__ import annotations

import signal
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Assessment, Engine, Framework, Recommendation, hookimpl
from selfreview_core.errors import Refused
from selfreview_core.isolation import calls as plugins_module
from selfreview_core.isolation.calls import (
    FAILED,
    MAX_ITEMS,
    MAX_MESSAGE,
    MAX_PROBLEMS,
    PluginCall,
    clean,
    describe,
)
from selfreview_core.model.problem import Problem
from selfreview_core.plugins import HOOKS, PluginHost
from test_engine import _EntryPoint, plugin_module


def advice(rec_id: str) -> Recommendation:
    return Recommendation(id=rec_id, title="T", action="A", targets=("A1",))


def _nothing() -> list[Recommendation]:
    return []


class Sabotage(BaseException):
    """A `BaseException` of a plugin's own: `except Exception` lets it through."""


class Unprintable(Exception):
    def __str__(self) -> str:
        raise Sabotage("not even its message")


class FailingText(str):
    """A name whose every method fails: only its characters can be read."""

    def __getattribute__(self, name: str) -> object:
        raise Sabotage(f"no {name}")


class OddlyNamed(Exception):
    """Its class's name is a `FailingText` (set below, as `type()` may be given one)."""


OddlyNamed.__name__ = FailingText("Oddly")


#: What a plugin raising our own `Refused` may give it for its message or severity.
NOT_TEXT: Any = 123


def _exit(code: object) -> Callable[[], Any]:
    def function() -> Any:
        sys.exit(code)  # type: ignore[arg-type]

    return function


def _raise(error: BaseException) -> Callable[[], Any]:
    def function() -> Any:
        raise error

    return function


FAILURES: list[tuple[Callable[[], Any], str]] = [
    (_raise(RuntimeError("boom")), "selfreview_recommend raised RuntimeError: boom"),
    (_exit(0), "selfreview_recommend raised SystemExit: sys.exit(0)"),
    (_exit(None), "selfreview_recommend raised SystemExit: sys.exit(None)"),
    (_exit("bye"), "selfreview_recommend raised SystemExit: sys.exit('bye')"),
    (_raise(Sabotage("mine")), "selfreview_recommend raised Sabotage: mine"),
    (_raise(GeneratorExit()), "selfreview_recommend raised GeneratorExit"),
    (_raise(MemoryError()), "selfreview_recommend raised MemoryError"),
    (_raise(RecursionError("deep")), "selfreview_recommend raised RecursionError: deep"),
    (
        _raise(Unprintable()),
        "selfreview_recommend raised Unprintable (its message cannot be shown)",
    ),
    (_raise(ValueError("half \ud800")), "selfreview_recommend raised ValueError: half \\ud800"),
    (_raise(OddlyNamed("odd")), "selfreview_recommend raised Oddly: odd"),
    (_raise(Refused(NOT_TEXT)), "selfreview_recommend raised Refused: 123"),
    (_raise(Refused("x", NOT_TEXT)), "selfreview_recommend raised Refused: x"),
    (_raise(Refused.__new__(Refused)), "selfreview_recommend raised Refused"),
]


@pytest.mark.parametrize(("hook", "message"), FAILURES)
def test_every_base_exception_but_ctrl_c_is_a_problem_naming_the_plugin(
    small_framework: Framework, assessment: Assessment, hook: Callable[[], Any], message: str
) -> None:
    bad = plugin_module("bad", selfreview_recommend=hook)
    good = plugin_module("good", selfreview_recommend=lambda: [advice("from-good")])
    engine = Engine(entry_points=False, plugins=[bad, good])
    report = engine.report(assessment, framework=small_framework)
    assert [(p.source, p.message, p.severity) for p in report.problems] == [
        ("bad", message, "error")
    ]
    assert "from-good" in [r.id for r in report.recommendations]
    assert any(r.source == "next-steps" for r in report.recommendations)
    report.model_dump_json()  # every message can be written


@pytest.fixture
def pythons_ctrl_c() -> Iterator[None]:
    """Python's own Ctrl-C handler in place, as in a program started from a terminal: a test
    run started in the background (a CI runner's, `cmd &`) ignores Ctrl-C, and there a
    `KeyboardInterrupt` is no user's (`isolation.interrupts.the_users`)."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


@pytest.mark.usefixtures("pythons_ctrl_c")
def test_a_users_ctrl_c_interrupts(small_framework: Framework, assessment: Assessment) -> None:
    bad = plugin_module("bad", selfreview_recommend=_raise(KeyboardInterrupt()))
    engine = Engine(entry_points=False, plugins=[bad])
    before = sys.stdout
    with pytest.raises(KeyboardInterrupt):
        engine.report(assessment, framework=small_framework)
    assert sys.stdout is before  # standard output is put back on the way out


@pytest.mark.usefixtures("pythons_ctrl_c")
def test_ctrl_c_while_iterating_or_importing_interrupts_too(small_framework: Framework) -> None:
    def interrupted() -> Iterator[Framework]:
        yield small_framework
        raise KeyboardInterrupt

    engine = Engine(
        entry_points=False, plugins=[plugin_module("p", selfreview_frameworks=interrupted)]
    )
    with pytest.raises(KeyboardInterrupt):
        engine.frameworks()
    host = PluginHost([])
    point: Any = _EntryPoint("x", "x", error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        host.load_entry_points(lambda: [point])


def test_a_generator_that_raises_part_way_keeps_the_items_before_it(
    small_framework: Framework, assessment: Assessment
) -> None:
    def recommend() -> Iterator[Recommendation]:
        yield advice("first")
        yield advice("second")
        sys.exit(4)

    engine = Engine(
        entry_points=False, plugins=[plugin_module("half", selfreview_recommend=recommend)]
    )
    report = engine.report(assessment, framework=small_framework)
    assert {"first", "second"} <= {r.id for r in report.recommendations}
    [problem] = report.problems
    assert problem.message == "selfreview_recommend raised SystemExit: sys.exit(4)"


def test_an_object_that_fails_to_be_iterated_is_a_problem(
    small_framework: Framework, assessment: Assessment
) -> None:
    class Hostile:
        def __iter__(self) -> Iterator[object]:
            raise Sabotage("no iterating me")

    def hostile() -> Hostile:
        return Hostile()

    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("bad", selfreview_recommend=hostile, selfreview_frameworks=hostile)],
    )
    assert [e.framework.id for e in engine.frameworks()] == ["becta-srf"]
    report = engine.report(assessment, framework=small_framework)
    messages = [p.message for p in report.problems]
    assert messages == [
        "selfreview_frameworks raised Sabotage: no iterating me",
        "selfreview_recommend raised Sabotage: no iterating me",
    ]


def test_an_item_that_fails_to_be_checked_is_lost_alone(
    small_framework: Framework, assessment: Assessment
) -> None:
    class Shifty:
        def __getattribute__(self, name: str) -> Any:  # `isinstance` asks for `__class__`
            raise Sabotage("isinstance asks me")

    engine = Engine(
        entry_points=False,
        plugins=[plugin_module("bad", selfreview_recommend=lambda: [Shifty(), advice("after")])],
    )
    report = engine.report(assessment, framework=small_framework)
    assert "after" in {r.id for r in report.recommendations}
    [problem] = report.problems
    assert problem.message == "selfreview_recommend raised Sabotage: isinstance asks me"


def test_an_endless_generator_stops_and_problems_are_capped(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    monkeypatch.setattr(plugins_module, "MAX_ITEMS", 50)
    made: list[Iterator[object]] = []  # kept alive: closing it is the engine's job, not GC's

    def endless() -> Iterator[object]:
        try:
            while True:
                yield 42
        finally:
            raise Sabotage("while closing")

    def recommend() -> Iterator[object]:
        made.append(endless())
        return made[-1]

    engine = Engine(
        entry_points=False, plugins=[plugin_module("flood", selfreview_recommend=recommend)]
    )
    report = engine.report(assessment, framework=small_framework)
    messages = [p.message for p in report.problems]
    assert len(messages) == MAX_PROBLEMS + 1
    assert messages[:MAX_PROBLEMS] == ["gave int, not a Recommendation"] * MAX_PROBLEMS
    assert messages[-1] == f"more than {MAX_PROBLEMS} problems in one call; the rest not shown"
    with pytest.raises(StopIteration):  # closed by the engine, its `finally` guarded
        next(made[0])


def test_the_summary_comes_right_after_the_last_problem_shown(
    small_framework: Framework, assessment: Assessment
) -> None:
    for count, shown in ((MAX_PROBLEMS, MAX_PROBLEMS), (MAX_PROBLEMS + 1, MAX_PROBLEMS + 1)):
        plugin = plugin_module("p", selfreview_recommend=lambda n=count: [0] * n)
        report = Engine(entry_points=False, plugins=[plugin]).report(
            assessment, framework=small_framework
        )
        assert len(report.problems) == shown
    assert report.problems[-1].message.startswith(f"more than {MAX_PROBLEMS} problems")


def test_the_limits_are_the_ones_the_plugin_guide_gives(root: Path) -> None:
    guide = (root / "docs" / "writing-plugins.md").read_text(encoding="utf-8")
    assert f"more than {MAX_ITEMS:,} items, or {MAX_PROBLEMS} bad ones in one call" in guide


def test_the_item_limit_is_a_problem_of_its_own(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework, assessment: Assessment
) -> None:
    monkeypatch.setattr(plugins_module, "MAX_ITEMS", 3)

    def many() -> Iterator[Recommendation]:
        for i in range(10):
            yield advice(f"r{i}")

    engine = Engine(entry_points=False, plugins=[plugin_module("many", selfreview_recommend=many)])
    report = engine.report(assessment, framework=small_framework)
    assert {r.id for r in report.recommendations if r.source == "many"} == {"r0", "r1", "r2"}
    assert [p.message for p in report.problems] == ["gave more than 3 items; the rest are ignored"]


def test_describe_shows_any_exception_briefly() -> None:
    assert describe(SystemExit(2)) == "SystemExit: sys.exit(2)"
    assert describe(KeyError("k")) == "KeyError: 'k'"
    assert describe(ValueError()) == "ValueError"
    long = describe(ValueError("x" * (MAX_MESSAGE + 100)))
    assert long == f"ValueError: {'x' * MAX_MESSAGE}… ({MAX_MESSAGE + 100} characters)"
    assert describe(Unprintable()) == "Unprintable (its message cannot be shown)"

    class Code:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    assert describe(SystemExit(Code())) == "SystemExit (its message cannot be shown)"


def test_clean_escapes_lone_surrogates_only() -> None:
    assert clean("plain") == "plain"
    assert clean("café ✓") == "café ✓"
    assert clean("a\ud800b") == "a\\ud800b"
    clean("a\udfff\ud83d").encode("utf-8")


def test_run_gives_the_result_or_failed_and_records_refusals_as_they_are() -> None:
    problems: list[Problem] = []
    call = PluginCall("p", "it raised {}", problems)
    assert call.run(lambda x: x + 1, 1) == 2
    assert call.run(_raise(Refused("said no", "warning"))) is FAILED
    assert call.run(_raise(OSError("disk"))) is FAILED
    assert [(p.source, p.message, p.severity) for p in problems] == [
        ("p", "said no", "warning"),
        ("p", "it raised OSError: disk", "error"),
    ]


def test_a_misspelt_hook_is_a_problem_with_a_hint_and_never_a_hook() -> None:
    def recomend() -> list[Recommendation]:
        raise AssertionError("never called")

    misspelt = types.ModuleType("misspelt")
    misspelt.selfreview_recomend = hookimpl(recomend)  # type: ignore[attr-defined]
    far = types.ModuleType("far")
    far.selfreview_zzz = hookimpl(recomend)  # type: ignore[attr-defined]
    engine = Engine(entry_points=False, plugins=[misspelt, far])
    problems = {p.source: p for p in engine.problems}
    assert problems["misspelt"].message == (
        "implements `selfreview_recomend`, which is not a hook, so it is never called "
        "(did you mean `selfreview_recommend`?)"
    )
    assert problems["misspelt"].severity == "error"
    assert problems["far"].message.endswith(f"(the hooks are {', '.join(HOOKS)})")
    hooks = {p.name: p.hooks for p in engine.plugins()}
    assert hooks["misspelt"] == () == hooks["far"]


def test_an_optional_hook_of_no_spec_is_accepted_as_pluggy_accepts_it() -> None:
    optional = types.ModuleType("optional")
    optional.selfreview_extra = hookimpl(optionalhook=True)(lambda: None)  # type: ignore[attr-defined]
    engine = Engine(entry_points=False, plugins=[optional])
    assert engine.problems == []


def test_a_hook_not_marked_is_a_warning_and_a_wrapper_a_problem() -> None:
    unmarked = types.ModuleType("unmarked")
    unmarked.selfreview_recommend = Recommendation  # type: ignore[attr-defined]

    def wrapping() -> Iterator[None]:
        yield

    wrapper = types.ModuleType("wrapper")
    wrapper.selfreview_exporters = hookimpl(wrapper=True)(wrapping)  # type: ignore[attr-defined]
    engine = Engine(entry_points=False, plugins=[unmarked, wrapper])
    assert set(engine.exporters()) == {"table", "json", "csv", "markdown", "html", "summary"}
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        (
            "unmarked",
            "`selfreview_recommend` is not marked `@hookimpl`, so it is never called",
            "warning",
        ),
        (
            "wrapper",
            "`selfreview_exporters` is a hook wrapper; selfreview calls each plugin on its own, "
            "so wrappers are never called",
            "error",
        ),
    ]  # and the wrapper was never called: nothing else from it


def test_a_plugin_that_cannot_be_registered_is_a_problem() -> None:
    class Hostile:
        def __dir__(self) -> list[str]:
            raise Sabotage("no looking inside")

    bad_args = types.ModuleType("bad_args")
    bad_args.selfreview_recommend = hookimpl(lambda unknown: [])  # type: ignore[attr-defined]
    engine = Engine(entry_points=False, plugins=[Hostile(), bad_args])
    messages = [p.message for p in engine.problems]
    assert messages[0] == "cannot be registered: Sabotage: no looking inside"
    assert messages[1].startswith("cannot be registered: Plugin 'bad_args' for hook")
    assert "unknown" in messages[1]
    assert [p.name for p in engine.plugins()] == [
        "bundled-frameworks",
        "next-steps",
        "standard-exporters",
    ]


def test_a_plugin_whose_name_cannot_be_read_is_a_problem_of_the_engine() -> None:
    class Nameless:
        @property
        def name(self) -> str:
            raise Sabotage("no name")

    engine = Engine(entry_points=False, plugins=[Nameless()])
    [problem] = engine.problems
    assert (problem.source, problem.message) == (
        "engine",
        "a plugin's name cannot be read: Sabotage: no name",
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (SystemExit(3), "failed to load from `broken:main`: SystemExit: sys.exit(3)"),
        (Sabotage("at import"), "failed to load from `broken:main`: Sabotage: at import"),
        (ImportError("No module named 'x'"), "failed to load from `broken:main`: ImportError: "),
    ],
)
def test_an_entry_point_that_fails_to_import_however_is_a_problem(
    monkeypatch: pytest.MonkeyPatch,
    small_framework: Framework,
    error: BaseException,
    message: str,
) -> None:
    good = plugin_module("good_plugin", selfreview_frameworks=lambda: [small_framework])
    points = [_EntryPoint("broken", "broken:main", error=error), _EntryPoint("good", "g", good)]
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: points)
    engine = Engine()
    [problem] = engine.problems
    assert problem.source == "broken"
    assert problem.message.startswith(message)
    assert "small" in engine.framework_names()


def test_entry_points_that_cannot_be_listed_are_a_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(group: str) -> list[object]:
        raise ValueError("bad entry_points.txt")

    monkeypatch.setattr("selfreview_core.engine.entry_points", broken)
    engine = Engine()
    assert [(p.source, p.message) for p in engine.problems] == [
        ("entry points", "cannot be listed: ValueError: bad entry_points.txt")
    ]
    assert engine.framework("becta-srf")


def test_disabling_an_entry_point_that_fails_to_import_is_no_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    point = _EntryPoint("broken", "broken", error=SystemExit(1))
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: [point])
    assert Engine(disable=["broken"]).problems == []
    [warning] = Engine(disable=["broken", "nobody"]).problems
    assert warning.message == "no plugin named `nobody` to disable"


def test_a_plugin_with_no_hook_or_nothing_at_all_is_a_warning_or_a_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    points = [
        _EntryPoint("empty", "empty_package", target=types.ModuleType("empty_package")),
        _EntryPoint("nothing", "package:missing_attribute_set_to_none", target=None),
    ]
    monkeypatch.setattr("selfreview_core.engine.entry_points", lambda group: points)
    engine = Engine()
    assert [(p.source, p.severity, p.message) for p in engine.problems] == [
        (
            "empty",
            "warning",
            "implements no hook (does its entry point name the module with the `@hookimpl` "
            "functions?)",
        ),
        ("nothing", "error", "is None, not a plugin (does its entry point name a module?)"),
    ]
    assert {p.name: p.hooks for p in engine.plugins()}["empty"] == ()


@pytest.mark.parametrize("given", ["my_plugin", b"my_plugin", Path("my_plugin.py")], ids=repr)
def test_a_plugin_given_by_name_is_refused_saying_to_give_the_module(given: object) -> None:
    """`Engine(plugins=["my_plugin"])` registered the string: a warning that it implemented
    no hook asked whether an entry point named the module, which there was none of."""
    engine = Engine(plugins=[given], entry_points=False)
    [problem] = engine.problems
    assert (problem.severity, problem.message) == (
        "error",
        "is a name or a path, not a plugin: give the module itself (`import my_plugin`, then "
        "`Engine(plugins=[my_plugin])`)",
    )
    assert engine.plugins() == Engine(entry_points=False).plugins()  # nothing registered


def test_a_plugin_whose_hooks_cannot_be_checked_is_still_listed_and_called(
    small_framework: Framework, assessment: Assessment
) -> None:
    class Touchy:
        """Registered fine; then asking it for an unmarked hook by name blows up."""

        @hookimpl
        def selfreview_recommend(self) -> list[Recommendation]:
            return [advice("touchy")]

        def __getattr__(self, name: str) -> Any:
            raise Sabotage(f"no {name}")

        name = "touchy"

    engine = Engine(entry_points=False, plugins=[Touchy()])
    [problem] = engine.problems
    assert problem.message.startswith("its hooks cannot be checked: Sabotage: no selfreview_")
    assert {p.name: p.hooks for p in engine.plugins()}["touchy"] == ("selfreview_recommend",)
    report = engine.report(assessment, framework=small_framework)
    assert "touchy" in {r.id for r in report.recommendations}


def test_a_name_taken_is_a_warning_and_the_first_plugin_stays(
    monkeypatch: pytest.MonkeyPatch, small_framework: Framework
) -> None:
    again = plugin_module("again", selfreview_frameworks=lambda: [small_framework])
    impostor = plugin_module("impostor", selfreview_recommend=lambda: [advice("impostor")])
    monkeypatch.setattr(
        "selfreview_core.engine.entry_points",
        lambda group: [_EntryPoint("next-steps", "impostor", target=impostor)],
    )
    engine = Engine(plugins=[again, again])
    assert [(p.source, p.message, p.severity) for p in engine.problems] == [
        ("next-steps", "a plugin of this name is already registered; skipped", "warning"),
        ("again", "a plugin of this name is already registered; skipped", "warning"),
    ]
    assert [p.name for p in engine.plugins()].count("again") == 1
    assert engine.plugin_manager.get_plugin("next-steps") is not impostor


def test_a_plugin_is_named_by_its_module_its_name_or_its_type() -> None:
    class Named:
        name = "my-name"

        @hookimpl
        def selfreview_recommend(self) -> list[Recommendation]:
            return []

    class Unnamed(Named):
        name = 5  # type: ignore[assignment]

    class Blank(Named):
        name = ""

    unnamed, blank = Unnamed(), Blank()
    module = plugin_module("my_module", selfreview_recommend=_nothing)
    engine = Engine(entry_points=False, plugins=[module, Named(), unnamed, blank])
    names = [p.name for p in engine.plugins()][3:]
    assert names == [
        "my_module",
        "my-name",
        f"Unnamed-{id(unnamed):x}",
        f"Blank-{id(blank):x}",
    ]
