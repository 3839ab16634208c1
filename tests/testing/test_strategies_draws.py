"""What `selfreview_core.testing`'s strategies draw, beyond conditions (test_strategies.py).

A plugin author's property is only as wide as the examples it is given: a `scales()` that
stopped drawing scales whose best level is the lowest number, a `frameworks()` that never
drew a second element, or a `judgements()` that always judged every strand would leave
every property test in this project and in plugins passing while it checked half of what
it says. Each test here holds one promise of a strategy's docstring: what it always draws
(`@given`), and that each kind it names is drawn at all (`first`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from typing import TypeVar

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from scaled import scaled
from selfreview_core import Assessment, Framework, Judgement, Plan, Recommendation, Scale
from selfreview_core._names import PRIORITIES, STATUSES
from selfreview_core.model.conditions import SCORE_OPERATORS, AllOf, AnyOf, Condition, Test
from selfreview_core.model.rules import RulePack
from selfreview_core.testing import (
    TERMINAL_ATTACKS,
    assessment_pairs,
    assessments,
    conditions,
    dates,
    framework_and_assessment,
    frameworks,
    hostile_texts,
    ids,
    judgements,
    plans,
    recommendation_lists,
    review_days,
    rule_packs,
    scales,
    schools,
    texts,
)
from testing.test_strategies import SCALES, each_test, first

ASCENDING, DESCENDING = SCALES[1], SCALES[0]  # 0..3 with 3 best; 1 best .. 5
ALWAYS = settings(max_examples=scaled(40))
T = TypeVar("T")


def shape(framework: Framework) -> tuple[int, ...]:
    """Per element, its aspects' strand counts, flattened with the elements' lengths:
    (elements, aspects of each..., strands of each aspect...)."""
    aspects = [len(e.aspects) for e in framework.elements]
    strands = [len(a.strands) for e in framework.elements for a in e.aspects]
    return (len(framework.elements), *aspects, *strands)


# -- scales ---------------------------------------------------------------------------------


@ALWAYS
@given(scales(max_levels=4))
def test_a_scale_has_two_to_max_levels_levels(scale: Scale) -> None:
    assert 2 <= scale.size <= 4
    assert abs(scale.best - scale.worst) == scale.size - 1
    assert -10 <= scale.best <= 10


@pytest.mark.parametrize(
    ("what", "wanted"),
    [
        ("higher numbers better", lambda s: s.best > s.worst),
        ("lower numbers better", lambda s: s.best < s.worst),
        ("below zero", lambda s: min(s.best, s.worst) < 0),
        ("the most levels asked for", lambda s: s.size == 6),
        ("the fewest, two", lambda s: s.size == 2),
        ("labelled", lambda s: bool(s.labels)),
        ("unlabelled", lambda s: not s.labels),
    ],
)
def test_scales_of_every_kind_are_drawn(what: str, wanted: Callable[[Scale], bool]) -> None:
    assert wanted(first(scales(), wanted)), what


@ALWAYS
@given(scales(labels=False))
def test_scales_without_labels_have_none(scale: Scale) -> None:
    assert not scale.labels


@ALWAYS
@given(scales())
def test_a_scales_labels_name_its_levels(scale: Scale) -> None:
    assert set(scale.labels or {}) <= set(scale.levels)
    assert all(label.strip() for label in (scale.labels or {}).values())


# -- ids, texts, dates ----------------------------------------------------------------------


@ALWAYS
@given(ids())
def test_an_id_is_what_a_file_may_write(value: str) -> None:
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,11}", value)


def test_ids_of_one_character_and_of_twelve_are_drawn() -> None:
    assert len(first(ids(), lambda v: len(v) == 1)) == 1
    assert len(first(ids(), lambda v: len(v) == 12)) == 12


@ALWAYS
@given(texts(8))
def test_a_text_is_never_blank_and_never_longer_than_asked(value: str) -> None:
    assert value.strip()
    assert 1 <= len(value) <= 8
    value.encode("utf-8")  # no lone surrogate: a file could not hold one


def test_texts_beyond_ascii_are_drawn() -> None:
    assert not first(texts(), lambda v: not v.isascii()).isascii()


@ALWAYS
@given(hostile_texts())
def test_a_hostile_text_holds_a_terminal_attack(value: str) -> None:
    assert value.startswith("x")  # never blank, whatever the parts
    assert any(attack in value for attack in TERMINAL_ATTACKS)


def _holds(part: str, text: str) -> bool:
    return part in text


def test_every_terminal_attack_is_drawn() -> None:
    for attack in TERMINAL_ATTACKS:
        assert attack in first(hostile_texts(), partial(_holds, attack))


def test_hostile_texts_hold_controls_beyond_the_attacks() -> None:
    """Any control or format character around the attack (U+200B, a soft hyphen ...)."""

    def other_control(value: str) -> bool:
        rest = value
        for attack in TERMINAL_ATTACKS:
            rest = rest.replace(attack, "")
        return any(not c.isprintable() for c in rest)

    assert other_control(first(hostile_texts(), other_control))


@ALWAYS
@given(dates())
def test_dates_fall_in_this_century_and_the_next(value: dt.date) -> None:
    assert dt.date(2000, 1, 1) <= value <= dt.date(2100, 12, 31)


def test_review_days_are_never_after_the_end_of_2025() -> None:
    """A review dated after today is a warning of every report (`review_dates`): the days
    drawn end on 2025-12-31, before any day these tests run, so no plugin meets it unasked."""
    never(review_days(), lambda d: d > dt.date(2025, 12, 31))
    assert first(review_days(), lambda d: d.year == 2025).year == 2025


def test_schools_with_and_without_an_authority_are_drawn() -> None:
    assert first(schools(), lambda s: s.authority is None).authority is None
    assert first(schools(), lambda s: s.authority is not None).authority


# -- frameworks ---------------------------------------------------------------------------


@ALWAYS
@given(frameworks(max_elements=2, max_aspects=2, max_strands=3))
def test_a_framework_keeps_to_the_shape_asked_for(framework: Framework) -> None:
    assert 1 <= len(framework.elements) <= 2
    for element in framework.elements:
        assert 1 <= len(element.aspects) <= 2
        for aspect in element.aspects:
            assert 1 <= len(aspect.strands) <= 3
            for strand in aspect.strands:
                assert set(strand.levels) == set(framework.scale.levels)


@ALWAYS
@given(frameworks(scale=ASCENDING))
def test_a_framework_on_a_scale_given_uses_it(framework: Framework) -> None:
    assert framework.scale == ASCENDING


@pytest.mark.parametrize(
    ("what", "wanted"),
    [
        ("the most elements", lambda f: len(f.elements) == 2),
        ("the most aspects", lambda f: any(len(e.aspects) == 3 for e in f.elements)),
        ("the most strands", lambda f: any(len(a.strands) == 3 for a in f.aspects)),
        ("one strand in all", lambda f: len(f.strand_ids) == 1),
        ("numbered ids", lambda f: f.elements[0].id == "1" and f.strand_ids[0] == "1a1"),
        ("dotted ids", lambda f: f.strand_ids[0] == "E1.A1.S1"),
        ("ids in words", lambda f: f.strand_ids[0] == "element-1-aspect-1-strand-1"),
        ("random ids", lambda f: f.elements[0].id not in ("1", "E1", "element-1")),
        ("a publisher", lambda f: f.publisher is not None),
        ("no publisher", lambda f: f.publisher is None),
        ("higher numbers better", lambda f: f.scale.best > f.scale.worst),
        ("lower numbers better", lambda f: f.scale.best < f.scale.worst),
    ],
)
def test_frameworks_of_every_kind_are_drawn(what: str, wanted: Callable[[Framework], bool]) -> None:
    assert wanted(first(frameworks(), wanted)), what


def test_the_shape_asked_for_is_reached() -> None:
    """Four elements, four aspects in one, four strands in one: the maxima given."""
    big = frameworks(max_elements=4, max_aspects=4, max_strands=4)
    assert len(first(big, lambda f: len(f.elements) == 4).elements) == 4
    found = first(big, lambda f: any(len(e.aspects) == 4 for e in f.elements))
    assert max(len(e.aspects) for e in found.elements) == 4
    found = first(big, lambda f: any(len(a.strands) == 4 for a in f.aspects))
    assert max(len(a.strands) for a in found.aspects) == 4


# -- judgements and assessments -------------------------------------------------------------


def test_judgements_not_complete_never_judge_every_strand_of_a_small_framework() -> None:
    """`complete=False` leaves a strand out even where every strand was drawn judged (one
    draw in four with two strands), so a property of incomplete reviews always meets one."""
    framework = first(
        frameworks(scale=DESCENDING, max_elements=1, max_aspects=1, max_strands=2),
        lambda f: len(f.strand_ids) == 2,
    )
    never(judgements(framework, complete=False), lambda j: len(j) == 2)


@ALWAYS
@given(st.data())
def test_judgements_complete_or_not_as_asked(data: st.DataObject) -> None:
    framework = data.draw(frameworks(scale=DESCENDING))
    every = set(framework.strand_ids)
    assert set(data.draw(judgements(framework, complete=True))) == every
    partial = data.draw(judgements(framework, complete=False))
    assert set(partial) < every
    some = data.draw(judgements(framework))
    assert set(some) <= every
    for judgement in some.values():
        assert judgement.level in framework.scale.levels


def test_judgements_of_either_kind_are_drawn_when_not_asked() -> None:
    framework = first(frameworks(scale=DESCENDING), lambda f: len(f.strand_ids) >= 2)
    drawn = judgements(framework)
    every = set(framework.strand_ids)
    assert set(first(drawn, lambda j: set(j) == every)) == every
    assert not first(drawn, lambda j: not j)
    kinds: list[tuple[str, Callable[[dict[str, Judgement]], bool]]] = [
        ("evidence", lambda j: any(v.evidence for v in j.values())),
        ("no evidence", lambda j: any(v.evidence is None for v in j.values())),
        ("a date", lambda j: any(v.judged_on for v in j.values())),
        ("no date", lambda j: any(v.judged_on is None for v in j.values())),
    ]
    for what, wanted in kinds:
        assert wanted(first(drawn, wanted)), what


def _judges_at(level: int, judged: dict[str, Judgement]) -> bool:
    return any(v.level == level for v in judged.values())


def test_every_level_of_the_scale_is_judged() -> None:
    framework = first(frameworks(scale=ASCENDING), lambda f: len(f.strand_ids) >= 1)
    drawn = judgements(framework, complete=True)
    for level in ASCENDING.levels:
        found = first(drawn, partial(_judges_at, level))
        assert level in {v.level for v in found.values()}


@ALWAYS
@given(framework_and_assessment(complete=True))
def test_an_assessment_is_of_its_framework(pair: tuple[Framework, Assessment]) -> None:
    framework, assessment = pair
    assert assessment.framework in (framework.id, framework.ref)
    assert set(assessment.judgements) == set(framework.strand_ids)


def test_assessments_name_their_framework_by_id_and_by_reference() -> None:
    framework = first(frameworks(), lambda f: f.id != f.ref)
    drawn = assessments(framework)
    assert first(drawn, lambda a: a.framework == framework.id).framework == framework.id
    assert first(drawn, lambda a: a.framework == framework.ref).framework == framework.ref
    assert first(drawn, lambda a: a.assessor is None).assessor is None
    assert first(drawn, lambda a: a.assessor is not None).assessor


@ALWAYS
@given(st.data())
def test_an_assessment_of_a_school_given_is_of_it(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    school = data.draw(schools())
    assert data.draw(assessments(framework, school=school)).school == school


@ALWAYS
@given(st.data())
def test_a_pair_of_reviews_is_of_one_school_in_order(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    first_review, second = data.draw(assessment_pairs(framework, complete=True))
    assert first_review.school == second.school
    assert first_review.assessed_on <= second.assessed_on
    assert set(second.judgements) == set(framework.strand_ids)


def test_pairs_of_reviews_on_one_day_and_years_apart_are_drawn() -> None:
    framework = first(frameworks(), lambda f: True)
    pairs = assessment_pairs(framework)
    same = first(pairs, lambda p: p[0].assessed_on == p[1].assessed_on)
    assert same[0].assessed_on == same[1].assessed_on
    apart = first(pairs, lambda p: p[0].assessed_on < p[1].assessed_on)
    assert apart[0].assessed_on < apart[1].assessed_on


# -- rule packs, recommendations, plans -------------------------------------------------------


def _has_priority(priority: str, pack: RulePack) -> bool:
    return any(rule.recommend.priority == priority for rule in pack.rules)


def _gives_priority(priority: str, found: tuple[Recommendation, ...]) -> bool:
    return any(x.priority == priority for x in found)


def _has_status(status: str, plan: Plan) -> bool:
    return any(a.status == status for a in plan.actions)


@ALWAYS
@given(st.data())
def test_a_rule_pack_is_for_its_framework(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    pack = data.draw(rule_packs(framework, max_rules=3))
    assert pack.framework == framework.ref
    assert len(pack.rules) <= 3
    assert [rule.id for rule in pack.rules] == [f"rule-{i}" for i in range(len(pack.rules))]


def test_rule_packs_empty_and_full_and_of_every_priority_are_drawn() -> None:
    framework = first(frameworks(), lambda f: True)
    packs = rule_packs(framework, max_rules=3)
    assert not first(packs, lambda p: not p.rules).rules
    assert len(first(packs, lambda p: len(p.rules) == 3).rules) == 3
    for priority in PRIORITIES:
        found = first(packs, partial(_has_priority, priority))
        assert priority in {rule.recommend.priority for rule in found.rules}


@ALWAYS
@given(st.data())
def test_recommendations_target_the_framework_with_unique_ids(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    found = data.draw(recommendation_lists(framework, max_size=4))
    assert len(found) <= 4
    assert len({r.id for r in found}) == len(found)
    for recommendation in found:
        assert set(recommendation.targets) <= set(framework.ids)
        assert len(set(recommendation.targets)) == len(recommendation.targets) <= 3


def test_recommendations_of_every_priority_and_reach_are_drawn() -> None:
    framework = first(frameworks(), lambda f: len(f.ids) >= 3)
    drawn = recommendation_lists(framework, max_size=4)
    assert len(first(drawn, lambda r: len(r) == 4)) == 4
    assert first(drawn, lambda r: any(len(x.targets) == 3 for x in r))
    assert first(drawn, lambda r: any(not x.targets for x in r))
    for priority in PRIORITIES:
        found = first(drawn, partial(_gives_priority, priority))
        assert priority in {x.priority for x in found}


@ALWAYS
@given(st.data())
def test_a_plan_is_for_its_framework_and_school(data: st.DataObject) -> None:
    framework = data.draw(frameworks())
    school = data.draw(schools())
    plan = data.draw(plans(framework, school=school, max_actions=3))
    assert plan.school == school
    assert plan.framework in (framework.id, framework.ref)
    assert len(plan.actions) <= 3
    assert len({a.id for a in plan.actions}) == len(plan.actions)
    for action in plan.actions:
        assert set(action.targets) <= set(framework.ids)
        assert len(set(action.targets)) == len(action.targets) <= 3
        for target, level in (action.baseline or {}).items():
            assert target in action.targets
            assert level in framework.scale.levels


def test_plans_of_every_status_and_with_baselines_are_drawn() -> None:
    framework = first(frameworks(), lambda f: len(f.ids) >= 3)
    drawn = plans(framework, max_actions=3)
    for status in STATUSES:
        found = first(drawn, partial(_has_status, status))
        assert status in {a.status for a in found.actions}
    kinds: list[tuple[str, Callable[[Plan], bool]]] = [
        ("a baseline", lambda p: any(a.baseline for a in p.actions)),
        ("an owner", lambda p: any(a.owner for a in p.actions)),
        ("a due date", lambda p: any(a.due for a in p.actions)),
        ("notes", lambda p: any(a.notes for a in p.actions)),
        ("made from a review", lambda p: p.made_from is not None),
        ("made from none", lambda p: p.made_from is None),
        ("three actions", lambda p: len(p.actions) == 3),
        ("a school drawn", lambda p: p.school is not None),
        ("the framework by reference", lambda p: p.framework == framework.ref),
    ]
    for what, wanted in kinds:
        assert wanted(first(drawn, wanted)), what


# -- the defaults of the sizes, as the signatures give them ----------------------------------


def _thresholds(condition: Condition) -> list[float]:
    if isinstance(condition, Test):
        operator, value = condition.operator
        return [float(value)] if operator in SCORE_OPERATORS else []
    if isinstance(condition, AllOf | AnyOf):
        children = condition.all if isinstance(condition, AllOf) else condition.any
        return [v for child in children for v in _thresholds(child)]
    return _thresholds(condition.not_)


def _tests(condition: Condition) -> int:
    if isinstance(condition, Test):
        return 1
    if isinstance(condition, AllOf):
        return sum(map(_tests, condition.all))
    if isinstance(condition, AnyOf):
        return sum(map(_tests, condition.any))
    return _tests(condition.not_)


@ALWAYS
@given(texts(), hostile_texts(), scales(), frameworks())
def test_the_default_sizes_are_never_passed(
    text: str, hostile: str, scale: Scale, framework: Framework
) -> None:
    assert len(text) <= 40
    assert len(hostile) <= 1 + 20 + max(map(len, TERMINAL_ATTACKS)) + 20
    assert scale.size <= 6
    assert len(framework.elements) <= 2
    assert max(len(e.aspects) for e in framework.elements) <= 3
    assert max(len(a.strands) for a in framework.aspects) <= 3


@settings(max_examples=scaled(15))
@given(st.data())
def test_the_default_sizes_of_what_is_made_of_a_framework_are_never_passed(
    data: st.DataObject,
) -> None:
    """Eight rules, eight recommendations and six actions at most; a condition of at most
    nine tests (three leaves a level of depth)."""
    framework = data.draw(frameworks())
    assert len(data.draw(rule_packs(framework)).rules) <= 8
    assert len(data.draw(recommendation_lists(framework))) <= 8
    assert len(data.draw(plans(framework)).actions) <= 6
    assert _tests(data.draw(conditions(framework))) <= 9


def test_the_default_sizes_are_reached() -> None:
    framework = first(
        frameworks(max_strands=8, max_elements=1, max_aspects=1), lambda f: len(f.ids) >= 8
    )
    assert first(scales(), lambda s: s.size == 6).size == 6
    assert len(first(recommendation_lists(framework), lambda r: len(r) == 8)) == 8
    assert len(first(plans(framework), lambda p: len(p.actions) == 6).actions) == 6


def never(
    strategy: st.SearchStrategy[T], unwanted: Callable[[T], bool], *, examples: int = 500
) -> None:
    """No example of `strategy` is `unwanted` in `examples` draws (under the `ci` profile):
    for a bound that a wrong strategy would pass only now and then."""
    with pytest.raises(NoSuchExample):
        find(
            strategy,
            unwanted,
            settings=settings(
                phases=[Phase.generate], database=None, max_examples=scaled(examples)
            ),
        )


def test_the_default_sizes_of_texts_are_never_passed_and_one_character_is_drawn() -> None:
    never(hostile_texts(), lambda t: len(t) > 1 + 20 + max(map(len, TERMINAL_ATTACKS)) + 20)
    never(texts(), lambda t: len(t) > 40)
    never(scales(), lambda s: s.size > 6)
    assert len(first(texts(), lambda t: len(t) == 1)) == 1


def _around_the_attack(text: str) -> int:
    """The characters of a hostile text besides its leading `x` and its attack (the longest
    of `TERMINAL_ATTACKS` in it, so never fewer than were drawn around it)."""
    return len(text) - 1 - max(len(a) for a in TERMINAL_ATTACKS if a in text)


def test_a_hostile_texts_characters_around_its_attack_keep_within_max_size() -> None:
    """`max_size` is shared by the text before the attack and the text after it, so a
    plugin's test can bound what it prints; all of it is drawn too."""
    never(hostile_texts(10), lambda t: _around_the_attack(t) > 10)
    assert _around_the_attack(first(hostile_texts(10), lambda t: _around_the_attack(t) == 10)) == 10


def test_recommendation_ids_are_never_repeated_nor_more_than_eight() -> None:
    framework = first(frameworks(), lambda f: True)
    never(recommendation_lists(framework), lambda r: len({x.id for x in r}) < len(r) or len(r) > 8)


def test_conditions_of_more_than_one_level_of_tests_are_drawn() -> None:
    """Up to nine tests by default (three leaves a level of depth): more than three too."""
    framework = first(frameworks(), lambda f: True)
    assert _tests(first(conditions(framework), lambda c: _tests(c) > 3)) > 3


def _expected_ids(style: str, framework: Framework) -> list[str]:
    """The ids a framework of this shape has in a house style, parents first."""
    out: list[str] = []
    for e, element in enumerate(framework.elements, start=1):
        name = {"numbered": f"{e}", "dotted": f"E{e}", "words": f"element-{e}"}[style]
        out.append(name)
        for a, aspect in enumerate(element.aspects):
            middle = {
                "numbered": f"{name}{'abcdefghij'[a]}",
                "dotted": f"{name}.A{a + 1}",
                "words": f"{name}-aspect-{a + 1}",
            }[style]
            out.append(middle)
            out += [
                {
                    "numbered": f"{middle}{s}",
                    "dotted": f"{middle}.S{s}",
                    "words": f"{middle}-strand-{s}",
                }[style]
                for s in range(1, len(aspect.strands) + 1)
            ]
    return out


def _ids_in_order(framework: Framework) -> list[str]:
    out: list[str] = []
    for element in framework.elements:
        out.append(element.id)
        for aspect in element.aspects:
            out += [aspect.id, *(strand.id for strand in aspect.strands)]
    return out


@pytest.mark.parametrize(
    ("style", "first_id"), [("numbered", "1"), ("dotted", "E1"), ("words", "element-1")]
)
def test_ids_in_a_house_style_number_every_element_aspect_and_strand(
    style: str, first_id: str
) -> None:
    """Aspects lettered or numbered from the first, strands numbered from 1, in order."""
    found = first(
        frameworks(max_aspects=3, max_strands=3),
        lambda f: (
            f.elements[0].id == first_id
            and len(f.elements) == 2
            and any(len(e.aspects) >= 2 for e in f.elements)
            and any(len(a.strands) >= 2 for a in f.aspects)
        ),
    )
    assert _ids_in_order(found) == _expected_ids(style, found)


def test_judgements_not_complete_may_leave_out_only_one_strand() -> None:
    framework = first(frameworks(scale=DESCENDING), lambda f: len(f.strand_ids) >= 3)
    drawn = judgements(framework, complete=False)
    every = len(framework.strand_ids)
    assert len(first(drawn, lambda j: len(j) == every - 1)) == every - 1


def test_thresholds_stay_within_a_rank_of_the_axis_and_conditions_within_nine_tests() -> None:
    """ "On the rank axis and just past its ends" (`conditions`): -1 at the least, one past
    the best rank at the most; and three leaves a level of depth."""
    framework = first(frameworks(scale=DESCENDING), lambda f: True)
    top = DESCENDING.size - 1

    def beyond(condition: Condition) -> bool:
        return _tests(condition) > 9 or any(
            not -1 <= value <= top + 1 for value in _thresholds(condition)
        )

    never(conditions(framework), beyond)


def test_a_level_of_depth_holds_three_tests_at_most() -> None:
    """`max_depth` bounds a condition at three tests a level (`max_depth=1`: three), so a
    plugin's test can size what it evaluates; ten at a time, where one in twenty-five of
    a looser bound's draws passes it."""
    ten = st.lists(
        conditions(first(frameworks(), lambda f: True), max_depth=1), min_size=10, max_size=10
    )
    never(ten, lambda found: max(map(_tests, found)) > 3, examples=100)
    assert max(map(_tests, first(ten, lambda found: max(map(_tests, found)) == 3))) == 3


def _shape(condition: Condition) -> tuple[int, set[str]]:
    """How deep `condition` nests (`all`, `any` and `not` each a level), and which of the
    three it uses."""
    if isinstance(condition, Test):
        return 0, set()
    if isinstance(condition, AllOf | AnyOf):
        kind = "all" if isinstance(condition, AllOf) else "any"
        children = condition.all if isinstance(condition, AllOf) else condition.any
    else:
        kind, children = "not", (condition.not_,)
    shapes = [_shape(child) for child in children]
    depth = 1 + max((depth for depth, _ in shapes), default=0)
    return depth, {kind}.union(*(kinds for _, kinds in shapes))


def _wide(condition: Condition) -> bool:
    depth, kinds = _shape(condition)
    return _tests(condition) >= 6 and depth >= 3 and kinds == {"all", "any", "not"}


def test_wide_conditions_are_drawn_often_and_narrow_ones_still() -> None:
    """Of 200 draws, a tenth at least hold six tests or more, three levels deep, through
    `all`, `any` and `not`, and a tenth at least three tests or fewer. Before round 64, 0
    to 8 of 200 were so wide in ten runs (`st.recursive` alone: most were one test or two
    under `not`s); now 33 to 56, and 54 to 117 narrow. Never fewer than 200 draws, whatever
    the profile: a run's draws vary alike, and of 40 (`dev`'s) as few as one was wide.
    Drawn from a fixed seed (`derandomize`), framework and conditions alike: a share is a
    statistic, and a clean-clone CI of round 77 drew 18 wide of 200 by chance."""
    framework = find(
        frameworks(),
        lambda f: len(f.ids) >= 6,
        settings=settings(phases=[Phase.generate], database=None, derandomize=True),
    )
    drawn: list[Condition] = []

    @settings(
        phases=[Phase.generate],
        database=None,
        max_examples=max(200, scaled(200)),
        derandomize=True,
    )
    @given(conditions(framework))
    def draw(condition: Condition) -> None:
        drawn.append(condition)

    draw()
    assert sum(map(_wide, drawn)) >= len(drawn) / 10
    assert sum(_tests(c) <= 3 for c in drawn) >= len(drawn) / 10


def test_a_wide_condition_keeps_to_three_tests_a_level_of_depth() -> None:
    """The wide conditions keep `max_depth`'s bound: six tests at most at `max_depth=2`."""
    framework = first(frameworks(), lambda f: True)
    never(conditions(framework, max_depth=2), lambda c: _tests(c) > 6)
    assert _tests(first(conditions(framework, max_depth=2), lambda c: _tests(c) == 6)) == 6


@pytest.mark.slow
def test_conditions_by_default_never_hold_more_than_nine_tests_in_many_draws() -> None:
    """Nine tests at most by default (`max_depth=3`). A default one level deeper passes
    nine in about one draw of ten since the wide conditions (round 64: their groups grow
    with `max_depth`; 154 of 1,500 draws, round 82), so 500 draws see it (`st.recursive`
    alone passed nine once in 1,300, and this drew 5,000). A looser bound of `st.recursive`
    at any depth is `test_a_level_of_depth_holds_three_tests_at_most`'s."""
    framework = first(frameworks(), lambda f: True)
    never(conditions(framework), lambda c: _tests(c) > 9, examples=500)


def test_plans_by_default_never_hold_more_than_six_actions() -> None:
    """Six actions at most unless `max_actions` says otherwise (six are drawn: see
    `test_the_default_sizes_are_reached`)."""
    never(plans(first(frameworks(), lambda f: True)), lambda p: len(p.actions) > 6, examples=100)


def _not_a_score(value: float) -> bool:
    """Whether a threshold is other than a whole number, a half, a third or a quarter: what
    the averages of answers and of strands reach (`conditions`' thresholds)."""
    return 12 % Fraction(value).limit_denominator(60).denominator != 0


def test_fractional_thresholds_are_halves_thirds_and_quarters_only() -> None:
    """No fifth or sixth: a threshold a score meets exactly is the one a rule's edge
    needs, and only halves, thirds and quarters are promised."""
    framework = first(frameworks(scale=DESCENDING), lambda f: True)
    never(conditions(framework), lambda c: any(map(_not_a_score, _thresholds(c))))


def _listed(count: int, condition: Condition) -> bool:
    return any(
        t.operator[0] == "level"
        and isinstance(t.operator[1], tuple)
        and len(t.operator[1]) == count
        for t in each_test(condition)
    )


def test_level_lists_of_one_level_and_of_three_are_drawn() -> None:
    """`level: [3]` as well as `level: 3` and `level: [1, 2, 3]`: a file may write any, so
    a plugin reading a test's levels meets a tuple of one as well as a bare level."""
    framework = first(frameworks(scale=DESCENDING), lambda f: True)
    for count in (1, 3):
        found = first(conditions(framework), partial(_listed, count))
        assert _listed(count, found)
