"""Action plans (`kind: plan`): a report's recommendations turned into actions with owners,
due dates and a status, kept in a file the school edits by hand.

Each action records the level of each of its targets when it was planned (`baseline`), so a
later review alone says whether what a finished action aimed at moved (`plan_status`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, Self, get_args

from pydantic import Field, StrictInt, ValidationInfo, model_validator

from ._base import Document, FrameworkRef, Id, Model, NamesFramework, Text
from ._frozen import FrozenDict
from ._hints import hint_budget
from .assessment import School
from .checks import (
    Finding,
    Path,
    duplicate_id_finding,
    raise_findings,
    scale_finding,
    unknown_id_finding,
    version_findings,
)
from .errors import ComparisonError
from .framework import SKIP_CHECKS
from .recommendation import PRIORITIES, Priority

if TYPE_CHECKING:
    from .framework import Framework
    from .recommendation import Recommendation
    from .report import Report
    from .scoring import Profile

__all__ = [
    "STATUSES",
    "Action",
    "ActionDetails",
    "Decide",
    "MadeFrom",
    "Plan",
    "Select",
    "Status",
    "action_from",
    "add_to_plan",
    "check_plan",
    "plan_findings",
    "plan_framework_findings",
    "plan_from_report",
    "unplanned",
]

Status = Literal["planned", "doing", "done", "dropped"]
STATUSES: Final[tuple[Status, ...]] = get_args(Status)
#: Which recommendations become actions: those of at least this priority, those a
#: predicate accepts, or (None) all of them.
Select = Priority | Callable[["Recommendation"], bool] | None


class MadeFrom(Model):
    """The review a plan was made from."""

    assessed_on: dt.date
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
    due: dt.date | None = None
    status: Status = "planned"
    notes: str | None = None
    baseline: FrozenDict[Id, StrictInt] | None = Field(
        default=None,
        description="The level of each target when the action was planned (a target left "
        "out was not judged then); a later review is compared with it. None: not recorded.",
    )


class Plan(NamesFramework, Document):
    """Actions for one school, from reviews against one framework."""

    KIND: ClassVar[str] = "plan"
    kind: Literal["plan"] = "plan"
    framework: FrameworkRef
    school: School
    made_from: MadeFrom | None = None
    created_on: dt.date
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


def plan_framework_findings(framework: Framework, data: Any) -> list[Finding]:
    """Targets and baseline ids the framework lacks, baseline levels outside its scale, and
    a pinned version other than the framework's."""
    if not isinstance(data, Mapping):
        return []
    findings = version_findings(framework, data, "plan")
    actions = data.get("actions")
    if not isinstance(actions, list):
        return findings
    for i, action in enumerate(actions):
        if not isinstance(action, Mapping):
            continue
        targets = action.get("targets")
        if isinstance(targets, list):
            for j, target in enumerate(targets):
                if isinstance(target, str):
                    unknown = unknown_id_finding(framework, ("actions", i, "targets", j), target)
                    if unknown is not None:
                        findings.append(unknown)
        baseline = action.get("baseline")
        if isinstance(baseline, Mapping):
            findings.extend(_baseline_findings(framework, ("actions", i, "baseline"), baseline))
    return findings


def _baseline_findings(
    framework: Framework, path: Path, baseline: Mapping[Any, Any]
) -> list[Finding]:
    findings: list[Finding] = []
    scale = framework.scale
    for node_id, level in baseline.items():
        if not isinstance(node_id, str):
            continue  # reported by field validation
        unknown = unknown_id_finding(framework, (*path, node_id), node_id, at_key=True)
        outside = scale_finding(scale, (*path, node_id), level)
        findings.extend(f for f in (unknown, outside) if f is not None)
    return findings


@hint_budget
def check_plan(framework: Framework, plan: Plan) -> None:
    """Raise `InvalidDocument` if a built plan does not fit the framework."""
    data = plan.model_dump(mode="json", exclude_none=True)
    raise_findings(plan_framework_findings(framework, data), "plan", plan.framework, framework)


# -- plans from reports ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionDetails:
    """What a person decided about one recommendation: who owns it and by when."""

    owner: str | None = None
    due: dt.date | None = None


#: Asked about each recommendation that `select` lets through: its owner and due date, or
#: None to leave it out (how `selfreview plan --interactive` asks).
Decide = Callable[["Recommendation"], ActionDetails | None]


def _selector(select: Select) -> Callable[[Recommendation], bool]:
    if select is None:
        return lambda rec: True
    if isinstance(select, str):
        if select not in PRIORITIES:
            raise ValueError(f"unknown priority {select!r}: choose one of {', '.join(PRIORITIES)}")
        lowest = PRIORITIES.index(select)
        return lambda rec: PRIORITIES.index(rec.priority) <= lowest
    return select


def _check_same(plan: Plan, report: Report) -> None:
    framework, school = report.framework, report.assessment.school
    version = plan.framework_version
    if plan.framework_id != framework.id or version not in (None, framework.version):
        raise ComparisonError(
            f"the plan is for {plan.framework}, the review for {framework.ref}",
            code="wrong-framework",
        )
    if plan.school.id != school.id:
        raise ComparisonError(
            f"the plan is for school {plan.school.id} ({plan.school.name}), the review for "
            f"school {school.id} ({school.name})",
            code="wrong-school",
        )


def unplanned(plan: Plan, report: Report, select: Select = None) -> tuple[Recommendation, ...]:
    """The report's recommendations that `select` accepts and no action of `plan` comes
    from, in the report's order."""
    _check_same(plan, report)
    keep = _selector(select)
    planned = {a.recommendation for a in plan.actions}
    return tuple(r for r in report.recommendations if r.id not in planned and keep(r))


def action_from(
    recommendation: Recommendation,
    profile: Profile,
    *,
    taken: Collection[str] = (),
    owner: str | None = None,
    due: dt.date | None = None,
) -> Action:
    """An action for `recommendation`, with the profile's level of each target as its
    baseline; its id is the recommendation's, made unique against `taken`."""
    action_id, n = recommendation.id, 1
    while action_id in taken:
        n += 1
        action_id = f"{recommendation.id}-{n}"
    baseline = {}
    for target in recommendation.targets:
        level = profile.level(target)
        if level is not None:
            baseline[target] = level
    return Action(
        id=action_id,
        recommendation=recommendation.id,
        title=recommendation.title,
        targets=recommendation.targets,
        owner=owner,
        due=due,
        baseline=baseline,
    )


def add_to_plan(
    plan: Plan,
    report: Report,
    select: Select = None,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    decide: Decide | None = None,
) -> Plan:
    """`plan` with an action for each recommendation of `report` that `select` accepts and
    the plan does not have yet (by recommendation id), after its own actions.

    Existing actions are never changed, reordered or dropped, so adding the same report
    twice adds nothing. `decide`, when given, is asked about each candidate in turn (its
    answer overrides `owner` and `due`; None leaves the recommendation out).
    """
    taken = {a.id for a in plan.actions}
    added: list[Action] = []
    for rec in unplanned(plan, report, select):
        details = ActionDetails(owner, due) if decide is None else decide(rec)
        if details is None:
            continue
        action = action_from(rec, report.profile, taken=taken, owner=details.owner, due=details.due)
        taken.add(action.id)
        added.append(action)
    if not added:
        return plan
    return Plan.model_validate({**dict(plan), "actions": (*plan.actions, *added)})


def plan_from_report(
    report: Report,
    select: Select = None,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    decide: Decide | None = None,
    file: str | None = None,
    today: dt.date | None = None,
) -> Plan:
    """A new plan for the report's school: an action for each recommendation `select`
    accepts (see `add_to_plan`), made on `today`; `file` names the assessment it came from."""
    assessment = report.assessment
    empty = Plan(
        framework=report.framework.ref,
        school=assessment.school,
        made_from=MadeFrom(assessed_on=assessment.assessed_on, file=file),
        created_on=today or dt.date.today(),
        actions=(),
    )
    return add_to_plan(empty, report, select, owner=owner, due=due, decide=decide)
