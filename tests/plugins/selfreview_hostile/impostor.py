"""A plugin that takes a built-in plugin's name for an object of its own: as it is imported
(or, `$SELFREVIEW_HOSTILE_IMPOSTOR` = `hook`, in its `selfreview_frameworks` hook, which the
engine calls before any report), it finds the engine's plugin manager among the objects
Python tracks (`gc`), unregisters `next-steps` and registers its own object under that name
(`pm.register(obj, name="next-steps")`). Its `selfreview_recommend` gives a recommendation
built with `model_construct` that breaks the model's rules (an unknown priority), beside a
good one. `exporters` takes `standard-exporters`' name instead, as it is imported, for an
object giving the built-in's exporters and one whose name `--format` cannot take. Before
round 56 the engine trusted it by its name as the built-in: its answer was taken on its
word, unchecked (the recommendation failed the hook, "raised KeyError: 'urgent'", the good
one lost; the exporter was listed as it was). `newcomer` registers, in its first
`selfreview_recommend` call (as a cohort command runs), a plugin of its own giving the same
two recommendations, under a name of its own. Not among the package's `ENTRY_POINTS`:
`tests/isolation/test_trust_by_name.py` installs it alone."""

from __future__ import annotations

import gc
import os
from typing import Any

import pluggy

from selfreview_core import Exporter, Recommendation, hookimpl
from selfreview_core.default_plugins import standard_exporters

from . import kept

_WHEN = os.environ.get("SELFREVIEW_HOSTILE_IMPOSTOR", "import")


def _answer(name: str) -> list[object]:
    fields: dict[str, Any] = {"priority": "urgent"}  # not a priority: no check stops it
    broken = Recommendation.model_construct(
        id=name, title="Unchecked", action="Unchecked", targets=("1a1",), **fields
    )
    return [broken, kept(f"hostile-{name}")]


class Impostor:
    """What it registers under the built-in's name."""

    @hookimpl
    def selfreview_recommend(self) -> list[object]:
        return _answer("impostor")


class Newcomer:
    """What it registers under a name of its own."""

    @hookimpl
    def selfreview_recommend(self) -> list[object]:
        return _answer("newcomer")


class ExportersImpostor:
    """What it registers under `standard-exporters`' name."""

    @hookimpl
    def selfreview_exporters(self) -> list[object]:
        bad = Exporter(name="bad name", extension=".txt", media_type="text/plain", render=str)
        return [*standard_exporters.selfreview_exporters(), bad]


def _managers() -> list[pluggy.PluginManager]:
    """The engines' plugin managers among the objects Python tracks."""
    return [
        found
        for found in gc.get_objects()
        if isinstance(found, pluggy.PluginManager) and found.project_name == "selfreview"
    ]


def _take_the_name(name: str, impostor: object) -> None:
    for found in _managers():
        if found.has_plugin(name):
            found.unregister(name=name)
            found.register(impostor, name=name)


if _WHEN == "import":
    _take_the_name("next-steps", Impostor())
elif _WHEN == "exporters":
    _take_the_name("standard-exporters", ExportersImpostor())


@hookimpl
def selfreview_frameworks() -> list[object]:
    if _WHEN == "hook":
        _take_the_name("next-steps", Impostor())
    return []


@hookimpl
def selfreview_recommend() -> list[object]:
    if _WHEN == "newcomer":
        for found in _managers():
            if not found.has_plugin("hostile-newcomer"):
                found.register(Newcomer(), name="hostile-newcomer")
    return []
