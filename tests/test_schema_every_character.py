"""Over every code point to U+10FFFF (round 78; round 77 compared to U+FFFF): where the JSON
Schemas' patterns for an id and for text (`schema.ID_CHARACTER`, `schema.seen_class`) and
the loader (`model.base.Id`, `Text`) disagree, and that JavaScript (Node.js, with and
without the `u` flag) reads each pattern as Python does on every one.

They disagree on exactly two kinds of character, each alone or only such ones (an id or a
title of nothing else); the loader refuses it, the schema passes it (docs/robustness.md):
- what prints as nothing past U+FFFF (`model.unseen.UNSEEN`: U+110BD, U+110CD,
  U+13430..U+1343F, U+1BCA0..U+1BCA3, U+1D173..U+1D17A, U+E0000..U+E0FFF): ECMAScript
  without `u` reads such a character in a class as two halves, and a range of them as an
  error, so no pattern every dialect reads can name them;
- the marks (categories Mn and Me), which no pattern every dialect reads names either
  (`\\p{Mn}`), and whose list follows the Unicode version (the loader's ids and, since
  round 79, its text ask pydantic's Rust tables, of a newer Unicode than Python 3.11's: a
  mark new to Unicode is `Cn` to an older Python, and U+1171E was Mn until Unicode 15).
  Tying the published schemas to one
  version's list would make them differ by the Python that generates them.
Every other code point, alone, doubled or between letters, is read alike by all."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from functools import cache
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from selfreview_core.model.base import Id, Text
from selfreview_core.model.unseen import UNSEEN
from selfreview_core.model.unseen import _is_mark as is_mark
from selfreview_core.schema import json_schema
from test_schema import _loader_accepts

#: Each test reads every code point, more than a million (seconds).
pytestmark = pytest.mark.slow

#: Every code point but the surrogates' halves, which no file holds.
_POINTS = [p for p in range(0x110000) if not 0xD800 <= p <= 0xDFFF]
#: What prints as nothing past U+FFFF, as this module's docstring and robustness.md list it.
_ASTRAL_UNSEEN = [
    0x110BD,
    0x110CD,
    *range(0x13430, 0x13440),
    *range(0x1BCA0, 0x1BCA4),
    *range(0x1D173, 0x1D17B),
    *range(0xE0000, 0xE1000),
]


def _refused(kind: Any, texts: list[str]) -> set[int]:
    """The indexes of `texts` the loader's type `kind` refuses (one call: in Rust)."""
    try:
        TypeAdapter(list[kind]).validate_python(texts)
    except ValidationError as error:
        return {int(problem["loc"][0]) for problem in error.errors()}
    return set()  # pragma: no cover - some code point is refused


@cache
def _patterns() -> dict[str, str]:
    """A framework schema's id pattern and its text pattern (its title's): every schema
    writes the same ones."""
    schema = json_schema("framework")
    return {
        "id": schema["properties"]["id"]["pattern"],
        "text": schema["properties"]["title"]["pattern"],
    }


def _schema_passes(kind: str, texts: list[str]) -> list[bool]:
    """Whether the schema's `kind` pattern passes each of `texts`, `$` read as ECMAScript
    reads it (the end of the text; and the schemas refuse a final line break besides)."""
    pattern = _patterns()[kind]
    if kind == "id":
        read = re.compile(pattern[:-1] + "\\Z")
        return [read.match(text) is not None for text in texts]
    found = re.compile(pattern)
    return [found.search(text) is not None for text in texts]


def _differ(kind: str, loader: Any, texts: list[str]) -> dict[int, bool]:
    """Each code point on which the loader and the schema differ: whether the schema is the
    one that passes it."""
    refused = _refused(loader, texts)
    passed = _schema_passes(kind, texts)
    return {
        point: passes
        for index, (point, passes) in enumerate(zip(_POINTS, passed, strict=True))
        if passes == (index in refused)
    }


def _is_mark(point: int) -> bool:
    """A mark to Python's Unicode, or a code point it has not (a mark in a newer one)."""
    return unicodedata.category(chr(point)) in ("Mn", "Me", "Cn")


def test_an_id_differs_only_on_marks_and_what_prints_as_nothing_past_uffff() -> None:
    unseen = re.compile(f"[{UNSEEN}]")
    alone = [chr(p) for p in _POINTS]
    differ = _differ("id", Id, alone)
    assert all(differ.values())  # never refused by the schema and passed by the loader
    assert {p for p in differ if not _is_mark(p)} == {p for p in _ASTRAL_UNSEEN if not _is_mark(p)}
    assert set(_ASTRAL_UNSEEN) <= set(differ)
    assert all(p > 0xFFFF or not unseen.match(chr(p)) for p in differ)  # named up to U+FFFF
    bmp_marks = {p for p in range(0xD800) if unicodedata.category(chr(p)) in ("Mn", "Me")}
    assert {p for p in bmp_marks if not unseen.match(chr(p))} <= set(differ)
    assert _differ("id", Id, [c + c for c in alone]) == differ  # only such characters
    assert _differ("id", Id, [f"a{c}b" for c in alone]) == {}  # `ID_CHARACTER`: one set


def test_text_differs_only_on_marks_and_what_prints_as_nothing_past_uffff() -> None:
    differ = _differ("text", Text, [chr(p) for p in _POINTS])
    assert all(differ.values())
    assert {p for p in differ if not _is_mark(p)} == {p for p in _ASTRAL_UNSEEN if not _is_mark(p)}
    # the marks, exactly (`Text` asks Rust's tables, as `Id` does), but those named up to
    # U+FFFF
    named = re.compile(f"[{UNSEEN}]")
    marks = {p for p in _POINTS if is_mark(chr(p))}
    assert set(differ) == {p for p in marks if p > 0xFFFF or not named.match(chr(p))} | set(
        _ASTRAL_UNSEEN
    )


def test_the_loader_and_the_schema_say_so_of_a_whole_rule_pack() -> None:
    """As files: an id of a tag (U+E0001) or of a mark alone (U+0301) is refused by the
    loader and passed by the schema, as documented; a letter with its mark by both."""
    import jsonschema

    for id_, loader in (("\U000e0001", False), ("\u0301", False), ("e\u0301", True)):
        pack = {"kind": "rules", "id": id_, "framework": "example-srf", "rules": []}
        assert _loader_accepts(pack) is loader
        validator = jsonschema.Draft202012Validator(json_schema("rules"))
        assert not list(validator.iter_errors(pack))


_NODE = shutil.which("node")
_NODE_READS = r"""
const fs = require('fs'); const patterns = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
for (const flag of ['', 'u']) {
  const id = new RegExp(patterns.id, flag), text = new RegExp(patterns.text, flag);
  const passed = {id: [], twice: [], text: []};
  for (let p = 0; p < 0x110000; p++) {
    if (p >= 0xD800 && p <= 0xDFFF) continue;
    const c = String.fromCodePoint(p);
    if (id.test(c)) passed.id.push(p);
    if (id.test(c + c)) passed.twice.push(p);
    if (text.test(c)) passed.text.push(p);
  }
  out[flag] = passed;
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(_NODE is None, reason="Node.js reads the patterns as JavaScript does")
def test_javascript_reads_the_patterns_as_python_on_every_code_point() -> None:
    assert _NODE is not None
    read = subprocess.run(
        [_NODE, "-e", _NODE_READS],
        input=json.dumps(_patterns()),
        capture_output=True,
        text=True,
        check=True,
    )
    alone = [chr(p) for p in _POINTS]
    python = {
        "id": _schema_passes("id", alone),
        "twice": _schema_passes("id", [c + c for c in alone]),
        "text": _schema_passes("text", alone),
    }
    for flag, passed in json.loads(read.stdout).items():
        for kind, points in passed.items():
            wanted = [p for p, passes in zip(_POINTS, python[kind], strict=True) if passes]
            assert points == wanted, (flag, kind)
