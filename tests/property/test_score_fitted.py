"""One pass over a school's judgements (`scoring.score_fitted`): the fit told, the school
scored and every id's level given for the rule packs, exactly as the separate steps give
them (`check_assessment`, `scoring.plan.by_ranks`, `rules.index._levels_of`), over generated
frameworks of both scale directions, every policy, schools one after another (kept patterns
and shared tables reused); and it gives way (None) whenever it is not sure, so that the
full check says what is wrong and the strand-by-strand definition scores.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Engine, Framework, Policy, RulePack
from selfreview_core._frozen import freeze
from selfreview_core.errors import InvalidDocument
from selfreview_core.facts import Facts
from selfreview_core.model.assessment import Judgement
from selfreview_core.model.assessment_checks import check_assessment, surely_fits
from selfreview_core.model.conditions import Test
from selfreview_core.model.review import Review
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.report import Report
from selfreview_core.rules.index import CompiledRules, _levels_of
from selfreview_core.scoring import plan as plan_module
from selfreview_core.scoring.profiles import _RANK_POLICIES, Profile, not_sure, score, score_fitted
from selfreview_core.testing import (
    assessments,
    frameworks,
    mirror_assessment,
    mirror_framework,
)
from selfreview_core.testing.question_strategies import question_framework_and_assessment

from .test_score_plan import ALL_POLICIES, cohorts, one_strand_not_applicable, reference

pytestmark = pytest.mark.slow


def assert_one_pass(framework: Framework, assessment: Assessment, policy: Policy) -> None:
    """Given, the one pass is the three steps: the fit, the profile and the levels."""
    profile = score_fitted(framework, assessment, policy)
    assert profile is not None
    check_assessment(framework, assessment)  # the fit it told: nothing raised
    expected = reference(framework, assessment, policy)
    assert profile == expected
    assert repr(profile) == repr(expected)  # 3 from 3.0, 0.0 from -0.0
    assert profile.model_dump_json() == expected.model_dump_json()
    assert profile.model_fields_set == expected.model_fields_set
    # What the rule units read: every id of the framework, on the scale.
    merged = _levels_of(Facts(profile), frozenset((*framework.scale.levels, None)))
    assert merged is not None
    assert set(merged) == set(framework.ids)


@settings(max_examples=scaled(40))
@given(cohorts())
def test_one_pass_fits_scores_and_levels_as_the_separate_steps(
    cohort: tuple[Framework, list[Assessment]],
) -> None:
    framework, schools = cohort
    for judged, mine in (
        (framework, schools),
        (mirror_framework(framework), [mirror_assessment(framework, a) for a in schools]),
    ):
        for policy in ALL_POLICIES:
            for assessment in mine * 2:  # again: the kept patterns and tables reused
                assert surely_fits(judged, assessment)
                assert_one_pass(judged, assessment, policy)


@settings(max_examples=scaled(20))
@given(cohorts(max_elements=3, max_aspects=3, max_strands=2))
def test_shared_tables_past_their_bound_still_score_the_same(
    cohort: tuple[Framework, list[Assessment]],
) -> None:
    framework, schools = cohort
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "MAX_KEPT", 1)
        plan = plan_module.ScorePlan(framework)
        for assessment in schools:
            scorer = plan.fit_scorer(_RANK_POLICIES["median"], "median", Profile.trusted_fields)
            assert scorer is not None
            found = scorer(assessment)
            assert found is not None
            expected = reference(framework, assessment, "median")
            assert found.model_dump_json() == expected.model_dump_json()
    assert all(len(table) <= 1 for table in plan._kept["median"])
    shared = plan._shared[("median", True)]  # the aspects' and elements' tables
    assert [len(table) for table in shared] == [1, 1]


@settings(max_examples=scaled(20))
@given(cohorts(), st.data())
def test_a_strand_not_applicable_is_left_to_the_steps(
    cohort: tuple[Framework, list[Assessment]], data: st.DataObject
) -> None:
    framework, schools = cohort
    strand_id = data.draw(st.sampled_from(framework.strand_ids), label="not applicable")
    for changed in one_strand_not_applicable(schools, strand_id):
        for policy in ALL_POLICIES:
            assert score_fitted(framework, changed, policy) is None
            check_assessment(framework, changed)  # it fits: only the pass is not sure


@settings(max_examples=scaled(20))
@given(st.data())
def test_frameworks_with_questions_are_left_to_scoring_by_answers(data: st.DataObject) -> None:
    framework, assessment = data.draw(question_framework_and_assessment())
    for policy in ALL_POLICIES:
        assert score_fitted(framework, assessment, policy) is None
    levels = {s: Judgement(level=framework.scale.worst) for s in framework.strand_ids}
    plain = assessment.model_copy(update={"judgements": levels})
    assert score_fitted(framework, plain, "median") is None  # scored by scores, not levels


def review(framework: Framework, levels: dict[str, object], **extra: Any) -> Assessment:
    judgements = {strand_id: {"level": level} for strand_id, level in levels.items()}
    return Assessment.model_validate(
        {
            "framework": framework.ref,
            "school": {"id": "S1", "name": "Example School"},
            "assessed_on": "2026-01-01",
            "judgements": judgements,
            **extra,
        }
    )


def forged(assessment: Assessment, **fields: object) -> Assessment:
    """`assessment` with fields set behind validation's back."""
    changed = assessment.model_copy()
    object.__setattr__(changed, "__dict__", {**changed.__dict__, **fields})
    return changed


def with_judgement(assessment: Assessment, strand_id: str, judgement: object) -> Assessment:
    """One judgement set behind validation's back, in a `FrozenDict` as validation makes."""
    return forged(assessment, judgements=freeze({**assessment.judgements, strand_id: judgement}))


def forged_level(level: object) -> Judgement:
    judgement = Judgement(level=1)
    object.__setattr__(judgement, "__dict__", {**judgement.__dict__, "level": level})
    return judgement


class Anything:
    """Equal to everything (a forged framework name)."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


def unsure(framework: Framework, assessment: Assessment) -> list[object]:
    """What the pass gives under every policy (None each time when it is not sure)."""
    return [score_fitted(framework, assessment, policy) for policy in ALL_POLICIES]


@pytest.mark.parametrize("level", [True, False, 2.0, 3.0, 5.0, 0.0, 99, -1, "2", None])
def test_a_level_off_the_scale_or_not_an_int_is_not_told_fitting(
    small_framework: Framework, level: object
) -> None:
    framework = small_framework
    plain = review(framework, {"A1.2": 2})
    assert unsure(framework, plain) != [None] * 3  # the plain school is answered
    changed = with_judgement(plain, "A1.1", forged_level(level))
    assert unsure(framework, changed) == [None] * 3
    with pytest.raises(InvalidDocument):
        check_assessment(framework, changed)


def test_what_else_would_not_fit_is_left_to_the_full_check(small_framework: Framework) -> None:
    framework = small_framework
    plain = review(framework, {"A1.1": 1, "A1.2": 2})
    assert surely_fits(framework, plain)
    other = review(framework, {"A1.1": 1}).model_copy(update={"framework": "other@1"})
    answered = Judgement(level=1)
    object.__setattr__(answered, "__dict__", {**answered.__dict__, "answers": {}})
    wrong = [
        with_judgement(plain, "Z9", Judgement(level=1)),  # no such strand
        with_judgement(plain, "A1.1", "3"),  # not a judgement
        with_judgement(plain, "A1.1", SimpleNamespace(level=1, answers=None)),  # nor this
        with_judgement(plain, "A1.1", answered),  # answers, even none
        forged(plain, framework="other"),  # another framework
        other,
        forged(plain, judgements=None),
    ]
    for changed in wrong:
        assert unsure(framework, changed) == [None] * 3
        with pytest.raises(InvalidDocument):
            check_assessment(framework, changed)
    # Not a name, whatever it equals: left to the check (which fails its own way).
    assert unsure(framework, forged(plain, framework=Anything())) == [None] * 3
    # Judgements as a plain dict (built without validation) fit, and are scored the same,
    # but not by the pass, which takes only what validation gives.
    loose = forged(plain, judgements=dict(plain.judgements))
    assert unsure(framework, loose) == [None] * 3
    check_assessment(framework, loose)
    assert score(framework, loose) == score(framework, plain)
    # Named by its id alone, or `id@version`: both fit.
    assert score_fitted(framework, plain.model_copy(update={"framework": framework.id}))


class _Watched(Judgement):
    """A judgement whose every attribute read is noted: the pass must read none of it."""

    def __getattribute__(self, name: str) -> Any:
        READ.append(name)
        return super().__getattribute__(name)


READ: list[str] = []


def test_the_pass_reads_nothing_of_a_judgement_that_is_not_exactly_one(
    small_framework: Framework,
) -> None:
    """Each strand's judgement is checked exactly a `Judgement` before any is read, and one
    that is not of a strand is never read at all (the count of judged strands tells it)."""
    framework = small_framework
    plain = review(framework, {"A1.1": 1, "A1.2": 2})
    watched = _Watched(level=1)
    for changed in (
        with_judgement(plain, "A1.1", watched),  # of a strand
        with_judgement(plain, "Z9", watched),  # of no strand
    ):
        READ.clear()
        assert unsure(framework, changed) == [None] * 3
        assert READ == []
    # An exact judgement holding answers (even none) where a level is read: left to the
    # check, whichever strand holds it.
    answered = Judgement(level=1)
    object.__setattr__(answered, "__dict__", {**answered.__dict__, "answers": {}})
    for strand_id in ("A1.1", "A1.2"):
        assert unsure(framework, with_judgement(plain, strand_id, answered)) == [None] * 3


def test_a_school_with_strands_awaiting_review_is_left_to_the_full_check(
    small_framework: Framework,
) -> None:
    framework = small_framework
    plain = review(framework, {"A1.1": 1})
    waiting = forged(plain, review={"A1.2": Review(reason="split", note="From A1.1.")})
    assert surely_fits(framework, waiting)
    assert score_fitted(framework, waiting) is None
    assert score(framework, waiting) == score(framework, plain)


def test_an_unknown_policy_is_left_to_score_which_refuses_it(small_framework: Framework) -> None:
    plain = review(small_framework, {"A1.1": 1})
    assert score_fitted(small_framework, plain, cast(Policy, "mode")) is None
    with pytest.raises(ValueError, match="unknown policy 'mode'"):
        score(small_framework, plain, cast(Policy, "mode"))


def test_the_framework_s_own_policy_is_the_default(small_framework: Framework) -> None:
    framework = small_framework.model_copy(update={"policy": "weakest"})
    school = review(framework, {"A1.1": 0, "A1.2": 3})
    found = score_fitted(framework, school)
    assert found is not None
    assert found == score(framework, school) == score(framework, school, "weakest")
    assert found != score(framework, school, "median")


@settings(max_examples=scaled(20))
@given(st.data())
def test_rules_read_from_the_pass_s_levels_answer_as_the_facts(data: st.DataObject) -> None:
    """`made_keyed_fitted` gives what `made_keyed` of the facts gives, for schools one
    after another (units seen and new) under each policy (an aspect's level, and so the
    rationale, depends on it)."""
    framework = data.draw(frameworks())
    subjects = [("strand", s) for s in framework.strand_ids]
    subjects += [("aspect", a.id) for e in framework.elements for a in e.aspects]
    subjects += [("element", e.id) for e in framework.elements]  # each from its own table
    rules = tuple(
        Rule(
            id=f"rule-{i}",
            when=Test.model_validate({subject[0]: subject[1], operator: level}),
            recommend=RuleAdvice(title=f"Rule {i}", action="Act."),
        )
        for i, (subject, operator, level) in enumerate(
            data.draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(subjects),
                        st.sampled_from(["below", "reached", "level"]),
                        st.sampled_from(framework.scale.levels),
                    ),
                    min_size=1,
                    max_size=6,
                )
            )
        )
    )
    pack = RulePack(id="levels", framework=framework.ref, rules=rules)
    schools = data.draw(st.lists(assessments(framework), min_size=1, max_size=5))
    compiled, by_facts = CompiledRules(framework, [pack]), CompiledRules(framework, [pack])
    for assessment in schools * 2:
        for policy in ALL_POLICIES:
            profile = score_fitted(framework, assessment, policy)
            assert profile is not None
            expected = by_facts.made_keyed(Facts(score(framework, assessment, policy)))
            assert compiled.made_keyed_fitted(profile) == expected


@settings(max_examples=scaled(15))
@given(st.data())
def test_a_report_by_one_pass_is_the_report_by_the_steps(data: st.DataObject) -> None:
    """The engine's report (built-in plugins, Becta's packs) is the same, byte for byte,
    whether the pass answers or the check and scoring do."""
    engine = Engine(entry_points=False)
    becta = engine.framework("becta-srf")
    schools = data.draw(st.lists(assessments(becta), min_size=1, max_size=4))
    policy = data.draw(st.sampled_from(ALL_POLICIES))
    fast = [engine.report(a, framework=becta, policy=policy) for a in schools]
    slow_engine = Engine(entry_points=False)  # a new one: the engine keeps its scorer
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("selfreview_core.engine.fit_scorer_of", lambda *args: not_sure)
        slow = [slow_engine.report(a, policy=policy) for a in schools]
    for one, other in zip(fast, slow, strict=True):
        assert one.model_dump_json() == other.model_dump_json()
        assert repr(one) == repr(other)


@settings(max_examples=scaled(25), deadline=None)
@given(data=st.data())
def test_one_engine_changing_framework_and_policy_reports_as_new_engines(
    data: st.DataObject,
) -> None:
    """The engine keeps the last framework and policy's scorer and compiled packs
    (`Engine._last`): reports that change framework (both scale directions, and an equal
    copy of one, another object), policy (None too) or neither, in any order, are each
    what an engine new to them gives."""
    framework = data.draw(frameworks())
    mirrored = mirror_framework(framework)
    copy = framework.model_copy()
    engine = Engine(entry_points=False, frameworks=[framework])
    for _ in range(data.draw(st.integers(2, 6))):
        chosen = data.draw(st.sampled_from((framework, mirrored, copy)))
        policy = data.draw(st.sampled_from((None, *ALL_POLICIES)))
        school = data.draw(assessments(chosen))
        got = engine.report(school, framework=chosen, policy=policy)
        fresh = Engine(entry_points=False, frameworks=[framework])
        expected = fresh.report(school, framework=chosen, policy=policy)
        assert got.model_dump_json() == expected.model_dump_json()
        assert repr(got) == repr(expected)
        assert got.profile.policy == (policy or chosen.policy or "median")


def test_a_report_of_a_school_that_does_not_fit_still_raises(becta: Framework) -> None:
    engine = Engine(entry_points=False)
    school = review(becta, {"1a1": 2})
    broken = with_judgement(school, "9z9", Judgement(level=2))
    with pytest.raises(InvalidDocument, match="9z9"):
        engine.report(broken, framework=becta)
    off = with_judgement(school, "1a1", forged_level(9))
    with pytest.raises(InvalidDocument):
        engine.report(off, framework=becta)


def test_a_pack_of_the_profile_s_own_kind_is_not_read_from_levels(becta: Framework) -> None:
    """Levels given by the pass are read only by packs whose rules read levels alone; the
    rest answer from the facts, as before."""
    rule = Rule(
        id="scored",
        when=Test.model_validate({"strand": "1a1", "score_below": 2}),
        recommend=RuleAdvice(title="Scored", action="Act."),
    )
    pack = RulePack(id="scores", framework=becta.ref, rules=(rule,))
    compiled = CompiledRules(becta, [pack])
    assert compiled._units is None
    school = review(becta, {"1a1": 5})
    found = score_fitted(becta, school)
    assert found is not None
    made = compiled.made_keyed_fitted(found)
    assert made == compiled.made_keyed(Facts(found))
    assert [r.title for r in made[0]] == ["Scored"]


def test_one_pass_gives_the_values_a_reader_expects(small_framework: Framework) -> None:
    """Values worked out by hand (both paths share `_reduced`, so the comparisons above
    cannot see it wrong): progress is the mean rank over the span, the mean's score is
    unrounded, its level rounded half down, and the median takes the lower middle."""
    school = review(small_framework, {"A1.1": 0, "A1.2": 3, "A2.1": 2})
    profile = score_fitted(small_framework, school, "mean")
    assert profile is not None
    assert (profile.aspects["A1"], profile.progress("A1"), profile.score("A1")) == (1, 0.5, 1.5)
    assert (profile.elements["A"], profile.progress("A"), profile.score("A")) == (2, 5 / 9, 5 / 3)
    assert (profile.overall, profile.overall_progress, profile.overall_score) == (2, 5 / 9, 5 / 3)
    assert profile.coverage == 0.75
    strands = {"A1.1": 0, "A1.2": 3, "A2.1": 2, "B1.1": None}
    assert profile.strands == strands
    assert profile.elements == {"A": 2, "B": None}
    assert profile.aspects == {"A1": 1, "A2": 2, "B1": None}
    median = score_fitted(small_framework, school, "median")
    assert median is not None
    assert (median.aspects["A1"], median.score("A1")) == (0, 0.0)
    assert median.progress("A1") == 0.5
    # The other direction (best 0): the same ranks, so the same progress and scores.
    mirrored = score_fitted(
        mirror_framework(small_framework), mirror_assessment(small_framework, school), "mean"
    )
    assert mirrored is not None
    assert mirrored.progress_by_id == profile.progress_by_id
    assert mirrored.scores == profile.scores
    assert mirrored.aspects["A1"] == 3 - 1


def test_a_report_with_a_previous_review_reads_changes_from_the_facts(
    small_framework: Framework,
) -> None:
    """With a previous review the pass's levels are not enough (a rule may read a change):
    the packs are answered from the facts, comparison included."""
    rule = Rule(
        id="better",
        when=Test.model_validate({"strand": "A1.1", "improved": True}),
        recommend=RuleAdvice(title="Keep it up", action="Share what worked."),
    )
    pack = RulePack(id="changes", framework=small_framework.ref, rules=(rule,))
    engine = Engine(entry_points=False, frameworks=[small_framework], rule_packs=[pack])
    before = review(small_framework, {"A1.1": 1}).model_copy(
        update={"assessed_on": dt.date(2025, 1, 1)}
    )
    now = review(small_framework, {"A1.1": 2})
    report = engine.report(now, before)
    assert "Keep it up" in [r.title for r in report.recommendations]
    assert "Keep it up" not in [r.title for r in engine.report(now).recommendations]


def test_a_model_made_from_trusted_fields_takes_the_defaults_it_is_not_given() -> None:
    """Shared immutable defaults as they are; a default factory called for each instance."""
    values = {"framework": "f@1", "policy": "median", "coverage": 1.0, "overall": None}
    made = [Profile.trusted_fields(dict(values)) for _ in range(2)]
    for profile in made:
        assert profile.scores == {}
        assert type(profile.scores).__name__ == "FrozenDict"
        assert profile.overall_score is None
        assert profile.not_applicable == ()
        assert profile.by_scores is False
        assert profile.model_fields_set == set(values)
        assert list(profile.__dict__)[:4] == list(values)  # given first, in their order
    assert made[0].scores is not made[1].scores  # the factory's, one for each


def test_a_maker_for_given_fields_makes_what_trusted_fields_makes(becta: Framework) -> None:
    """`Model.trusted_maker`: the same instance as `trusted_fields` of the same dict (its
    values, their order, the fields set, the defaults of the rest), a fields set of its
    own each time; `trusted_fields` itself where a default is made per instance."""
    school = review(becta, dict.fromkeys(becta.strand_ids, becta.scale.worst))
    profile = score_fitted(becta, school)
    assert profile is not None
    given = ("framework", "assessment", "profile", "recommendations", "problems")
    values: dict[str, object] = {"framework": becta, "assessment": school, "profile": profile}
    values |= {"recommendations": (), "problems": ()}
    make = Report.trusted_maker(given)
    made, again = make(dict(values)), make(dict(values))
    expected = Report.trusted_fields(dict(values))
    assert made == expected
    assert repr(made) == repr(expected)
    assert list(made.__dict__.items()) == list(expected.__dict__.items())
    assert made.model_fields_set == expected.model_fields_set == set(given)
    assert made.__pydantic_fields_set__ is not again.__pydantic_fields_set__
    assert (made.__pydantic_extra__, made.__pydantic_private__) == (None, None)
    assert made.voices is None
    assert made.awards == ()
    # The profile the pass gives is made the same way: every field given.
    assert profile.model_fields_set == set(Profile.model_fields)
    assert repr(profile) == repr(Profile.trusted_fields(dict(profile.__dict__)))
    # A factory default (a table per instance), or a field it does not have: not this way.
    assert Profile.trusted_maker(("framework",)) == Profile.trusted_fields
    assert Report.trusted_maker((*given, "nonsense")) == Report.trusted_fields


@settings(max_examples=scaled(20))
@given(cohorts(max_elements=3, max_aspects=3, max_strands=2))
def test_a_profile_built_by_the_scorer_itself_is_the_one_its_maker_makes(
    cohort: tuple[Framework, list[Assessment]],
) -> None:
    """Given the class, the scorer builds the profile itself (`scoring.source._BUILT`): the
    same profile, field for field and fields set, as `Profile.trusted_fields` makes; and an
    aggregate of the same strands as one before it (an element of one aspect, overall of
    one element) gives what its own reduction gives."""
    framework, schools = cohort
    for policy in ALL_POLICIES:
        plan = plan_module.ScorePlan(framework)
        inline = plan.fit_scorer(_RANK_POLICIES[policy], policy, Profile)
        other = plan_module.ScorePlan(framework)
        made = other.fit_scorer(_RANK_POLICIES[policy], policy, Profile.trusted_fields)
        assert inline is not None
        assert made is not None
        for assessment in schools:
            found, expected = inline(assessment), made(assessment)
            assert type(found) is Profile
            assert found is not None
            assert expected is not None
            assert found.__dict__ == expected.__dict__
            assert repr(found) == repr(expected)
            assert found.model_fields_set == expected.model_fields_set
            assert found.__pydantic_extra__ is None
            assert found.__pydantic_private__ is None
            assert (
                found.model_dump_json()
                == reference(framework, assessment, policy).model_dump_json()
            )


def test_an_aggregate_of_the_same_strands_as_one_before_takes_its_results() -> None:
    """An element of one aspect takes the aspect's results; overall of one element, the
    element's: no second lookup (`scoring.source.source`)."""
    from selfreview_core.scoring.source import source

    written = source(["a1", "a2"], (("e", (("a", (0, 1)),)),), fit=True, inline=False)
    assert "k1 = k0" in written
    assert "v1, q1, r1 = v0, q0, r0" in written
    assert "vo, qo, ro = v0, q0, r0" in written
    assert "K1.get" not in written
    assert "K2.get" not in written
