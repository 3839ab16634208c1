"""`assessment_json.CANONICAL` is compiled when a line first asks for it (round 77): about
5.5 million instructions that every report command paid at import, though most read no
JSON line. Once compiled, the quick path matches through the pattern's own `match`."""

from __future__ import annotations

import re

import pytest

from program import python
from selfreview_core.model import assessment_json

_FRESH = (
    "from selfreview_core.model import assessment_json as a\n"
    "print(a._match is a._first_match)\n"
    "print(a.canonical_text('{\"kind\": 1}'), a.canonical_text('{}\\\\'))\n"
    "print(a._match is a._first_match)\n"
)


def test_the_pattern_is_compiled_by_the_first_line_asked_not_by_the_import() -> None:
    done = python(["-c", _FRESH])  # bounded by its work, not a clock (`program.Bound`)
    assert done.returncode == 0, done.stderr
    # not compiled at import, nor for a text with a backslash; compiled by the first match
    assert done.stdout.decode().splitlines() == ["True", "None None", "False"]


def test_canonical_is_the_compiled_pattern_of_the_models() -> None:
    pattern = assessment_json.canonical_pattern()
    assert pattern is not None
    assert re.compile(pattern) == assessment_json.CANONICAL
    with pytest.raises(AttributeError, match="has no attribute 'CANONICALS'"):
        assessment_json.CANONICALS  # noqa: B018


def test_a_model_it_does_not_know_turns_the_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assessment_json, "canonical_pattern", lambda: None)
    monkeypatch.setattr(assessment_json, "_match", assessment_json._first_match)
    assert assessment_json.CANONICAL is None
    assert assessment_json.canonical_text("{}") is None
    assert assessment_json._match is assessment_json._no_match
