"""What the caller and the plugins give a catalogue, read into its entries (`provided`'s):
the caller's frameworks loaded, a bad one raising; a plugin's framework, rule pack,
migration or exporter checked at the boundary (`isolation.results`), a model or a path,
refused alike, a file that does not load refused in its located lines."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from ._names import listed
from .errors import Refused, SelfReviewError
from .escaping import shown
from .isolation import results as plugin_results
from .isolation.calls import PluginCall
from .loader import load_framework
from .model.framework import Framework
from .model.unvalidated import given
from .provided import GIVEN, ExporterEntry, FrameworkEntry
from .twins import framework_with_twin

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["does_not_load", "exporter_entry", "framework_entry", "given_frameworks"]
__all__ += ["model_or_path", "path_given"]

PathLike = str | os.PathLike[str]

_M = TypeVar("_M", bound="BaseModel")


def given_frameworks(frameworks: Iterable[PathLike | Framework]) -> list[FrameworkEntry]:
    """The caller's own frameworks, files loaded (a bad one raises)."""
    return [
        FrameworkEntry(given(f, "framework"), GIVEN)
        if isinstance(f, Framework)
        else FrameworkEntry(
            load_framework(path_given(f, "frameworks", "Framework")), GIVEN, os.fspath(f)
        )
        for f in listed(frameworks, "frameworks")
    ]


def path_given(item: object, parameter: str, model: str) -> PathLike:
    """`item`, a path; `TypeError` naming `parameter` for anything else (a model of
    another kind, None), where `os.fspath` said only "expected str, bytes or os.PathLike"."""
    if isinstance(item, str | os.PathLike):
        return item
    raise TypeError(f"`{parameter}` takes paths or {model} objects, not {type(item).__name__}")


def framework_entry(call: PluginCall, item: object) -> FrameworkEntry:
    path = model_or_path(call, item, Framework, "framework", "selfreview_frameworks")
    if isinstance(path, Framework):
        return FrameworkEntry(path, call.plugin)
    try:
        return FrameworkEntry(framework_with_twin(path), call.plugin, path)
    except SelfReviewError as error:
        raise does_not_load("framework file", error) from None


def model_or_path(call: PluginCall, item: object, cls: type[_M], what: str, hook: str) -> _M | str:
    """What a plugin's hook gave of a model (`cls`: a framework, a rule pack, a migration):
    the model, as given from a trusted plugin and checked again from any other, else a
    path; `Refused` if it is neither. One reading for the three, so they refuse alike."""
    if isinstance(item, cls):
        return item if call.trusted else plugin_results.model(cls, item, what)
    return plugin_results.path(item, hook, f"a path or a {cls.__name__}")


def does_not_load(what: str, error: SelfReviewError) -> Refused:
    """A file a plugin gives that does not load: a line for each of its located errors, each
    kept to its line (`shown`), so that a line break in a file's name cannot split one."""
    located = "\n".join(shown(str(d), newline=False) for d in error.diagnostics)
    return Refused(f"{what} does not load:\n{located}")


def exporter_entry(call: PluginCall, item: object) -> ExporterEntry:
    return ExporterEntry(plugin_results.exporter(call, item), call.plugin, trusted=call.trusted)
