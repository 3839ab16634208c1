"""The report as JSON: every field, in model order, the framework named by reference
(`report.report_json`); readable back into an equal report (`report.read_report`)."""

from __future__ import annotations

from ..escaping import shown_json
from ..report import Report, report_json

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    """The whole report, its framework as `{id, version, title}`: stable keys in model
    order, ISO dates, no nulls dropped; control characters inside strings as `\\u` escapes
    (`escaping.shown_json`), which read back the same, so printing it never drives the
    terminal."""
    return shown_json(report_json(report)) + "\n"
