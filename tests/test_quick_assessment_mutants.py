"""Behaviours of `quick_assessment` that a mutation pass (round 33) found no test pinned:
a document not written as pydantic writes it, but with no colon in its text, has its keys
counted from what it was given (answers, respondent and review included) and is read
without the C parser's second pass over it; a duplicate among those keys still is not.
Round 38's whole pass added: a line the checks of its text leave to the located reader, or
one that does not name its `kind`, is never taken the quick way (it reads as the located
reader says), and a valid line whose keys cannot be counted is still read the quick way."""

from __future__ import annotations

import pytest

from selfreview_core import Assessment, Framework, InvalidDocument, load_assessment
from selfreview_core import quick_assessment as module
from selfreview_core.files.limits import DEFAULT_LIMITS, Limits
from selfreview_core.files.source import parse_text
from selfreview_core.loader import assessment_from
from selfreview_core.quick_assessment import _read, quick_assessment

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
    assessment, written, _ = found
    assert written is None  # not as pydantic writes it
    assert getattr(assessment, part if part != "answers" else "judgements")


@pytest.mark.parametrize("part", sorted(_PARTS))
def test_a_duplicate_key_beside_those_parts_is_still_refused(part: str) -> None:
    document = _DOCUMENT.format(part=_PARTS[part])
    assert _read(document.replace('"id": "1", ', '"id": "1", "id": "1", ', 1)) is None


_LINE = (
    '{{"kind":"assessment","framework":"small","school":{{"id":"1","name":"S"}},'
    '"assessed_on":"2025-01-01","judgements":{{"A1.1":{{"level":1,"evidence":{evidence}}}}}}}'
)


def _outcome(text: str | bytes, framework: Framework, limits: Limits, *, quick: bool) -> object:
    """The assessment a line gives (the loader's quick way, or the located reader's), or
    the diagnostics it is refused with."""
    try:
        if quick:
            return load_assessment("s.jsonl", framework, text=text, limits=limits)
        return assessment_from(parse_text(text, "s.jsonl", limits=limits), framework)
    except InvalidDocument as error:
        return tuple((d.message, d.line, d.column, d.path, d.code) for d in error.diagnostics)


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        (_LINE.format(evidence='"half \\ud800 of a pair"'), DEFAULT_LIMITS),
        (_LINE.format(evidence='"a \u0000 NUL"'), DEFAULT_LIMITS),
        (_LINE.format(evidence='"e"').encode("utf-16"), DEFAULT_LIMITS),
        (_LINE.format(evidence='"e"'), Limits(max_bytes=100)),
    ],
    ids=["lone surrogate", "NUL", "UTF-16", "over the byte limit"],
)
def test_a_line_its_text_checks_leave_to_the_located_reader_is_never_taken_quick(
    text: str | bytes, limits: Limits, small_framework: Framework
) -> None:
    assert quick_assessment(text, limits, lambda ref: small_framework) is None
    located = _outcome(text, small_framework, limits, quick=False)
    assert isinstance(located, tuple)
    assert located
    assert _outcome(text, small_framework, limits, quick=True) == located


def test_a_line_that_does_not_name_its_kind_is_never_taken_quick(
    small_framework: Framework,
) -> None:
    """Without `kind` the located reader decides what the document is (and says so)."""
    text = _LINE.format(evidence='"e"').replace('"kind":"assessment",', "")
    assert Assessment.model_validate_json(text).framework == "small"  # valid but for that
    assert quick_assessment(text, DEFAULT_LIMITS, lambda ref: small_framework) is None
    assert _outcome(text, small_framework, DEFAULT_LIMITS, quick=True) == _outcome(
        text, small_framework, DEFAULT_LIMITS, quick=False
    )


def test_a_valid_line_whose_keys_cannot_be_counted_is_still_read_the_quick_way() -> None:
    """A space before a colon and a level alone (as the short form makes) leave the count
    of keys unsure: the C parser's check of each object decides, and a line with no
    duplicate is read."""
    document = _DOCUMENT.format(part='"judgements" : {"A1.1": {"level": 1}}')
    found = _read(document)
    assert found is not None
    assert found[0] == Assessment.model_validate_json(document)
