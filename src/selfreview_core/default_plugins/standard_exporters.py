"""Built-in plugin `standard-exporters`: the table, JSON, CSV, Markdown and HTML formats, on
the same hook third-party exporters use. Each format's module is imported when it first
renders, so an engine that never writes HTML never imports it."""

from __future__ import annotations

from ..exporters.base import Exporter
from ..exporters.json import render_json
from ..hookspecs import hookimpl
from ..report import Report

__all__ = ["selfreview_exporters"]


def _render_table(report: Report) -> str:
    from ..exporters.table import report_text

    return report_text(report)


def _render_csv(report: Report) -> str:
    from ..exporters.csv import render

    return render(report)


def _render_markdown(report: Report) -> str:
    from ..exporters.markdown import render

    return render(report)


def _render_html(report: Report) -> str:
    from ..exporters.html import render

    return render(report)


@hookimpl
def selfreview_exporters() -> list[Exporter]:
    return [
        Exporter("table", ".txt", "text/plain; charset=utf-8", _render_table),
        Exporter("json", ".json", "application/json", render_json),
        Exporter("csv", ".csv", "text/csv; charset=utf-8", _render_csv),
        Exporter("markdown", ".md", "text/markdown; charset=utf-8", _render_markdown),
        Exporter("html", ".html", "text/html; charset=utf-8", _render_html),
    ]
