"""The transforms of `selfreview_core.testing.mirror`, which property tests and plugin
authors use: `improve` moves a school's strand towards the best and refuses a strand with
no level and a move off the scale, saying which (a mutation pass over `testing/mirror.py`,
round 44, drawn in part); `mirror_framework` keeps a question framework's questions, each on
its level's mirror, `mirror_condition` keeps a test of one level a test of one level, and
`inverse_migration` refuses a migration that only retires (round 45: all three were
wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    Assessment,
    Framework,
    Migration,
    load_assessment,
    load_framework,
    score,
)
from selfreview_core.model.assessment import Judgement
from selfreview_core.testing import (
    conditions,
    frameworks,
    improve,
    inverse_migration,
    mirror_assessment,
    mirror_condition,
    mirror_framework,
    question_framework_and_assessment,
)

ROOT = Path(__file__).resolve().parents[2]


def test_a_strand_not_judged_or_not_applicable_cannot_be_improved() -> None:
    framework = load_framework(ROOT / "frameworks" / "becta-srf.yaml")
    review = load_assessment(
        ROOT / "examples" / "example-primary-2026.yaml", {framework.ref: framework}
    )
    level = review.judgements["1a1"].level
    assert level is not None
    assert improve(framework, review, "1a1").judgements["1a1"].level == level - 1  # 1 is best
    judgements = dict(review.judgements)
    judgements["1a1"] = Judgement(applicable=False, evidence="No such thing here")
    absent = review.model_copy(update={"judgements": judgements})
    with pytest.raises(ValueError, match=r"strand '1a1' is not judged by level"):
        improve(framework, absent, "1a1")
    with pytest.raises(ValueError, match=r"strand 'nope' is not judged by level"):
        improve(framework, review, "nope")
    with pytest.raises(ValueError, match=r"cannot move level \d by 9 on 1 \(best\) \.\. 5"):
        improve(framework, review, "1a1", steps=9)


QUESTIONS = ROOT / "examples" / "questions" / "technology-standards.yaml"


def test_a_question_framework_mirrors_with_its_questions_on_the_mirrored_levels() -> None:
    """Each question stands for one level: mirrored, it stands for that level's mirror, and
    mirroring twice gives the framework back (its questions were dropped)."""
    framework = load_framework(QUESTIONS)
    mirrored = mirror_framework(framework)
    flip = framework.scale.mirror_level
    assert any(strand.questions for strand in framework)
    for strand, other in zip(framework, mirrored, strict=True):
        assert [(q.id, flip(q.level), q.text, q.answers) for q in strand.questions or ()] == [
            (q.id, q.level, q.text, q.answers) for q in other.questions or ()
        ]
    assert mirrored.answer_sets == framework.answer_sets
    assert mirror_framework(mirrored) == framework


@settings(max_examples=scaled(30))
@given(question_framework_and_assessment())
def test_an_answered_review_scores_the_mirrored_levels_on_the_mirrored_framework(
    case: tuple[Framework, Assessment],
) -> None:
    """A strand judged by its answers is at the mirrored level on the mirrored framework,
    and so is every aspect, element and the whole (the mirrored answers had no questions
    and scored nothing)."""
    framework, review = case
    flip = framework.scale.mirror_level
    mirrored = mirror_framework(framework)
    assert mirror_framework(mirrored) == framework
    there = score(mirrored, mirror_assessment(framework, review))
    here = score(framework, review)
    ids = [*framework.strand_ids, *(a.id for a in framework.aspects)]
    for node in [*ids, *(e.id for e in framework.elements)]:
        level = here.level(node)
        assert there.level(node) == (None if level is None else flip(level)), node
    assert there.overall == (None if here.overall is None else flip(here.overall))


def test_a_migration_that_only_retires_strands_has_no_inverse() -> None:
    """Nothing mapped and a strand retired: going back cannot bring its judgement back (an
    empty migration the other way was given)."""
    retiring = Migration.model_validate(
        {"from": "fw@1", "to": "fw@2", "strands": {}, "retired": ["a"]}
    )
    with pytest.raises(ValueError, match=r"^migration fw@1 -> fw@2 is not one-to-one"):
        inverse_migration(retiring)


@settings(max_examples=scaled(50))
@given(st.data())
def test_a_condition_mirrored_twice_is_the_condition_again(data: st.DataObject) -> None:
    """Either scale direction, every test and nesting: a test of one level (`level: 2`)
    stays a test of one level (it came back as `level: [2]`, not equal to itself)."""
    framework = data.draw(frameworks(), label="framework")
    condition = data.draw(conditions(framework), label="condition")
    mirrored = mirror_condition(framework.scale, condition)
    assert mirror_condition(framework.scale.mirrored(), mirrored) == condition


def test_an_award_on_one_level_mirrors_to_one_level_and_back() -> None:
    framework = load_framework(ROOT / "examples" / "awards" / "illustrative-award-framework.yaml")
    data = framework.model_dump(by_alias=True, mode="json", exclude_none=True)
    data["awards"][0]["require"] = {"strand": "1b1", "level": 2}
    one_level = Framework.model_validate(data)
    mirrored = mirror_framework(one_level)
    flip = one_level.scale.mirror_level
    require = mirrored.awards[0].require.model_dump(exclude_none=True)
    assert require == {"strand": "1b1", "level": flip(2)}
    assert mirror_framework(mirrored) == one_level
