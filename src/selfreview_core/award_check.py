"""Awards: benchmarks such as the ICT Mark, checked against a school's review.

A framework may declare awards (`Framework.awards`), each with a requirement in the rule
condition language and, optionally, a demand for written evidence. `awards(framework,
assessment)` says for each one whether the school meets it and exactly what is missing:

- a `level` shortfall for each `reached` test that does not hold: the strand, aspect or
  element, its level now (None when nothing under it is judged) and the level needed;
  `all` collects the shortfalls of its parts;
- an `evidence` shortfall for each required strand without written evidence, when the
  award has `evidence_required` (the required strands are every strand the requirement
  names, and every strand under each aspect or element it names);
- for any other part that does not hold (`any`, `not`, `below`, `level`, `unjudged`, ...),
  where no single level would be "the" one missing, a `condition` shortfall that says the
  unmet condition in words (`facts.describe`).

So `missing` is empty exactly when the award is met.

A strand judged not applicable (SPEC 10) is not missing: a test on it (or on an aspect or
element all of whose strands are not applicable) is excused, it needs no evidence, and the
result lists it under `not_applicable` with the evidence of why it does not apply. When
every strand an award names is so, nothing is missing and the award is met, as the section
is silent; `judged` is then False and every view says that nothing was judged
(`NOTHING_JUDGED`), so that no reader takes it for an award earned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Self, cast

from pydantic import (
    Field,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictInt,
    model_serializer,
    model_validator,
)

from .facts import Facts, describe, holds, level_fact
from .model.base import Id, Model, Text
from .model.conditions import AllOf, Condition, Test, subjects_of
from .model.framework import Award, Framework
from .model.unseen import says_something
from .scoring.profiles import Profile, score

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .model.assessment import Assessment
    from .model.problem import Problem

__all__ = [
    "NOTHING_JUDGED",
    "AwardResult",
    "Awards",
    "NotApplicable",
    "Shortfall",
    "awards",
    "check_award",
    "required_strands",
]


class Shortfall(Model):
    """One thing that stands between a school and an award."""

    kind: Literal["level", "evidence", "condition"] = Field(
        description="A level not yet reached, a strand without evidence, or (for `any`, "
        "`not` and tests other than `reached`) an unmet condition described in words."
    )
    subject: Literal["strand", "aspect", "element"] | None = None
    id: Id | None = Field(default=None, description="The strand, aspect or element.")
    level: StrictInt | None = Field(default=None, description="Its level now; None: not judged.")
    needed: StrictInt | None = Field(default=None, description="The level it must reach.")
    text: Text = Field(description="What is missing, in words.")


class NotApplicable(Model):
    """A strand an award names (or covers) that does not apply to this school, and why."""

    id: Id
    evidence: str | None = Field(default=None, description="Why it does not apply.")
    text: Text = Field(description="In words: `1b5 is not applicable: ...`.")


class AwardResult(Model):
    """Whether a school meets one award, and what is missing if not."""

    id: Id
    title: Text
    met: StrictBool
    requirement: str = Field(
        description="The award's condition in words (and the evidence it needs, if any)."
    )
    evidence_required: StrictBool = False
    missing: tuple[Shortfall, ...] = Field(
        default=(), description="Empty exactly when the award is met."
    )

    not_applicable: tuple[NotApplicable, ...] = Field(
        default=(),
        description="Strands the award names or covers that do not apply (not missing).",
    )
    judged: StrictBool = Field(
        default=True,
        description="False when every strand the award names or covers is not applicable: "
        "nothing was judged, and the award is met only because nothing is missing.",
    )

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Results with nothing not applicable dump as they always have.
        data: dict[str, Any] = handler(self)
        if not self.not_applicable:
            data.pop("not_applicable", None)
        if self.judged:
            data.pop("judged", None)
        return data

    @model_validator(mode="after")
    def _missing_iff_unmet(self) -> Self:
        if self.met == bool(self.missing):
            raise ValueError("an award is met exactly when nothing is missing")
        return self


def required_strands(framework: Framework, condition: Condition) -> tuple[str, ...]:
    """Every strand a condition names, and every strand under the aspects and elements it
    names, in framework order: the strands an award wants evidence for."""
    named: set[str] = set()
    for _, node_id in subjects_of(condition):
        named.update(s.id for s in framework.strands_under(node_id))
    return tuple(s for s in framework.strand_ids if s in named)


def _level_shortfall(framework: Framework, test: Test, facts: Facts) -> Shortfall:
    kind, node_id = test.subject
    needed = test.operator[1]
    level = facts.level(node_id)
    now = level_fact(kind, node_id, facts)
    text = f"{now}; needs level {needed} or better"
    if kind != "strand":
        scale = framework.scale
        short = [
            f"{s.id} ({'not judged' if lv is None else f'level {lv}'})"
            for s in framework.strands_under(node_id)
            # A strand not applicable is not below anything: it is listed as not applicable.
            if facts.applicable(s.id)
            and ((lv := facts.level(s.id)) is None or not scale.reached(lv, needed))
        ]
        if short:
            text += f"; below it: {', '.join(short)}"
    return Shortfall(kind="level", subject=kind, id=node_id, level=level, needed=needed, text=text)


def _shortfalls(framework: Framework, condition: Condition, facts: Facts) -> list[Shortfall]:
    """What keeps `condition` from holding: empty exactly when it holds."""
    if isinstance(condition, AllOf):
        return [s for c in condition.all for s in _shortfalls(framework, c, facts)]
    if isinstance(condition, Test) and not facts.applicable(condition.subject[1]):
        return []  # excused: listed as not applicable instead
    if holds(condition, framework.scale, facts):
        return []
    if isinstance(condition, Test) and condition.operator[0] == "reached":
        return [_level_shortfall(framework, condition, facts)]
    if isinstance(condition, Test) and condition.operator[0] == "score_reached":
        kind, node_id = condition.subject
        return [
            Shortfall(
                kind="condition",
                subject=cast("Literal['strand', 'aspect', 'element']", kind),
                id=node_id,
                level=facts.level(node_id),
                text=f"{level_fact(kind, node_id, facts)}; needs: {describe(condition)}",
            )
        ]
    return [Shortfall(kind="condition", text=f"needs: {describe(condition)}")]


def _has_evidence(assessment: Assessment, strand_id: str) -> bool:
    judgement = assessment.judgements.get(strand_id)
    return judgement is not None and says_something(judgement.evidence)


def check_award(
    framework: Framework, award: Award, assessment: Assessment, profile: Profile
) -> AwardResult:
    facts = Facts(profile)
    missing = _shortfalls(framework, award.require, facts)
    required = required_strands(framework, award.require)
    excused = [strand_id for strand_id in required if strand_id in profile.not_applicable]
    if award.evidence_required:
        missing += [
            Shortfall(
                kind="evidence",
                subject="strand",
                id=strand_id,
                level=profile.level(strand_id),
                text=f"{strand_id} has no written evidence"
                + (" (not judged)" if profile.level(strand_id) is None else ""),
            )
            for strand_id in required
            if not _has_evidence(assessment, strand_id) and strand_id not in excused
        ]
    requirement = describe(award.require)
    if award.evidence_required:
        requirement += "; written evidence for each strand it names"
    return AwardResult(
        id=award.id,
        title=award.title,
        met=not missing,
        requirement=requirement,
        evidence_required=award.evidence_required,
        missing=tuple(missing),
        not_applicable=tuple(_not_applicable(assessment, s) for s in excused),
        # Met with every strand it names not applicable: said, never passed off as earned.
        judged=len(excused) < len(required) or not required,
    )


#: What an award met with nothing judged says beside "met", wherever it is shown.
NOTHING_JUDGED = (
    "nothing was judged: every strand it names is not applicable, so nothing is missing"
)


def _not_applicable(assessment: Assessment, strand_id: str) -> NotApplicable:
    judgement = assessment.judgements.get(strand_id)
    evidence = None if judgement is None else judgement.evidence
    why = f": {evidence}" if says_something(evidence) else ""
    return NotApplicable(
        id=strand_id, evidence=evidence, text=f"{strand_id} is not applicable{why}"
    )


class Awards(tuple[AwardResult, ...]):
    """`Engine.awards`' answer: each award's result, a tuple as before round 70, and the
    `problems` `Engine.report` gives of the same review that are not a plugin's: a review
    dated after today (`review_dates.future_problems`), which had nowhere to go here, so a
    library caller learnt of the slip from `report` alone."""

    problems: tuple[Problem, ...]

    def __new__(cls, results: Iterable[AwardResult] = (), problems: Iterable[Problem] = ()) -> Self:
        made = super().__new__(cls, results)
        made.problems = tuple(problems)
        return made


def awards(
    framework: Framework, assessment: Assessment, *, profile: Profile | None = None
) -> tuple[AwardResult, ...]:
    """Each of the framework's awards, in order: met or not, and exactly what is missing.

    `profile` saves scoring again when the caller has one (its policy decides aspect and
    element levels; the default is `score(framework, assessment)`).
    """
    if profile is None:
        profile = score(framework, assessment)
    if not framework.awards:
        return ()  # most frameworks (no generator and tuple made for nothing)
    return tuple(check_award(framework, a, assessment, profile) for a in framework.awards)
