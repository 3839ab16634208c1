"""What the shortcut for an assessment's JSON (model/assessment_json.py) promises that round
42's pass over it found no test pinning: `canonical_text` takes nothing but white space after
the JSON pydantic would write, and `written_json` gives None, not an error, before any line
has been read (a report of a YAML file, the first of a process)."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment
from selfreview_core.model import assessment_json
from selfreview_core.model.assessment_json import canonical_text, read_from, written_json

ASSESSMENT = Assessment(
    framework="becta-srf@2010",
    school={"id": "1", "name": "One"},
    assessed_on="2026-01-01",
    judgements={"1a1": {"level": 2, "evidence": "Seen"}},
)
WRITTEN = ASSESSMENT.model_dump_json(by_alias=True)


@pytest.mark.parametrize("after", ["", "\n", " \t\r\n"], ids=ascii)
def test_the_canonical_text_is_the_json_without_the_white_space_after_it(after: str) -> None:
    assert canonical_text(WRITTEN + after) == WRITTEN


@pytest.mark.parametrize("after", ["x", "\n{}", " 1", "}"], ids=ascii)
def test_text_after_the_json_that_is_not_white_space_is_not_canonical(after: str) -> None:
    assert canonical_text(WRITTEN + after) is None


def test_nothing_is_written_back_before_a_line_has_been_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(assessment_json, "_LAST", [])
    assert written_json(ASSESSMENT) is None
    read_from(ASSESSMENT, WRITTEN)
    assert written_json(ASSESSMENT) == WRITTEN
