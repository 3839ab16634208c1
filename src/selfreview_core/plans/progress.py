"""How a plan is going: actions by status, those overdue, and, given a later review, whether
the levels each action targeted moved since it was planned.

The levels compared are the action's `baseline` (written when it was planned) and the later
review's profile; "improved" and "regressed" follow the scale's direction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from pydantic import Field, SerializerFunctionWrapHandler, StrictInt, model_serializer

from .._frozen import FrozenDict
from .._names import STATUSES, Policy, Status
from ..errors import ComparisonError
from ..model.assessment import Assessment, School, check_built
from ..model.assessment_checks import check_assessment
from ..model.base import Id, Model
from ..model.checks import (
    check_plan,
    raise_findings,
    version_findings,
    wrong_framework_finding,
)
from ..model.plan import Action, Plan
from ..scoring.profiles import Profile, score
from .building import check_built_plan

if TYPE_CHECKING:
    from ..model.framework import Framework
    from ..model.scale import Scale

__all__ = ["VERDICTS", "ActionStatus", "PlanStatus", "TargetChange", "Verdict", "plan_status"]

Verdict = Literal["improved", "unchanged", "regressed", "not judged", "not applicable"]
VERDICTS: Final[tuple[Verdict, ...]] = get_args(Verdict)
#: Statuses for which a due date still matters.
OPEN: Final = ("planned", "doing")


class TargetChange(Model):
    """One target of an action: its level (and, in a framework with questions, its score)
    when planned and in the later review."""

    id: Id
    baseline: StrictInt | None = Field(description="Its level when the action was planned.")
    now: StrictInt | None = Field(description="Its level in the later review.")
    verdict: Verdict = Field(
        description="`not judged` when either level is missing (or the plan has no baseline), "
        "`not applicable` when the later review says the target does not apply; with both "
        "scores, a change of score counts even when the level is unchanged."
    )
    baseline_score: float | None = Field(
        default=None, description="Its score when planned (a framework with questions)."
    )
    now_score: float | None = Field(
        default=None, description="Its score in the later review (a framework with questions)."
    )

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Targets of level-only frameworks dump as they always have.
        data: dict[str, Any] = handler(self)
        for key in ("baseline_score", "now_score"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class ActionStatus(Model):
    id: Id
    recommendation: Id
    title: str
    owner: str | None
    due: dt.date | None
    status: Status
    overdue: bool = Field(description="Due before today and neither done nor dropped.")
    targets: tuple[TargetChange, ...] = Field(
        default=(), description="Each target then and now; only with a later review."
    )


class PlanStatus(Model):
    """A plan's progress on one day, optionally against a later review."""

    framework: str
    school: School
    today: dt.date
    review_on: dt.date | None = Field(default=None, description="When the later review was.")
    counts: FrozenDict[Status, int] = Field(description="Actions by status.")
    overdue: tuple[Id, ...] = Field(default=(), description="Ids of the overdue actions.")
    actions: tuple[ActionStatus, ...]
    done_targets: FrozenDict[Verdict, int] = Field(
        default_factory=FrozenDict,
        description="With a later review: the targets of done actions, by verdict.",
    )


def _verdict(scale: Scale, baseline: int | None, now: int | None) -> Verdict:
    if baseline is None or now is None:
        return "not judged"
    change = scale.change(baseline, now)
    return "improved" if change > 0 else "regressed" if change < 0 else "unchanged"


def _score_verdict(baseline: float, now: float) -> Verdict:
    """Scores are on the rank axis: higher is better in either scale direction."""
    return "improved" if now > baseline else "regressed" if now < baseline else "unchanged"


def _changes(action: Action, scale: Scale, profile: Profile) -> tuple[TargetChange, ...]:
    changes = []
    for target in action.targets:
        before = action.baseline.get(target) if action.baseline else None
        now = profile.level(target)
        verdict = _verdict(scale, before, now)
        if now is None and not profile.applicable(target):  # SPEC 10: not unjudged
            verdict = "not applicable"
        then = action.baseline_scores.get(target) if action.baseline_scores else None
        score_now = profile.score(target) if profile.by_scores else None
        if then is not None and score_now is not None and verdict != "not judged":
            verdict = _score_verdict(then, score_now)
        else:
            then = score_now = None
        changes.append(
            TargetChange(
                id=target,
                baseline=before,
                now=now,
                verdict=verdict,
                baseline_score=then,
                now_score=score_now,
            )
        )
    return tuple(changes)


def _check_review(plan: Plan, review: Assessment, subject: str = "school") -> None:
    if review.school.id != plan.school.id:
        raise ComparisonError(
            f"the review is of {subject} {review.school.id} ({review.school.name}), the plan "
            f"for {subject} {plan.school.id} ({plan.school.name})",
            code="wrong-school",
        )
    made = plan.made_from
    if made is not None and review.assessed_on < made.assessed_on:
        raise ComparisonError(
            f"the review of {review.assessed_on.isoformat()} is older than the one the plan "
            f"was made from ({made.assessed_on.isoformat()}): give a later review",
            code="review-too-old",
        )


def _check_fits(framework: Framework, ref: str, what: str) -> None:
    """`InvalidDocument`, one error at `framework`, if the plan or review (`what`, whose
    `framework` is `ref`) is of another framework or version than `framework`: not one
    for each of its judgements or targets after it, as the whole check says (`selfreview
    plan --status` refuses it so: `files.refuse_misfit`). Before round 58 a review of
    another framework was ten errors, "`S-C-2` is not a strand of becta-srf@2010"."""
    wrong = wrong_framework_finding(what, ref, framework)
    raise_findings(
        [] if wrong else version_findings(framework, {"framework": ref}, what), what, ref, framework
    )


def plan_status(
    plan: Plan,
    framework: Framework,
    review: Assessment | None = None,
    *,
    today: dt.date | None = None,
    policy: Policy | None = None,
) -> PlanStatus:
    """Counts by status, overdue actions (as of `today`, default the real today) and, with a
    later `review`, each action's targets then and now. Raises `SelfReviewError` when the
    plan or review does not fit the framework, or the review is another school's or older
    than the plan's."""
    check_built_plan(plan)
    _check_fits(framework, plan.framework, "plan")
    check_plan(framework, plan)
    today = today or dt.date.today()
    profile = None
    if review is not None:
        check_built(review)  # a school that is no school: refused, as `report` refuses it
        _check_fits(framework, review.framework, "assessment")
        check_assessment(framework, review)
        _check_review(plan, review, framework.terms.subject)
        profile = score(framework, review, policy)
    actions = []
    done: dict[Verdict, int] = {}
    for action in plan.actions:
        overdue = action.status in OPEN and action.due is not None and action.due < today
        changes = () if profile is None else _changes(action, framework.scale, profile)
        if action.status == "done":
            for change in changes:
                done[change.verdict] = done.get(change.verdict, 0) + 1
        actions.append(
            ActionStatus(
                id=action.id,
                recommendation=action.recommendation,
                title=action.title,
                owner=action.owner,
                due=action.due,
                status=action.status,
                overdue=overdue,
                targets=changes,
            )
        )
    counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    for action in plan.actions:
        counts[action.status] += 1
    return PlanStatus(
        framework=plan.framework,
        school=plan.school,
        today=today,
        review_on=None if review is None else review.assessed_on,
        counts=counts,
        overdue=tuple(a.id for a in actions if a.overdue),
        actions=tuple(actions),
        # `not applicable` only where a target is: plans of level-only frameworks as before
        done_targets=(
            {v: done.get(v, 0) for v in VERDICTS if v != "not applicable" or v in done}
            if profile is not None
            else {}
        ),
    )
