"""Behaviours of `quick_assessment` that a mutation pass (round 33) found no test pinned:
a document not written as pydantic writes it, but with no colon in its text, has its keys
counted from what it was given (answers, respondent and review included) and is read
without the C parser's second pass over it; a duplicate among those keys still is not."""

from __future__ import annotations

import pytest

from selfreview_core import quick_assessment as module
from selfreview_core.quick_assessment import _read

#: An assessment not as pydantic writes it (`school` before `kind`, spaces), with parts
#: whose keys `_given_keys` counts each its own way.
_PARTS = {
    "answers": '"judgements": {"A1.1": {"answers": {"q1": "a", "q2": "b"}}}',
    "respondent": '"respondent": {"group": "teachers"}, "judgements": {"A1.1": {"level": 1, '
    '"evidence": "e"}}',
    "review": '"judgements": {"A1.1": {"level": 1, "evidence": "e"}}, "review": {"A1.2": '
    '{"reason": "split", "note": "n"}}',
}
_DOCUMENT = (
    '{{"school": {{"id": "1", "name": "S"}}, "kind": "assessment", "framework": "small", '
    '"assessed_on": "2025-01-01", {part}}}'
)


@pytest.mark.parametrize("part", sorted(_PARTS))
def test_a_document_with_every_key_counted_is_read_without_a_second_parse(
    part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parsed(*_: object) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(module, "quick_json", parsed)
    found = _read(_DOCUMENT.format(part=_PARTS[part]))
    assert found is not None
    assessment, written = found
    assert written is None  # not as pydantic writes it
    assert getattr(assessment, part if part != "answers" else "judgements")


@pytest.mark.parametrize("part", sorted(_PARTS))
def test_a_duplicate_key_beside_those_parts_is_still_refused(part: str) -> None:
    document = _DOCUMENT.format(part=_PARTS[part])
    assert _read(document.replace('"id": "1", ', '"id": "1", "id": "1", ', 1)) is None
