"""What the plan model (model/plan.py) promises that round 42's mutation pass over it found
no test pinning: a plan whose `actions` is not a list is refused at its place (under the
mutants, `validate` and `plan --status` stopped with an internal error), and finding an
action by its id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from program import selfreview
from selfreview_core.model.assessment import School
from selfreview_core.model.plan import Action, Plan, plan_findings

FRAMEWORK = Path(__file__).resolve().parents[2] / "examples" / "migration" / "example-srf-1.yaml"
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
    done = selfreview([*command, "plan.yaml", "--framework", str(FRAMEWORK)], cwd=tmp_path)
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
