"""The quick JSON path attacked at the limits a caller may set (`Limits`): depth, size in
bytes and in characters, at and either side of each. `quick_text` skips counting brackets
when the decoder's own schema cannot nest past the limit (`nesting`), and checks the size
of text given as `str` by its characters, as `parse_text` does: whatever the limits, a line
read the quick way is read exactly as the located reader reads it, and a line it refuses
says what the located reader says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selfreview_core import Engine, InvalidDocument, load_assessment
from selfreview_core.errors import Diagnostic
from selfreview_core.files.limits import Limits
from selfreview_core.files.source import parse_text
from selfreview_core.loader import assessment_from
from selfreview_core.model.assessment import Assessment

_QUESTIONS = Path(__file__).resolve().parents[2] / "examples/questions/technology-standards.yaml"
_ENGINE = Engine(entry_points=False, frameworks=[_QUESTIONS])
_FRAMEWORKS = _ENGINE.framework_names()


def _document(**more: Any) -> dict[str, Any]:
    return {
        "kind": "assessment",
        "framework": "example-tech-standards@1",
        "school": {"id": "9", "name": "Ecole", "authority": None},
        "respondent": None,
        "assessed_on": "2025-01-01",
        "assessor": None,
        "judgements": {"L-G-2": {"level": 1, "evidence": "Noté", "judged_on": None}},
        "review": None,
        **more,
    }


#: Lines that nest 3 deep (a judgement) and 4 (answers; a review entry is 3, a respondent
#: 2), written compactly (as pydantic writes: the pattern's path) and with spaces.
_LINES = [
    json.dumps(_document(), separators=(",", ":"), ensure_ascii=False),
    json.dumps(_document(respondent={"group": "pupils"})),
    json.dumps(_document(judgements={"L-G-1": {"answers": {"L-G-1-a": "yes", "L-G-1-b": "no"}}})),
    json.dumps(_document(review={"C-N-1": {"reason": "split", "note": "n"}}), ensure_ascii=False),
]


def _outcome(line: str | bytes, limits: Limits) -> Assessment | tuple[Diagnostic, ...]:
    try:
        return load_assessment("school.jsonl", _FRAMEWORKS, text=line, limits=limits)
    except InvalidDocument as error:
        return error.diagnostics


def _located(line: str | bytes, limits: Limits) -> Assessment | tuple[Diagnostic, ...]:
    try:
        return assessment_from(parse_text(line, "school.jsonl", limits=limits), _FRAMEWORKS)
    except InvalidDocument as error:
        return error.diagnostics


@pytest.mark.parametrize("line", _LINES)
@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5, 64])
def test_a_line_reads_as_the_located_reader_reads_it_at_every_depth_limit(
    line: str, depth: int
) -> None:
    limits = Limits(max_depth=depth)
    for given in (line, line.encode("utf-8")):
        assert _outcome(given, limits) == _located(given, limits)


@pytest.mark.parametrize("line", _LINES)
def test_a_line_reads_as_the_located_reader_reads_it_at_every_size_limit(line: str) -> None:
    """Text as `str` is measured in characters, as bytes in bytes (the lines hold `é`: two
    bytes, one character), by both readers alike; each limit at, under and over."""
    sizes = {len(line), len(line.encode("utf-8")), len(line.encode("utf-8")) + 1}
    for size in sorted(sizes | {s - 1 for s in sizes}):
        for limits in (Limits(max_bytes=size), Limits(max_expanded_chars=size)):
            for given in (line, line.encode("utf-8"), line + "\n", b"\xef\xbb\xbf" + line.encode()):
                found = _outcome(given, limits)
                assert found == _located(given, limits), (size, limits, given)
