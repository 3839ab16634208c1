"""The rule index and its units (`rules.index`, `rules.units`, `rules.clauses`) against every
rule checked plainly (`fires_naively`, each recommendation made afresh), for profiles built by
hand as a caller of `CompiledRules` may give them: levels of other types (`True` for 1, 5.0
for 5, an int subclass that words itself otherwise), None levels, levels off the scale, in
strands, aspects and elements, strands missing or extra, tables in another order; over
generated frameworks of both scale directions and 2..9 levels, packs reading levels, changes
and scores, and schools one after another sharing one index, so that what one school left
kept is what a later one finds. The index gives exactly the plain answer (or the same error).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Engine, Framework, Policy, RulePack, score
from selfreview_core.facts import Facts
from selfreview_core.model.conditions import AllOf, AnyOf, NotOf, Test
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.rules.clauses import uses_change
from selfreview_core.rules.index import CompiledRules
from selfreview_core.scoring.profiles import Profile
from selfreview_core.testing import assessments, frameworks, rule_packs, scales

from .test_rule_units import naively

pytestmark = pytest.mark.slow


class Worded(int):
    """A level of the right value that words itself otherwise, as `True` does."""

    def __str__(self) -> str:
        return f"level-{int(self)}"


def outcome(answer: Any, *args: Any) -> object:
    """What `answer(*args)` gives, or its error (type and words): compared whole."""
    try:
        found = answer(*args)
    except Exception as error:
        return type(error), str(error)
    made, keys = found
    return [(r, r.rationale) for r in made], list(keys)


def hostile(level: int | None, scale_levels: tuple[int, ...]) -> st.SearchStrategy[Any]:
    """What a hand-built profile may hold instead of `level`."""
    options: list[Any] = [None, max(scale_levels) + 7, min(scale_levels) - 3]
    if level is not None:
        options += [float(level), Worded(level)]
        if level in (0, 1):
            options.append(bool(level))
    return st.sampled_from(options)


@st.composite
def hand_built(draw: st.DrawFn, profile: Profile) -> Profile:
    """`profile` with some values changed, strands added, tables reordered. (Not a strand
    dropped: the index then finds no test of it holding, where the plain check fails on
    the unknown id; `test_rule_units` pins that it answers so as it did before units.)"""
    levels = profile.scale.levels
    tables: dict[str, dict[str, Any]] = {}
    for name in ("strands", "aspects", "elements"):
        table = dict(getattr(profile, name))
        for node_id in table:
            if draw(st.integers(0, 4)) == 0:
                table[node_id] = draw(hostile(table[node_id], levels))
        if name == "strands" and draw(st.integers(0, 5)) == 0:
            table["extra-strand"] = draw(st.sampled_from(levels))
        if draw(st.booleans()):
            table = dict(reversed(table.items()))
        tables[name] = table
    return profile.model_copy(update=tables)


@st.composite
def cohorts(draw: st.DrawFn, /) -> tuple[Framework, RulePack, list[Assessment]]:
    framework = draw(frameworks(scale=draw(scales(max_levels=9))))
    pack = draw(rule_packs(framework))
    return framework, pack, draw(st.lists(assessments(framework), min_size=1, max_size=5))


@settings(
    max_examples=scaled(60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cohorts(), st.data())
def test_one_index_answers_hand_built_profiles_as_every_rule_checked(
    cohort: tuple[Framework, RulePack, list[Assessment]], data: st.DataObject
) -> None:
    framework, pack, schools = cohort
    compiled = CompiledRules(framework, [pack])
    policy = data.draw(st.sampled_from(cast(tuple[Policy, ...], POLICIES)))
    for assessment in schools:
        profile = score(framework, assessment, policy)
        variants = [profile, data.draw(hand_built(profile)), profile]
        for facts in map(Facts, data.draw(st.permutations(variants))):
            expected = outcome(naively, framework, pack, facts)
            assert outcome(compiled.made_keyed, facts) == expected


def _one_rule() -> tuple[Framework, RulePack, CompiledRules]:
    """Becta's framework, a pack of one rule stating 1a1's level, and its index."""
    framework = Engine(entry_points=False).framework("becta-srf")
    when = Test.model_validate({"strand": "1a1", "level": [1, 2]})
    rules = (Rule(id="r", when=when, recommend=RuleAdvice(title="T", action="Act.")),)
    pack = RulePack(id="p", framework=framework.ref, rules=rules)
    return framework, pack, CompiledRules(framework, [pack])


def _school(framework: Framework, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school={"id": "s", "name": "S"},
        assessed_on=dt.date(2024, 1, 1),
        judgements=levels,
    )


@pytest.mark.parametrize("odd", [True, 1.0, Worded(1)], ids=["bool", "float", "int-subclass"])
@pytest.mark.parametrize("first", ["odd", "plain"])
def test_a_level_equal_to_1_but_not_an_int_never_shares_a_rationale_with_1(
    odd: object, first: str
) -> None:
    """`True`, 1.0 and an int subclass equal 1 and hash as 1, so every table keyed by
    levels took them for 1: a school at 1 after one at `True` was told "it is at True",
    and the other way round. They are worded as they are, each school its own."""
    framework, pack, compiled = _one_rule()
    plain = score(framework, _school(framework, {"1a1": 1}))
    made = plain.model_copy(update={"strands": {**plain.strands, "1a1": odd}})
    order = [made, plain] if first == "odd" else [plain, made]
    for profile in order * 2:
        facts = Facts(profile)
        assert compiled.made_keyed(facts) == naively(framework, pack, facts)
    (words,) = [r.rationale for r in compiled.made_keyed(Facts(made))[0]]
    assert words == f"1a1 is at level 1 or 2 (it is at {odd})"


@pytest.mark.parametrize("odd", [True, 1.0, Worded(1)], ids=["bool", "float", "int-subclass"])
def test_schools_read_rule_by_rule_keep_a_level_apart_from_one_of_another_type(
    odd: object,
) -> None:
    """With a strand not applicable, a profile is read rule by rule and its recommendations
    kept by what their rationales state (`_key`): a level of another type equal to 1 is
    stated otherwise, so it is kept apart from 1, before or after it."""
    framework, pack, compiled = _one_rule()
    scored = score(framework, _school(framework, {"1a1": 1}))
    plain = scored.model_copy(update={"not_applicable": ("1a2",)})
    made = plain.model_copy(update={"strands": {**plain.strands, "1a1": odd}})
    for profile in (made, plain, made, plain):
        facts = Facts(profile)
        assert compiled.made_keyed(facts) == naively(framework, pack, facts)


def test_a_rule_reads_an_id_s_change_only_where_it_tests_it() -> None:
    """`uses_change`: what decides whether a rationale's key holds an id's level before
    (a rule testing its change words it), through `all`, `any` and `not`."""
    improved = Test.model_validate({"strand": "1a1", "improved": True})
    level = Test.model_validate({"strand": "1a1", "level": [1]})
    other = Test.model_validate({"strand": "1a2", "regressed": True})
    assert uses_change(improved, "1a1")
    assert not uses_change(level, "1a1")
    assert not uses_change(other, "1a1")
    assert uses_change(other, "1a2")
    for compound in (AllOf.model_validate({"all": [level, improved]}), AnyOf(any=(level, other))):
        assert uses_change(compound, "1a1") is (improved in getattr(compound, "all", ()))
    assert uses_change(NotOf.model_validate({"not": improved}), "1a1")
    assert not uses_change(NotOf.model_validate({"not": level}), "1a1")
