"""The report as JSON: every field, in model order, readable back into an equal report."""

from __future__ import annotations

from ..escaping import shown_json
from ..report import Report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    """The whole report: stable keys in model order, ISO dates, no nulls dropped; control
    characters inside strings as `\\u` escapes (`escaping.shown_json`), which read back the
    same, so printing it never drives the terminal."""
    return shown_json(report.model_dump_json(indent=2, by_alias=True)) + "\n"
