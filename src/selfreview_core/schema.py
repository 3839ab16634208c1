"""JSON Schemas of the file kinds, generated from the models (never written by hand)."""

from __future__ import annotations

from typing import Any

from .loader import KINDS

__all__ = ["json_schema", "report_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one file kind; `kind` is required in files, so it is here too."""
    schema = KINDS[kind].model_json_schema()
    required = schema.setdefault("required", [])
    if "kind" not in required:
        required.insert(0, "kind")
    return {"$schema": DIALECT, **schema}


def report_schema() -> dict[str, Any]:
    """The schema of a report's JSON (`report.ReportJson`: the framework by reference),
    which `docs/schema/report.json` holds."""
    from .report import ReportJson  # the engine's models: not needed to check a file

    return {"$schema": DIALECT, **ReportJson.model_json_schema()}
