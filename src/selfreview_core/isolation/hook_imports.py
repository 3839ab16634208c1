"""The import path and the modules the program imports later, as plugin code's hooks leave
them (round 81).

Round 80 put back what a plugin's import did to `sys.path` (`import_path.behind`) and to
`sys.modules` (`plugins._put_back`), but a hook could do the same when called: its folder
put first on the path had every module the program imports later, at its first use, looked
for there first (a helper named `tabulate.py` taken for the real one: "internal error:
ImportError", naming no plugin), and `sys.modules["json"]` replaced, `yaml` set to None or
`pydantic` removed had the program's next `import` of it get the stand-in, fail, or make a
fresh copy with classes of its own.

So once the installed plugins are imported (`hold`, from `plugins.load_entry_points`), the
program holds the path's list and its first folder, and the few modules it imports again
later that are imported by then (`WATCHED`); when plugin code has run (its thread's
outermost `plugin_output` block ending) one identity check each tells whether a hook
changed them (`changed`): a folder put before the program's is moved after them, as at
import, and a module removed or replaced is put back (`back`), said once naming the plugin.
Costs one call of C and a comparison of identities each time plugin code has run; a module
a hook sets before the program first imports it is not seen (as at import).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from operator import itemgetter
from types import ModuleType
from typing import Any, Final

from .import_path import behind, hashable

__all__ = ["WATCHED", "Imports", "hold"]

#: The modules the program imports again later, at a command's first use of them.
WATCHED: Final = ("json", "yaml", "pydantic", "tabulate")


def _alone(modules: Any) -> tuple[ModuleType, ...]:
    return (modules["sys"],)


class Imports:
    """The import path and the watched modules as the program had them last."""

    __slots__ = ("copy", "get", "head", "modules", "names", "path")

    def __init__(self) -> None:
        self.path: list[Any] = []
        self.copy: list[Any] = []
        self.head: object = None
        self.names: tuple[str, ...] = ()
        self.modules: tuple[ModuleType, ...] = ()
        self.get: Callable[[Any], tuple[ModuleType, ...]] = tuple
        self.held()

    def held(self) -> None:
        """The path and the watched modules imported now, held as the program's own."""
        self.path = path = sys.path
        self.copy = list(path)
        self.head = path[0] if path else None
        modules = sys.modules
        # `sys` too, always there: `itemgetter` of one name gives no tuple.
        self.names = (*(name for name in WATCHED if modules.get(name) is not None), "sys")
        self.modules = tuple(modules[name] for name in self.names)
        self.get = itemgetter(*self.names) if len(self.names) > 1 else _alone

    def changed(self) -> bool:
        """Whether plugin code changed the path's list or its first folder, or removed or
        replaced a watched module: identities only."""
        try:
            path = sys.path
            return (
                path is not self.path
                or path[0] is not self.head
                or self.get(sys.modules) != self.modules
            )
        except LookupError:  # a module removed, or the path emptied
            return True

    def back(self) -> Iterator[tuple[str, str]]:
        """(what, the message) for each change put back: the path's new first folders moved
        after the program's, a watched module put back in `sys.modules`."""
        moved = self._restored() or behind(self.copy)
        if moved is not None:
            yield "path", f"a plugin {moved}"
        modules = sys.modules
        changed = []
        for name, module in zip(self.names, self.modules, strict=True):
            if modules.get(name) is not module:
                modules[name] = module
                changed.append(name)
        if changed:
            yield (
                "modules",
                (
                    f"a plugin removed or replaced {len(changed)} of the program's modules in"
                    f" `sys.modules` (`{changed[0]}` first) in its hook; put back"
                ),
            )
        self.held()

    def _restored(self) -> str | None:
        """The program's folders a hook took off the path put back, first and in their
        order, before the folders it added; the message, or None if it took none. Before
        round 82 `sys.path[:] = [folder]` or `sys.path = [folder]` stood: the standard
        library's modules imported later (`html`, `multiprocessing`) were not found, and a
        report failed naming the standard exporter, or "internal error", naming no plugin."""
        now = sys.path
        had = self.copy
        # A list or dict in the path (which Python's import ignores) had this check and
        # `importlib.metadata` raise: left out.
        kept = [folder for folder in now if hashable(folder)] if isinstance(now, list) else []
        left = set(kept)
        gone = [folder for folder in had if not (hashable(folder) and folder in left)]
        if not gone:
            return None
        own = {folder for folder in had if hashable(folder)}
        sys.path = [*had, *(folder for folder in kept if folder not in own)]
        which = (
            f"`{gone[0]}`, the program's own,"
            if len(gone) == 1
            else (f"{len(gone)} of the program's own folders (`{gone[0]}` first)")
        )
        return (
            f"took {which} off the import path (`sys.path`); put back, so that the modules"
            " the program imports are found"
        )


def hold(kept: Any) -> None:
    """The installed plugins are imported: from now on, in the program's process (`kept`,
    `process_state.kept`: None in a program embedding the engine), a hook may not leave the
    import path or the watched modules changed."""
    if kept is not None:
        kept.imports = Imports()
