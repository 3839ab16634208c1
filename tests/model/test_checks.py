"""Whether a rule pack, plan or framework's awards fit the framework (`model.checks`): the
checks read a file's data whatever its shape, leaving a wrong shape to field validation
(the file is refused with its field errors, located, and nothing crashes); and a rule pack or
plan built in Python is checked as its file would be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, InvalidDocument, load_framework, load_plan, load_rules
from selfreview_core.model.checks import (
    check_plan,
    check_rules,
    condition_warning_findings,
    framework_award_findings,
    framework_file_findings,
    plan_framework_findings,
    rule_findings,
)
from selfreview_core.model.rules import RulePack
from selfreview_core.testing import frameworks, plans, rule_packs

DATA = Path(__file__).resolve().parents[1] / "data"
TINY = (DATA / "good" / "tiny-framework.yaml").read_text(encoding="utf-8")
RULES = "kind: rules\nid: p\nframework: tiny\n"
RULE = (
    "  - id: r\n    when: {strand: E1.1, below: 2}\n"
    "    recommend: {title: T, action: A, targets: [E1.1]}\n"
)
PLAN = "kind: plan\nframework: tiny@1\nschool: {id: T1, name: S}\ncreated_on: 2026-10-02\n"
ACTION = "- id: a\n  recommendation: r1\n  title: Do\n  targets: [E1.1]\n  baseline: {E1.1: 2}\n"


def _tiny() -> Framework:
    return load_framework(DATA / "good" / "tiny-framework.yaml")


def _diagnostics(error: InvalidDocument) -> list[tuple[str | None, str | None, str]]:
    return [(d.code, d.path, d.message) for d in error.diagnostics]


@pytest.mark.parametrize(
    ("load", "text", "expected"),
    [
        ("rules", RULES + "rules: 3\n", ("rules", "expected a list, got the number 3")),
        (
            "rules",
            RULES + "rules:\n  - 3\n" + RULE,
            ("rules[0]", "expected a mapping, got the number 3"),
        ),
        ("plan", PLAN + "actions: 3\n", ("actions", "expected a list, got the number 3")),
        (
            "plan",
            PLAN + "actions:\n- 3\n" + ACTION,
            ("actions[0]", "expected a mapping, got the number 3"),
        ),
        (
            "plan",
            PLAN + "actions:\n" + ACTION.replace("{E1.1: 2}", "{5: 2}"),
            ("actions[0].baseline[5]", "expected a text key (an id), got the number 5"),
        ),
        ("framework", TINY + "awards: 3\n", ("awards", "expected a list, got the number 3")),
        ("framework", TINY + "awards: {id: x}\n", ("awards", "expected a list, got a mapping")),
    ],
    ids=[
        "rules-a-number",
        "a-rule-a-number",
        "actions-a-number",
        "an-action-a-number",
        "a-baseline-key-a-number",
        "awards-a-number",
        "awards-a-mapping",
    ],
)
def test_a_document_of_the_wrong_shape_is_refused_with_its_field_error_alone(
    tmp_path: Path, load: str, text: str, expected: tuple[str, str]
) -> None:
    loaders: dict[str, Callable[[Path], object]] = {
        "rules": lambda path: load_rules(path, _tiny()),
        "plan": lambda path: load_plan(path, _tiny()),
        "framework": load_framework,
    }
    path = tmp_path / "document.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        loaders[load](path)
    assert _diagnostics(raised.value) == [("type", *expected)]
    assert raised.value.diagnostics[0].file == str(path)
    assert raised.value.diagnostics[0].line is not None


@pytest.mark.parametrize("data", [None, 3, [], "rules", [{"id": "r"}]])
def test_data_that_is_not_a_mapping_has_nothing_to_fit(data: Any) -> None:
    framework = _tiny()
    assert rule_findings(framework, data) == []
    assert plan_framework_findings(framework, data) == []
    assert framework_award_findings(data) == []
    assert condition_warning_findings(framework, data) == []
    assert framework_file_findings(data) == []


def test_an_award_is_checked_against_a_framework_with_errors_of_its_own(tmp_path: Path) -> None:
    """A duplicate strand id does not hide an award's unknown strand: both are told, each
    at its place, in one run."""
    text = TINY.replace("id: E1.2", "id: E1.1") + (
        "awards:\n  - id: m\n    title: M\n    require: {strand: E1.3, reached: 2}\n"
    )
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidDocument) as raised:
        load_framework(path)
    assert _diagnostics(raised.value) == [
        (
            "duplicate-id",
            "elements[0].aspects[0].strands[1].id",
            "duplicate id `E1.1`: already used by the strand at "
            "elements[0].aspects[0].strands[0], line 14",
        ),
        ("unknown-strand", "awards[0].require.strand", "`E1.3` is not a strand of tiny@1"),
    ]


def test_a_built_rule_pack_is_checked_inside_a_not_condition() -> None:
    pack = RulePack.model_validate(
        {
            "kind": "rules",
            "id": "p",
            "framework": "tiny",
            "rules": [
                {
                    "id": "r",
                    "when": {"not": {"strand": "E1.3", "below": 2}},
                    "recommend": {"title": "T", "action": "A"},
                }
            ],
        }
    )
    with pytest.raises(InvalidDocument) as raised:
        check_rules(_tiny(), pack)
    assert _diagnostics(raised.value) == [
        ("unknown-strand", "rules[0].when.not.strand", "`E1.3` is not a strand of tiny@1")
    ]


@settings(max_examples=scaled(40))
@given(st.data())
def test_valid_rule_packs_and_plans_built_in_python_fit(data: st.DataObject) -> None:
    """Over frameworks of either scale direction: what the strategies build for a framework
    (every kind of condition, nested; baselines on its scale) passes its checks."""
    framework = data.draw(frameworks())
    check_rules(framework, data.draw(rule_packs(framework)))
    check_plan(framework, data.draw(plans(framework)))
