"""The quick path of JSON and JSON Lines (`quick_json`, `loader._quick_assessment`): it
takes a document only when the located reader would find nothing wrong with it, gives what
that reader gives, and leaves everything else to it, so every error reads as before."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, InvalidDocument, load_assessment
from selfreview_core.files.json_text import parse_json, quick_json
from selfreview_core.files.limits import Limits
from selfreview_core.files.source import parse_text
from selfreview_core.loader import assessment_from
from selfreview_core.testing import assessments, frameworks

VALID = '{"kind": "assessment", "a": [1, {"b": "c"}], "d": null}'


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',  # a duplicate key
        '{"a": {"b": 1, "b": 1}}',  # deeper
        '{"a": "\\ud800"}',  # a lone surrogate, escaped
        '{"a": [1,]}',  # not JSON
        "[1, 2]",  # not an object
        '{"a": ' + "[" * 70 + "]" * 70 + "}",  # more brackets than the depth limit
        '{"a": ' + "9" * 5000 + "}",  # a number too long for Python
        "",
    ],
)
def test_anything_the_located_reader_might_refuse_is_left_to_it(text: str) -> None:
    assert quick_json(text) is None
    assert quick_json(text.encode("utf-8")) is None


def test_a_valid_document_is_the_located_readers_data() -> None:
    tree, problems = parse_json(VALID, "t.json")
    assert problems == []
    assert quick_json(VALID) == tree.data
    assert quick_json(VALID.encode("utf-8")) == tree.data
    assert quick_json(b"\xef\xbb\xbf" + VALID.encode("utf-8")) == tree.data  # a UTF-8 BOM


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe{}", b'{"a": "\x00"}', b'{"a": "\xff"}'],  # UTF-16, a NUL, not UTF-8
)
def test_bytes_the_located_reader_refuses_are_left_to_it(raw: bytes) -> None:
    assert quick_json(raw) is None


def test_the_limits_send_a_document_to_the_located_reader() -> None:
    assert quick_json(VALID, Limits(max_depth=1)) is None  # 2 brackets: maybe too deep
    assert quick_json(VALID, Limits(max_bytes=10)) is None
    assert quick_json(VALID, Limits(max_expanded_chars=10)) is None


def test_a_deep_but_valid_document_still_loads_through_the_located_reader() -> None:
    text = '{"kind": "assessment", "z": ' + "[" * 20 + "1" + "]" * 20 + "}"
    assert quick_json(text, Limits(max_depth=10)) is None
    tree, problems = parse_json(text, "t.json", Limits(max_depth=30))
    assert problems == []
    assert tree.data is not None


@settings(max_examples=scaled(40))
@given(st.data())
def test_a_valid_json_assessment_loads_the_same_either_way(data: st.DataObject) -> None:
    framework: Framework = data.draw(frameworks())
    assessment: Assessment = data.draw(assessments(framework))
    text = assessment.model_dump_json(by_alias=True, exclude_none=data.draw(st.booleans()))
    quick = load_assessment("school.jsonl", framework, text=text)  # the quick path
    located = assessment_from(parse_text(text, "school.jsonl"), framework)
    assert quick == located == assessment


def test_an_assessment_that_does_not_fit_reads_as_the_located_reader_says(
    small_framework: Framework,
) -> None:
    text = json.dumps(
        {
            "kind": "assessment",
            "framework": "small",
            "school": {"id": "1", "name": "S"},
            "assessed_on": "2025-01-01",
            "judgements": {"A1.1": 99, "Z9": 1},
        }
    )
    with pytest.raises(InvalidDocument) as quick:
        load_assessment("s.json", small_framework, text=text)
    with pytest.raises(InvalidDocument) as located:
        assessment_from(parse_text(text, "s.json"), small_framework)
    assert quick.value.diagnostics == located.value.diagnostics
    assert {d.code for d in quick.value.diagnostics} >= {"level-outside-scale"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"framework": "small@9"}, "framework-version"),  # another version
        ({"framework": "other"}, "wrong-framework"),
        ({"review": {"Z9": {"reason": "split", "note": "n"}}}, None),  # not a strand
        ({"judgements": {"A1": 1}}, None),  # an aspect's id, not a strand's
    ],
)
def test_what_does_not_fit_is_left_to_the_located_reader(
    small_framework: Framework, changes: dict[str, object], code: str | None
) -> None:
    document = {
        "kind": "assessment",
        "framework": "small",
        "school": {"id": "1", "name": "S"},
        "assessed_on": "2025-01-01",
        "judgements": {"A1.1": 1},
        **changes,
    }
    text = json.dumps(document)
    with pytest.raises(InvalidDocument) as quick:
        load_assessment("s.json", small_framework, text=text)
    with pytest.raises(InvalidDocument) as located:
        assessment_from(parse_text(text, "s.json"), small_framework)
    assert quick.value.diagnostics == located.value.diagnostics
    if code is not None:
        assert code in {d.code for d in quick.value.diagnostics}
