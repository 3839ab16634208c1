"""Action plans (`kind: plan`): a report's recommendations turned into actions with owners,
due dates and a status, kept in a file the school edits by hand.

Each action records the level of each of its targets when it was planned (`baseline`), so a
later review alone says whether what a finished action aimed at moved (`plan_status`).
Making a plan from a report is `plans.building`; checking one against its framework,
`checks`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import AfterValidator, Field, StrictInt, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from .._frozen import FrozenDict
from .._names import Status
from .assessment import School
from .base import SKIP_CHECKS, Date, Document, FrameworkRef, Id, Model, NamesFramework, Text
from .findings import Finding, Path, duplicate_id_finding

__all__ = ["Action", "MadeFrom", "Plan", "plan_findings"]


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise PydanticCustomError(
            "finite_number", "expected a finite number, got {value}", {"value": str(value)}
        )
    return value


#: A score as a plan records it: a number, never NaN or infinite (YAML's `.nan`, `-.inf`, or
#: `1e999`, which reads as infinite), which no review scores and every comparison gets wrong.
Score = Annotated[float, AfterValidator(_finite)]


class MadeFrom(Model):
    """The review a plan was made from."""

    assessed_on: Date
    file: str | None = Field(default=None, description="The assessment file, as given.")


class Action(Model):
    """One thing the school will do, taken from one recommendation."""

    id: Id = Field(description="Unique in the plan; by default the recommendation's id.")
    recommendation: Id = Field(description="The id of the recommendation it comes from.")
    title: Text
    targets: tuple[Id, ...] = Field(
        default=(), description="The strand, aspect and element ids it is meant to move."
    )
    owner: str | None = Field(default=None, description="Who sees it through.")
    due: Date | None = None
    status: Status = "planned"
    notes: str | None = None
    baseline: FrozenDict[Id, StrictInt] | None = Field(
        default=None,
        description="The level of each target when the action was planned (a target left "
        "out was not judged then); a later review is compared with it. None: not recorded.",
    )
    baseline_scores: FrozenDict[Id, Score] | None = Field(
        default=None,
        description="In a framework with questions (SPEC section 10): the score of each "
        "target when the action was planned, so that a later review's change of score counts "
        "even when the level is unchanged (0 to 0.75 is improved). None: not recorded.",
    )


class Plan(NamesFramework, Document):
    """Actions for one school, from reviews against one framework."""

    KIND: ClassVar[str] = "plan"
    kind: Literal["plan"] = "plan"
    framework: FrameworkRef
    school: School
    made_from: MadeFrom | None = None
    created_on: Date
    actions: tuple[Action, ...]

    @model_validator(mode="after")
    def _unique_ids(self, info: ValidationInfo) -> Self:
        # The loader finds (and locates) these itself; this guards plans built in Python.
        if not (info.context and info.context.get(SKIP_CHECKS)):
            data = {"actions": [{"id": a.id} for a in self.actions]}
            findings = plan_findings(data)
            if findings:
                raise ValueError("; ".join(f.describe() for f in findings))
        return self

    def action(self, action_id: str) -> Action | None:
        """The plan's action with this id, or None."""
        return next((a for a in self.actions if a.id == action_id), None)


# -- checks, on raw data (so the loader can locate each one) ---------------------------------


def plan_findings(data: Any) -> list[Finding]:
    """Duplicate action ids: checked with or without a framework."""
    actions = data.get("actions") if isinstance(data, Mapping) else None
    if not isinstance(actions, list):
        return []
    first_at: dict[str, Path] = {}
    findings = []
    for i, action in enumerate(actions):
        if isinstance(action, Mapping):
            found = duplicate_id_finding(
                ("actions", i), action.get("id"), first_at, "action", "a plan"
            )
            if found is not None:
                findings.append(found)
    return findings
