"""The JSON Schemas' patterns for text, links and ids accept what the loader accepts (round
77), in every dialect a validator may search with. Text was `\\S` and a link
`(\\S|\\S[\\s\\S]*\\S)`: ECMAScript's `\\s` (JavaScript validators, editors) leaves out
U+0085 and U+001C..U+001F, so a title of only U+0085 passed there and not in the loader;
Python's leaves out U+FEFF, so a title of only U+FEFF passed `jsonschema`. And an id of only
what prints as nothing (`\\u200b`, a bidirectional mark, a variation selector) passed every
schema, which the loader refuses (`model.unseen`). Each pattern names its characters now
(`schema.WHITE_SPACE`, `schema.seen_class`).

What no pattern every dialect reads can name is left to the loader: the marks (`\\p{Mn}`,
`\\p{Me}`), and what prints as nothing past U+FFFF (ECMAScript without its `u` flag reads
such a character in a class as two halves). Text or an id of only those is not drawn."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import unicodedata
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.model.base import unseen_only
from selfreview_core.model.recommendation import safe_link
from selfreview_core.schema import json_schema, seen_class
from selfreview_core.testing.strategies import frameworks
from test_schema import _loader_accepts

#: White space of every dialect, what prints as nothing (a zero-width space, the bidirectional
#: marks and isolates, a variation selector, U+FEFF, the Hangul filler), letters and a mark.
_TRICKY = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f"
    "\u3000\ufeff\u200b\u200e\u200f\u2066\u2069\u202e\ufe0f\u180e\u3164\xad\u2060a\u0301"
    "\u05d0\u5b66\U0001f600\U000e0001"
)
_TEXTS = st.text(st.sampled_from(_TRICKY) | st.characters(exclude_categories=["Cs"]), max_size=4)


def _ecmascript(pattern: str) -> re.Pattern[str]:
    """`pattern` as ECMAScript reads it, for Python's `re`: `[\\s\\S]` any character (in
    Python's too, but `test_schema_ids`' reading spells out ECMAScript's `\\s` in it), and a
    last `$` the end of the text (Python's `$` also matches before a last line break). No
    other class escape is left (`test_no_pattern_uses_a_class_escape...`)."""
    written = pattern.replace("[\\s\\S]", "(?s:.)")
    return re.compile(written[:-1] + "\\Z" if written.endswith("$") else written)


def _left_to_the_loader(text: str) -> bool:
    """Text the loader finds says nothing for a mark or a character past U+FFFF in it,
    which no pattern every dialect reads can name."""
    return unseen_only(text) and any(
        unicodedata.category(c) in ("Mn", "Me") or ord(c) > 0xFFFF for c in text
    )


@functools.cache
def _schema(kind: str) -> dict[str, Any]:
    """`kind`'s schema, made once and only read here: `json_schema` builds it from the
    models each call (5 ms a framework's), three times an example of the properties before
    round 82, most of their time."""
    return json_schema(kind)


@functools.cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(kind))


def _schema_accepts(kind: str, data: dict[str, Any]) -> bool:
    return not list(_validator(kind).iter_errors(data))


def _patterns(node: Any) -> list[str]:
    if isinstance(node, list):
        return [p for item in node for p in _patterns(item)]
    if not isinstance(node, dict):
        return []
    found = [p for p in (node.get("pattern"),) if isinstance(p, str)]
    found += list(node.get("patternProperties", {}))
    return found + [p for value in node.values() for p in _patterns(value)]


def _each(kind: str, starting: str) -> str:
    """The one pattern `kind`'s schema writes starting `starting`, wherever it is used."""
    [pattern] = {p for p in _patterns(_schema(kind)) if p.startswith(starting)}
    return pattern


def _pack(title: str = "T", link: str = "https://example.org") -> dict[str, Any]:
    advice = {"title": title, "action": "Do it.", "links": [link]}
    rule = {"id": "r", "when": {"strand": "1a1", "level": [1]}, "recommend": advice}
    return {"kind": "rules", "id": "p", "framework": "example-srf", "rules": [rule]}


@settings(max_examples=scaled(200))
@given(framework=frameworks(), title=_TEXTS)
def test_a_frameworks_title_is_accepted_alike_by_the_schema_and_the_loader(
    framework: Any, title: str
) -> None:
    """Over frameworks of either scale direction: its title replaced by what was drawn."""
    if _left_to_the_loader(title):
        return
    document = json.loads(json.dumps({"kind": "framework", **framework.model_dump(mode="json")}))
    assert _schema_accepts("framework", document)
    document["title"] = title
    accepted = _loader_accepts(document)
    assert _schema_accepts("framework", document) == accepted
    said = _each("framework", "[^")
    assert (_ecmascript(said).search(title) is not None) == accepted  # as JavaScript reads it


@settings(max_examples=scaled(200))
@given(scheme=st.sampled_from(["http://", "HTTPS://", "mailto:"]), tail=_TEXTS)
def test_a_link_is_accepted_alike_by_the_schema_and_the_loader(scheme: str, tail: str) -> None:
    link = scheme + tail
    accepted = _loader_accepts(_pack(link=link))
    assert accepted == safe_link(link)
    assert _schema_accepts("rules", _pack(link=link)) == accepted
    assert (_ecmascript(_each("rules", "^([Hh]")).search(link) is not None) == accepted


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("\x85", False),  # white space to the loader and Python, not to ECMAScript
        ("\x1c", False),
        ("\ufeff", False),  # white space to ECMAScript, what prints as nothing to the loader
        ("\u200b\u200e", False),  # a zero-width space, a left-to-right mark
        ("\ufe0f", False),  # a variation selector
        ("\u3164", False),  # the Hangul filler, a letter that prints as nothing
        ("a\u200b", True),
        ("\u05d0", True),
        ("\U0001f600", True),
    ],
)
def test_the_texts_on_which_dialects_differed(text: str, accepted: bool) -> None:
    pack = _pack(title=text)
    assert _loader_accepts(pack) is accepted
    assert _schema_accepts("rules", pack) is accepted
    assert (_ecmascript(_each("rules", "[^")).search(text) is not None) is accepted


@pytest.mark.parametrize(
    ("link", "accepted"),
    [
        ("http://\x85", False),
        ("http://a\x1c", False),
        ("http://\ufeffa", False),
        ("http://a\ufeff", False),
        ("http://a\x85b", True),  # white space inside: shown, escaped
        ("mailto:\u200b", True),  # a link is no text: what prints as nothing is something
    ],
)
def test_the_links_on_which_dialects_differed(link: str, accepted: bool) -> None:
    assert _loader_accepts(_pack(link=link)) is accepted
    assert _schema_accepts("rules", _pack(link=link)) is accepted
    assert (_ecmascript(_each("rules", "^([Hh]")).search(link) is not None) is accepted


@pytest.mark.parametrize(
    "id_",
    ["\u200b", "\u200e\u200f", "\ufe0f", "\u2066\u2069", "\u202e", "\ufeff", "\xad", "\u3164"],
)
def test_an_id_of_only_what_prints_as_nothing_is_refused_by_each(id_: str) -> None:
    """Zero-width, bidirectional marks and isolates, variation selectors: the loader
    refuses such an id (`model.base.Id`); every schema passed it until round 77."""
    for pack in (
        {"kind": "rules", "id": id_, "framework": "example-srf", "rules": []},
        {"kind": "rules", "id": "p", "framework": f"{id_}@2010", "rules": []},
        {"kind": "rules", "id": "p", "framework": f"becta@{id_}", "rules": []},
    ):
        assert not _loader_accepts(pack)
        assert not _schema_accepts("rules", pack)
    pattern = _schema("rules")["properties"]["id"]["pattern"]
    assert _ecmascript(pattern).search(id_) is None
    assert _ecmascript(pattern).search(f"{id_}a{id_}") is not None


@pytest.mark.parametrize("kind", ["framework", "assessment", "rules", "migration", "plan"])
def test_no_pattern_uses_a_class_escape_whose_meaning_differs_by_dialect(kind: str) -> None:
    """`\\s`, `\\d`, `\\w`, `\\b` and `\\p` differ between ECMAScript, Python, Rust and RE2;
    only `[\\s\\S]`, any character to each, is left."""
    for pattern in _patterns(_schema(kind)):
        assert not re.search(r"\\[sSdDwWbBpP]", pattern.replace("[\\s\\S]", "")), pattern


def test_what_prints_as_nothing_is_named_up_to_uffff() -> None:
    named = re.compile(f"[{seen_class()}]")
    for unseen in "\u200b\ufeff\u2066\u202e\ufe0f\u3164":
        assert named.fullmatch(unseen)
    assert not named.search("a \u0301\U000e0001")  # a mark, and a tag past U+FFFF


_NODE = shutil.which("node")
_NODE_READS = r"""
const fs = require('fs'); const [patterns, cases] = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = [];
for (const flag of ['', 'u']) {
  const read = {};
  for (const [kind, pattern] of Object.entries(patterns)) read[kind] = new RegExp(pattern, flag);
  out.push(cases.map(([kind, text]) => read[kind].test(text) && !/\n$/.test(text)));
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.skipif(_NODE is None, reason="Node.js reads the patterns as JavaScript does")
def test_javascript_reads_each_pattern_as_the_loader_for_every_character() -> None:
    """Every character up to U+FFFF, alone and between others, as a title, an id and a
    link's end: Node.js (with and without the `u` flag) accepts what the loader accepts,
    but for the marks (`model.unseen`'s `\\p{Mn}` and `\\p{Me}`, which no pattern names)."""
    patterns = {
        "text": _each("rules", "[^"),
        "id": _schema("rules")["properties"]["id"]["pattern"],
        "link": _each("rules", "^([Hh]"),
    }
    cases, wanted = [], []
    for point in range(0x10000):
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF or unicodedata.category(char) in ("Mn", "Me", "Cn"):
            continue  # halves; marks; and what this Python's Unicode has not (Rust's may)
        for kind, text, accepted in (
            ("text", char, not unseen_only(char)),
            ("id", char, not unseen_only(char) and char != "@"),
            ("id", f"a{char}b", not char.isspace() and char != "@"),
            ("link", f"http://{char}", not (char.isspace() or char == "\ufeff")),
        ):
            cases.append((kind, text))
            wanted.append(accepted)
    assert _loader_accepts(_pack(title="\u200b")) is False  # the loader's words, checked above
    assert _NODE is not None
    read = subprocess.run(
        [_NODE, "-e", _NODE_READS],
        input=json.dumps([patterns, cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    for results in json.loads(read.stdout):
        differ = [
            case for case, want, got in zip(cases, wanted, results, strict=True) if want != got
        ]
        assert differ == []
