"""The compiled rule index gives exactly what checking every rule gives, on generated rule
packs, frameworks of either scale direction and assessments, with and without a previous
review."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Judgement, RulePack, compare, score
from selfreview_core.facts import Facts, explain
from selfreview_core.model.assessment import School
from selfreview_core.model.conditions import subjects_of
from selfreview_core.rules.index import CompiledRules, fires_naively
from selfreview_core.testing import (
    answered_assessments,
    assessment_pairs,
    assessments,
    dates,
    frameworks,
    question_frameworks,
    rule_packs,
    schools,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow


@st.composite
def cases(draw: st.DrawFn) -> tuple[Framework, RulePack, Facts]:
    framework = draw(frameworks())
    pack = draw(rule_packs(framework))
    if draw(st.booleans()):
        old, new = draw(assessment_pairs(framework))
        facts = Facts(score(framework, new), compare(framework, old, new))
    else:
        facts = Facts(score(framework, draw(assessments(framework))))
    return framework, pack, facts


@settings(max_examples=scaled(60))
@given(cases())
def test_the_index_fires_exactly_the_rules_a_naive_check_fires(
    case: tuple[Framework, RulePack, Facts],
) -> None:
    framework, pack, facts = case
    naive = [rule.id for rule in fires_naively(pack, framework.scale, facts)]
    indexed = [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)]
    assert indexed == naive


@settings(max_examples=scaled(30))
@given(cases(), st.data())
def test_a_profile_with_a_level_off_the_scale_fires_what_a_naive_check_fires(
    case: tuple[Framework, RulePack, Facts], data: st.DataObject
) -> None:
    """A profile built by hand may hold any level: every rule is checked then."""
    framework, pack, facts = case
    strand = data.draw(st.sampled_from(framework.strand_ids))
    off = data.draw(st.sampled_from([framework.scale.best, framework.scale.worst]))
    off += 1 if off == max(framework.scale.levels) else -1
    profile = facts.profile.model_copy(update={"strands": {**facts.profile.strands, strand: off}})
    facts = Facts(profile, facts.comparison)
    naive = [rule.id for rule in fires_naively(pack, framework.scale, facts)]
    indexed = [rule.id for _, rule in CompiledRules(framework, [pack]).fired(facts)]
    assert indexed == naive


@settings(max_examples=scaled(30))
@given(cases())
def test_every_fired_rule_explains_itself_and_targets_known_ids(
    case: tuple[Framework, RulePack, Facts],
) -> None:
    framework, pack, facts = case
    for recommendation in CompiledRules(framework, [pack]).recommendations(facts):
        assert recommendation.source == pack.id
        # The rule's condition in words, each id it tests with the school's value.
        rule = next(r for r in pack.rules if r.id == recommendation.id)
        assert recommendation.rationale == explain(rule.when, framework.scale, facts)
        assert all(node_id in recommendation.rationale for _, node_id in subjects_of(rule.when))
        assert all(target in framework for target in recommendation.targets)


@st.composite
def question_cases(draw: st.DrawFn) -> tuple[Framework, RulePack, Facts]:
    """A framework with questions (SPEC section 10), a rule pack and two reviews of one
    school, every strand applicable (the index's own path: it checks every rule itself when
    a strand is not applicable). A change there is by score: 0 to 0.75 is improved though
    the level stays."""
    framework = draw(question_frameworks())
    pack = draw(rule_packs(framework))
    old = draw(answered_assessments(framework, not_applicable=False))
    new = draw(answered_assessments(framework, not_applicable=False))
    later = old.assessed_on + dt.timedelta(days=draw(st.integers(1, 800)))
    new = new.model_copy(update={"school": old.school, "assessed_on": later})
    return framework, pack, Facts(score(framework, new), compare(framework, old, new))


@settings(max_examples=scaled(60))
@given(question_cases())
def test_the_index_fires_what_a_naive_check_fires_on_a_framework_with_questions(
    case: tuple[Framework, RulePack, Facts],
) -> None:
    framework, pack, facts = case
    naive = [rule.id for rule in fires_naively(pack, framework.scale, facts)]
    compiled = CompiledRules(framework, [pack])
    assert [rule.id for _, rule in compiled.fired(facts)] == naive
    made = [rec.id for rec in compiled.recommendations(facts)]
    assert made == naive


@st.composite
def reviews(draw: st.DrawFn, framework: Framework, school: School, on: dt.date) -> Assessment:
    """A review whose strands are each judged, left unjudged or not applicable: few
    values, so that schools drawn together are often alike in some ids and not others."""
    judgements: dict[str, Judgement] = {}
    for strand_id in framework.strand_ids:
        kind = draw(st.sampled_from(["level", "level", "unjudged", "not applicable"]))
        if kind == "level":
            judgements[strand_id] = Judgement(level=draw(st.sampled_from(framework.scale.levels)))
        elif kind == "not applicable":
            judgements[strand_id] = Judgement(applicable=False, evidence="Not here.")
    return Assessment(framework=framework.id, school=school, assessed_on=on, judgements=judgements)


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[Framework, RulePack, list[Facts]]:
    """One framework (either scale direction) and rule pack, and several schools' facts,
    some with a previous review."""
    framework = draw(frameworks())
    pack = draw(rule_packs(framework))
    school, first = draw(schools()), draw(dates())
    found = []
    for _ in range(draw(st.integers(2, 8))):
        new = draw(reviews(framework, school, first + dt.timedelta(days=400)))
        old = draw(st.none() | reviews(framework, school, first))
        comparison = None if old is None else compare(framework, old, new)
        found.append(Facts(score(framework, new), comparison))
    return framework, pack, found


@settings(max_examples=scaled(60))
@given(cohorts())
def test_every_school_gets_its_own_rationale_from_one_compiled_pack(
    case: tuple[Framework, RulePack, list[Facts]],
) -> None:
    """A compiled pack keeps the recommendations it made for schools alike in what their
    rationales state: each school of a run, one after another, still gets the rules that
    fire for it, each worded with its own levels, scores, changes and strands not
    applicable, never another school's."""
    framework, pack, schools_facts = case
    compiled = CompiledRules(framework, [pack])
    rules = {rule.id: rule for rule in pack.rules}
    for facts in schools_facts:
        made = list(compiled.recommendations(facts))
        naive = [rule.id for rule in fires_naively(pack, framework.scale, facts)]
        assert [rec.id for rec in made] == naive
        for rec in made:
            assert rec.rationale == explain(rules[rec.id].when, framework.scale, facts)
