"""The folders Python imports from (`sys.path`), where a plugin's own may not come before
the program's.

A plugin that put its own folder first on the import path as it was imported
(`sys.path.insert(0, os.path.dirname(__file__))`, so that its helper modules import by
their plain names) had every module the program imports later, at its first use, looked
for there first: a helper of the plugin's named `csv.py`, `html.py` or `tabulate.py` was
taken for the standard library's or the program's own, and `report --format csv`, `show`,
`benchmark` or `support` ended in "internal error: ImportError", naming no plugin, with no
output; a helper the plugin itself imported by such a name stood in `sys.modules` for the
real one.

So once each entry point is imported (`behind`, from `plugins.Plugins.load_entry_points`),
the folders it put before those already there are moved after them, in their order, and a
module it imported from one of its folders under a name the folders already there also
give (the real `csv`) is taken out of `sys.modules`, so that the program's next import
finds the real one; the plugin keeps the module it holds, and imports its helpers of other
names as before. A folder added after the others is no harm and stays. Looked at only when
the import changed the path: one list comparison an entry point, nothing on the way of a
report.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.machinery import PathFinder

__all__ = ["behind", "hashable"]


def behind(before: Sequence[object]) -> str | None:
    """`sys.path`'s folders that an import put before `before` (the path as it was) moved
    after them, and the modules it imported from them that shadow others taken out; the
    message saying so, or None if there were none."""
    now = sys.path
    if now == before:
        return None
    had = {folder for folder in before if hashable(folder)}
    first = next((i for i, folder in enumerate(now) if hashable(folder) and folder in had), None)
    if not first:  # the program's first still first, or none of its own left to go before
        return None
    put = now[:first]
    added = [folder for folder in put if hashable(folder)]  # a list or dict: no folder
    now[:first] = []
    now.extend(added)
    shadowing = _shadowing([folder for folder in added if isinstance(folder, str)], before)
    for name in shadowing:
        del sys.modules[name]
    said = f"put {_shown(put)} before the program's own on the import path (`sys.path`)"
    if len(added) < len(put):  # a list or a dict there had the next check of it raise
        said += "; what cannot name a folder taken out (Python's import ignores it)"
    said += "; moved after them, so that the modules the program imports are its own"
    if shadowing:
        said += f" (its `{'`, `'.join(shadowing)}` taken out of `sys.modules`)"
    return said


def hashable(folder: object) -> bool:
    """Whether `folder` can be looked up in a set: a hook may put a list or a dict on the
    path, which Python's import ignores and a set lookup of it raises on (round 82)."""
    try:
        hash(folder)
    except TypeError:
        return False
    return True


def _shadowing(added: list[str], before: Sequence[object]) -> list[str]:
    """The top-level modules imported from `added`'s folders whose names `before`'s
    folders give a module of too, sorted."""
    folders = tuple(os.path.join(os.path.abspath(folder), "") for folder in added)
    found = []
    for name, module in list(sys.modules.items()):  # a copy: a thread may import
        origin = getattr(module, "__file__", None)
        if "." in name or not isinstance(origin, str):
            continue
        if not os.path.abspath(origin).startswith(folders):
            continue
        if name in sys.stdlib_module_names or _found(name, before):
            found.append(name)
    return sorted(found)


def _found(name: str, path: Sequence[object]) -> bool:
    """Whether `path`'s folders give a module `name`."""
    try:
        return PathFinder.find_spec(name, [str(folder) for folder in path]) is not None
    except (ImportError, ValueError, OSError):
        return False


def _shown(folders: Sequence[object]) -> str:
    return ", ".join(f"`{folder}`" for folder in folders)
