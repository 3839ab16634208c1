"""The JSON Schemas' id patterns and the loader accept the same ids (round 76), in every
dialect a validator may search with. The models' schemas wrote an id's character `[^\\s@]`,
and `\\s` differs: ECMAScript's (JavaScript validators, editors) takes in U+FEFF and leaves
out U+0085 and U+001C..U+001F, so `a\\ufeffb`, an id to the loader, was refused there, and
`a\\x85b` and `a\\x1cb` passed. Each character is named now (`schema.ID_CHARACTER`).

An id of only what prints as nothing (`\\u200b`) is refused by the schemas too since round
77 (`schema.seen_class`, tests/test_schema_text.py); one of only marks (`\\p{Mn}`), or of
what prints as nothing past U+FFFF, is left to the loader: no pattern every dialect reads
can name them, so such ids are not drawn here."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program import selfreview_here
from scaled import scaled
from test_schema import _loader_accepts
from test_schema_text import _left_to_the_loader, _patterns, _schema, _validator

#: Every character some dialect's `\s` holds and another's does not, the rest of Unicode's
#: white space, `@`, what prints as nothing, a mark, wide and astral letters.
_TRICKY = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f"
    "\u3000\ufeff\u200b\u2060\u180e@a-.\u0301\u05d0\u5b66\U0001f600"
)
_IDS = st.text(st.sampled_from(_TRICKY) | st.characters(exclude_categories=["Cs"]), max_size=4)


def _schema_accepts(kind: str, data: dict[str, Any]) -> bool:
    return not list(_validator(kind).iter_errors(data))


#: ECMAScript's `\s` (its WhiteSpace and LineTerminator), as Python's `re` reads a class.
_ECMASCRIPT_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _ecmascript(pattern: str) -> re.Pattern[str]:
    """`pattern` as ECMAScript reads it, for the escapes an id's pattern may hold: `\\s`
    in a class is ECMAScript's white space (Python's `re` has its own), and a last `$` is
    the end of the text (Python's `$` also matches before a last line break: `0\\n`)."""
    written = pattern.replace("\\s", _ECMASCRIPT_SPACE)
    return re.compile(written[:-1] + "\\Z" if written.endswith("$") else written)


@settings(max_examples=scaled(300))
@given(id_=_IDS, version=_IDS)
def test_the_schema_and_the_loader_accept_the_same_ids(id_: str, version: str) -> None:
    """A rule pack's id, and its framework named by id and by `id@version`."""
    if _left_to_the_loader(id_):
        return  # (see above)
    pack = {"kind": "rules", "id": id_, "framework": "example-srf", "rules": []}
    accepted = _loader_accepts(pack)
    assert _schema_accepts("rules", pack) == accepted
    pattern = _schema("rules")["properties"]["id"]["pattern"]
    assert (_ecmascript(pattern).search(id_) is not None) == accepted  # as JavaScript reads it
    if _left_to_the_loader(version):
        return
    pack = {"kind": "rules", "id": "p", "framework": f"{id_}@{version}", "rules": []}
    assert _schema_accepts("rules", pack) == _loader_accepts(pack)


@pytest.mark.parametrize(
    ("id_", "accepted"),
    [("a\ufeffb", True), ("a\x1cb", False), ("a\x85b", False), ("a\u2028b", False)],
)
def test_the_ids_on_which_dialects_differ(id_: str, accepted: bool) -> None:
    """Accepted alike by the loader, by Python's `jsonschema`, and by the pattern read as
    JavaScript reads it (checked against Node.js over every code point, round 76)."""
    pack = {"kind": "rules", "id": id_, "framework": "example-srf", "rules": []}
    assert _loader_accepts(pack) is accepted
    assert _schema_accepts("rules", pack) is accepted
    pattern = _schema("rules")["properties"]["id"]["pattern"]
    assert (_ecmascript(pattern).search(id_) is not None) is accepted


@pytest.mark.parametrize("kind", ["framework", "assessment", "rules", "migration", "plan"])
def test_no_id_pattern_uses_a_class_escape_whose_meaning_differs_by_dialect(kind: str) -> None:
    """`\\s`, `\\d`, `\\w`, `\\b` and `\\p` differ between ECMAScript, Python, Rust and RE2;
    an id's pattern names its characters instead (text's `\\S`, "says something", and a
    link's are no ids)."""
    ids = [p for p in _patterns(_schema(kind)) if p.startswith("^[")]
    assert ids
    for pattern in ids:
        assert not re.search(r"\\[sSdDwWbBpP]", pattern), pattern


@pytest.mark.parametrize(
    "kind", ["framework", "assessment", "rules", "migration", "plan", "report"]
)
def test_each_schema_is_printed_in_ascii_its_line_separators_escaped(kind: str) -> None:
    """An id's pattern names U+2028 and U+2029 (`schema.ID_CHARACTER`): written raw, they
    would break the line in `docs/schema/*.json` for an editor or a JavaScript parser that
    reads them so, and in a terminal. JSON's `\\u2028` gives every validator's pattern the
    same character (RE2 reads no `\\u` in a pattern, but the JSON is decoded first)."""
    printed = selfreview_here(["schema", kind])
    assert printed.returncode == 0
    assert printed.stdout.isascii()
    assert "\u2028" in json.dumps(json.loads(printed.stdout), ensure_ascii=False)
