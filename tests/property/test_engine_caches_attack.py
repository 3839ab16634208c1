"""`Engine.report`'s per-framework caches (`_last`: the scorer and compiled packs of the last
framework and policy; `_plans`: the plugins' plan per framework), with the plugins' own
kept tables behind them (`next-steps`, `lea-support`) and a rule pack: one engine reporting
schools of two frameworks in turn (both scale directions), a copy equal to one but another
object, Becta's own and a copy of it, policies changing, with and without a previous
review, gives each report exactly as an engine new to it gives it."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest
import selfreview_lea_support as lea_support
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Assessment, Engine, Framework, Policy, RulePack
from selfreview_core.model.conditions import Test
from selfreview_core.model.rules import Rule, RuleAdvice
from selfreview_core.testing import assessment_pairs, frameworks, mirror_framework, rule_packs

pytestmark = pytest.mark.slow

_BECTA = Engine(entry_points=False).framework("becta-srf")


def _engine(framework: Framework, packs: list[RulePack]) -> Engine:
    return Engine(
        entry_points=False, plugins=[lea_support], frameworks=[framework], rule_packs=packs
    )


@settings(
    max_examples=scaled(25),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_one_engine_reports_as_new_engines_whatever_the_order(data: st.DataObject) -> None:
    generated = data.draw(frameworks())
    pack = data.draw(rule_packs(generated))
    # The mirror under a version of its own: one of the same `id@version` gets the other's
    # compiled rule packs (`test_a_framework_of_the_same_ref_gets_its_own_rules` below).
    mirrored = mirror_framework(generated).model_copy(update={"version": "mirrored"})
    choices: tuple[Framework, ...] = (generated, mirrored, _BECTA)
    choices += (generated.model_copy(), _BECTA.model_copy())
    engine = _engine(generated, [pack])
    for _ in range(data.draw(st.integers(2, 6))):
        chosen = data.draw(st.sampled_from(choices))
        policy = data.draw(st.sampled_from((None, *cast(tuple[Policy, ...], POLICIES))))
        before, now = data.draw(assessment_pairs(chosen))
        previous = data.draw(st.sampled_from((None, before)))
        got = engine.report(now, previous, framework=chosen, policy=policy)
        fresh = _engine(generated, [pack]).report(now, previous, framework=chosen, policy=policy)
        assert got.model_dump_json() == fresh.model_dump_json()
        assert repr(got) == repr(fresh)


def test_a_framework_of_the_same_ref_gets_its_own_rules(small_framework: Framework) -> None:
    """A framework and its mirror (the scale the other way round) share `id@version`; one
    engine reporting both in turn must answer each as a new engine does. A school at 0:
    `below 2` on 0 (worst) .. 3 (best), so the rule fires; at the best level on the
    mirror's 3 (worst) .. 0 (best), so it does not. The engine that compiled the pack for
    the first framework fires it for the mirror too."""
    mirrored = mirror_framework(small_framework)
    assert mirrored.ref == small_framework.ref
    when = Test.model_validate({"strand": "A1.1", "below": 2})
    rules = (Rule(id="r", when=when, recommend=RuleAdvice(title="T", action="Act.")),)
    pack = RulePack(id="p", framework=small_framework.ref, rules=rules)
    school = Assessment(
        framework=small_framework.ref,
        school={"id": "s", "name": "S"},
        assessed_on=dt.date(2024, 1, 1),
        judgements={"A1.1": 0},
    )
    engine = Engine(entry_points=False, frameworks=[small_framework], rule_packs=[pack])
    for framework in (small_framework, mirrored):
        got = engine.report(school, framework=framework)
        fresh = Engine(entry_points=False, frameworks=[small_framework], rule_packs=[pack])
        expected = fresh.report(school, framework=framework)
        assert got.model_dump_json() == expected.model_dump_json()
