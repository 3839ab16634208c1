"""The one-pass scorers (`scoring.plan`'s compiled `fields` and `fit_scorer`, `scoring.score`
and `score_fitted`) against the strand-by-strand definition (`by_ranks`) and the full check
(`check_assessment`), for assessments built by hand as a caller may give them: levels of
other types (`True`, 5.0, an int subclass), None levels, levels off the scale, judgements
not applicable or with answers (even none), not `Judgement`s, strands missing or extra,
judgements in another order or not a `FrozenDict`, the framework named wrongly, strands
awaiting review; over generated frameworks of both scale directions and 2..9 levels, every
policy, schools one after another (kept patterns reused). Each scorer gives exactly what
the definition gives, or declines (None)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Framework, Policy, score
from selfreview_core._frozen import freeze
from selfreview_core.model.assessment import Judgement
from selfreview_core.model.assessment_checks import check_assessment, check_well_formed
from selfreview_core.model.review import Review
from selfreview_core.scoring.plan import by_ranks, plan_of
from selfreview_core.scoring.profiles import _RANK_POLICIES, Profile, score_fitted
from selfreview_core.testing import assessments, frameworks, scales

pytestmark = pytest.mark.slow


class Worded(int):
    """A level of the right value that words itself otherwise, as `True` does."""

    def __str__(self) -> str:
        return f"level-{int(self)}"


def built(**values: Any) -> Judgement:
    """A judgement made without validation (as `model_construct` does)."""
    fields = {"level": None, "answers": None, "applicable": None, "evidence": None}
    return Judgement.model_construct(**{**fields, "judged_on": None, **values})


@st.composite
def odd_judgement(draw: st.DrawFn, levels: tuple[int, ...], level: int | None) -> Any:
    options: list[Any] = [
        built(level=None),
        built(applicable=False, evidence="why"),
        built(level=level, applicable=False, evidence="why"),
        built(level=level, applicable=True),
        built(level=level, answers={}),
        built(level=max(levels) + 2),
        built(level=min(levels) - 1),
        SimpleNamespace(level=level, is_applicable=True, answers=None),
        level,
    ]
    if level is not None:
        options += [built(level=float(level)), built(level=Worded(level))]
        if level in (0, 1):
            options.append(built(level=bool(level)))
    return draw(st.sampled_from(options))


@st.composite
def hand_built(draw: st.DrawFn, framework: Framework, assessment: Assessment) -> Assessment:
    levels = framework.scale.levels
    judgements: dict[str, Any] = dict(assessment.judgements)
    for strand_id in framework.strand_ids:
        if draw(st.integers(0, 3)) == 0:
            level = draw(st.sampled_from((None, *levels)))
            judgements[strand_id] = draw(odd_judgement(levels, level))
    if judgements and draw(st.integers(0, 4)) == 0:
        del judgements[draw(st.sampled_from(sorted(judgements)))]
    if draw(st.integers(0, 5)) == 0:
        judgements["not-a-strand"] = Judgement(level=levels[0])
    if draw(st.booleans()):
        judgements = dict(reversed(judgements.items()))
    update: dict[str, Any] = {}
    update["judgements"] = judgements if draw(st.integers(0, 3)) == 0 else freeze(judgements)
    if draw(st.integers(0, 5)) == 0:
        update["framework"] = draw(st.sampled_from(["other", f"{framework.id}@other"]))
    if draw(st.integers(0, 6)) == 0:
        update["review"] = freeze(
            {framework.strand_ids[0]: Review(reason="split", note="One strand became two.")}
        )
    # `model_copy` freezes the values given: set the judgements as they are, unvalidated.
    made = assessment.model_copy()
    for name, value in update.items():
        object.__setattr__(made, name, value)
    return made


def outcome(answer: Any, *args: Any) -> object:
    try:
        found = answer(*args)
    except Exception as error:  # compared: the same error either way
        return type(error), str(error)
    return found if found is None else (found, repr(found))


def defined(framework: Framework, assessment: Assessment, policy: Policy) -> Profile:
    fields = by_ranks(framework, assessment.judgements, _RANK_POLICIES[policy], policy)
    return Profile.trusted_fields(fields)


def _said(expected: object, assessment: Assessment) -> list[object]:
    """What `score` raises where the definition stops with Python's error on judgements
    that validation would refuse: since round 51, the refusal validation would give
    (`check_well_formed`), by path."""
    if not (isinstance(expected, tuple) and expected[0] in (AttributeError, TypeError)):
        return []
    return [outcome(check_well_formed, assessment)]


@st.composite
def cohorts(draw: st.DrawFn, /) -> tuple[Framework, list[Assessment]]:
    framework = draw(frameworks(scale=draw(scales(max_levels=9))))
    return framework, draw(st.lists(assessments(framework), min_size=1, max_size=5))


@settings(
    max_examples=scaled(60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cohorts(), st.data())
def test_every_scorer_gives_the_definition_or_declines(
    cohort: tuple[Framework, list[Assessment]], data: st.DataObject
) -> None:
    framework, schools = cohort
    plan = plan_of(framework)
    for policy in cast(tuple[Policy, ...], POLICIES):
        for assessment in schools:
            made = data.draw(hand_built(framework, assessment))
            for each in data.draw(st.permutations([assessment, made, assessment])):
                expected = outcome(defined, framework, each, policy)
                # The plan's fields: the definition's, or None (it then answers).
                fields = plan.fields(each.judgements, _RANK_POLICIES[policy], policy)
                if fields is not None:
                    assert outcome(Profile.trusted_fields, fields) == expected
                assert outcome(score, framework, each, policy) in (expected, *_said(expected, each))
                # The one pass: only what the full check accepts, scored as defined.
                fitted = score_fitted(framework, each, policy)
                if fitted is not None:
                    check_assessment(framework, each)
                    assert (fitted, repr(fitted)) == expected


def test_a_level_equal_to_one_on_the_scale_but_not_an_int_is_never_told_fitting() -> None:
    """`True`, 1.0, an int subclass: each equals 1 and hashes as 1, so a table keyed by
    levels would take them for 1; the one pass declines each, the definition scores them
    by their own arithmetic."""
    from selfreview_core.testing.fixtures import _small_framework

    framework = _small_framework()
    for odd in (True, 1.0, Worded(1)):
        assessment = Assessment(
            framework=framework.ref,
            school={"id": "s", "name": "S"},
            assessed_on=dt.date(2024, 1, 1),
            judgements={"A1.1": 1},
        )
        object.__setattr__(assessment, "judgements", freeze({"A1.1": built(level=odd)}))
        assert score_fitted(framework, assessment) is None
        profile = score(framework, assessment)
        assert type(profile.strands["A1.1"]) is type(odd)
