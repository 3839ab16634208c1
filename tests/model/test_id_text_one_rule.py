"""Ids and titles ask one table of what a mark is (round 79): pydantic's Rust engine's
(`\\p{Mn}\\p{Me}`), which an id's pattern asks and, since round 79, `unseen_only` too. Until
then text asked Python's `unicodedata` (Unicode 14.0 in Python 3.11), so that 72 code points
were one thing as an id and another as a title: 71 that Python 3.11 has not assigned
(U+0897, U+0ECE, ...: marks in Unicode 15 and 16), each alone no id, with the hint "ids
have no spaces and no `@`", which it had not, and a title; and U+1171E (Mn in Unicode 14,
Mc since) an id and no title."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from selfreview_core import load_framework
from selfreview_core.cli import cli
from selfreview_core.errors import InvalidDocument
from selfreview_core.model.base import FrameworkRef, Id, Text
from selfreview_core.model.framework import Framework
from selfreview_core.testing.strategies import frameworks


@cache
def _points() -> list[str]:
    """Every code point but the surrogates' halves, which no file holds: made when a test
    first asks, not as every worker collects the module (round 82)."""
    return [chr(p) for p in range(0x110000) if not 0xD800 <= p <= 0xDFFF]


#: The code points the two rules told apart before round 79, in Python 3.11.
_BEFORE = ["\u0897", "\u0ece", "\U00010d69", "\U00011241", "\U0001611e", "\U0001e5ef"]
_MARK_BEFORE = "\U0001171e"


def _refused(kind: Any, texts: list[str]) -> set[int]:
    """The indexes of `texts` the loader's type `kind` refuses."""
    try:
        TypeAdapter(list[kind]).validate_python(texts)
    except ValidationError as error:
        return {int(problem["loc"][0]) for problem in error.errors()}
    return set()


def _no_id_for_spacing(text: str) -> bool:
    """What an id may not hold that a title may: white space, U+001C..U+001F, `@`."""
    return any(c.isspace() or c in "\x1c\x1d\x1e\x1f@" for c in text)


@pytest.mark.slow
@pytest.mark.parametrize("form", ["{}", "{}{}", "\u200b{}", "{}\u0301"])
def test_an_id_and_a_title_agree_on_every_code_point(form: str) -> None:
    """Each code point alone, twice, after what prints as nothing and before a mark: an id
    exactly where a title, but for white space and `@`, which a title may hold."""
    texts = [form.format(c, c) for c in _points()]
    ids, titles = _refused(Id, texts), _refused(Text, texts)
    spacing = {i for i, text in enumerate(texts) if _no_id_for_spacing(text)}
    assert ids - spacing == titles - spacing
    assert spacing <= ids
    assert _refused(FrameworkRef, texts) == ids | {i for i, t in enumerate(texts) if t == "@"}


def test_the_72_are_each_one_thing_as_an_id_and_as_a_title() -> None:
    for c in _BEFORE:
        assert unicodedata.category(c) == "Cn" or unicodedata.category(c)[0] == "M"
        verdicts = {bool(_refused(Id, [c])), bool(_refused(Text, [c]))}
        assert len(verdicts) == 1, hex(ord(c))
    assert _refused(Id, [_MARK_BEFORE]) == _refused(Text, [_MARK_BEFORE]) == set()
    assert _refused(FrameworkRef, [f"a@{_MARK_BEFORE}", _MARK_BEFORE, "a@\u0897"]) == {2}


def test_a_framework_file_tells_a_mark_alone_as_an_id_as_it_does_as_a_title(
    tmp_path: Path,
) -> None:
    """`validate`: U+0897 (a mark since Unicode 16) alone as a strand's id is refused as
    its title is, at its line and column, with its path and why; the next file still
    checked; exit 1. Before, the id was told "ids have no spaces and no `@`", and the
    title passed."""
    text = (
        "kind: framework\nid: f\nversion: '1'\ntitle: F\nscale: {best: 2, worst: 1}\n"
        "elements:\n  - id: E\n    title: E\n    aspects:\n      - id: A\n        title: A\n"
        '        strands:\n          - id: "\\u0897"\n            title: "\\u0897"\n'
        "            levels: {1: x, 2: y}\n"
    )
    bad = tmp_path / "f.yaml"
    bad.write_text(text, encoding="ascii")
    other = tmp_path / "g.yaml"
    other.write_text("kind: framework\n", encoding="ascii")
    result = CliRunner().invoke(cli, ["validate", str(bad), str(other)])
    assert result.exit_code == 1
    hint = "the text holds only marks on nothing, here U+0897"
    strand = "elements[0].aspects[0].strands[0]"
    assert f"{bad}:13:17: error: {strand}.id: must not be empty ({hint})\n" in result.output
    assert f"{bad}:14:20: error: {strand}.title: must not be empty ({hint})\n" in result.output
    assert f"{other}:1:1: error: missing required key" in result.output
    assert "Traceback" not in result.output


#: Texts for an id and a title: the 72, marks, what prints as nothing, letters.
_PIECES = st.sampled_from([*_BEFORE, _MARK_BEFORE, "\u0301", "\u20dd", "\u200b", "a", "\u00e9"])


@given(frameworks(), st.data())
def test_a_files_id_and_title_of_one_text_are_refused_together(
    framework: Framework, data: st.DataObject
) -> None:
    """A framework (of either scale direction) whose first strand's id and title are the
    same text, drawn from marks, the 72 and letters: the file is refused at the id exactly
    where it is refused at the title, in the same words; otherwise it loads."""
    text = "".join(data.draw(st.lists(_PIECES, min_size=1, max_size=3)))
    document = {"kind": "framework", **framework.model_dump(mode="json", by_alias=True)}
    strand = document["elements"][0]["aspects"][0]["strands"][0]
    strand["id"] = strand["title"] = text
    try:
        load_framework("f.json", text=json.dumps(document))
    except InvalidDocument as error:
        said = {d.path.rsplit(".", 1)[1]: (d.message, d.hint) for d in error.diagnostics}
        assert said.keys() == {"id", "title"}
        assert said["id"] == said["title"]
    else:
        assert not _refused(Text, [text])
