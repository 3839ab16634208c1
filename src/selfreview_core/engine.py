"""The `Engine`: one plugin manager of its own (no global state), the plugins on it, and
the frameworks they provide."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any, Literal

import pluggy

from . import hookspecs
from ._base import did_you_mean, split_ref
from .errors import SelfReviewError, UnknownFrameworkError
from .framework import Framework
from .hookspecs import PROJECT
from .loader import load_framework
from .plugins import DEFAULT_PLUGINS
from .problem import Problem

__all__ = ["Engine", "FrameworkEntry", "PluginInfo"]

Origin = Literal["built-in", "entry point", "registered"]


@dataclass(frozen=True, slots=True)
class PluginInfo:
    name: str
    version: str | None
    hooks: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True, slots=True)
class FrameworkEntry:
    """A framework, the plugin that provides it and the file it came from (if any)."""

    framework: Framework
    provider: str
    path: str | None = None


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: `2010` after `2008`, `1.10` after `1.9`."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_]", version))


class Engine:
    """Built-in plugins, plugins from the `selfreview` entry-point group, and any passed in.

    Each engine owns its `pluggy.PluginManager`: two engines in one process never see each
    other's plugins. Plugin failures are collected in `problems`, never raised.
    """

    def __init__(
        self,
        *,
        plugins: Iterable[object] = (),
        entry_points: bool = True,
        disable: Iterable[str] = (),
    ) -> None:
        self.problems: list[Problem] = []
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._origins: dict[str, tuple[Origin, str | None]] = {}
        self._disabled = tuple(dict.fromkeys(disable))
        for name in self._disabled:
            self._pm.set_blocked(name)
        for name, module in DEFAULT_PLUGINS:
            self._register(module, name, "built-in", None)
        if entry_points:
            self._load_entry_points()
        for plugin in plugins:
            self._register(plugin, _plugin_name(plugin), "registered", None)
        known = {name for name, _ in DEFAULT_PLUGINS} | set(self._origins)
        for name in self._disabled:
            if name not in known and not self._known_entry_point(name):
                self._problem("engine", f"no plugin named `{name}` to disable", "warning")
        self._frameworks: dict[str, FrameworkEntry] | None = None

    # -- plugins -------------------------------------------------------------------------

    def _problem(
        self, source: str, message: str, severity: Literal["error", "warning"] = "error"
    ) -> None:
        self.problems.append(Problem(source=source, message=message, severity=severity))

    def _register(self, plugin: object, name: str, origin: Origin, version: str | None) -> None:
        if self._pm.is_blocked(name):
            return
        if self._pm.has_plugin(name) or self._pm.is_registered(plugin):
            self._problem(name, "a plugin of this name is already registered; skipped", "warning")
            return
        try:
            self._pm.register(plugin, name=name)
        except Exception as error:
            self._problem(name, f"cannot be registered: {error}")
            return
        self._origins[name] = (origin, version)

    def _load_entry_points(self) -> None:
        # Not `PluginManager.load_setuptools_entrypoints`: it stops at the first plugin that
        # fails to import, and we must lose nobody else's work over one broken plugin.
        for entry in entry_points(group=PROJECT):
            if self._pm.is_blocked(entry.name) or self._pm.has_plugin(entry.name):
                continue
            try:
                plugin = entry.load()
            except Exception as error:
                self._problem(entry.name, f"failed to load from `{entry.value}`: {error!r}")
                continue
            version = entry.dist.version if entry.dist is not None else None
            self._register(plugin, entry.name, "entry point", version)

    @staticmethod
    def _known_entry_point(name: str) -> bool:
        return any(entry.name == name for entry in entry_points(group=PROJECT))

    @property
    def plugin_manager(self) -> pluggy.PluginManager:
        return self._pm

    @property
    def disabled(self) -> tuple[str, ...]:
        return self._disabled

    def plugins(self) -> list[PluginInfo]:
        """Registered plugins in registration order (built-ins first)."""
        result = []
        for name, (origin, version) in self._origins.items():
            plugin = self._pm.get_plugin(name)
            callers = self._pm.get_hookcallers(plugin) or []
            result.append(PluginInfo(name, version, tuple(sorted(c.name for c in callers)), origin))
        return result

    def call_each(self, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call every implementation of `hook`, one at a time, in registration order.

        Yields (plugin name, result); an implementation that raises yields the exception
        instead, so the caller can credit results and report failures per plugin.
        """
        caller = getattr(self._pm.hook, hook)
        for impl in caller.get_hookimpls():
            arguments = {name: kwargs[name] for name in impl.argnames}
            try:
                yield impl.plugin_name, impl.function(**arguments)
            except Exception as error:
                yield impl.plugin_name, error

    # -- frameworks ----------------------------------------------------------------------

    def _collect_frameworks(self) -> dict[str, FrameworkEntry]:
        entries: dict[str, FrameworkEntry] = {}
        for plugin, result in self.call_each("selfreview_frameworks"):
            if isinstance(result, Exception):
                self._problem(plugin, f"selfreview_frameworks raised {result!r}")
                continue
            for item in _items(result):
                entry = self._framework_entry(plugin, item)
                if entry is None:
                    continue
                ref = entry.framework.ref
                if ref in entries:
                    first = entries[ref].provider
                    self._problem(
                        plugin,
                        f"framework {ref} is also provided by {first}; using {first}'s",
                        "warning",
                    )
                    continue
                entries[ref] = entry
        return entries

    def _framework_entry(self, plugin: str, item: object) -> FrameworkEntry | None:
        if isinstance(item, Framework):
            return FrameworkEntry(item, plugin)
        if isinstance(item, str | os.PathLike):
            try:
                return FrameworkEntry(load_framework(item), plugin, os.fspath(item))
            except SelfReviewError as error:
                self._problem(plugin, f"framework file does not load:\n{error}")
                return None
        self._problem(
            plugin, f"selfreview_frameworks gave {type(item).__name__}, not a path or a Framework"
        )
        return None

    def frameworks(self) -> tuple[FrameworkEntry, ...]:
        """Every framework the plugins provide (loaded once, on first use)."""
        if self._frameworks is None:
            self._frameworks = self._collect_frameworks()
        return tuple(self._frameworks.values())

    def framework_names(self) -> dict[str, Framework]:
        """Frameworks by `id@version` and by `id` (the latest version)."""
        names: dict[str, Framework] = {}
        for entry in sorted(self.frameworks(), key=lambda e: _version_key(e.framework.version)):
            names[entry.framework.ref] = entry.framework
            names[entry.framework.id] = entry.framework
        return names

    def framework(self, name: str) -> Framework:
        """A framework by id (its latest version) or `id@version`."""
        names = self.framework_names()
        if name in names:
            return names[name]
        framework_id, version = split_ref(name)
        hint = did_you_mean(framework_id, {split_ref(n)[0] for n in names})
        if version and framework_id in names:
            versions = sorted(f.version for f in names.values() if f.id == framework_id)
            hint = f"available versions: {', '.join(dict.fromkeys(versions))}"
        raise UnknownFrameworkError(
            f"no framework `{name}` is available",
            hint=hint or "see `selfreview frameworks`",
            code="unknown-framework",
        )


def _plugin_name(plugin: object) -> str:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    name = getattr(plugin, "name", None)
    return name if isinstance(name, str) else f"{type(plugin).__name__}-{id(plugin):x}"


def _items(result: object) -> Iterable[object]:
    if result is None:
        return ()
    if isinstance(result, str | os.PathLike | Framework) or not isinstance(result, Iterable):
        return (result,)
    if isinstance(result, Mapping):
        return tuple(result.values())
    return result
