"""Progress over time: what changed between two reviews of one school.

Changes count steps in the scale's direction, so a positive change is an improvement
whichever way the scale runs. `compare(a, b, any_order=True)` is the mirror image of
`compare(b, a, any_order=True)`.

Two reviews are compared only when the comparison means something: one framework (version),
one school, and the old review not newer than the new one (the same day is fine). A newer
"old" review would turn every gain into a loss without a word, so it is refused unless the
caller says `any_order=True`; another school likewise unless `any_school=True`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from ._frozen import FrozenDict
from ._names import Policy
from .errors import ComparisonError
from .model.assessment import Assessment, check_built
from .model.assessment_checks import check_assessment
from .model.base import Model
from .model.framework import Framework
from .model.unvalidated import given
from .scoring.profiles import Profile, score

if TYPE_CHECKING:
    from .model.migration import Migration

__all__ = ["Change", "Comparison", "check_comparable", "compare", "compare_profiles"]


class Change(Model):
    """A level before and after, and the steps gained (negative: lost)."""

    old: int
    new: int
    change: int


class Comparison(Model):
    """Two reviews of one school side by side. JSON round-trips unchanged."""

    framework: str
    policy: Policy
    school: str = Field(description="The later review's school id.")
    old_date: dt.date
    new_date: dt.date
    days: int = Field(description="Days from the old review to the new (negative if earlier).")
    #: Strands, aspects and elements judged in both reviews, in framework order.
    strands: FrozenDict[str, Change]
    aspects: FrozenDict[str, Change]
    elements: FrozenDict[str, Change]
    overall: Change | None
    improved: tuple[str, ...]
    regressed: tuple[str, ...]
    unchanged: tuple[str, ...]
    newly_judged: tuple[str, ...]
    dropped: tuple[str, ...]
    score_changes: FrozenDict[str, float] | None = Field(
        default=None,
        description="In a framework with questions: the score gained (negative: lost) by "
        "every strand, aspect and element scored in both reviews; `improved` and `regressed` "
        "count these, so 0 -> 0.75 is an improvement within one level.",
    )
    overall_score_change: float | None = None

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A comparison of a framework without questions dumps as it always has.
        data: dict[str, Any] = handler(self)
        if self.score_changes is None:
            data.pop("score_changes", None)
            data.pop("overall_score_change", None)
        return data

    def get(self, node_id: str) -> Change | None:
        """The change of a strand, aspect or element; None unless judged in both reviews."""
        for table in (self.strands, self.aspects, self.elements):
            if node_id in table:
                return table[node_id]
        return None

    def change(self, node_id: str) -> int | None:
        """Steps gained by a strand, aspect or element; None unless judged in both reviews."""
        found = self.get(node_id)
        return None if found is None else found.change

    def score_change(self, node_id: str | None = None) -> float | None:
        """Score gained by a strand, aspect or element (overall without an id); None unless
        scored in both reviews. For a framework without questions, the levels' steps."""
        if self.score_changes is None:
            if node_id is None:
                return None if self.overall is None else float(self.overall.change)
            change = self.change(node_id)
            return None if change is None else float(change)
        if node_id is None:
            return self.overall_score_change
        return self.score_changes.get(node_id)

    def direction(self, node_id: str) -> int | None:
        """+1 improved, -1 regressed, 0 unchanged (by score in a framework with questions,
        by level otherwise); None unless judged in both reviews."""
        if self.score_changes is not None:
            gained = self.score_changes.get(node_id)
        else:
            gained = self.change(node_id)
        return None if gained is None else (gained > 0) - (gained < 0)


def _changes(
    framework: Framework, old: Mapping[str, int | None], new: Mapping[str, int | None]
) -> dict[str, Change]:
    scale = framework.scale
    return {
        key: Change(old=before, new=after, change=scale.change(before, after))
        for key, before in old.items()
        if before is not None and (after := new.get(key)) is not None
    }


def compare(
    framework: Framework,
    old: Assessment,
    new: Assessment,
    *,
    policy: Policy | None = None,
    any_school: bool = False,
    any_order: bool = False,
    migrations: Iterable[Migration] = (),
) -> Comparison:
    """What changed from `old` to `new`.

    Refuses (`ComparisonError`) assessments of another framework, two different schools
    unless `any_school` is set, and an `old` review newer than `new` unless `any_order` is
    set. With `migrations`, an assessment of another version of the framework is first
    carried to `framework`'s version along them (`migrate`); `NoMigrationPathError` when
    they do not lead there.
    """
    framework = given(framework, "framework")  # one built without validation: refused
    known = tuple(migrations)
    if known:
        from .migrations.versions import to_version  # only when asked: comparisons are frequent

        old, new = to_version(old, framework, known), to_version(new, framework, known)
    check_comparable(framework, old, new, any_school=any_school, any_order=any_order)
    check_assessment(framework, old)  # as `Engine.report` checks its `previous`
    check_assessment(framework, new)
    return compare_profiles(
        framework, old, new, score(framework, old, policy), score(framework, new, policy)
    )


def check_comparable(
    framework: Framework,
    old: Assessment,
    new: Assessment,
    *,
    any_school: bool = False,
    any_order: bool = False,
) -> None:
    """Refuse (`ComparisonError`) assessments of another framework version, two different
    schools unless `any_school`, and an `old` review newer than `new` unless `any_order`.
    Each refusal's `code` and `path` (the key it is about) let a caller that read the
    assessments from files point at the line (the CLI does)."""
    for label, assessment in (("old", old), ("new", new)):
        check_built(assessment)
        if assessment.framework_id != framework.id or assessment.framework_version not in (
            None,
            framework.version,
        ):
            raise ComparisonError(
                f"the {label} assessment is of {assessment.framework}, not {framework.ref}",
                code="different-frameworks",
            )
    if not any_school and old.school.id != new.school.id:
        raise ComparisonError(
            f"the assessments are of different {framework.terms.subjects} ({old.school.id} and "
            f"{new.school.id})",
            path="school.id",
            hint="pass any_school=True to compare them anyway",
            code="different-schools",
        )
    if not any_order and old.assessed_on > new.assessed_on:
        from .review_dates import future_hint

        raise ComparisonError(
            f"the old review ({old.assessed_on.isoformat()}) is newer than the new one "
            f"({new.assessed_on.isoformat()})",
            path="assessed_on",
            hint=future_hint("the old review", old.assessed_on)
            or "swap them: the earlier review is `old` to compare() and `previous` to "
            "Engine.report()",
            code="previous-newer",
        )


def compare_profiles(
    framework: Framework, old: Assessment, new: Assessment, before: Profile, after: Profile
) -> Comparison:
    """`compare` for assessments already checked, given their profiles (the engine has
    scored the newer one for its report already)."""
    strands = _changes(framework, before.strands, after.strands)
    scores, overall_score = _score_changes(framework, before, after)
    moved = (
        {s: c.change for s, c in strands.items()}
        if scores is None
        else {s: scores[s] for s in strands if s in scores}
    )
    overall = None
    if before.overall is not None and after.overall is not None:
        overall = Change(
            old=before.overall,
            new=after.overall,
            change=framework.scale.change(before.overall, after.overall),
        )
    return Comparison(
        framework=framework.ref,
        policy=after.policy,
        school=new.school.id,
        old_date=old.assessed_on,
        new_date=new.assessed_on,
        days=(new.assessed_on - old.assessed_on).days,
        strands=strands,
        aspects=_changes(framework, before.aspects, after.aspects),
        elements=_changes(framework, before.elements, after.elements),
        overall=overall,
        improved=tuple(s for s, c in moved.items() if c > 0),
        regressed=tuple(s for s, c in moved.items() if c < 0),
        unchanged=tuple(s for s, c in moved.items() if c == 0),
        newly_judged=_judged_only(after, before),
        dropped=_judged_only(before, after),
        score_changes=scores,
        overall_score_change=overall_score,
    )


def _judged_only(profile: Profile, other: Profile) -> tuple[str, ...]:
    """The strands `profile` gives a level that `other` leaves unjudged. A strand not
    applicable in `other` was judged there (it does not apply): not "judged for the first
    time" nor "dropped", as `report --previous` shows it `n/a`, not `-` (SPEC section 10)."""
    unjudged = set(other.unjudged)
    return tuple(s for s in profile.judged if s in unjudged)


def _score_changes(
    framework: Framework, before: Profile, after: Profile
) -> tuple[dict[str, float] | None, float | None]:
    """The score gained by every id scored in both profiles, and overall, in a framework
    with questions (rounded to 10 places: the scores are floats of exact fractions, so a
    difference never flips sign); (None, None) without questions."""
    if not framework.has_questions:
        return None, None
    changes = {
        node_id: round(new - old, 10)
        for node_id, old in before.scores.items()
        if old is not None and (new := after.scores.get(node_id)) is not None
    }
    old, new = before.overall_score, after.overall_score
    return changes, (None if old is None or new is None else round(new - old, 10))
