"""A plugin object given to `Engine(plugins=[...])` is named by its module's `__name__`, its
`name` or its type. Round 69's pass over `isolation/calls.py` (mutant 4: `clean`'s ASCII
shortcut taken never) found that the name was passed on as the plugin gave it: a `str`
subclass whose own methods raise (`isascii`, `__hash__`) crashed `Engine` with the
plugin's exception, outside any guard, and a module whose `__name__` is not text did too.
The name is now made plain text (or the type's, when it is not text), and the plugin's
work stands."""

from __future__ import annotations

import types
from typing import Any

from selfreview_core import Assessment, Engine, Framework, Recommendation, hookimpl


class _Hostile(str):
    """Text whose own methods raise: what a plugin may give for a name."""

    __slots__ = ()

    def isascii(self) -> bool:
        raise RuntimeError("isascii of the name")

    def __hash__(self) -> int:
        raise RuntimeError("hash of the name")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("== of the name")


def _advice() -> list[Recommendation]:
    return [Recommendation(id="named", title="T", action="A", targets=("A1",))]


class _Named:
    name = _Hostile("hostile-name")

    @hookimpl
    def selfreview_recommend(self) -> list[Recommendation]:
        return _advice()


def test_a_plugin_named_by_text_whose_methods_raise_is_registered_under_that_text(
    small_framework: Framework, assessment: Assessment
) -> None:
    engine = Engine(entry_points=False, plugins=[_Named()])
    assert list(engine.problems) == []
    [name] = [p.name for p in engine.plugins() if p.origin == "registered"]
    assert (name, type(name)) == ("hostile-name", str)
    report = engine.report(assessment, framework=small_framework)
    assert list(report.problems) == []
    [given] = [r for r in report.recommendations if r.id == "named"]
    assert given.source == "hostile-name"
    assert {"bundled-frameworks", "next-steps", "standard-exporters"} <= {
        p.name for p in engine.plugins()
    }


def test_a_module_whose_name_is_not_text_is_named_by_its_type(
    small_framework: Framework, assessment: Assessment
) -> None:
    module: Any = types.ModuleType("placeholder")
    module.selfreview_recommend = hookimpl(_advice)
    module.__name__ = 5
    engine = Engine(entry_points=False, plugins=[module])
    assert list(engine.problems) == []
    [name] = [p.name for p in engine.plugins() if p.origin == "registered"]
    assert name == f"module-{id(module):x}"
    report = engine.report(assessment, framework=small_framework)
    assert list(report.problems) == []
    assert [r.source for r in report.recommendations if r.id == "named"] == [name]
