"""`assessment_json.canonical_text` (the line an assessment was read from, reused as its JSON)
attacked with lines changed from pydantic's own in every way JSON allows: white space between
tokens, characters written as `\\u` escapes (`\\u00e9` for é) or `\\/`, numbers written
`3.0`, `1e0`, `-0`, `+1`-free forms, keys reordered. Whatever the line, the text taken is
exactly what pydantic writes for what the line validates to, or nothing is taken."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scaled import scaled
from selfreview_core import Assessment
from selfreview_core.model.assessment_json import canonical_text
from selfreview_core.testing import framework_and_assessment

pytestmark = pytest.mark.slow


def _spaced(text: str, draw: Any) -> str:
    """White space after some `,` `:` `{` `[` (outside strings: ids hold none of them)."""
    pieces = re.split(r'("(?:[^"\\]|\\.)*")', text)
    out = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            piece = re.sub(
                r"([,:{\[])",
                lambda m: m.group(1) + draw(st.sampled_from(["", "", " ", "\n", "\t"])),
                piece,
            )
        out.append(piece)
    return "".join(out)


def _escaped(text: str, draw: Any) -> str:
    """One character inside a string written as a `\\u` escape, or `/` as `\\/`."""
    spots = [  # a string's own character, not part of an escape
        m.start(1) + token.start()
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', text)
        for token in re.finditer(r"\\u[0-9a-fA-F]{4}|\\.|[^\\]", m.group(1))
        if len(token.group()) == 1
    ]
    if not spots:
        return text
    at = draw(st.sampled_from(spots))
    char = text[at]
    escape = "\\/" if char == "/" else f"\\u{ord(char):04x}" if ord(char) < 0x10000 else char
    return text[:at] + escape + text[at + 1 :]


def _numbers(text: str, draw: Any) -> str:
    form = draw(st.sampled_from(["{}.0", "{}e0", "{}E+0", "{}.00"]))
    return re.sub(r'("level":)(-?[0-9]+)', lambda m: m.group(1) + form.format(m.group(2)), text)


def _reordered(text: str, draw: Any) -> str:
    data = json.loads(text)
    keys = draw(st.permutations(list(data)))
    return json.dumps({k: data[k] for k in keys}, ensure_ascii=False, separators=(",", ":"))


_CHANGES = {"spaced": _spaced, "escaped": _escaped, "numbers": _numbers, "reordered": _reordered}


@settings(
    max_examples=scaled(100),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(framework_and_assessment(), st.lists(st.sampled_from(sorted(_CHANGES))), st.data())
def test_a_line_changed_in_any_way_is_taken_only_as_pydantic_writes_it(
    case: Any, changes: list[str], data: st.DataObject
) -> None:
    _, assessment = case
    text = assessment.model_dump_json(by_alias=True)
    for change in changes:
        changed = _CHANGES[change](text, data.draw)
        try:
            json.loads(changed)
        except ValueError:  # a change that broke the JSON (a rare spot): not a line to try
            continue
        text = changed
    try:
        read = Assessment.model_validate_json(text)
    except ValidationError:
        return  # not an assessment (`1e0` is no int): nothing to write back
    taken = canonical_text(text)
    if taken is not None:
        assert taken == read.model_dump_json(by_alias=True)
    if not changes and "\\" not in text:
        assert taken == text  # pydantic's own line is taken as it is (but for escapes)
