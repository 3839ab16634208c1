"""The answers a review rebuilt from a cohort gives a strand (`support.rebuilt_reviews`): any
whose values add up to the score the cohort holds, so that rules, awards and plugins read
the strand as they read the review."""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from ..model.framework import Framework
from ..model.questions import answer_value

__all__ = ["MOST_SUMS", "answers_for"]


def answers_for(
    framework: Framework,
    strand_id: str,
    units: int | None,
    denominator: int,
    given_up: set[str] | None = None,
) -> dict[str, str] | None:
    """Answers to `strand_id`'s questions whose values add up to `units` / `denominator`, a
    score as the cohort holds it (a whole number of 1 / `denominator`): not the school's
    own, which the cohort does not keep, but the same score, so every rule, award and
    plugin reads the strand as it read the review. None where a level alone gives the
    score (its rank) and where no answers add up to it (a file from elsewhere): then the
    level alone; None too where the strand's answers add up to more than `MOST_SUMS` sums,
    found before that many are made, and the strand then noted in `given_up`, which
    holds the strands given up for every score: each distinct score of a cohort asked
    again."""
    if units is None:
        return None
    target = Fraction(units, denominator)
    if target.denominator == 1 or (given_up is not None and strand_id in given_up):
        return None
    reach: dict[Fraction, dict[str, str]] = {Fraction(0): {}}
    for question in framework.strand(strand_id).questions or ():
        step: dict[Fraction, dict[str, str]] = {}
        values = [(answer_value(a.value), a.id) for a in framework.answer_set(question.answers)]
        for total, chosen in reach.items():
            for value, answer in values:
                if (after := total + value) not in step:
                    step[after] = {**chosen, question.id: answer}
            step.setdefault(total, chosen)  # unanswered, as a review may leave a question
            if len(step) > MOST_SUMS:  # at once (round 62: a million sums were made of
                if given_up is not None:  # two questions of 1,000 answers, 338 MB and
                    given_up.add(strand_id)  # 34 s, then again for each score)
                return None
        reach = step
    return reach.get(target)


#: Sums of answers `answers_for` keeps track of before it gives up (values of many places).
MOST_SUMS: Final = 100_000
