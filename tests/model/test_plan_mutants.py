"""What the plan model (model/plan.py) promises that round 42's mutation pass over it found
no test pinning: a plan whose `actions` is not a list is refused at its place (under the
mutants, `validate` and `plan --status` stopped with an internal error), and finding an
action by its id. And the bug found beside it: a baseline score of `.nan`, `-.inf` or
`1e999` was taken, so `validate` called the plan valid and `plan --status` showed
`nan (level 1) -> 1.75 (level 1) unchanged`, `-inf ... improved`, `inf ... regressed`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from program import selfreview_here
from selfreview_core.model.assessment import School
from selfreview_core.model.plan import Action, Plan, plan_findings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FRAMEWORK = EXAMPLES / "migration" / "example-srf-1.yaml"
QUESTIONS = EXAMPLES / "questions" / "technology-standards.yaml"
_HEAD = (
    "kind: plan\n"
    "framework: example-srf@1\n"
    "school: {id: EX-2, name: Example Junior School}\n"
    "created_on: 2026-01-05\n"
)


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("", "9: error: actions: expected a list, got nothing (null)"),
        (" 3", "10: error: actions: expected a list, got the number 3"),
    ],
)
@pytest.mark.parametrize("command", [["validate"], ["plan", "--status"]])
def test_a_plan_whose_actions_are_not_a_list_is_refused_at_its_place(
    tmp_path: Path, written: str, said: str, command: list[str]
) -> None:
    (tmp_path / "plan.yaml").write_text(f"{_HEAD}actions:{written}\n", encoding="utf-8")
    done = selfreview_here([*command, "plan.yaml", "--framework", str(FRAMEWORK)], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, out + err
    assert "internal error" not in out + err
    assert "Traceback" not in out + err
    assert f"plan.yaml:5:{said}" in (out + err).splitlines()


@pytest.mark.parametrize(
    "data",
    [None, [], "plan", {}, {"actions": None}, {"actions": 3}, {"actions": "ab"}, {"actions": {}}],
)
def test_data_of_the_wrong_shape_has_no_duplicate_actions(data: Any) -> None:
    """Left to field validation, which says what is wrong with it."""
    assert plan_findings(data) == []


def test_an_action_is_found_by_its_id() -> None:
    actions = tuple(Action(id=i, recommendation="r", title=f"Do {i}") for i in ("a", "b", "c"))
    plan = Plan(
        framework="example-srf@1",
        school=School(id="s", name="S"),
        created_on=dt.date(2026, 1, 5),
        actions=actions,
    )
    assert plan.action("b") is actions[1]
    assert plan.action("a") is actions[0]
    assert plan.action("d") is None
    assert plan.action("A") is None


_ACTION = (
    "- id: next-step-L-G-1\n"
    "  recommendation: next-step-L-G-1\n"
    "  title: Next step\n"
    "  targets: [L-G-1]\n"
    "  baseline: {{L-G-1: 1}}\n"
    "  baseline_scores: {{L-G-1: {score}}}\n"
)


@pytest.mark.parametrize("score", [".nan", "-.inf", ".Inf", "1e999", "-1e999", ".NaN"])
@pytest.mark.parametrize("command", [["validate"], ["plan", "--status"]])
def test_a_baseline_score_that_is_not_a_finite_number_is_refused_at_its_place(
    tmp_path: Path, score: str, command: list[str]
) -> None:
    """Before round 42b, `validate` called such a plan valid and `plan --status` compared
    the NaN or infinity with the review's score: `nan -> 1.75 unchanged`. Until round 47 the
    message named the number as Python writes it (`got inf` for `1e999`)."""
    head = _HEAD.replace("example-srf@1", "example-tech-standards@1")
    text = f"{head}actions:\n{_ACTION.format(score=score)}"
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    done = selfreview_here([*command, "plan.yaml", "--framework", str(QUESTIONS)], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, out + err
    assert "Traceback" not in out + err
    errors = [line for line in (out + err).splitlines() if ": error: " in line]
    assert errors == [
        f"plan.yaml:11:28: error: actions[0].baseline_scores.L-G-1: expected a finite number, "
        f"got the number {score}"
    ]


def test_a_baseline_score_is_any_finite_number() -> None:
    scores = {"a": 1.75, "b": 0.0, "c": -2.5, "d": 1e300}
    action = Action(id="a", recommendation="r", title="t", baseline_scores=scores)
    assert action.baseline_scores == scores
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValidationError, match="expected a finite number"):
            Action(id="a", recommendation="r", title="t", baseline_scores={"a": bad})


@pytest.mark.parametrize("command", [["validate"], ["plan", "--status"]])
def test_a_baseline_score_of_an_id_the_framework_lacks_is_refused_at_its_key(
    tmp_path: Path, command: list[str]
) -> None:
    """As a baseline level's id is. Before round 43 `baseline_scores: {L-G-9: 1.5}` passed
    `validate`, and `plan --status` had nothing to compare it with."""
    head = _HEAD.replace("example-srf@1", "example-tech-standards@1")
    text = f"{head}actions:\n{_ACTION.format(score=1.5).replace('{L-G-1: 1.5}', '{L-G-9: 1.5}')}"
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    done = selfreview_here([*command, "plan.yaml", "--framework", str(QUESTIONS)], cwd=tmp_path)
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, out + err
    errors = [line for line in (out + err).splitlines() if ": error: " in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        "plan.yaml:11:21: error: actions[0].baseline_scores.L-G-9: `L-G-9` is not an element, "
        "aspect or strand of example-tech-standards@1"
    ), errors
