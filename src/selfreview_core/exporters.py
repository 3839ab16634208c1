"""Exporters turn a report into a file format. The standard ones are the built-in plugin
`standard-exporters`, on the same hook third-party exporters use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .escaping import shown_json
from .hookspecs import hookimpl
from .report import Report

__all__ = ["Exporter", "render_json", "render_summary", "selfreview_exporters"]


@dataclass(frozen=True, slots=True)
class Exporter:
    """A named output format: `render(report)` returns the whole file, as str or bytes.

    A plugin's exporter is checked when the engine collects it (`plugin_results.exporter`):
    its extension gains a leading dot if it has none, and one that cannot end a file name
    is refused.
    """

    name: str
    extension: str
    media_type: str
    render: Callable[[Report], str | bytes]


def render_json(report: Report) -> str:
    """The whole report: stable keys in model order, ISO dates, no nulls dropped; control
    characters inside strings as `\\u` escapes (`escaping.shown_json`), which read back the
    same, so printing it never drives the terminal."""
    return shown_json(report.model_dump_json(indent=2, by_alias=True)) + "\n"


def _render_table(report: Report) -> str:
    from .display import report_text

    return report_text(report)


def _render_csv(report: Report) -> str:
    from .export_csv import render

    return render(report)


def _render_markdown(report: Report) -> str:
    from .export_markdown import render

    return render(report)


def _render_html(report: Report) -> str:
    from .export_html import render

    return render(report)


def render_summary(report: Report) -> str:
    """The governors' page (`export_summary`), without evidence: `report --format summary
    --with-evidence` asks for it (`export_summary.export`)."""
    from .export_summary import render

    return render(report)


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [
        Exporter("table", ".txt", "text/plain; charset=utf-8", _render_table),
        Exporter("json", ".json", "application/json", render_json),
        Exporter("csv", ".csv", "text/csv; charset=utf-8", _render_csv),
        Exporter("markdown", ".md", "text/markdown; charset=utf-8", _render_markdown),
        Exporter("html", ".html", "text/html; charset=utf-8", _render_html),
        Exporter("summary", ".html", "text/html; charset=utf-8", render_summary),
    ]
