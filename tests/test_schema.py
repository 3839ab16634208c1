"""`selfreview schema KIND` and the loader agree on section 10's fields: a document the
schema accepts is one the loader accepts, and the reverse, for an answer's value and the
ids that key answer sets and a judgement's answers. Before round 47 the schema wrote an
answer's bounds as `ge`/`le` (no JSON Schema tool reads them: `value: 5` passed) and left a
key with a space or `@` to any value (`answers: {"q 1": a}` passed), both refused on loading.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core.dump import dump_json
from selfreview_core.errors import InvalidDocument
from selfreview_core.files.source import parse_text
from selfreview_core.loader import parse_document
from selfreview_core.model.base import Document
from selfreview_core.schema import json_schema
from selfreview_core.testing.question_strategies import question_framework_and_assessment

#: Values an answer might be given in a JSON file: in range, out of it, and not numbers.
_VALUES = (
    st.integers(-2, 3)
    | st.floats(-1, 2, allow_nan=False)
    | st.booleans()
    | st.none()
    | st.text(max_size=3)
)
#: Keys that are ids, or not (a space, an `@`, nothing), and name nothing else drawn.
_KEYS = st.text(alphabet="ab @\t", max_size=3)


def _schema_accepts(kind: str, data: dict[str, Any]) -> bool:
    validator = jsonschema.Draft202012Validator(json_schema(kind))
    return not list(validator.iter_errors(data))


def _loader_accepts(data: dict[str, Any]) -> bool:
    try:
        parse_document(parse_text(json.dumps(data), "d.json"))
    except InvalidDocument:
        return False
    return True


def _data(document: Document) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(dump_json(document))
    return loaded


@settings(max_examples=scaled(60), suppress_health_check=[HealthCheck.too_slow])
@given(pair=question_framework_and_assessment(), value=_VALUES, key=_KEYS, data=st.data())
def test_the_schema_and_the_loader_agree_on_answers_values_and_id_keys(
    pair: Any, value: Any, key: str, data: st.DataObject
) -> None:
    framework, assessment = pair
    document = _data(framework)
    assert _schema_accepts("framework", document)
    assert _loader_accepts(document)
    name = data.draw(st.sampled_from(sorted(document["answer_sets"])))
    answers = document["answer_sets"][name]
    answers[data.draw(st.integers(0, len(answers) - 1))]["value"] = value
    assert _schema_accepts("framework", document) == _loader_accepts(document)

    renamed = _data(framework)
    renamed["answer_sets"][key] = renamed["answer_sets"].pop(name)
    for element in renamed["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                for question in strand.get("questions") or ():
                    if question["answers"] == name:
                        question["answers"] = key
    assert _schema_accepts("framework", renamed) == _loader_accepts(renamed)

    review = _data(assessment)
    by_answers = [
        j for j in review["judgements"].values() if isinstance(j, dict) and j.get("answers")
    ]
    if by_answers:
        given_answers = data.draw(st.sampled_from(by_answers))["answers"]
        question_id = data.draw(st.sampled_from(sorted(given_answers)))
        given_answers[key] = given_answers.pop(question_id)
    assert _schema_accepts("assessment", review) == _loader_accepts(review)


@pytest.mark.parametrize(
    ("value", "accepted"), [(0, True), (1, True), (0.5, True), (5, False), (-0.25, False)]
)
def test_the_schema_bounds_an_answers_value_as_the_loader_does(
    value: float, accepted: bool
) -> None:
    """The two ends and one past each: the schema's `minimum` and `maximum` are 0 and 1."""
    answer = {"id": "a", "text": "A", "value": value}
    defs = json_schema("framework")["$defs"]
    validator = jsonschema.Draft202012Validator({"$defs": defs, "$ref": "#/$defs/Answer"})
    assert validator.is_valid(answer) is accepted
