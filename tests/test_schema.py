"""`selfreview schema KIND` and the loader agree on section 10's fields: a document the
schema accepts is one the loader accepts, and the reverse, for an answer's value and the
ids that key answer sets and a judgement's answers. Before round 47 the schema wrote an
answer's bounds as `ge`/`le` (no JSON Schema tool reads them: `value: 5` passed) and left a
key with a space or `@` to any value (`answers: {"q 1": a}` passed), both refused on loading.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
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
from selfreview_core.schema import NO_FINAL_BREAK, json_schema
from selfreview_core.testing.question_strategies import question_framework_and_assessment

#: Values an answer might be given in a JSON file: in range, out of it, and not numbers.
_VALUES = (
    st.integers(-2, 3)
    | st.floats(-1, 2, allow_nan=False)
    | st.booleans()
    | st.none()
    | st.text(max_size=3)
)
#: Keys that are ids, or not (a space, an `@`, nothing, a final line break: Python's `$`
#: matched before it until round 74), and name nothing else drawn.
_KEYS = st.text(alphabet="ab @\t\n", max_size=3)


@functools.cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    """`kind`'s schema checked by, made once: `json_schema` builds the schema from the
    models each call (5 ms a framework's), once an example of the properties before round
    82."""
    return jsonschema.Draft202012Validator(json_schema(kind))


def _schema_accepts(kind: str, data: dict[str, Any]) -> bool:
    return not list(_validator(kind).iter_errors(data))


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


def _patterns_ended(node: Any) -> list[dict[str, Any]]:
    """Every schema in `node` whose pattern ends in `$`, and every object whose keys' do
    (but `NO_FINAL_BREAK`'s own)."""
    if isinstance(node, list):
        return [found for item in node for found in _patterns_ended(item)]
    if not isinstance(node, dict) or node == NO_FINAL_BREAK["not"]:
        return []
    here = [node] if str(node.get("pattern", "")).endswith("$") else []
    keys = node.get("patternProperties", {})
    here += [node] if any(key.endswith("$") for key in keys) else []
    return here + [found for value in node.values() for found in _patterns_ended(value)]


@pytest.mark.parametrize("kind", ["assessment", "framework", "migration", "plan", "rules"])
def test_every_pattern_ended_by_a_dollar_refuses_a_final_line_break(kind: str) -> None:
    """Each id, reference and link (and each object keyed by ids) carries `NO_FINAL_BREAK`:
    Python's `re` takes `$` to match before a final line break, so `jsonschema` passed
    `"ab\\n"` as an id until round 74."""
    ended = _patterns_ended(json_schema(kind))
    assert ended
    for node in ended:
        keyed = "patternProperties" in node
        assert (node["propertyNames"] if keyed else node)["not"] == NO_FINAL_BREAK["not"]


_REVIEW = {
    "kind": "assessment",
    "framework": "becta-srf@2010",
    "school": {"id": "100000", "name": "Example Primary School"},
    "assessed_on": "2025-03-01",
    "judgements": {"1a1": 3},
}


@pytest.mark.parametrize(
    ("where", "value", "place", "said"),
    [
        (
            ("school", "id"),
            "100000\n",
            "5:11",
            "school.id: the text `100000\\n` is not a valid id (ids have no spaces and no `@`)",
        ),
        (
            ("framework",),
            "becta-srf@2010\n",
            "3:16",
            "framework: the text `becta-srf@2010\\n` is not a framework id (write `id` or "
            "`id@version`, with no spaces)",
        ),
    ],
)
def test_an_id_ending_in_a_line_break_is_refused_by_the_schema_as_by_the_loader(
    tmp_path: Path, where: tuple[str, ...], value: str, place: str, said: str
) -> None:
    """Python's `jsonschema` refuses it at its path, as `validate` does at its line and
    column (exit 1); the same review without the line break passes both."""
    from click.testing import CliRunner

    from selfreview_core.cli import cli

    review = json.loads(json.dumps(_REVIEW))
    *parents, last = where
    holder = review
    for key in parents:
        holder = holder[key]
    assert _schema_accepts("assessment", review)
    holder[last] = value
    validator = jsonschema.Draft202012Validator(json_schema("assessment"))
    assert [list(e.absolute_path) for e in validator.iter_errors(review)] == [list(where)]
    path = tmp_path / "review.json"
    path.write_text(json.dumps(review, indent=2), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"{path}:{place}: error: {said}\n" in result.output
    assert "(1 error)" in result.output


def test_an_answer_set_keyed_by_an_id_ending_in_a_line_break_is_refused_by_both(
    root: Path,
) -> None:
    """A key as a value: Python's `jsonschema` matched `yes-no\\n` to the keys' id pattern
    (the loader refuses it) until round 74; the framework as written passes both."""
    import yaml

    source = root / "examples" / "questions" / "technology-standards.yaml"
    framework = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert _schema_accepts("framework", framework)
    assert _loader_accepts(framework)
    framework["answer_sets"]["yes-no\n"] = framework["answer_sets"].pop("yes-no")
    for element in framework["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                for question in strand.get("questions") or ():
                    if question["answers"] == "yes-no":
                        question["answers"] = "yes-no\n"
    validator = jsonschema.Draft202012Validator(json_schema("framework"))
    refused = [list(e.absolute_path) for e in validator.iter_errors(framework)]
    assert ["answer_sets"] in refused  # and each question's `answers: yes-no\n`
    assert all(path[-1] in ("answer_sets", "questions") for path in refused)
    assert not _loader_accepts(framework)
