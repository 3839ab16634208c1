"""Entry points read for the plugin host: what one names, loaded; its version; and its
plugin's Python files. A plugin's author writes the entry point, so each part is guarded:
a value not written as one is refused saying how it is written, and a distribution whose
files cannot be read gives none (SPEC section 4)."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Final

from .errors import Refused
from .isolation.calls import clean

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

#: What an entry point's value must be to be loaded, as `EntryPoint.load` reads it:
#: a module, then perhaps `:attribute` and `[extras]`.
_ENTRY_VALUE: Final = re.compile(r"[\w.]+\s*(:\s*[\w.]+\s*)?(\[.*\]\s*)?$")


def load(entry: EntryPoint) -> object:
    """What `entry` names, imported. One whose value is not written as an entry point
    (empty, `:main`, `pkg:`, `pkg main`) is refused saying how it is written: Python fails on
    it with an error of its own code (`'NoneType' object has no attribute 'group'`), which
    tells the plugin's author nothing. The value is looked at only once loading has failed:
    whatever loads is the plugin, however its value is written."""
    try:
        return entry.load()
    except AttributeError:
        value = entry.value
        if isinstance(value, str) and _ENTRY_VALUE.match(value) is None:
            raise Refused(
                f"failed to load from `{clean(value)}`: an entry point is written "
                "`package.module` or `package.module:attribute`"
            ) from None
        raise


def python_files(entry: EntryPoint, module_file: object) -> list[str]:
    """The Python files of `entry`'s plugin: those its distribution lists (`importlib.metadata`'s
    `files`, a wheel's RECORD), and those beside the module's own file `module_file`, which an
    editable install lists none of."""
    return _beside(module_file) + _listed(entry)


def _beside(file: object) -> list[str]:
    """`file` and the `.py` files in its folder (a plugin's package), if it is a path."""
    if not isinstance(file, str):
        return []
    try:
        with os.scandir(os.path.dirname(file)) as entries:
            return [file, *(e.path for e in entries if e.name.endswith(".py"))]
    except OSError:  # not a folder (a zip file's module), or gone: the file alone
        return [file]


def _listed(entry: EntryPoint) -> list[str]:
    """The `.py` files `entry`'s distribution lists, where they are installed."""
    try:
        files = entry.dist.files if entry.dist is not None else None
        return [str(f.locate()) for f in files or () if str(f).endswith(".py")]
    except Exception:  # a RECORD that cannot be read: nothing known of it
        return []


def version(entry: EntryPoint) -> str | None:
    dist = entry.dist
    version = None if dist is None else dist.version
    return clean(version) if isinstance(version, str) else None
