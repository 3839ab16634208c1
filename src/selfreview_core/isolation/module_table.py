"""The modules imported (`sys.modules`) as they were before an entry point's import, put
back after it: a plugin may not remove, replace or block a module of the program's.

`plugins.PluginHost.load_entry_points` takes `modules()` before each entry point's import
and calls `put_back` after it, as `import_path.behind` puts back the folders Python imports
from. A copy of the table and one comparison an entry point: nothing on the way of a report.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from .calls import PluginCall

__all__ = ["modules", "put_back"]

#: The program's top-level package: its modules are "selfreview's own".
_PACKAGE: Final = __name__.partition(".")[0]


def modules() -> dict[str, ModuleType]:
    """Every module imported now (`sys.modules`), by name: one copy in C, which a thread
    importing meanwhile cannot break."""
    return dict(sys.modules)


def _ours(name: str) -> bool:  # one of selfreview's own modules
    return name.partition(".")[0] == _PACKAGE


def put_back(before: dict[str, ModuleType], call: PluginCall) -> None:
    """`sys.modules` as it was before a plugin's import for every module in it then, and a
    warning naming the plugin, if the import removed, replaced or set to None any of them.
    selfreview's own (round 47): some test set-ups remove them to import them afresh; left
    so, every module selfreview imports later (at its first use, to start quicker) came
    afresh, with classes of its own: every judgement was refused as "not a judgement
    (built without validation?)". So a module of ours first imported by such an import goes
    too (it was made from the fresh copies); one a well-behaved plugin imports first
    (`selfreview_core.testing`) stays. Any other module (round 80): `sys.modules["yaml"] =
    None`, `pydantic` removed, a stand-in for `json`, had most commands end in "internal
    error", naming no plugin; one not yet imported set to None (blocked) is taken out. One
    the import made, even in place of one not yet imported, is the plugin's business."""
    modules = sys.modules
    changed = [name for name, module in before.items() if modules.get(name) is not module]
    blocked = [name for name, module in list(modules.items()) if module is None]
    blocked = [name for name in blocked if name not in before]
    if not changed and not blocked:
        return
    for name in blocked:
        modules.pop(name, None)
    ours = [name for name in changed if _ours(name)]
    if ours:
        for name in [name for name in list(modules) if _ours(name) and name not in before]:
            modules.pop(name, None)
    for name in changed:
        modules[name] = before[name]
    theirs = [name for name in changed if not _ours(name)] + blocked
    for names, whose in ((ours, "selfreview's own"), (theirs, "the program's")):
        if names:
            call.problem(
                f"removed or replaced {len(names)} of {whose} modules in `sys.modules`"
                f" (`{names[0]}` first) as it was imported; put back",
                "warning",
            )
