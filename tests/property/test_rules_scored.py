"""Rule packs take the strands' levels of the profile the one-pass scorer gave last as it
read them (`scoring.plan.LAST_SCORED`, `RuleUnits.made_keyed_scored`), not from the profile's
table, when the profile's strands' table is that very one and the framework's strands are
the ones scored, in that order. The answer is what `made_keyed` of the facts gives, whether
they are taken or not: generated frameworks of both scale directions and packs of rules on
strands, aspects and elements, schools one after another under each policy, asked right
after scoring (taken) and after another school's (not); and a pack of a framework whose
strands are in another order than the one that scored the profile (not taken)."""

from __future__ import annotations

from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Framework, Policy, RulePack
from selfreview_core.facts import Facts
from selfreview_core.model.conditions import Test
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.rules.index import CompiledRules
from selfreview_core.rules.units import RuleUnits
from selfreview_core.scoring import plan as plan_module
from selfreview_core.scoring.profiles import score, score_fitted
from selfreview_core.testing import assessments, frameworks, mirror_framework, scales

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)


def _pack(framework: Framework, tests: list[tuple[str, str, str, int]]) -> RulePack:
    rules = tuple(
        Rule(
            id=f"rule-{i}",
            when=Test.model_validate({kind: node_id, operator: level}),
            recommend=RuleAdvice(title=f"Rule {i}", action="Act."),
        )
        for i, (kind, node_id, operator, level) in enumerate(tests)
    )
    return RulePack(id="levels", framework=framework.ref, rules=rules)


def _subjects(framework: Framework) -> list[tuple[str, str]]:
    subjects = [("strand", s) for s in framework.strand_ids]
    subjects += [("aspect", a.id) for e in framework.elements for a in e.aspects]
    return subjects + [("element", e.id) for e in framework.elements]


@settings(
    max_examples=scaled(30),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_rules_given_the_scored_levels_answer_as_the_facts(data: st.DataObject) -> None:
    drawn = data.draw(frameworks(scale=data.draw(scales(max_levels=7))))
    for framework in (drawn, mirror_framework(drawn)):
        tests = data.draw(
            st.lists(
                st.tuples(
                    st.sampled_from(_subjects(framework)),
                    st.sampled_from(["below", "reached", "level"]),
                    st.sampled_from(framework.scale.levels),
                ).map(lambda t: (*t[0], t[1], t[2])),
                min_size=1,
                max_size=8,
            )
        )
        pack = _pack(framework, tests)
        schools = data.draw(st.lists(assessments(framework), min_size=1, max_size=4))
        compiled, by_facts = CompiledRules(framework, [pack]), CompiledRules(framework, [pack])
        profiles = []
        for assessment in schools * 2:  # units new, then seen
            for policy in ALL_POLICIES:
                profile = score_fitted(framework, assessment, policy)
                assert profile is not None
                assert plan_module.LAST_SCORED[0][0] is profile.strands
                got = compiled.made_keyed_fitted(profile)  # the scored levels taken
                expected = by_facts.made_keyed(Facts(score(framework, assessment, policy)))
                assert got == expected
                profiles.append((profile, expected))
        for profile, expected in profiles:  # another scored since: read from the tables
            assert compiled.made_keyed_fitted(profile) == expected


def _refusing(*_: Any) -> Any:
    raise AssertionError("the profile's tables were read")


def test_the_levels_scored_last_are_taken_at_their_place(
    small_framework: Framework, assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right after scoring, the units read the levels the scorer read (the tables' reading
    refuses here), each at its strand's place; after another school, the tables."""
    tests = [("strand", "A1.2", "below", 1), ("strand", "A1.1", "reached", 2)]
    tests += [("aspect", "A2", "level", 1), ("element", "A", "below", 3)]
    compiled = CompiledRules(small_framework, [_pack(small_framework, tests)])
    profile = score_fitted(small_framework, assessment)
    assert profile is not None
    expected = compiled.made_keyed(Facts(profile))
    assert [r.id for r in expected[0]] == ["rule-0", "rule-1", "rule-2", "rule-3"]
    profile = score_fitted(small_framework, assessment)
    assert profile is not None
    with monkeypatch.context() as patch:
        patch.setattr(RuleUnits, "made_keyed_from", _refusing)
        assert compiled.made_keyed_fitted(profile) == expected
        assert score_fitted(small_framework, assessment.model_copy()) is not None
        with pytest.raises(AssertionError, match="tables were read"):
            compiled.made_keyed_fitted(profile)


def test_the_levels_are_not_taken_for_a_framework_of_its_strands_in_another_order(
    small_framework: Framework, assessment: Assessment
) -> None:
    """A pack of a framework whose strands are the scored ones in another order reads the
    profile's tables by id, not the scored levels in the order scored (A1.2 would then be
    read as A1.1's 2, and fire)."""
    dumped = small_framework.model_dump()
    first = dumped["elements"][0]["aspects"][0]
    first["strands"] = first["strands"][::-1]
    reordered = Framework.model_validate(dumped)
    compiled = CompiledRules(reordered, [_pack(reordered, [("strand", "A1.2", "level", 0)])])
    judgements = {**assessment.judgements, "A1.2": assessment.judgements["A1.1"]}
    for school in (assessment, assessment.model_copy(update={"judgements": judgements})):
        compiled.made_keyed(Facts(score(small_framework, school)))  # A1.2 at 0, at 2: seen
    profile = score_fitted(small_framework, assessment)
    assert profile is not None
    assert plan_module.LAST_SCORED[0][0] is profile.strands
    made, _ = compiled.made_keyed_fitted(profile)
    assert [r.id for r in made] == ["rule-0"]  # A1.2 is at 0
