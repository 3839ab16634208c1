"""JSON Schemas of the file kinds, generated from the models (never written by hand)."""

from __future__ import annotations

from typing import Any, Final

__all__ = [
    "DIALECT",
    "ID_CHARACTER",
    "NO_FINAL_BREAK",
    "json_schema",
    "report_schema",
    "schema_id",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: No text whose pattern ends in `$` (an id, a framework's reference, a link) ends in a line
#: break: Python's `re`, which `jsonschema` and the other Python validators search with,
#: takes `$` to match before a final line break too, so `"ab\n"` passed `^[^\s@]+$` as an
#: id there (ECMAScript, Rust's `regex` and RE2 refuse it). No one pattern says it alike in
#: all four: their only end in common is `$` (`\z` is no ECMAScript, `\Z` is a literal Z
#: to it and an error to Rust and RE2, and neither Rust nor RE2 has a lookahead), so it is
#: a second keyword, which each reads alike: `\n$` matches exactly text ending in `\n`.
NO_FINAL_BREAK: Final = {"not": {"pattern": "\\n$"}}


#: A character of an id, for the schemas' patterns, as the loader reads one: anything but
#: `@` and the white space of the loader's pattern (Rust's `\s`, Unicode's White_Space)
#: and the separators U+001C..U+001F (`model.base`), each named. `\s` is white space in
#: every dialect, but not the same: ECMAScript's (what JavaScript validators and editors
#: search with) takes in U+FEFF and leaves out U+0085 and U+001C..U+001F, so before round
#: 76 `a\ufeffb`, an id to the loader, was refused there, and `a\x85b` and `a\x1cb`
#: passed. Written with escapes every dialect reads alike (ECMAScript, Python's `re`, Rust,
#: RE2) and the characters past U+00FF as themselves (RE2 has no `\u`).
ID_CHARACTER: Final = (
    "[^\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000@]"
)
#: The id character the models' schemas write (`model.base`), which `ID_CHARACTER` stands
#: for in every pattern.
_PLAIN_ID_CHARACTER: Final = "[^\\s@]"


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
    refuses. Text and keys whose pattern ends in `$` are refused a final line break
    (`NO_FINAL_BREAK`, round 74), as the loader refuses them; an id's character is
    `ID_CHARACTER` (round 76)."""
    if isinstance(node, list):
        return [_keys_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {_id_named(key): _keys_closed(value) for key, value in node.items()}
    if isinstance(closed.get("pattern"), str):
        closed["pattern"] = _id_named(closed["pattern"])
    if node.get("type") == "object" and "patternProperties" in node:
        closed.setdefault("additionalProperties", False)
        names = closed.get("propertyNames", {})  # pydantic's `minLength`, kept
        if any(key.endswith("$") for key in node["patternProperties"]) and "not" not in names:
            closed["propertyNames"] = {**names, **NO_FINAL_BREAK}
    pattern = node.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("$") and "not" not in node:
        closed["not"] = NO_FINAL_BREAK["not"]
    return closed


def _id_named(pattern: str) -> str:
    """`pattern` (or any key of a schema) with each id character (`[^\\s@]`) written as
    `ID_CHARACTER`, read alike by every dialect."""
    return pattern.replace(_PLAIN_ID_CHARACTER, ID_CHARACTER)
