"""What a `Problem` (model/problem.py) promises that round 45's pass over it found no test
pinning: printed, it reads as the command line's own line does, severity first."""

from __future__ import annotations

from typing import Literal

import pytest

from selfreview_core.model.problem import Problem


@pytest.mark.parametrize("severity", ["error", "warning"])
def test_a_problem_prints_as_its_severity_its_source_and_its_message(
    severity: Literal["error", "warning"],
) -> None:
    """An embedder's `print(problem)` for each of `report.problems` says which plugin and
    how bad, as `selfreview report` does."""
    problem = Problem(
        source="my-plugin", message="selfreview_recommend raised KeyError", severity=severity
    )
    assert str(problem) == f"{severity}: my-plugin: selfreview_recommend raised KeyError"
    assert f"{problem}" == str(problem)


def test_a_problem_is_an_error_unless_said_otherwise() -> None:
    assert str(Problem(source="engine", message="a file given twice")) == (
        "error: engine: a file given twice"
    )
