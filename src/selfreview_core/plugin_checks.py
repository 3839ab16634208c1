"""What is checked of a plugin as it is registered: the hooks it implements (a name that
is no hook, a hook not marked `@hookimpl`, a wrapper, none at all), and the frameworks it
declares it was written for (`SELFREVIEW_SERVES`); and, once all are, the names that look
alike (`look_alike_names`)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Final

import pluggy

from . import hookspecs
from ._names import PROJECT
from .errors import Refused
from .isolation.calls import PluginCall, clean
from .model.framework import Framework

__all__ = [
    "HOOKS",
    "SERVES",
    "check_hooks",
    "closest_hook",
    "declared_frameworks",
    "look_alike_names",
    "serves",
]

#: The hooks a plugin may implement (`hookspecs`).
HOOKS: Final = tuple(sorted(n for n in vars(hookspecs) if n.startswith(f"{PROJECT}_")))

#: The attribute (of a plugin's module or object) that names the frameworks it was written
#: for: a list of framework ids, `id@version`s, or `subject:WORD` for every framework whose
#: `terms.subject` is WORD (`subject:school`: frameworks about schools). Without it, a plugin
#: serves every framework. Not a hook: it is read once, when the plugin is registered.
SERVES: Final = "SELFREVIEW_SERVES"
#: What tells apart plugin names of ASCII alone that look alike beyond letter case
#: (`_lookalikes.looking_alike`'s `ascii_alike`).
_ASCII_ALIKE: Final = "in letters drawn alike: I, l and 1; 0 and O; rn and m"
_SUBJECT: Final = "subject:"


def serves(declared: tuple[str, ...] | None, framework: Framework) -> bool:
    """Whether a plugin declaring `declared` (None: every framework) serves `framework`."""
    if declared is None:
        return True
    return (
        framework.id in declared
        or framework.ref in declared
        or f"{_SUBJECT}{framework.terms.subject}" in declared
    )


def declared_frameworks(plugin: object) -> tuple[str, ...] | None:
    """A plugin's `SELFREVIEW_SERVES`, checked: None when it has none. Looked up without
    running a plugin's `__getattr__` (which answers any name), but a property is read."""
    declared = inspect.getattr_static(plugin, SERVES, None)
    if hasattr(type(declared), "__get__"):
        declared = getattr(plugin, SERVES)
    if declared is None:
        return None
    if isinstance(declared, str):
        declared = (declared,)
    if not isinstance(declared, list | tuple) or not all(
        isinstance(ref, str) and ref.strip() for ref in declared
    ):
        raise Refused(
            f"`{SERVES}` must be a list of framework ids (such as `becta-srf`), "
            f"not {type(declared).__name__}; it is called for every framework"
        )
    return tuple(clean(ref) for ref in declared)


def check_hooks(pm: pluggy.PluginManager, call: PluginCall, plugin: object) -> None:
    """What `PluginManager.check_pending` would refuse, per plugin and without
    stopping; and hooks defined but not marked `@hookimpl`, or wrappers."""
    callers = pm.get_hookcallers(plugin) or []
    for caller in callers:
        if not caller.has_spec():
            mine = [i for i in caller.get_hookimpls() if i.plugin is plugin]
            if any(not impl.optionalhook for impl in mine):
                close = closest_hook(caller.name)
                hint = f"did you mean `{close}`?" if close else f"the hooks are {', '.join(HOOKS)}"
                call.problem(
                    f"implements `{caller.name}`, which is not a hook, so it is never called"
                    f" ({hint})"
                )
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and (impl.wrapper or impl.hookwrapper):
                call.problem(
                    f"`{caller.name}` is a hook wrapper; selfreview calls each plugin on its "
                    "own, so wrappers are never called"
                )
    implemented = {caller.name for caller in callers}
    for hook in HOOKS:
        if hook not in implemented and callable(getattr(plugin, hook, None)):
            call.problem(f"`{hook}` is not marked `@hookimpl`, so it is never called", "warning")
    if not callers and not call.recorded:
        call.problem(
            "implements no hook (does its entry point name the module with the "
            "`@hookimpl` functions?)",
            "warning",
        )


def closest_hook(name: str) -> str | None:
    """The hook `name` most likely misspells, compared without the shared `selfreview_`
    prefix (which makes every name look close to every hook)."""
    import difflib  # only on a mistake

    prefix = f"{PROJECT}_"
    short = {hook.removeprefix(prefix): hook for hook in HOOKS}
    found = difflib.get_close_matches(name.removeprefix(prefix), short, n=1, cutoff=0.6)
    return short[found[0]] if found else None


def look_alike_names(names: Iterable[str]) -> list[str]:
    """What the engine says of each set of plugin `names` that look alike and differ
    (`lea-supp` Greek-omicron `rt`, `Next-Steps`; `Iea-support` with a capital I and
    `lea-supp0rt` since round 64): each printed as the other in every problem (`plugin
    NAME:`) and in its advice's source, so that a user disabling the one named in a problem
    disabled the other (round 62). In order, with the characters outside ASCII each holds.
    Both are loaded: any name is a plugin's (SPEC section 4)."""
    from ._lookalikes import folded, looking_alike

    said = []
    for same in map(sorted, looking_alike(names, ascii_alike=True)):
        odd = "; ".join(
            f"`{n}` holds " + " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(n) if ord(c) > 127)
            for n in same
            if not n.isascii()
        )
        named = ", ".join(f"`{n}`" for n in same[:-1]) + f" and `{same[-1]}`"
        if not odd:  # ASCII names alone: letter case by the search's own lower case
            odd = "in letter case" if len(set(map(folded, same))) == 1 else _ASCII_ALIKE
        said.append(
            f"the plugins {named} have names that look alike ({odd}): the "
            "problems and advice of each would pass for the other's; rename or uninstall the "
            "one not meant (`--disable` takes each by its name)"
        )
    return said
