"""A plugin whose exporters run code when the engine reads them: a subclass of `Exporter`
whose property exits, raises or prints, one whose name cannot be read, and one whose
extension is a `str` subclass with methods of its own (run later, outside any guard, had
they been kept). The one that only prints, and the one of odd text, work."""

from __future__ import annotations

import sys
from typing import Any

from selfreview_core import Exporter, Report, hookimpl


def render(report: Report) -> str:
    return f"{report.assessment.school.name}\n"


class _Fields(Exporter):
    """An exporter whose extension is a property: `how` says what reading it does."""

    def __init__(self, name: str, how: str) -> None:
        fields = {"name": name, "media_type": "text/plain", "render": render, "how": how}
        for field, value in fields.items():
            if not isinstance(getattr(type(self), field, None), property):
                object.__setattr__(self, field, value)

    @property  # over the dataclass's field, on purpose
    def extension(self) -> str:
        how: str = object.__getattribute__(self, "how")
        if how == "exits":
            sys.exit(3)
        if how == "raises":
            raise LookupError("no extension today")
        print("HOSTILE PRINT from an extension")
        return ".printed"


class _Nameless(_Fields):
    @property
    def name(self) -> str:
        raise RuntimeError("who am I")


class _Odd(str):
    """Text whose methods are the plugin's code."""

    def lower(self) -> Any:
        raise RuntimeError("lower")

    def endswith(self, *args: object) -> Any:
        raise RuntimeError("endswith")

    def __str__(self) -> Any:
        raise RuntimeError("__str__")


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [
        _Fields("fields-exits", "exits"),
        _Fields("fields-raises", "raises"),
        _Fields("fields-prints", "prints"),
        _Nameless("unused", "prints"),
        Exporter(_Odd("fields-odd"), _Odd(".odd"), _Odd("text/plain"), render),
        Exporter("fields-odd-extension", _Odd(".oddx"), "text/plain", render),
    ]
