"""The hooks plugins implement. All are optional; an implementation may take a subset of
the arguments (pluggy matches them by name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pluggy

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from .framework import Framework

__all__ = ["PROJECT", "hookimpl", "hookspec"]

#: The pluggy project name, which is also the entry-point group plugins are found in.
PROJECT: Final = "selfreview"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def selfreview_frameworks() -> Iterable[str | os.PathLike[str] | Framework]:
    """Frameworks this plugin provides.

    :return: paths of framework files (YAML or JSON), or `Framework` objects. A file that
        does not load is reported as a problem of this plugin; other frameworks still load.
    """
    raise NotImplementedError  # pragma: no cover - a specification, never called
