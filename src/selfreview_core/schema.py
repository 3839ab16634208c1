"""JSON Schemas of the file kinds, generated from the models (never written by hand)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final

__all__ = [
    "DIALECT",
    "ID_CHARACTER",
    "NO_FINAL_BREAK",
    "WHITE_SPACE",
    "json_schema",
    "report_schema",
    "schema_id",
    "seen_class",
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


#: The loader's white space (Python's `isspace`: Unicode's White_Space and the separators
#: U+001C..U+001F), for a class of the schemas' patterns: each named, with escapes every
#: dialect reads alike (ECMAScript, Python's `re`, Rust, RE2) and the characters past U+00FF
#: as themselves (RE2 has no `\u`). `\s` is white space in every dialect, but not the same:
#: ECMAScript's (what JavaScript validators and editors search with) takes in U+FEFF and
#: leaves out U+0085 and U+001C..U+001F.
WHITE_SPACE: Final = (
    "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: A character of an id, for the schemas' patterns, as the loader reads one: anything but
#: `@` and the white space (`WHITE_SPACE`). Before round 76 the models' `[^\\s@]`: so
#: `a\\ufeffb`, an id to the loader, was refused by JavaScript, and `a\\x85b` and `a\\x1cb`
#: passed.
ID_CHARACTER: Final = f"[^{WHITE_SPACE}@]"
#: The id characters the models' schemas write (`model.base`): an id's text, which an id
#: pattern (`_id_form`) stands for in every pattern.
_PLAIN_ID: Final = "[^\\s@]+"
#: What the models' schemas write for text that says something (`model.base.Text`), and
#: for a link (`model.recommendation.Link`: a scheme, then something, blank only inside).
_PLAIN_TEXT: Final = "\\S"
_PLAIN_LINK_TAIL: Final = "(\\S|\\S[\\s\\S]*\\S)$"


@cache
def seen_class() -> str:
    """The characters of `model.unseen.UNSEEN` (what prints as nothing: U+200B, the
    bidirectional marks and controls, U+FEFF, the variation selectors...) up to U+FFFF,
    written as a class's ranges. Those past it are left out: ECMAScript without its `u`
    flag reads a character past U+FFFF in a class as two halves, and a range of them as an
    error. Nor can any pattern every dialect reads name the marks (`\\p{Mn}`): text of only
    those, or of only what prints as nothing past U+FFFF, is left to the loader."""
    from .model.unseen import UNSEEN  # only the schemas need it as ranges

    ranges = re.findall("(.)(?:-(.))?", UNSEEN, re.DOTALL)
    return "".join(f"{a}-{b}" if b else a for a, b in ranges if ord(a) <= 0xFFFF)


def _id_form() -> str:
    """An id's text: id characters (`ID_CHARACTER`), one of them something to see (as the
    loader's `model.base.Id` says): first what prints as nothing, then one to see, then
    any (a pattern that cannot go back and forth: linear in every dialect)."""
    seen = seen_class()
    return f"[{seen}]*[^{WHITE_SPACE}@{seen}]{ID_CHARACTER}*"


def _says_something() -> str:
    """Text that says something (`model.base.Text`): a character neither white space nor
    what prints as nothing; searched for anywhere in the text."""
    return f"[^{WHITE_SPACE}{seen_class()}]"


def _link_tail() -> str:
    """A link after its scheme (`model.recommendation.safe_link`): a character that is no
    white space (nor U+FEFF) first and last. `[\\s\\S]` is any character to every dialect."""
    end = f"[^{WHITE_SPACE}\ufeff]"
    return f"({end}|{end}[\\s\\S]*{end})$"


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
    `ID_CHARACTER` (round 76); an id, text and a link name their characters (round 77)."""
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
    """`pattern` (or any key of a schema) with each id (`[^\\s@]+`) written as `_id_form`,
    text that says something (`\\S`) as `_says_something` and a link's tail as
    `_link_tail`, each read alike by every dialect (round 77: each named its characters)."""
    if pattern == _PLAIN_TEXT:
        return _says_something()
    if pattern.endswith(_PLAIN_LINK_TAIL):
        pattern = pattern.removesuffix(_PLAIN_LINK_TAIL) + _link_tail()
    return pattern.replace(_PLAIN_ID, _id_form()) if _PLAIN_ID in pattern else pattern
