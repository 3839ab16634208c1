"""Built-in plugin `standard-exporters`: the table, JSON, CSV, Markdown and HTML formats and
the governors' summary, on the same hook third-party exporters use. Each format's module is
imported when it first renders, so an engine that never writes HTML never imports it."""

from __future__ import annotations

from ..exporters.base import Exporter
from ..exporters.json import render_json
from ..hookspecs import hookimpl
from ..report import Report

__all__ = ["render_summary", "selfreview_exporters"]


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


def render_summary(report: Report) -> str:
    """The governors' page (`exporters.summary`), without evidence: `report --format summary
    --with-evidence` asks for it (`report_files.export_report`)."""
    from ..exporters.summary import render

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
