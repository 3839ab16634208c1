"""Rule packs answered by the levels each rule reads (`rules.units`) give exactly what
checking every rule gives: the same recommendations (rationales included) in the same
order, with the same sort keys, for schools one after another so that later ones find the
answers earlier ones left; over generated frameworks (either scale direction), every
policy, and packs whose rules test levels and changes (no scores: else the index answers as
before); with a previous review the index answers."""

from __future__ import annotations

from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Framework, Policy, RulePack, compare, score
from selfreview_core.facts import Facts
from selfreview_core.model.conditions import uses_scores
from selfreview_core.model.recommendation import Recommendation
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.recommending import sort_key
from selfreview_core.rules import units as units_module
from selfreview_core.rules.index import (
    CompiledRules,
    _levels_of,
    fires_naively,
    recommendation_for,
)
from selfreview_core.testing import assessments, conditions, frameworks, rule_packs

pytestmark = pytest.mark.slow

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)


@st.composite
def level_packs(draw: st.DrawFn, /, framework: Framework) -> RulePack:
    """Rule packs whose every rule tests levels and changes only (no scores), some rules
    reading the same ids."""
    whens = draw(st.lists(conditions(framework, scores=False), min_size=1, max_size=10))
    whens += draw(st.lists(st.sampled_from(whens), max_size=3))  # the same ids again, later
    rules = tuple(
        Rule(id=f"rule-{i}", when=when, recommend=RuleAdvice(title=f"Rule {i}", action="Act."))
        for i, when in enumerate(whens)
    )
    return RulePack(id="levels", framework=framework.ref, rules=rules)


@st.composite
def cohorts(draw: st.DrawFn, /) -> tuple[Framework, RulePack, list[Assessment]]:
    framework = draw(frameworks())
    pack = draw(level_packs(framework))
    return framework, pack, draw(st.lists(assessments(framework), min_size=1, max_size=8))


def naively(
    framework: Framework, pack: RulePack, facts: Facts
) -> tuple[list[Recommendation], list[int]]:
    """Every rule checked, and the recommendation of each that fires made afresh."""
    made = [
        recommendation_for(pack, rule, facts, scale=framework.scale)
        for rule in fires_naively(pack, framework.scale, facts)
    ]
    return made, [sort_key(framework, r) for r in made]


@settings(max_examples=scaled(40))
@given(cohorts())
def test_units_answer_as_every_rule_checked(
    cohort: tuple[Framework, RulePack, list[Assessment]],
) -> None:
    framework, pack, schools = cohort
    compiled = CompiledRules(framework, [pack])
    assert compiled._units is not None  # no rule reads a score
    for policy in ALL_POLICIES:
        for assessment in schools * 2:  # each school again: its answers are kept now
            facts = Facts(score(framework, assessment, policy))
            assert compiled.made_keyed(facts) == naively(framework, pack, facts)
    assert any(compiled._units._kept["median"])  # answers kept (of no levels too)
    # With a previous review, a change can hold: the index answers, not what was kept.
    for old, new in zip(schools, schools[1:] + schools[:1], strict=True):
        comparison = compare(framework, old, new, any_school=True, any_order=True)
        changed = Facts(score(framework, new), comparison)
        assert compiled.made_keyed(changed) == naively(framework, pack, changed)


@settings(max_examples=scaled(20))
@given(cohorts())
def test_a_full_table_keeps_no_more_and_answers_the_same(
    cohort: tuple[Framework, RulePack, list[Assessment]],
) -> None:
    framework, pack, schools = cohort
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(units_module, "MAX_KEPT", 1)
        compiled = CompiledRules(framework, [pack])
        for assessment in schools:
            facts = Facts(score(framework, assessment))
            assert compiled.made_keyed(facts) == naively(framework, pack, facts)
    assert compiled._units is not None
    assert all(len(table) <= 1 for table in compiled._units._kept["median"])


@settings(max_examples=scaled(20))
@given(st.data())
def test_packs_reading_scores_are_answered_by_the_index(
    data: st.DataObject,
) -> None:
    framework = data.draw(frameworks())
    pack = data.draw(rule_packs(framework))
    compiled = CompiledRules(framework, [pack])
    units = not any(uses_scores(rule.when) for rule in pack.rules)
    assert (compiled._units is not None) is units
    facts = Facts(score(framework, data.draw(assessments(framework))))
    assert compiled.made_keyed(facts) == naively(framework, pack, facts)


def outcome(compiled: CompiledRules, facts: Facts) -> object:
    try:
        return compiled.made_keyed(facts)
    except Exception as error:  # compared: the same error either way
        return type(error), str(error)


@settings(max_examples=scaled(20))
@given(cohorts(), st.data())
def test_a_profile_missing_an_id_is_answered_rule_by_rule(
    cohort: tuple[Framework, RulePack, list[Assessment]], data: st.DataObject
) -> None:
    """A profile built by hand without one of the framework's strands: the units cannot
    read it, and the index answers (or fails) as it did before units."""
    framework, pack, schools = cohort
    compiled, before = CompiledRules(framework, [pack]), CompiledRules(framework, [pack])
    before._units = None  # the index alone, as before
    profile = score(framework, schools[0])
    missing = data.draw(st.sampled_from(framework.strand_ids))
    strands = {s: level for s, level in profile.strands.items() if s != missing}
    changed = profile.model_copy(update={"strands": strands})
    assert outcome(compiled, Facts(changed)) == outcome(before, Facts(changed))
    assert compiled.made_keyed(Facts(profile)) == naively(framework, pack, Facts(profile))


def test_a_unit_is_a_run_of_rules_reading_the_same_ids(small_framework: Framework) -> None:
    """Rules reading the same ids one after another share a unit (one lookup); the same ids
    read again after another's rules start a unit of their own, so that the units' answers
    one after another are in rule order."""
    a, b, c = "A1.1", "A1.2", "A2.1"
    reads = [(a,), (a,), (b, c), (b, c), (a,), ()]
    units = units_module.RuleUnits(reads, small_framework)
    assert units.positions == ((0, 1), (2, 3), (4,), (5,))


@settings(max_examples=scaled(20))
@given(cohorts(), st.integers(0, 1))
def test_units_past_the_compiled_size_answer_the_same_by_getters(
    cohort: tuple[Framework, RulePack, list[Assessment]], spare: int
) -> None:
    """More units than `MAX_UNITS`: each key read by its getter instead of the compiled
    function; the same answers either way (and exactly at the size, compiled)."""
    framework, pack, schools = cohort
    size = len(CompiledRules(framework, [pack])._units.positions)  # type: ignore[union-attr]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(units_module, "MAX_UNITS", size - 1 + spare)
        compiled = CompiledRules(framework, [pack])
    assert compiled._units is not None
    assert (compiled._units._answer is not None) is bool(spare)
    for assessment in schools * 2:
        facts = Facts(score(framework, assessment, "mean"))
        assert compiled.made_keyed(facts) == naively(framework, pack, facts)
        # Seen once, a school is answered by the units' tables alone.
        levels = _levels_of(facts, frozenset((*framework.scale.levels, None)))
        assert levels is not None
        assert compiled._units.made_keyed(levels, "mean") == naively(framework, pack, facts)


class Counted(dict[str, object]):
    """A table that counts each id's reads."""

    reads: dict[str, int]

    def __getitem__(self, key: str) -> object:
        self.reads[key] = self.reads.get(key, 0) + 1
        return super().__getitem__(key)


def test_the_compiled_units_read_each_id_once(small_framework: Framework) -> None:
    """Units sharing ids read each id's level once a school, by its table's own
    `__getitem__` (a `FrozenDict`'s subscript costs several times that call), and answer
    as reading each unit's ids apart does."""
    a, b, c = "A1.1", "A1.2", "A2.1"
    reads = [(a,), (b, c), (a,), (c,), (b, c), ()]
    units = units_module.RuleUnits(reads, small_framework)
    assert units._answer is not None
    kept: list[dict[object, tuple[str, int]]] = [
        {1: ("u0", 0)},
        {(1, 2): ("u1", 1)},
        {1: ("u2", 2)},
        {2: ("u3", 3)},
        {(1, 2): ("u4", 4)},
        {(): ("u5", 5)},
    ]
    table = Counted({a: 1, b: 1, c: 2})
    table.reads = {}
    answer = units._answer(kept, table, table, table)
    assert answer == ["u0", 0, "u1", 1, "u2", 2, "u3", 3, "u4", 4, "u5", 5]
    assert table.reads == {a: 1, b: 1, c: 1}
    del table[c]  # an id missing: `KeyError`, as a subscript raises it
    with pytest.raises(KeyError):
        units._answer(kept, table, table, table)
