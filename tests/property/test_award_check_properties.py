"""Awards on generated frameworks (either scale direction), requirements and assessments:
a met award stays met when any judgement improves (for requirements built from `reached`,
`all` and `any`, which are monotone), and what is missing is empty exactly when the award
is met, whatever the requirement."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Award, Framework, awards
from selfreview_core.award_check import required_strands
from selfreview_core.facts import Facts, holds
from selfreview_core.model.conditions import AllOf, AnyOf, Condition, Test
from selfreview_core.scoring.profiles import score
from selfreview_core.testing import (
    assessments,
    conditions,
    frameworks,
    improve,
    mirror_assessment,
    mirror_framework,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow


def monotone_conditions(framework: Framework) -> st.SearchStrategy[Condition]:
    """`reached` tests on any strand, aspect or element, nested in `all` and `any`: a better
    judgement never makes them false (aggregation is monotone, SPEC 6)."""
    levels = st.sampled_from(framework.scale.levels)
    subjects = st.sampled_from([(framework.kind_of(node_id), node_id) for node_id in framework.ids])
    tests = st.builds(
        lambda subject, level: Test.model_validate({subject[0]: subject[1], "reached": level}),
        subjects,
        levels,
    )

    def combine(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
        many = st.lists(children, max_size=3).map(tuple)
        return many.map(lambda c: AllOf(all=c)) | many.map(lambda c: AnyOf(any=c))

    return st.recursive(tests, combine, max_leaves=6)


def with_awards(framework: Framework, requirements: list[tuple[Condition, bool]]) -> Framework:
    built = [
        Award(id=f"award-{i}", title=f"Award {i}", require=require, evidence_required=evidence)
        for i, (require, evidence) in enumerate(requirements)
    ]
    data: dict[str, Any] = framework.model_dump(exclude={"awards"})
    return Framework.model_validate({**data, "awards": built})


@st.composite
def cases(draw: st.DrawFn, *, monotone: bool) -> tuple[Framework, Assessment]:
    framework = draw(frameworks())
    make = monotone_conditions if monotone else conditions
    requirements = draw(st.lists(st.tuples(make(framework), st.booleans()), max_size=3))
    framework = with_awards(framework, requirements)
    return framework, draw(assessments(framework))


@settings(max_examples=scaled(60))
@given(cases(monotone=True), st.data())
def test_a_met_award_stays_met_when_any_judgement_improves(
    case: tuple[Framework, Assessment], data: st.DataObject
) -> None:
    framework, assessment = case
    before = awards(framework, assessment)
    movable = [
        strand_id
        for strand_id, judgement in assessment.judgements.items()
        if judgement.level != framework.scale.best
    ]
    if not movable:
        return
    strand_id = data.draw(st.sampled_from(movable))
    level = assessment.judgements[strand_id].level
    assert level is not None
    steps = data.draw(st.integers(1, framework.scale.size - 1 - framework.scale.rank(level)))
    after = awards(framework, improve(framework, assessment, strand_id, steps))
    for old, new in zip(before, after, strict=True):
        if old.met:
            assert new.met, (old, new)
        # Nothing new goes missing either: each shortfall after was one before.
        assert {(s.kind, s.id) for s in new.missing} <= {(s.kind, s.id) for s in old.missing}


@settings(max_examples=scaled(60))
@given(cases(monotone=False))
def test_what_is_missing_is_empty_exactly_when_the_award_is_met(
    case: tuple[Framework, Assessment],
) -> None:
    framework, assessment = case
    facts = Facts(score(framework, assessment))
    results = awards(framework, assessment)
    assert [r.id for r in results] == [a.id for a in framework.awards]
    for award, result in zip(framework.awards, results, strict=True):
        evidenced = all(
            (j := assessment.judgements.get(s)) is not None and (j.evidence or "").strip()
            for s in required_strands(framework, award.require)
        )
        expected = holds(award.require, framework.scale, facts) and (
            evidenced or not award.evidence_required
        )
        assert result.met is expected
        assert (not result.missing) is result.met
        for shortfall in result.missing:
            assert shortfall.text
            if shortfall.kind == "level":
                assert shortfall.needed is not None
                assert shortfall.level is None or not framework.scale.reached(
                    shortfall.level, shortfall.needed
                )


@settings(max_examples=scaled(40))
@given(cases(monotone=False))
def test_mirroring_the_scale_mirrors_every_award(case: tuple[Framework, Assessment]) -> None:
    framework, assessment = case
    flip = framework.scale.mirror_level
    results = awards(framework, assessment)
    mirrored = awards(mirror_framework(framework), mirror_assessment(framework, assessment))
    for result, mirror in zip(results, mirrored, strict=True):
        assert mirror.met is result.met
        assert [(s.kind, s.id) for s in mirror.missing] == [(s.kind, s.id) for s in result.missing]
        assert [(s.level, s.needed) for s in mirror.missing] == [
            (
                None if s.level is None else flip(s.level),
                None if s.needed is None else flip(s.needed),
            )
            for s in result.missing
        ]
