"""The built-in plugins, registered on the same hooks third-party plugins use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import bundled, exporters, nextsteps

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["DEFAULT_PLUGINS"]

#: (name, module) of every built-in plugin; names are fixed so they can be disabled.
DEFAULT_PLUGINS: Final[tuple[tuple[str, ModuleType], ...]] = (
    ("bundled-frameworks", bundled),
    ("next-steps", nextsteps),
    ("standard-exporters", exporters),
)
