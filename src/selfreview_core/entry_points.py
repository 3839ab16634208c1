"""Entry points read for the plugin host: those installed, in one scan that pydantic's own
plugins are found in too; what one names, loaded; its version; and its plugin's Python
files. A plugin's author writes the entry point, so each part is guarded: a value not
written as one is refused saying how it is written, and a distribution whose files cannot
be read gives none (SPEC section 4)."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Final, cast

from .errors import Refused
from .isolation.calls import clean

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from importlib.metadata import EntryPoint

#: What an entry point's value must be to be loaded, as `EntryPoint.load` reads it:
#: a module, then perhaps `:attribute` and `[extras]`.
_ENTRY_VALUE: Final = re.compile(r"[\w.]+\s*(:\s*[\w.]+\s*)?(\[.*\]\s*)?$")


def installed(group: str, scan: Callable[..., Any]) -> Iterable[EntryPoint]:
    """The entry points of `group`, as `scan(group=group)` gives them. When `scan` is
    `importlib.metadata.entry_points` itself, one scan of every group gives them, and
    pydantic's plugins (its group, `pydantic`) are loaded from that same scan: pydantic
    otherwise reads every installed distribution's metadata again as it builds its first
    validator (about 16 M instructions of every command's start-up, round 74). Anything
    else `scan` is (a test's stand-in) is asked for `group` alone."""
    from importlib.metadata import entry_points

    if scan is not entry_points:
        return cast("Iterable[EntryPoint]", scan(group=group))
    every = entry_points()  # every group: the same distributions, read once
    _pydantic_plugins(every.select)
    return every.select(group=group)


def _pydantic_plugins(select: Callable[..., Iterable[EntryPoint]]) -> None:
    """Pydantic's plugins loaded by pydantic's own loader, which is handed `select` (the
    entry points of one scan, by group) for the scan it makes, once per process, at its
    first validator. Nothing is done when pydantic has loaded them already, is loading them
    (a plugin that builds an engine), or has a loader not as this was written against (its
    own scan then finds them, as before). Whatever the loader raises (a plugin whose import
    fails otherwise than pydantic warns of) is left for pydantic's own scan to raise, at
    its first validator, as before: here it would be an error of the engine's making."""
    from importlib.metadata import entry_points

    import pydantic.plugin._loader as loader

    if (
        getattr(loader, "_plugins", False) is not None
        or getattr(loader, "_loading_plugins", True) is not False
        or getattr(loader, "entry_points", None) is not entry_points
    ):
        return
    loader.entry_points = select  # type: ignore[attr-defined,assignment]
    try:
        loader.get_plugins()
    except KeyboardInterrupt:
        raise
    except BaseException:  # `sys.exit` in a plugin's module too: not ours to tell
        loader._plugins = None  # its own scan, at its first validator, raises it
    finally:
        loader.entry_points = entry_points  # type: ignore[attr-defined]


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
