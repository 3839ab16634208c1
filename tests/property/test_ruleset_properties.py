"""The compiled rule index gives exactly what checking every rule gives, on generated rule
packs, frameworks of either scale direction and assessments, with and without a previous
review."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Framework, RulePack, compare, score
from selfreview_core.facts import Facts, explain
from selfreview_core.model.conditions import subjects_of
from selfreview_core.rule_index import CompiledRules, fires_naively
from selfreview_core.testing import assessment_pairs, assessments, frameworks, rule_packs

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
