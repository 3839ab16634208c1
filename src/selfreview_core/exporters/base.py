"""What an output format is: a name, a file extension, a media type and a `render`.

The standard formats are the built-in plugin `standard-exporters`
(`default_plugins.standard_exporters`); each renders with its own module of this folder.
A third-party format is an `Exporter` a plugin gives through the same hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..report import Report

__all__ = ["Exporter"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """A named output format: `render(report)` returns the whole file, as str or bytes.

    A plugin's exporter is checked when the engine collects it (`isolation.results.exporter`):
    its extension gains a leading dot if it has none, and one that cannot end a file name
    is refused.
    """

    name: str
    extension: str
    media_type: str
    render: Callable[[Report], str | bytes]
