"""JSON Schemas of the file kinds, generated from the models (never written by hand)."""

from __future__ import annotations

from typing import Any

__all__ = ["DIALECT", "json_schema", "report_schema", "schema_id"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(kind: str) -> str:
    """The `$id` of a schema: a name that says what it describes, the same wherever the
    schema is kept (the project has no web address to serve schemas from)."""
    return f"urn:selfreview-core:schema:{kind}"


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one file kind; `kind` is required in files, so it is here too. (The
    report's is `exporters.json.report_json_schema`: it describes that exporter's output.)"""
    from .loader import KINDS  # its models are imported on first use (`loader._kinds`)

    schema = _keys_closed(KINDS[kind].model_json_schema())
    required = schema.setdefault("required", [])
    if "kind" not in required:
        required.insert(0, "kind")
    return {"$schema": DIALECT, "$id": schema_id(kind), **schema}


def report_schema() -> dict[str, Any]:
    """The schema of a report's JSON (`report.ReportJson`: the framework by reference),
    which `docs/schema/report.json` holds and `selfreview schema report` prints."""
    from .report import ReportJson  # the engine's models: not needed to check a file

    schema = _keys_closed(ReportJson.model_json_schema())
    return {"$schema": DIALECT, "$id": schema_id("report"), **schema}


def _keys_closed(node: Any) -> Any:
    """`node` with every mapping whose keys are ids (`patternProperties`: the id pattern)
    closed to other keys, as the loader is: pydantic leaves `answers: {"q 1": x}` and
    `answer_sets: {"a b": [...]}` to any value, so an editor would pass what the loader
    refuses."""
    if isinstance(node, list):
        return [_keys_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {key: _keys_closed(value) for key, value in node.items()}
    if node.get("type") == "object" and "patternProperties" in node:
        closed.setdefault("additionalProperties", False)
    return closed
