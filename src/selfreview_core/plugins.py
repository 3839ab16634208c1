"""The plugins of one engine: the built-ins, registration, entry points, and the calls
into each implementation of a hook.

`PluginHost` registers plugins on one engine's own `pluggy.PluginManager` (no global
state), loads entry points one at a time, checks each plugin as it is registered
(`plugin_checks`: hooks that match none, as pluggy's `check_pending` would, but per plugin
and without stopping), and calls each implementation on its own so that every result is
credited to its plugin. Every call into plugin code goes through `isolation.calls.PluginCall`:
whatever a plugin does is a problem naming it, never an error of the engine.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, Literal

import pluggy

from . import entry_points, hookspecs
from ._names import PROJECT, listed
from .default_plugins import bundled_frameworks, next_steps, standard_exporters
from .disabled_names import unknown_disabled
from .errors import Refused
from .isolation import hook_imports, import_path, process_state
from .isolation.accepting import Known
from .isolation.calls import ENGINE_NAMES, FAILED, PluginCall, clean
from .isolation.module_table import modules as _modules
from .isolation.module_table import put_back as _put_back
from .model.framework import Framework
from .model.problem import Problem
from .plugin_checks import HOOKS, SERVES, check_hooks, declared_frameworks, serves

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = ["DEFAULT_PLUGINS", "HOOKS", "SERVES", "Origin", "PluginHost", "PluginInfo"]
__all__ += ["known_of", "serves"]

#: (name, module) of every built-in plugin; names are fixed so they can be disabled.
DEFAULT_PLUGINS: Final[tuple[tuple[str, ModuleType], ...]] = (
    ("bundled-frameworks", bundled_frameworks),
    ("next-steps", next_steps),
    ("standard-exporters", standard_exporters),
)

Origin = Literal["built-in", "entry point", "registered"]
#: (plugin name, function, argument names, trusted) of one implementation of a hook.
_Implementation = tuple[str, Callable[..., Any], tuple[str, ...], bool]


def known_of(function: Callable[..., object], trusted: bool) -> Known | None:
    """What the engine knows of the answers of a `selfreview_recommend` implementation
    (`accepting.Known`): for a built-in, its objects accepted as they are (for `next-steps`,
    its answer's keys as it made them: `next_steps.Keyed`); nothing for any other plugin."""
    if function is next_steps.selfreview_recommend:
        return next_steps.Keyed()
    return Known() if trusted else None


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """A registered plugin: its name, version (entry points only), the hooks it implements
    and where it came from."""

    name: str
    version: str | None
    hooks: tuple[str, ...]
    origin: Origin
    #: The framework ids (or `id@version`s) it declares it serves; None: every framework.
    serves: tuple[str, ...] | None = None


class _Manager(pluggy.PluginManager):
    """pluggy's plugin manager, counting the changes to its plugins and hooks
    (`generation`): what `PluginHost.implementations` worked out of a hook is known current
    by one comparison, where asking pluggy for the implementations copies their list."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        self.generation = 0

    def register(self, plugin: object, name: str | None = None) -> str | None:
        try:
            return super().register(plugin, name)
        finally:
            self.generation += 1

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any | None:
        try:
            return super().unregister(plugin, name)
        finally:
            self.generation += 1

    def add_hookspecs(self, module_or_class: ModuleType | type) -> None:
        try:
            super().add_hookspecs(module_or_class)
        finally:
            self.generation += 1


class PluginHost:
    """The plugins of one engine on its own `pluggy.PluginManager`, and the calls into them.

    Engine-level problems (registration, import, unknown hooks) go to `problems`.
    """

    def __init__(self, problems: list[Problem], disable: Iterable[str] = ()) -> None:
        self.problems = problems
        self.pm = _Manager(PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.disabled = tuple(dict.fromkeys(listed(disable, "disable")))
        for name in self.disabled:
            if not isinstance(name, str):  # `isascii` of it raised AttributeError, later
                raise TypeError(f"`disable` takes plugins' names, not {type(name).__name__}")
        for name in self.disabled:
            self.pm.set_blocked(name)
        self._origins: dict[str, tuple[Origin, str | None]] = {}
        #: Names seen, loaded or not (entry points; plugins given under a disabled name): a
        #: name to disable may be any of them.
        self._names_seen: set[str] = set()
        #: Each hook's implementations as `calls` last found them (`implementations`), of
        #: which generation of the plugin manager.
        self._impls: dict[str, tuple[int, list[Any], tuple[_Implementation, ...]]] = {}
        #: The frameworks each plugin declares it serves (`SERVES`); absent: every one.
        self._serves: dict[str, tuple[str, ...]] = {}
        #: Each entry-point plugin's entry point, for its Python files (`code_files`).
        self._entries: dict[str, EntryPoint] = {}
        #: The objects the engine registered as built-ins, by name: trust follows them, not
        #: the name, which plugin code may give an object of its own (`pm.register`).
        self._builtins: dict[str, object] = {}

    def register(
        self, plugin: object, name: str | None, origin: Origin, version: str | None = None
    ) -> None:
        """Register `plugin` (named `name`, or from its own `name` or module name); a
        failure, a name already taken or a hook misspelt is a problem."""
        if name is None:
            found = PluginCall("engine", "a plugin's name cannot be read: {}", self.problems).run(
                _plugin_name, plugin
            )
            if found is FAILED:
                return
            name = found
        name = clean(name)
        if self.pm.is_blocked(name):
            self._names_seen.add(name)
            return
        if self._engines_name(name, "give it another name"):
            return
        call = PluginCall(name, "cannot be registered: {}", self.problems)
        if call.run(self._add, call, plugin, name) is True:
            self._origins[name] = (origin, version)
            if origin == "built-in":
                self._builtins[name] = plugin
            checks = PluginCall(name, "its hooks cannot be checked: {}", self.problems)
            checks.run(check_hooks, self.pm, checks, plugin)
            reading = PluginCall(
                name,
                f"`{SERVES}` cannot be read: {{}}; it is called for every framework",
                self.problems,
            )
            declared = reading.run(declared_frameworks, plugin)
            if declared is not FAILED and declared is not None:
                self._serves[name] = declared

    def serves(self, name: str, framework: Framework) -> bool:
        """Whether the plugin `name` serves `framework` (`SERVES`; undeclared: all)."""
        return serves(self._serves.get(name), framework)

    def _engines_name(self, name: str, fix: str) -> bool:
        """Whether `name` is one the engine's own problems and calls go by (`ENGINE_NAMES`),
        refused: a plugin of that name passed for the engine, unnamed in its problems, its
        calls taken for the engine's own, its words for the engine's warnings (round 61)."""
        if name not in ENGINE_NAMES:
            return False
        message = (
            f"a plugin cannot be named `{name}`, the engine's own name: its problems would "
            f"pass for the engine's (not loaded: {fix})"
        )
        self.problems.append(Problem(source="engine", message=message, severity="error"))
        return True

    def _add(self, call: PluginCall, plugin: object, name: str) -> bool:
        if plugin is None:
            raise Refused("is None, not a plugin (does its entry point name a module?)")
        if inspect.isroutine(plugin):  # never a plugin: a method's `__func__` passes for a hook
            raise Refused(
                "is a function, not a plugin (does its entry point name the module with the "
                "`@hookimpl` functions?)"
            )
        if isinstance(plugin, str | bytes | PurePath):
            # `Engine(plugins=["my_plugin"])` registered the string, which has no hooks, and
            # the warning asked after an entry point the program never had.
            raise Refused(
                "is a name or a path, not a plugin: give the module itself (`import "
                "my_plugin`, then `Engine(plugins=[my_plugin])`)"
            )
        if self.pm.has_plugin(name):
            call.problem("a plugin of this name is already registered; skipped", "warning")
            return False
        if self.pm.is_registered(plugin):  # one module, two entry points (or given again)
            taken = clean(str(self.pm.get_name(plugin)))
            call.problem(f"the same plugin is already registered as `{taken}`; skipped", "warning")
            return False
        try:
            self.pm.register(plugin, name=name)
        except pluggy.PluginValidationError as error:
            raise Refused(f"cannot be registered: {clean(str(error))}") from None
        return True

    def load_entry_points(self, listing: Callable[[], Iterable[EntryPoint]]) -> None:
        """Register the plugins `listing()` names, one at a time: one that fails to import
        (however: an exception, `sys.exit`, a `BaseException`) is a problem, and is never
        imported at all when disabled.

        Not pluggy's `load_setuptools_entrypoints`: it stops at the first plugin that fails,
        and nobody's work may be lost over one broken plugin. First, guards for plugin code.
        """
        process_state.plugin_code_ahead()
        points = PluginCall("entry points", "cannot be listed: {}", self.problems).run(
            lambda: list(listing())
        )
        if points is FAILED:
            return
        for entry in points:
            name = clean(str(entry.name))
            self._names_seen.add(name)
            if self.pm.is_blocked(name) or self._engines_name(name, "rename its entry point"):
                continue
            failure = f"failed to load from `{clean(str(entry.value))}`: {{}}"
            call = PluginCall(name, failure, self.problems)
            if self.pm.has_plugin(name):  # a built-in's name, or another package's
                call.problem("a plugin of this name is already registered; skipped", "warning")
                continue
            before, path = _modules(), list(sys.path)
            plugin = call.run(entry_points.load, entry)
            _put_back(before, call)
            if (moved := import_path.behind(path)) is not None:
                call.problem(moved, "warning")
            if plugin is FAILED:
                continue
            version = call.run(entry_points.version, entry)
            self.register(plugin, name, "entry point", None if version is FAILED else version)
            self._entries[name] = entry
        hook_imports.hold(process_state.kept)  # from now on a hook's changes are put back

    def code_files(self) -> list[tuple[str, str]]:
        """(what, path) of each Python file of the entry-point plugins registered: those
        their distribution lists (`importlib.metadata`'s `files`, a wheel's RECORD), and
        those beside the plugin module's own file, which an editable install lists none of.
        No output may replace one (SPEC section 7); asked for only where a command writes
        (`-o`): about 0.3 ms a distribution. What cannot be read is passed by."""
        found: list[tuple[str, str]] = []
        for name, entry in self._entries.items():
            plugin = self.pm.get_plugin(name)  # a module's own `__file__`, never its code's
            own = vars(plugin).get("__file__") if isinstance(plugin, ModuleType) else None
            found += [
                (f"a Python file of plugin {name}", p)
                for p in entry_points.python_files(entry, own)
            ]
        return found

    def trust(self, name: str) -> bool:
        """Whether the plugin registered as `name` is a built-in (our own code: its results
        are trusted): the object the engine registered under that name, not another that
        plugin code registered under it (a built-in unregistered first)."""
        return self._trusted(name, self.pm.get_plugin(name))

    def _trusted(self, name: str, plugin: object) -> bool:
        builtin = self._builtins.get(name)
        return builtin is not None and plugin is builtin

    def calls(
        self, hook: str, problems: list[Problem], **kwargs: Any
    ) -> Iterator[tuple[PluginCall, Any]]:
        """Call each implementation of `hook` on its own, in registration order, with the
        arguments it names of `kwargs`; yields (the plugin's call, its result) for each that
        did not fail. A failure is a problem in `problems`."""
        failure = f"{hook} raised {{}}"
        for name, function, argnames, trusted in self.implementations(hook):
            call = PluginCall(name, failure, problems, trusted=trusted)
            result = call.run(function, **{argname: kwargs[argname] for argname in argnames})
            if result is not FAILED:
                yield call, result

    def implementations(self, hook: str) -> tuple[_Implementation, ...]:
        """(plugin name, function, argument names, trusted) of each implementation of
        `hook` but wrappers, in call order: worked out again only when the hook's
        implementations change (a plugin registered or removed), not for every report: not
        asked of pluggy again while the plugin manager is of the same generation."""
        generation = self.pm.generation  # read first: a change meanwhile is seen next time
        known = self._impls.get(hook)
        if known is not None and known[0] == generation:
            return known[2]
        impls = getattr(self.pm.hook, hook).get_hookimpls()
        if known is not None and known[1] == impls:  # the same objects: compared by identity
            found = known[2]
        else:
            found = tuple(
                (
                    impl.plugin_name,
                    impl.function,
                    tuple(impl.argnames),
                    self._trusted(impl.plugin_name, impl.plugin),
                )
                for impl in impls
                if not (impl.wrapper or impl.hookwrapper)
            )
        self._impls[hook] = (generation, impls, found)
        return found

    def known(self, name: str) -> bool:
        """Whether a plugin of this name exists, registered or not (to disable it)."""
        builtin = any(name == n for n, _ in DEFAULT_PLUGINS)
        return builtin or name in self._origins or name in self._names_seen

    def warn_look_alike(self) -> None:
        """A warning for each set of plugins named alike (`plugin_checks.look_alike_names`)."""
        from .plugin_checks import look_alike_names

        for said in look_alike_names(self._origins):
            self.problems.append(Problem(source="engine", message=said, severity="warning"))

    def warn_unknown_disabled(self) -> None:
        """A warning for each name to disable that no plugin has (`disabled_names`)."""
        names = {n for n, _ in DEFAULT_PLUGINS} | set(self._origins) | self._names_seen
        unknown = [name for name in self.disabled if not self.known(name)]
        self.problems += unknown_disabled(unknown, names)

    def info(self) -> list[PluginInfo]:
        """Registered plugins in registration order (built-ins first), each with the hooks
        it implements: only real hooks, never a misspelt one."""
        result = []
        for name, (origin, version) in self._origins.items():
            plugin = self.pm.get_plugin(name)
            if origin == "built-in" and not self._trusted(name, plugin):
                origin = "registered"  # by plugin code, under a built-in's name
            callers = self.pm.get_hookcallers(plugin) or []
            hooks = tuple(sorted(c.name for c in callers if c.has_spec()))
            result.append(PluginInfo(name, version, hooks, origin, self._serves.get(name)))
        return result


def _plugin_name(plugin: object) -> str:
    """A plugin's name, from its module's `__name__`, its `name` or its type: plain `str`,
    since a plugin may give a `str` subclass whose own methods (`isascii`, `__hash__`) would
    run later, outside any guard, and raise out of `Engine` (round 69)."""
    name = plugin.__name__ if isinstance(plugin, ModuleType) else getattr(plugin, "name", None)
    if isinstance(name, str) and (name := str.__str__(name)):
        return name
    return f"{str.__str__(type(plugin).__name__)}-{id(plugin):x}"
