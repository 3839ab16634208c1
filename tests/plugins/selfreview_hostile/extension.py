"""A plugin whose exporters' extensions are careless: without a dot (normalised), empty and
with a path separator (both refused)."""

from __future__ import annotations

from selfreview_core import Exporter, Report, hookimpl


def render(report: Report) -> str:
    return f"{report.assessment.school.name}: {len(report.recommendations)} recommendations\n"


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [
        Exporter("hostile-text", "hostile", "text/plain", render),  # becomes `.hostile`
        Exporter("hostile-empty", "", "text/plain", render),
        Exporter("hostile-escape", "../../escape", "text/plain", render),
    ]
