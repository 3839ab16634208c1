"""The lea-support plugin: advice to the local authority, rule by rule against hand-written
schools, in both scale directions, and never failing on any framework or assessment."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import selfreview_lea_support as plugin
from hypothesis import given, settings
from hypothesis import strategies as st
from selfreview_lea_support import _quick as quick

from selfreview_core import (
    PRIORITIES,
    Assessment,
    Engine,
    Framework,
    Judgement,
    Recommendation,
    School,
    score,
)
from selfreview_core.model import recommendation
from selfreview_core.testing import (
    assessment_pairs,
    assessments,
    frameworks,
    mirror_assessment,
    mirror_framework,
)

NAME = "lea-support"
BECTA = Engine(entry_points=False).framework("becta-srf")
GENERIC = {"lea-training-needs-analysis", "lea-share-good-practice"}
WEAK = (5, 4)  # the two weakest levels of Becta's scale, 1 (best) .. 5 (worst)


def school(framework: Framework, levels: dict[str, int], day: int = 1) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id="T1", name="Test School", authority="Test Authority"),
        assessed_on=dt.date(2026, 10, day),
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def recommend(
    framework: Framework, levels: dict[str, int], previous: dict[str, int] | None = None
) -> dict[str, Recommendation]:
    """The plugin's recommendations through an engine, by id."""
    engine = Engine(plugins=[plugin], entry_points=False, disable=["next-steps"])
    report = engine.report(
        school(framework, levels, day=2),
        None if previous is None else school(framework, previous, day=1),
        framework=framework,
    )
    assert report.problems == ()
    return {rec.id: rec for rec in report.recommendations}


def call(
    framework: Framework, assessment: Assessment, previous: Assessment | None = None
) -> list[Recommendation]:
    """The hook called directly, as pluggy would."""
    return plugin.selfreview_recommend(
        framework=framework, profile=score(framework, assessment), previous=previous
    )


def check_well_formed(framework: Framework, found: list[Recommendation]) -> None:
    assert isinstance(found, list)
    assert len({rec.id for rec in found}) == len(found)
    for rec in found:
        assert isinstance(rec, Recommendation)
        assert rec.id.startswith("lea-")
        assert rec.audience == "local authority"
        assert rec.priority in PRIORITIES
        assert rec.targets
        assert all(target in framework for target in rec.targets)
        assert rec.links == ()  # Becta's sites are no longer online: no dead link
        assert rec.reference is not None
        assert rec.reference.startswith("Becta (2003), report for LEA leadership teams")
        assert rec.reference.endswith("(archived source, no longer online)")
        assert "www.becta.org.uk/leas" in rec.reference
        assert rec.rationale
        assert rec.action.startswith(("Becta's report", "The school's vision"))
        if framework.id != "becta-srf":
            assert rec.id in GENERIC


# -- contingency plan: 1b1 at the two weakest levels --------------------------------------


@pytest.mark.parametrize("level", WEAK)
def test_contingency_plan_where_ict_leadership_rests_on_one_or_two(
    becta: Framework, level: int
) -> None:
    rec = recommend(becta, {"1b1": level})["lea-contingency-plan"]
    assert rec.priority == "high"
    assert rec.audience == "local authority"
    assert rec.targets == ("1b1",)
    assert rec.source == "selfreview_lea_support"  # registered by module: named by module
    assert f"is at level {level}" in rec.rationale
    assert "contingency plan" in rec.action
    assert "Vision and Strategic Planning" in (rec.reference or "")


@pytest.mark.parametrize("level", [1, 2, 3])
def test_no_contingency_plan_once_leadership_is_shared(becta: Framework, level: int) -> None:
    assert "lea-contingency-plan" not in recommend(becta, {"1b1": level})


# -- the vision judged two or more levels ahead of the strategy -----------------------------

VISION_CASES = [
    # (1a1, 1b2, fires): ranks differ by (1b2 - 1a1) on Becta's scale, where lower is better.
    (1, 3, True),
    (1, 5, True),
    (2, 4, True),
    (3, 5, True),
    (2, 5, True),
    (1, 2, False),
    (2, 3, False),
    (3, 4, False),
    (3, 3, False),
    (4, 2, False),
    (5, 1, False),
    (5, 3, False),
]


@pytest.mark.parametrize(("vision", "strategy", "fires"), VISION_CASES)
def test_vision_ahead_of_strategy_hand_cases(
    becta: Framework, vision: int, strategy: int, fires: bool
) -> None:
    found = recommend(becta, {"1a1": vision, "1b2": strategy})
    assert ("lea-vision-ahead-of-strategy" in found) is fires
    if fires:
        rec = found["lea-vision-ahead-of-strategy"]
        assert rec.targets == ("1a1", "1b2")
        assert f"is at level {vision}" in rec.rationale
        assert f"at level {strategy}" in rec.rationale
        assert f"{strategy - vision} levels ahead" in rec.rationale


@pytest.mark.parametrize("judged", [{"1a1": 1}, {"1b2": 5}, {}])
def test_vision_ahead_needs_both_strands_judged(becta: Framework, judged: dict[str, int]) -> None:
    assert "lea-vision-ahead-of-strategy" not in recommend(becta, judged)


@pytest.mark.parametrize(
    ("vision", "strategy"), list(itertools.product(BECTA.scale.levels, repeat=2))
)
def test_every_becta_rule_follows_the_scale_not_the_numbers(
    becta: Framework, vision: int, strategy: int
) -> None:
    """The same school on Becta's scale written the other way round (best 5, worst 1) gets
    the same advice: the plugin reads the direction from the framework."""
    levels = {"1a1": vision, "1b2": strategy, "1b1": vision, "1b3": strategy, "1b6": vision}
    mirrored = mirror_framework(becta)
    assert mirrored.scale.best == 5
    assessment = school(becta, levels)
    ids = {rec.id for rec in call(becta, assessment)}
    mirror_ids = {rec.id for rec in call(mirrored, mirror_assessment(becta, assessment))}
    assert ids == mirror_ids
    ahead = becta.scale.rank(vision) - becta.scale.rank(strategy)
    assert ("lea-vision-ahead-of-strategy" in ids) is (ahead >= 2)


# -- training needs, procurement, monitoring ---------------------------------------------


def test_training_needs_analysis_from_three_weak_strands(becta: Framework) -> None:
    rec = recommend(becta, {"1a1": 4, "1b4": 5, "1c3": 4, "1c4": 2})["lea-training-needs-analysis"]
    assert rec.targets == ("1a1", "1b4", "1c3")
    assert rec.priority == "medium"
    assert "3 of the 4 judged strands" in rec.rationale
    assert "1a1 at level 4, 1b4 at level 5, 1c3 at level 4" in rec.rationale
    assert "self-assessment tools" in rec.action


def test_training_needs_rationale_is_the_rules_word_for_word(becta: Framework) -> None:
    """The hook's training needs (made from phrases kept per framework) say exactly what
    the rule `training_needs` says."""
    levels = {"1a1": 4, "1b4": 5, "1c3": 4, "1c4": 2}
    rec = recommend(becta, levels)["lea-training-needs-analysis"]
    [rule] = plugin.training_needs(becta, score(becta, school(becta, levels, day=2)))
    assert (rec.rationale, rec.targets) == (rule.rationale, rule.targets)


def test_no_training_needs_analysis_from_two(becta: Framework) -> None:
    assert "lea-training-needs-analysis" not in recommend(becta, {"1a1": 4, "1b4": 5, "1c3": 3})


@pytest.mark.parametrize("level", WEAK)
def test_procurement_and_total_cost_of_ownership(becta: Framework, level: int) -> None:
    rec = recommend(becta, {"1b3": level})["lea-procurement-tco"]
    assert "Total Cost of Ownership" in rec.action
    assert rec.reference is not None
    assert (
        "further information at www.becta.org.uk/leas, www.becta.org.uk, "
        "buildingthegrid.becta.org.uk (archived source, no longer online)"
    ) in rec.reference
    assert f"1b3 (Budgetary effectiveness for ICT) is at level {level}" in rec.rationale


@pytest.mark.parametrize("level", WEAK)
def test_monitoring_and_evaluation_support(becta: Framework, level: int) -> None:
    rec = recommend(becta, {"1b6": level})["lea-monitoring-evaluation"]
    assert rec.targets == ("1b6",)
    assert "Monitoring and evaluation of impact" in (rec.reference or "")


@pytest.mark.parametrize("level", [1, 2, 3])
def test_budget_and_evaluation_rules_quiet_above_the_weak_levels(
    becta: Framework, level: int
) -> None:
    found = recommend(becta, {"1b3": level, "1b6": level})
    assert "lea-procurement-tco" not in found
    assert "lea-monitoring-evaluation" not in found


# -- sharing good practice ------------------------------------------------------------------


def test_good_practice_at_the_best_level(becta: Framework) -> None:
    rec = recommend(becta, {"1c2": 1, "1c3": 2})["lea-share-good-practice"]
    assert rec.targets == ("1c2",)
    assert rec.priority == "low"
    assert "1c2 is at level 1, the best level" in rec.rationale


def test_good_practice_from_improvement_since_the_previous_review(becta: Framework) -> None:
    rec = recommend(becta, {"1a1": 3, "1b1": 4, "1c1": 2}, previous={"1a1": 4, "1b1": 5})[
        "lea-share-good-practice"
    ]
    # 1b1 improved too, but is still among the weakest levels: nothing to share yet.
    assert rec.targets == ("1a1",)
    assert "1a1 has improved from level 4 to 3" in rec.rationale
    assert "previous review 2026-10-01" in rec.rationale


def test_no_good_practice_without_a_best_level_or_an_improvement(becta: Framework) -> None:
    assert "lea-share-good-practice" not in recommend(becta, {"1a1": 2, "1b1": 3})
    assert "lea-share-good-practice" not in recommend(
        becta, {"1a1": 2, "1b1": 3}, previous={"1a1": 2, "1b1": 2}
    )


# -- at the best level, and on other frameworks -------------------------------------------


def test_only_good_practice_at_the_best_level(becta: Framework) -> None:
    found = recommend(becta, dict.fromkeys(becta.strand_ids, becta.scale.best))
    assert set(found) == {"lea-share-good-practice"}
    assert found["lea-share-good-practice"].targets == becta.strand_ids


def test_a_weak_school_gets_every_becta_rule(becta: Framework) -> None:
    found = recommend(becta, {**dict.fromkeys(becta.strand_ids, 4), "1a1": 2})
    assert set(found) == {
        "lea-contingency-plan",
        "lea-vision-ahead-of-strategy",
        "lea-training-needs-analysis",
        "lea-procurement-tco",
        "lea-monitoring-evaluation",
    }
    check_well_formed(becta, list(found.values()))


def test_another_framework_gets_only_generic_advice(small_framework: Framework) -> None:
    """small_framework runs 0 (worst) .. 3 (best): its weak levels are 0 and 1."""
    levels = {"A1.1": 0, "A1.2": 1, "A2.1": 1, "B1.1": 3}
    found = recommend(small_framework, levels)
    assert set(found) == GENERIC
    assert found["lea-training-needs-analysis"].targets == ("A1.1", "A1.2", "A2.1")
    assert found["lea-share-good-practice"].targets == ("B1.1",)
    assert recommend(small_framework, {"A1.1": 2, "A1.2": 2, "A2.1": 2, "B1.1": 2}) == {}


def test_a_framework_about_organisations_gets_no_advice_even_when_asked_directly(
    small_framework: Framework,
) -> None:
    """The engine asks only for the frameworks in `SELFREVIEW_SERVES`; a caller that calls the
    hook itself still gets no advice to a local authority about an organisation's staff."""
    levels = {"A1.1": 0, "A1.2": 1, "A2.1": 1, "B1.1": 3}
    assert {rec.id for rec in call(small_framework, school(small_framework, levels))} == GENERIC
    terms = small_framework.terms.model_copy(update={"subject": "organisation"})
    organisation = small_framework.model_copy(update={"declared_terms": terms})
    assert organisation.terms.subject == "organisation"
    assert call(organisation, school(organisation, levels)) == []


def test_weak_levels_follow_the_scale(becta: Framework, small_framework: Framework) -> None:
    assert plugin.weak_levels(becta.scale) == (5, 4)
    assert plugin.weak_levels(small_framework.scale) == (0, 1)
    assert plugin.weak_levels(mirror_framework(becta).scale) == (1, 2)


# -- properties ------------------------------------------------------------------------------


@pytest.mark.slow
@settings(deadline=None)  # the profile's count of examples
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), assessment_pairs(f))))
def test_never_raises_on_any_framework(
    case: tuple[Framework, tuple[Assessment, Assessment]],
) -> None:
    framework, (previous, assessment) = case
    check_well_formed(framework, call(framework, assessment))
    check_well_formed(framework, call(framework, assessment, previous))
    engine = Engine(plugins=[plugin], entry_points=False, disable=["next-steps"])
    report = engine.report(assessment, previous, framework=framework)
    assert report.problems == ()


@pytest.mark.slow
@settings(deadline=None)  # the profile's count of examples
@given(assessment_pairs(BECTA))
def test_becta_rules_fire_exactly_when_they_should(pair: tuple[Assessment, Assessment]) -> None:
    previous, assessment = pair
    found = call(BECTA, assessment, previous)
    check_well_formed(BECTA, found)
    ids = {rec.id for rec in found}
    level = assessment.level
    assert ("lea-contingency-plan" in ids) is (level("1b1") in WEAK)
    assert ("lea-procurement-tco" in ids) is (level("1b3") in WEAK)
    assert ("lea-monitoring-evaluation" in ids) is (level("1b6") in WEAK)
    weak = [s for s in BECTA.strand_ids if level(s) in WEAK]
    assert ("lea-training-needs-analysis" in ids) is (len(weak) >= 3)
    vision, strategy = level("1a1"), level("1b2")
    ahead = vision is not None and strategy is not None and strategy - vision >= 2
    assert ("lea-vision-ahead-of-strategy" in ids) is ahead


@settings(deadline=None, max_examples=settings().max_examples // 2)
@given(assessments(BECTA, complete=True))
def test_a_rationale_states_the_schools_levels(assessment: Assessment) -> None:
    for rec in call(BECTA, assessment):
        for target in rec.targets:
            assert f"{target}" in rec.rationale
            assert f"level {assessment.level(target)}" in rec.rationale or (
                rec.id == "lea-share-good-practice"
            )


# -- installation ----------------------------------------------------------------------------


def test_the_entry_point_is_installed(becta: Framework) -> None:
    engine = Engine()
    info = {p.name: p for p in engine.plugins()}
    assert NAME in info
    assert info[NAME].origin == "entry point"
    assert info[NAME].version == "0.1.0"
    assert info[NAME].hooks == ("selfreview_recommend",)
    report = engine.report(school(becta, {"1b1": 4}), framework=becta)
    sources = {rec.id: rec.source for rec in report.recommendations}
    assert sources["lea-contingency-plan"] == NAME
    assert not [p for p in report.problems if p.source == NAME]


# -- the answers kept by pattern of levels ---------------------------------------------------


def every_rule(
    framework: Framework, assessment: Assessment, previous: Assessment | None = None
) -> list[Recommendation]:
    """Every rule run in full, in the hook's order: what the kept answers must equal."""
    profile = score(framework, assessment)
    found = [
        *plugin.training_needs(framework, profile),
        *plugin.good_practice(framework, profile, previous),
    ]
    if framework.id == plugin.BECTA:
        found += [
            *plugin.contingency_plan(framework, profile),
            *plugin.vision_ahead_of_strategy(framework, profile),
            *plugin.procurement(framework, profile),
            *plugin.monitoring(framework, profile),
        ]
    return found


@settings(deadline=None)
@given(
    st.sampled_from([BECTA, mirror_framework(BECTA)]).flatmap(
        lambda f: st.tuples(st.just(f), st.lists(assessments(f), min_size=1, max_size=6))
    )
)
def test_kept_answers_are_the_rules_answers(
    case: tuple[Framework, list[Assessment]],
) -> None:
    """Schools one after the other (so that later ones find answers kept for earlier
    patterns), in both scale directions: each gets exactly what its rules give."""
    framework, schools = case
    for assessment in [*schools, *schools]:
        assert call(framework, assessment) == every_rule(framework, assessment)


@settings(deadline=None)
@given(frameworks().flatmap(lambda f: st.tuples(st.just(f), st.lists(assessments(f), max_size=4))))
def test_kept_answers_on_any_framework(case: tuple[Framework, list[Assessment]]) -> None:
    framework, schools = case
    for assessment in [*schools, *schools]:
        assert call(framework, assessment) == every_rule(framework, assessment)


def test_a_weak_level_1_is_not_taken_for_another_judged_level(
    small_framework: Framework,
) -> None:
    """On 0 (worst) .. 3 (best) the level 1 is weak and 2 is not: two schools alike but for
    which strand is at 1 and which at 2 get their own training needs (a key in which any
    judged level were `True` would find the first school's answer for the second: True == 1)."""
    first = recommend(small_framework, {"A1.1": 0, "A1.2": 0, "A2.1": 1, "B1.1": 2})
    second = recommend(small_framework, {"A1.1": 0, "A1.2": 0, "A2.1": 2, "B1.1": 1})
    needs = "lea-training-needs-analysis"
    assert first[needs].targets == ("A1.1", "A1.2", "A2.1")
    assert second[needs].targets == ("A1.1", "A1.2", "B1.1")
    assert "B1.1 at level 1" in second[needs].rationale


def test_a_profile_off_the_scale_is_left_to_the_rules(becta: Framework) -> None:
    """A profile built by hand with a level the scale lacks (or a level that is not an
    int) gets what the rules give it, never an answer kept for another school."""
    assessment = school(becta, dict.fromkeys(("1a1", "1b1", "1b3", "1b6"), 5))
    profile = score(becta, assessment)
    plugin.selfreview_recommend(becta, profile, None)  # its answers kept
    for odd in (7, 5.0, True):
        strands = {**profile.strands, "1b1": odd}
        changed = profile.model_copy(update={"strands": strands})
        expected = [
            *plugin.training_needs(becta, changed),
            *plugin.good_practice(becta, changed, None),
            *plugin.contingency_plan(becta, changed),
            *plugin.vision_ahead_of_strategy(becta, changed),
            *plugin.procurement(becta, changed),
            *plugin.monitoring(becta, changed),
        ]
        assert plugin.selfreview_recommend(becta, changed, None) == expected


def test_a_profile_without_every_strand_gets_what_the_rules_give(becta: Framework) -> None:
    """A profile built by hand that leaves strands out (no `None` for them) is read as if
    they were not judged, as the rules read it."""
    assessment = school(becta, dict.fromkeys(("1a1", "1b1", "1b3", "1b6", "1c1"), 5))
    profile = score(becta, assessment)
    strands = {k: v for k, v in profile.strands.items() if v is not None}
    partial = profile.model_copy(update={"strands": strands})
    expected = [
        *plugin.training_needs(becta, partial),
        *plugin.good_practice(becta, partial, None),
        *plugin.contingency_plan(becta, partial),
        *plugin.vision_ahead_of_strategy(becta, partial),
        *plugin.procurement(becta, partial),
        *plugin.monitoring(becta, partial),
    ]
    assert len(expected) == 4  # training needs and three Becta rules
    assert plugin.selfreview_recommend(becta, partial, None) == expected


def test_kept_answers_start_again_when_full(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `MAX_KEPT` answers the table starts again, and every school still gets its own."""
    monkeypatch.setattr(quick, "MAX_KEPT", 3)
    monkeypatch.setattr(quick, "_PLANS", {})
    for levels in itertools.product((1, 3, 4, 5), repeat=3):
        assessment = school(becta, dict(zip(("1a1", "1b1", "1b3"), levels, strict=True)))
        assert call(becta, assessment) == every_rule(becta, assessment)
    assert 0 < len(quick._plan(becta).kept) <= 3


def test_answers_still_given_outlive_a_flood_of_new_ones(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept answers live in two generations of `MAX_KEPT`: an answer still given (a
    school's good practice found again) is the very same object after more than `MAX_KEPT`
    new answers were made; one no longer given is forgotten. The advice each school's is
    made from (the plan's template) stays known as validation built it while it is used,
    however many were validated since, so it keeps taking the quick path
    (`Recommendation.with_reasons`)."""
    monkeypatch.setattr(quick, "MAX_KEPT", 3)
    monkeypatch.setattr(quick, "_PLANS", {})
    monkeypatch.setattr(recommendation, "MAX_VALIDATED", 16)
    monkeypatch.setattr(recommendation, "_VALIDATED", [{}, {}])
    kept = school(becta, {"1a1": 1, "1b1": 1})
    dropped = school(becta, {"1a1": 1, "1b1": 1, "1b2": 1})
    first, gone = call(becta, kept), call(becta, dropped)
    for levels in itertools.product((1, 3, 4, 5), repeat=3):
        named = dict(zip(("1c1", "1c2", "1c3"), levels, strict=True))
        assessment = school(becta, {"1a2": 5, "1b4": 5, **named})
        assert call(becta, assessment) == every_rule(becta, assessment)
        [again] = call(becta, kept)
        assert again is first[0]
    [other] = call(becta, dropped)
    assert other == gone[0]
    assert other is not gone[0]
    plan = quick._plan(becta)
    assert recommendation.validated(plan.training)  # used by nearly every school above
    assert len(plan.kept) <= 3


def test_a_forgotten_template_is_validated_again(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pushed out of what is remembered as validation built (by others' validations), the
    training-needs template is validated again within `MAX_KEPT` schools, so that its
    advice goes back to the quick path; the advice is the same either way."""
    monkeypatch.setattr(quick, "MAX_KEPT", 3)
    monkeypatch.setattr(quick, "_PLANS", {})
    plan = quick._plan(becta)
    monkeypatch.setattr(recommendation, "_VALIDATED", [{}, {}])  # everything forgotten
    assert not recommendation.validated(plan.training)
    for number, levels in enumerate(itertools.product((4, 5), repeat=4)):
        assessment = school(becta, dict(zip(("1a1", "1a2", "1b1", "1b2"), levels, strict=True)))
        assert call(becta, assessment) == every_rule(becta, assessment)
        if number >= 3:
            assert recommendation.validated(plan.training)


def test_answers_kept_for_another_framework_are_not_taken(
    becta: Framework, small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answers are kept per framework by identity: a table left under the same `id()` by
    a framework since gone (ids are reused) is not this framework's."""
    other = quick._Plan(small_framework)
    monkeypatch.setattr(quick, "_PLANS", {id(becta): other})
    assessment = school(becta, dict.fromkeys(("1a1", "1b1", "1b3", "1b6"), 5))
    assert call(becta, assessment) == every_rule(becta, assessment)
    assert quick._plan(becta) is not other
