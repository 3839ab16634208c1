"""`dump`, what its own tests did not hold (round 42's mutation pass): the JSON layout
(two-space indents, text as it is, not `\\u` escapes), the YAML fold at 88 columns, plain
lists and dicts all the way down from `to_data`, and the format a file's name chooses."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from selfreview_core import Assessment, Framework, Judgement, School
from selfreview_core.dump import dump_document, dump_json, dump_yaml, is_json_name, to_data


def review(evidence: str = "Shared with staff.") -> Assessment:
    return Assessment(
        framework="becta-srf@2010",
        school=School(id="S1", name="École Saint-Éloi"),
        assessed_on=dt.date(2026, 1, 1),
        judgements={"1a1": Judgement(level=2, evidence=evidence)},
    )


def test_json_has_two_space_indents_and_text_as_it_is() -> None:
    text = dump_json(review())
    assert text.startswith('{\n  "kind": "assessment",\n  "framework": "becta-srf@2010",\n')
    assert '\n    "name": "École Saint-Éloi"\n' in text
    assert json.loads(dump_json(review(), indent=None)) == json.loads(text)
    assert "\n" not in dump_json(review(), indent=None)


def test_a_reviews_date_is_written_in_json_as_its_file_gives_it() -> None:
    """`assessed_on` (a date, which JSON has no type for) is written as the ISO date a file
    gives (`"2026-01-01"`), so that the file written reads back as the same review."""
    data = json.loads(dump_json(review()))
    assert data["assessed_on"] == "2026-01-01"
    assert Assessment.model_validate(data) == review()


def test_a_long_text_in_yaml_is_folded_once_past_88_columns() -> None:
    """The line of `evidence` reaches column 89 with its 19th word: the next word goes on
    a line of its own; a text that stays within 88 columns is not folded."""
    lines = dump_yaml(review(" ".join(["xxx"] * 30))).splitlines()
    assert lines[-2:] == [
        "    evidence: " + " ".join(["xxx"] * 19),
        "      " + " ".join(["xxx"] * 11),
    ]
    assert len(lines[-2]) == 89
    short = dump_yaml(review(" ".join(["xxx"] * 18))).splitlines()
    assert short[-1] == "    evidence: " + " ".join(["xxx"] * 18)


def plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str | int) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool | dt.date)


def test_to_data_gives_plain_lists_and_dicts_all_the_way_down(becta: Framework) -> None:
    """As a file holds it: no tuple left at any depth (elements, their aspects, strands)."""
    data = to_data(becta)
    assert isinstance(data["elements"], list)
    assert isinstance(data["elements"][0]["aspects"], list)
    assert isinstance(data["elements"][0]["aspects"][0]["strands"], list)
    assert plain(data)


@pytest.mark.parametrize(
    ("name", "is_json"),
    [("a.json", True), ("a.JSON", True), ("x/a.Json", True), ("a.yaml", False), ("a.jsonl", False)],
)
def test_the_name_of_the_file_chooses_json_or_yaml(name: str, is_json: bool) -> None:
    assert is_json_name(name) is is_json
    text = dump_document(review(), name, header="# a header\n")
    if is_json:
        assert text == dump_json(review()) + "\n"  # JSON has no comments: no header
    else:
        assert text == "# a header\n" + dump_yaml(review())
