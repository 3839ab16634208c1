"""The report as JSON: every field, in model order, readable back into an equal report."""

from __future__ import annotations

from typing import Any

from ..escaping import shown_json
from ..report import Report
from ..schema import DIALECT, schema_id

__all__ = ["render_json", "report_json_schema"]


def render_json(report: Report) -> str:
    """The whole report: stable keys in model order, ISO dates, no nulls dropped; control
    characters inside strings as `\\u` escapes (`escaping.shown_json`), which read back the
    same, so printing it never drives the terminal."""
    return shown_json(report.model_dump_json(indent=2, by_alias=True)) + "\n"


def report_json_schema() -> dict[str, Any]:
    """The JSON Schema of what `render_json` writes (`selfreview schema report`), from the
    same model it serialises: a change to the one changes the other."""
    return {"$schema": DIALECT, "$id": schema_id("report"), **Report.model_json_schema()}
