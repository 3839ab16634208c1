"""Hypothesis strategies for question-based frameworks (SPEC 10) and their answered
assessments: answer sets valued 0..1, one question per level above the worst, judgements by
answers, by level or not applicable, on scales of either direction."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st

from .._names import POLICIES, Policy
from ..model.assessment import Assessment, Judgement
from ..model.framework import Framework
from ..model.questions import Answer, Question
from .strategies import frameworks, review_days, schools, texts

__all__ = [
    "answer_sets",
    "answered_assessments",
    "answered_judgements",
    "question_framework_and_assessment",
    "question_frameworks",
]


@cache
def _values() -> st.SearchStrategy[float]:
    """Answer values as authors write them: 0, 1, quarters, and two-place decimals."""
    return st.sampled_from((0, 0.25, 0.5, 0.75, 1)) | st.integers(0, 100).map(lambda n: n / 100)


@cache
def answer_sets(max_answers: int = 5) -> st.SearchStrategy[tuple[Answer, ...]]:
    """An answer set: 1..max_answers answers with unique ids, valued 0..1."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Answer, ...]:
        values = draw(st.lists(_values(), min_size=1, max_size=max_answers))
        return tuple(
            Answer(id=f"a{i}", text=draw(texts(20)), value=value) for i, value in enumerate(values)
        )

    return build()


@st.composite
def question_frameworks(
    draw: st.DrawFn,
    /,
    *,
    all_strands: bool = False,
    policy: Policy | None = None,
    **framework_options: Any,
) -> Framework:
    """Valid frameworks (`frameworks`, any scale direction) whose strands carry questions,
    one per level above the worst, each answered from one of 1..3 answer sets. Some strands
    have none unless `all_strands`; at least one has. The framework's `policy:` is drawn
    unless given."""
    framework = draw(frameworks(**framework_options))
    sets = {f"set{i}": draw(answer_sets()) for i in range(draw(st.integers(1, 3)))}
    names = sorted(sets)
    upwards = [framework.scale.from_rank(rank) for rank in range(1, framework.scale.size)]
    with_questions = [
        all_strands or i == 0 or draw(st.booleans()) for i in range(len(framework.strands))
    ]
    data = framework.model_dump(by_alias=True)
    index = 0
    for element in data["elements"]:
        for aspect in element["aspects"]:
            for strand in aspect["strands"]:
                if with_questions[index]:
                    strand["questions"] = [
                        Question(
                            id=f"{strand['id']}?{level}",
                            level=level,
                            text=draw(texts(30)),
                            answers=draw(st.sampled_from(names)),
                        )
                        for level in upwards
                    ]
                index += 1
    data["answer_sets"] = sets
    data["policy"] = policy if policy is not None else draw(st.sampled_from(POLICIES))
    return Framework.model_validate(data)


def answered_judgements(
    framework: Framework, *, not_applicable: bool = True, partial: bool = True
) -> st.SearchStrategy[dict[str, Judgement]]:
    """Judgements of some strands of a question framework: by answers (some questions left
    unanswered when `partial`) where a strand has questions, sometimes by level (with or
    without agreeing answers alone), sometimes not applicable."""

    @st.composite
    def one(draw: st.DrawFn, strand_id: str) -> Judgement:
        strand = framework.strand(strand_id)
        kinds = ["level"]
        if strand.questions:
            kinds += ["answers", "answers"]
        if not_applicable:
            kinds.append("not applicable")
        kind = draw(st.sampled_from(kinds))
        if kind == "not applicable":
            return Judgement(applicable=False, evidence=draw(texts(30).filter(str.strip)))
        if kind == "level":
            return Judgement(level=draw(st.sampled_from(framework.scale.levels)))
        answers: dict[str, str] = {}
        for question in strand.questions or ():
            if partial and draw(st.integers(0, 4)) == 0:
                continue
            choices = [a.id for a in framework.answer_set(question.answers)]
            answers[question.id] = draw(st.sampled_from(choices))
        if not answers:  # a judgement says something: answer the first question
            first = (strand.questions or ())[0]
            answers[first.id] = framework.answer_set(first.answers)[0].id
        return Judgement(answers=answers)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Judgement]:
        chosen = [s for s in framework.strand_ids if draw(st.integers(0, 5)) > 0]
        return {s: draw(one(s)) for s in chosen}

    return build()


def answered_assessments(
    framework: Framework, *, not_applicable: bool = True, partial: bool = True
) -> st.SearchStrategy[Assessment]:
    """Valid assessments of a question framework (`answered_judgements`)."""
    return st.builds(
        Assessment,
        framework=st.just(framework.id),
        school=schools(),
        assessed_on=review_days(),
        judgements=answered_judgements(framework, not_applicable=not_applicable, partial=partial),
    )


@st.composite
def question_framework_and_assessment(
    draw: st.DrawFn, /, *, not_applicable: bool = True, **options: Any
) -> tuple[Framework, Assessment]:
    """A question-based framework and an answered assessment of it, drawn together (as
    `framework_and_assessment`): the assessment's strands depend on the framework drawn."""
    framework = draw(question_frameworks(**options))
    return framework, draw(answered_assessments(framework, not_applicable=not_applicable))
