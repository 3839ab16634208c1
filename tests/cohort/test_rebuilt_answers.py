"""The answers a review rebuilt from a cohort gives a strand (`cohort.rebuilt_answers`):
answers only where the score is not a level's, and then any that add up to it."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from selfreview_core import load_framework
from selfreview_core.cohort import rebuilt_answers
from selfreview_core.cohort.rebuilt_answers import answers_for
from selfreview_core.model.questions import answer_value

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = load_framework(ROOT / "examples" / "questions" / "technology-standards.yaml")


def _sum(answers: dict[str, str]) -> Fraction:
    strand = FRAMEWORK.strand("L-G-1")
    by_id = {question.id: question for question in strand.questions or ()}
    return sum(
        (
            answer_value(answer.value)
            for question_id, answer_id in answers.items()
            for answer in FRAMEWORK.answer_set(by_id[question_id].answers)
            if answer.id == answer_id
        ),
        Fraction(0),
    )


def test_a_score_that_is_a_level_is_rebuilt_with_the_level_alone() -> None:
    """A whole score is a level's: the review is rebuilt with that level and no answers,
    so that no plugin or rule reads answers the school never gave (a mutation pass,
    round 62: answers adding up to 1 were invented for it)."""
    assert answers_for(FRAMEWORK, "L-G-1", 4, 4) is None
    assert answers_for(FRAMEWORK, "L-G-1", 0, 4) is None
    assert answers_for(FRAMEWORK, "L-G-1", None, 4) is None  # judged by a level


def test_a_score_between_levels_is_rebuilt_with_answers_that_add_up_to_it() -> None:
    for units in (1, 3, 5, 7, 9):
        answers = answers_for(FRAMEWORK, "L-G-1", units, 4)
        assert answers is not None
        assert _sum(answers) == Fraction(units, 4)


def test_a_search_past_the_most_sums_gives_up_for_the_level_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A strand whose answers add up in more ways than `MOST_SUMS` (many questions of
    answers valued to many places) is rebuilt with its level alone, not searched without
    end; here the bound is lowered so that a strand of three questions (12 sums) passes it
    (a mutation pass, round 62)."""
    assert answers_for(FRAMEWORK, "L-G-1", 3, 4) is not None
    monkeypatch.setattr(rebuilt_answers, "MOST_SUMS", 12)  # its three questions' 12 sums
    assert answers_for(FRAMEWORK, "L-G-1", 3, 4) is not None  # kept: at most, not past
    monkeypatch.setattr(rebuilt_answers, "MOST_SUMS", 11)
    assert answers_for(FRAMEWORK, "L-G-1", 3, 4) is None
