"""What `selfreview_core.testing`'s question strategies draw (SPEC section 10): a property
over question frameworks is only as wide as the frameworks, answer sets and judgements
these give, on scales of either direction."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Judgement, Scale
from selfreview_core._names import POLICIES
from selfreview_core.model.questions import Answer
from selfreview_core.testing import (
    answer_sets,
    answered_assessments,
    answered_judgements,
    question_framework_and_assessment,
    question_frameworks,
)
from testing.test_strategies import SCALES, first
from testing.test_strategies_draws import never

ALWAYS = settings(max_examples=scaled(30))


def _policy(policy: str, framework: Framework) -> bool:
    return framework.policy == policy


def _valued(value: float, answers: tuple[Answer, ...]) -> bool:
    return any(a.value == value for a in answers)


@ALWAYS
@given(answer_sets(3))
def test_an_answer_set_holds_one_to_max_answers_valued_0_to_1(answers: tuple[Answer, ...]) -> None:
    assert 1 <= len(answers) <= 3
    assert [a.id for a in answers] == [f"a{i}" for i in range(len(answers))]
    assert all(0 <= a.value <= 1 for a in answers)


def test_answer_sets_of_one_and_of_max_answers_and_every_kind_of_value_are_drawn() -> None:
    assert len(first(answer_sets(3), lambda s: len(s) == 1)) == 1
    assert len(first(answer_sets(3), lambda s: len(s) == 3)) == 3
    for value in (0, 1, 0.25, 0.01):
        found = first(answer_sets(), partial(_valued, value))
        assert value in {a.value for a in found}


@ALWAYS
@given(question_frameworks())
def test_each_strand_with_questions_has_one_per_level_above_the_worst(framework: Framework) -> None:
    scale = framework.scale
    upwards = [scale.from_rank(rank) for rank in range(1, scale.size)]
    with_questions = [s for s in framework.strands if s.questions]
    assert with_questions
    assert with_questions[0] is framework.strands[0]
    for strand in with_questions:
        assert [q.level for q in strand.questions or ()] == upwards
        assert [q.id for q in strand.questions or ()] == [f"{strand.id}?{lv}" for lv in upwards]
        for question in strand.questions or ():
            assert framework.answer_set(question.answers)
    assert 1 <= len(framework.answer_sets or {}) <= 3
    assert framework.policy in POLICIES


@ALWAYS
@given(question_frameworks(all_strands=True, policy="weakest"))
def test_every_strand_has_questions_and_the_policy_given_when_asked(framework: Framework) -> None:
    assert all(strand.questions for strand in framework.strands)
    assert framework.policy == "weakest"


@pytest.mark.parametrize(
    ("what", "wanted"),
    [
        *[(f"policy {p}", partial(_policy, p)) for p in POLICIES],
        ("a strand without questions", lambda f: any(not s.questions for s in f.strands)),
        ("three answer sets", lambda f: len(f.answer_sets or {}) == 3),
        ("higher numbers better", lambda f: f.scale.best > f.scale.worst),
        ("lower numbers better", lambda f: f.scale.best < f.scale.worst),
        (
            "two answer sets in one strand",
            lambda f: any(len({q.answers for q in s.questions or ()}) > 1 for s in f.strands),
        ),
    ],
)
def test_question_frameworks_of_every_kind_are_drawn(
    what: str, wanted: Callable[[Framework], bool]
) -> None:
    assert wanted(first(question_frameworks(), wanted)), what


def _kind(judgement: Judgement) -> str:
    if judgement.applicable is False:
        return "not applicable"
    return "answers" if judgement.answers else "level"


def _kinds(judgements: Mapping[str, Judgement]) -> set[str]:
    return set(map(_kind, judgements.values()))


def _has_kind(kind: str, judgements: Mapping[str, Judgement]) -> bool:
    return kind in _kinds(judgements)


@pytest.mark.parametrize("scale", SCALES, ids=["5..1", "0..3"])
def test_answered_judgements_of_every_kind_are_drawn(scale: Scale) -> None:
    framework = first(
        question_frameworks(scale=scale, all_strands=True), lambda f: len(f.strand_ids) >= 2
    )
    drawn = answered_judgements(framework)
    every = set(framework.strand_ids)
    for kind in ("answers", "level", "not applicable"):
        assert kind in _kinds(first(drawn, partial(_has_kind, kind)))
    assert set(first(drawn, lambda j: set(j) == every)) == every
    assert set(first(drawn, lambda j: set(j) < every)) < every

    def some_unanswered(judgements: Mapping[str, Judgement]) -> bool:
        return any(
            j.answers and len(j.answers) < len(framework.strand(s).questions or ())
            for s, j in judgements.items()
        )

    assert some_unanswered(first(drawn, some_unanswered))


@ALWAYS
@given(st.data())
def test_answered_judgements_hold_to_what_is_asked(data: st.DataObject) -> None:
    framework = data.draw(question_frameworks())
    found = data.draw(answered_judgements(framework, not_applicable=False, partial=False))
    assert "not applicable" not in _kinds(found)
    for strand_id, judgement in found.items():
        strand = framework.strand(strand_id)
        if judgement.answers:
            assert strand.questions
            assert set(judgement.answers) == {q.id for q in strand.questions}
            for question in strand.questions:
                chosen = judgement.answers[question.id]
                assert chosen in {a.id for a in framework.answer_set(question.answers)}
        else:
            assert judgement.level in framework.scale.levels


@ALWAYS
@given(question_framework_and_assessment(not_applicable=False))
def test_an_answered_assessment_is_of_its_framework(pair: tuple[Framework, Assessment]) -> None:
    framework, assessment = pair
    assert assessment.framework == framework.id
    assert set(assessment.judgements) <= set(framework.strand_ids)
    assert "not applicable" not in _kinds(assessment.judgements)


def test_answered_assessments_judge_strands_not_applicable_by_default() -> None:
    framework = first(question_frameworks(), lambda f: True)
    found = first(
        answered_assessments(framework), lambda a: "not applicable" in _kinds(a.judgements)
    )
    assert "not applicable" in _kinds(found.judgements)


def test_answer_sets_by_default_never_hold_more_than_five_answers() -> None:
    never(answer_sets(), lambda s: len(s) > 5)


def test_frameworks_of_one_answer_set_are_drawn() -> None:
    found = first(question_frameworks(), lambda f: len(f.answer_sets or {}) == 1)
    assert len(found.answer_sets or {}) == 1


@ALWAYS
@given(question_frameworks(scale=Scale(best=1, worst=0), all_strands=True), st.data())
def test_a_strand_of_one_question_judged_by_answers_has_its_answer(
    framework: Framework, data: st.DataObject
) -> None:
    """A partial judgement by answers that left every question unanswered says something
    all the same: its first question answered (else it would be no judgement)."""
    for judgement in data.draw(answered_judgements(framework)).values():
        if judgement.answers is not None:
            assert len(judgement.answers) == 1


def test_by_default_answered_assessments_leave_questions_unanswered() -> None:
    framework = first(
        question_frameworks(scale=SCALES[0], all_strands=True), lambda f: len(f.strand_ids) >= 2
    )

    def some_unanswered(assessment: Assessment) -> bool:
        return any(
            j.answers and len(j.answers) < len(framework.strand(s).questions or ())
            for s, j in assessment.judgements.items()
        )

    assert some_unanswered(first(answered_assessments(framework), some_unanswered))


def test_by_default_a_framework_and_its_assessment_judge_a_strand_not_applicable() -> None:
    found = first(
        question_framework_and_assessment(), lambda p: "not applicable" in _kinds(p[1].judgements)
    )
    assert "not applicable" in _kinds(found[1].judgements)
