"""The report as JSON: every field, in model order, the framework named by reference
(`report.report_json`); readable back into an equal report (`report.read_report`)."""

from __future__ import annotations

from typing import Any

from ..escaping import shown_json
from ..report import Report, report_json
from ..schema import report_schema

__all__ = ["render_json", "report_json_schema"]


def render_json(report: Report) -> str:
    """The whole report, its framework as `{id, version, title}`: stable keys in model
    order, ISO dates, no nulls dropped; control characters inside strings as `\\u` escapes
    (`escaping.shown_json`), which read back the same, so printing it never drives the
    terminal."""
    return shown_json(report_json(report)) + "\n"


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of what `render_json` writes (`selfreview schema report`): that of
    the model it serialises (`schema.report_schema`)."""
    return report_schema()
