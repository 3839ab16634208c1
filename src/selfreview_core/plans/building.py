"""Action plans from reports: an action for each recommendation chosen, with the level of
each of its targets when it was planned (`baseline`), added after the plan's own actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._names import PRIORITIES, Priority
from ..errors import ComparisonError, Diagnostic, InvalidDocument
from ..escaping import encodable
from ..model.assessment import School
from ..model.plan import Action, MadeFrom, Plan

if TYPE_CHECKING:
    from ..model.recommendation import Recommendation
    from ..report import Report
    from ..scoring.profiles import Profile

__all__ = [
    "ActionDetails",
    "Decide",
    "Select",
    "action_from",
    "add_to_plan",
    "check_built_plan",
    "plan_from_report",
    "unplanned",
]


#: Which recommendations become actions: those of at least this priority, those a
#: predicate accepts, or (None) all of them.
Select = Priority | Callable[["Recommendation"], bool] | None


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


def check_built_plan(plan: Plan) -> None:
    """Refuse (`InvalidDocument`, at the field's path) a plan built without validation
    (`model_construct`, `model_copy(update=...)` with plain mappings) whose school, origin
    or actions are not what loading makes: every use reads them, and before round 57
    stopped with Python's `AttributeError`. As `model.assessment.check_built` refuses such
    an assessment."""
    fields = plan.__dict__
    school, made, actions = (fields.get(k) for k in ("school", "made_from", "actions"))
    if not isinstance(school, School):
        path, what = "school", "a school"
    elif made is not None and not isinstance(made, MadeFrom):
        path, what = "made_from", "the review a plan was made from"
    elif not isinstance(actions, tuple | list) or not all(isinstance(a, Action) for a in actions):
        path, what = "actions", "a list of actions"
    else:
        return
    raise InvalidDocument([Diagnostic(f"not {what} (built without validation?)", path=path)])


def _check_same(plan: Plan, report: Report) -> None:
    check_built_plan(plan)
    framework, school = report.framework, report.assessment.school
    version = plan.framework_version
    if plan.framework_id != framework.id or version not in (None, framework.version):
        raise ComparisonError(
            f"the plan is for {plan.framework}, the review for {framework.ref}",
            code="wrong-framework",
        )
    if plan.school.id != school.id:
        subject = framework.terms.subject
        raise ComparisonError(
            f"the plan is for {subject} {plan.school.id} ({plan.school.name}), the review for "
            f"{subject} {school.id} ({school.name})",
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
    scores = None
    if profile.by_scores:  # a framework with questions: scores too (level-only plans as before)
        found = {t: profile.score(t) for t in recommendation.targets}
        scores = {t: value for t, value in found.items() if value is not None}
    return Action(
        id=action_id,
        recommendation=recommendation.id,
        title=recommendation.title,
        targets=recommendation.targets,
        owner=owner,
        due=due,
        baseline=baseline,
        baseline_scores=scores,
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
    check_built_plan(plan)
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
        # A file name's bytes that are not UTF-8 written as their escapes: the plan is text.
        made_from=MadeFrom(
            assessed_on=assessment.assessed_on, file=None if file is None else encodable(file)
        ),
        created_on=today or dt.date.today(),
        actions=(),
    )
    return add_to_plan(empty, report, select, owner=owner, due=due, decide=decide)
