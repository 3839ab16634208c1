"""Scoring: a school's judgements become levels per strand, aspect, element and overall.

An aggregate (aspect, element, overall) is the policy applied to the judged strands under
it, each strand counting once. Every policy works on ranks (steps above the worst level), so
none depends on which way the scale runs:

- `median` (default): the middle level; between two middle levels, the worse.
- `mean`: the mean rank rounded to the nearest level; exactly half-way, the worse.
- `weakest`: the worst level.

Each is bounded by its inputs, unanimous, symmetric and monotone (a better judgement never
makes an aggregate worse). The mode is not offered: it is not monotone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Final

from pydantic import Field

from .._frozen import FrozenDict
from .._names import POLICIES, Policy
from ..errors import UnknownIdError, quoted_key
from ..model.assessment import Assessment, Judgement
from ..model.assessment_checks import check_well_formed
from ..model.base import Model, did_you_mean
from ..model.framework import Framework, Strand
from ..model.questions import score_float
from ..model.scale import Scale
from ..model.unvalidated import given
from .plan import by_ranks, coverage, median_rank, not_applicable_ids, plan_of

__all__ = [
    *("Profile", "aggregate", "aggregate_score", "fit_scorer_of", "judged_level", "not_sure"),
    *("score", "score_fitted"),
]


def _mean(ranks: Sequence[int]) -> int:
    # Integer arithmetic: round half down, i.e. a tie goes to the worse level.
    quotient, remainder = divmod(sum(ranks), len(ranks))
    return quotient + 1 if 2 * remainder > len(ranks) else quotient


_RANK_POLICIES: Final[dict[str, Callable[[Sequence[int]], int]]] = {
    "median": median_rank,
    "mean": _mean,
    "weakest": min,
}


def aggregate(scale: Scale, levels: Sequence[int], policy: Policy = "median") -> int | None:
    """One level standing for several, under `policy`; None for no levels."""
    if not levels:
        return None
    try:
        reduce = _RANK_POLICIES[policy]
    except KeyError:
        raise ValueError(
            f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}"
        ) from None
    return scale.from_rank(reduce([scale.rank(level) for level in levels]))


class Profile(Model):
    """Where a school stands: a level and a score for every strand, aspect and element, and
    overall; the strands that do not apply.

    Levels and scores are None where nothing under the id is judged (or everything under it
    is not applicable). A score is a real number on the rank axis (0 at the worst level,
    scale size - 1 at the best): a strand's is its rank, or the sum of its answers' values;
    an aggregate's is the policy over its judged strands' scores, unrounded.
    JSON round-trips unchanged.
    """

    framework: str = Field(description="The framework's `id@version`.")
    policy: Policy
    scale: Scale
    strands: FrozenDict[str, int | None]
    aspects: FrozenDict[str, int | None]
    elements: FrozenDict[str, int | None]
    overall: int | None
    coverage: float = Field(
        ge=0,
        le=1,
        description="Judged strands / strands that apply (all strands but those not applicable).",
    )
    #: Mean progress (0 at the worst level, 1 at the best) of the judged strands under each id.
    progress_by_id: FrozenDict[str, float | None]
    overall_progress: float | None
    scores: FrozenDict[str, float | None] = Field(
        default_factory=FrozenDict,
        description="The score of every strand, aspect and element (rank axis: 0 at the "
        "worst level); None where nothing under it is judged.",
    )
    overall_score: float | None = None
    by_scores: bool = Field(
        default=False,
        description="Levels follow scores (a framework with questions): every level is the "
        "level at rank ⌊score⌋, and reports show the score with it.",
    )
    not_applicable: tuple[str, ...] = Field(
        default=(),
        description="Strands judged not applicable, and aspects and elements all of whose "
        "strands are, in framework order.",
    )

    def _table(self, node_id: str) -> FrozenDict[str, int | None]:
        for table in (self.strands, self.aspects, self.elements):
            if node_id in table:
                return table
        known = [*self.elements, *self.aspects, *self.strands]
        raise UnknownIdError(
            f"{quoted_key(node_id, 'an empty id')} is not an element, aspect or strand of "
            f"{self.framework}",
            hint=did_you_mean(node_id, known),
            code="unknown-id",
        )

    def level(self, node_id: str) -> int | None:
        """The level of any strand, aspect or element; None where nothing under it is judged."""
        return self._table(node_id)[node_id]

    def score(self, node_id: str | None = None) -> float | None:
        """The score of any strand, aspect or element, or overall (no id): on the rank axis,
        0 at the worst level; None where nothing under it is judged."""
        if node_id is None:
            return self.overall_score
        self._table(node_id)
        return self.scores.get(node_id)

    def applicable(self, node_id: str) -> bool:
        """False for a strand judged not applicable, and for an aspect or element all of
        whose strands are."""
        self._table(node_id)
        return node_id not in self.not_applicable

    def progress(self, node_id: str | None = None) -> float | None:
        """0.0 when every judged strand under `node_id` (or overall) is at the worst level,
        1.0 exactly when all are at the best; None when none is judged."""
        if node_id is None:
            return self.overall_progress
        self._table(node_id)
        return self.progress_by_id[node_id]

    @property
    def judged(self) -> tuple[str, ...]:
        """Strands given a level, in framework order (one not applicable has none: it is
        neither judged nor `unjudged`)."""
        return tuple(s for s, level in self.strands.items() if level is not None)

    @property
    def unjudged(self) -> tuple[str, ...]:
        """Strands without a judgement (not applicable ones are judged: they do not apply),
        in framework order."""
        na = self.not_applicable
        return tuple(s for s, level in self.strands.items() if level is None and s not in na)

    @property
    def complete(self) -> bool:
        """Whether every strand that applies is judged."""
        return not self.unjudged


def _score_median(scores: Sequence[Fraction]) -> Fraction:
    ordered = sorted(scores)
    return ordered[(len(ordered) - 1) // 2]  # the lower middle: ties go to the worse


def _score_mean(scores: Sequence[Fraction]) -> Fraction:
    return sum(scores, Fraction(0)) / len(scores)


_SCORE_POLICIES: Final[dict[str, Callable[[Sequence[Fraction]], Fraction]]] = {
    "median": _score_median,
    "mean": _score_mean,
    "weakest": min,
}


def aggregate_score(scores: Sequence[Fraction | int], policy: Policy = "median") -> Fraction | None:
    """One score standing for several, under `policy`, exactly and unrounded; None for none."""
    if not scores:
        return None
    if policy not in _SCORE_POLICIES:
        raise ValueError(f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}")
    return _SCORE_POLICIES[policy]([Fraction(s) for s in scores])


def _float(value: Fraction | int | None) -> float | None:
    return None if value is None else score_float(Fraction(value))


def score(framework: Framework, assessment: Assessment, policy: Policy | None = None) -> Profile:
    """Profile an assessment, under `policy` (default: the framework's `policy:`, else
    median). Judgements of strands the framework lacks are ignored here; `check_assessment`
    (or loading with the framework) refuses them first."""
    if policy is None:
        policy = framework.policy or "median"
    reduce = _RANK_POLICIES.get(policy)
    if reduce is None:
        raise ValueError(f"unknown policy {policy!r}: choose one of {', '.join(POLICIES)}")
    try:
        plan = plan_of(framework)
        if plan.by_scores:
            return _score_by_scores(framework, assessment, policy)
        judgements = assessment.judgements
        fields = plan.fields(judgements, reduce, policy)
        if fields is None:  # not sure: strand by strand
            fields = by_ranks(framework, judgements, reduce, policy)
    except (AttributeError, TypeError):  # built without validation: say what it would refuse
        given(framework, "framework")
        check_well_formed(assessment)
        raise
    # Built from values made here and of the right types, so not validated again (a third
    # of scoring's cost): what validation would give, field for field.
    return Profile.trusted_fields(fields)


def score_fitted(
    framework: Framework, assessment: Assessment, policy: Policy | None = None
) -> Profile | None:
    """`score`, for an assessment that surely fits the framework, told in the same pass
    (`ScorePlan.fit_scorer`): every id of the framework in the profile's tables, on the
    scale (what `CompiledRules.made_keyed_fitted` reads); None when not sure:
    `check_assessment`, then `score`, decide."""
    return fit_scorer_of(framework, policy)(assessment)


def fit_scorer_of(
    framework: Framework, policy: Policy | None = None
) -> Callable[[Assessment], Profile | None]:
    """What `score_fitted` calls for `framework` and `policy`: the compiled one-pass scorer,
    or, where there is none (a framework with questions, an unknown policy), what always
    answers None. For a caller scoring many schools of one framework (`Engine.report`
    keeps the last one), so that each school costs the scorer's call alone."""
    if policy is None:
        policy = framework.policy or "median"
    plan = plan_of(framework)
    scorer = plan.fitted(policy)
    if scorer is None:
        reduce = _RANK_POLICIES.get(policy)
        if reduce is None:
            return not_sure  # `score` says what is wrong, once the fit is checked
        scorer = plan.fit_scorer(reduce, policy, Profile)  # built by the scorer itself
        if scorer is None:
            return not_sure
    return scorer


def not_sure(assessment: Assessment) -> None:
    """The fitted scorer of what has none: `check_assessment`, then `score`, decide."""


def _strand_score(framework: Framework, strand: Strand, judgement: Judgement) -> Fraction:
    """A judged strand's score: the sum of its answers' values, or its level's rank."""
    if judgement.answers is not None:
        return framework.answers_score(strand, judgement.answers)
    assert judgement.level is not None, "validated: a level, answers, or not applicable"
    return Fraction(framework.scale.rank(judgement.level))


def judged_level(framework: Framework, strand_id: str, judgement: Judgement) -> int | None:
    """The level one judgement gives its strand: the level written, or the level its answers
    lead to; None for a strand not applicable. For code that reads judgements one by one
    (cohorts, respondents) and must agree with `score`."""
    if judgement.level is not None or not judgement.is_applicable:
        return judgement.level
    strand = framework.strand(strand_id)
    return framework.level_at(_strand_score(framework, strand, judgement))


def _score_by_scores(framework: Framework, assessment: Assessment, policy: Policy) -> Profile:
    """`score` for a framework with questions: every level follows from a score, the level
    at rank ⌊score⌋, worked out exactly (`fractions`), so 0.1 + 0.2 + 0.7 is level 1."""
    reduce = _SCORE_POLICIES[policy]
    span = framework.scale.size - 1
    judgements = assessment.judgements
    exact: dict[str, Fraction] = {}  # of the judged strands, in framework order
    not_applicable: set[str] = set()
    for strand in framework.strands:
        judgement = judgements.get(strand.id)
        if judgement is None:
            continue
        if not judgement.is_applicable:
            not_applicable.add(strand.id)
        else:
            exact[strand.id] = _strand_score(framework, strand, judgement)
    levels: dict[str, int | None] = {}
    scores: dict[str, float | None] = {}
    progress: dict[str, float | None] = {}

    def put(node_id: str, found: Sequence[Fraction]) -> None:
        value = reduce(found) if found else None
        levels[node_id] = None if value is None else framework.level_at(value)
        scores[node_id] = _float(value)
        progress[node_id] = _float(sum(found, Fraction(0)) / (span * len(found))) if found else None

    for strand in framework.strands:
        put(strand.id, [exact[strand.id]] if strand.id in exact else [])
    aspects: dict[str, int | None] = {}
    elements: dict[str, int | None] = {}
    for element_id, element_aspects in plan_of(framework).id_layout:
        element_scores: list[Fraction] = []
        for aspect_id, strand_ids in element_aspects:
            found = [exact[s] for s in strand_ids if s in exact]
            put(aspect_id, found)
            aspects[aspect_id] = levels.pop(aspect_id)
            element_scores += found
        put(element_id, element_scores)
        elements[element_id] = levels.pop(element_id)
    judged = list(exact.values())
    overall = reduce(judged) if judged else None
    return Profile(
        framework=framework.ref,
        policy=policy,
        scale=framework.scale,
        strands=levels,
        aspects=aspects,
        elements=elements,
        overall=None if overall is None else framework.level_at(overall),
        coverage=coverage(len(judged), len(levels), len(not_applicable)),
        progress_by_id=progress,
        overall_progress=(
            _float(sum(judged, Fraction(0)) / (span * len(judged))) if judged else None
        ),
        scores=scores,
        overall_score=_float(overall),
        by_scores=True,
        not_applicable=not_applicable_ids(framework, not_applicable),
    )
