"""A plugin whose exporters fail when used: one raises, one returns a lone surrogate."""

from __future__ import annotations

from selfreview_core import Exporter, Report, hookimpl


def raises(report: Report) -> str:
    raise KeyError("no template")


def surrogate(report: Report) -> str:
    return "half a character: \ud800\n"


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [
        Exporter("hostile-raises", ".txt", "text/plain", raises),
        Exporter("hostile-surrogate", ".txt", "text/plain", surrogate),
    ]
