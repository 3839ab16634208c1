"""`Engine.report`'s per-framework caches (`_last`: the scorer and compiled packs of the last
framework and policy; `_plans`: the plugins' plan per framework), with the plugins' own
kept tables behind them (`next-steps`, `lea-support`) and a rule pack: one engine reporting
schools of two frameworks in turn (both scale directions), a copy equal to one but another
object, Becta's own and a copy of it, policies changing, with and without a previous
review, gives each report exactly as an engine new to it gives it."""

from __future__ import annotations

from typing import cast

import pytest
import selfreview_lea_support as lea_support
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Engine, Framework, Policy, RulePack
from selfreview_core.testing import assessment_pairs, frameworks, mirror_framework, rule_packs

pytestmark = pytest.mark.slow

_BECTA = Engine(entry_points=False).framework("becta-srf")


def _engine(framework: Framework, packs: list[RulePack]) -> Engine:
    return Engine(
        entry_points=False, plugins=[lea_support], frameworks=[framework], rule_packs=packs
    )


@settings(
    max_examples=scaled(25),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_one_engine_reports_as_new_engines_whatever_the_order(data: st.DataObject) -> None:
    generated = data.draw(frameworks())
    pack = data.draw(rule_packs(generated))
    choices = (generated, mirror_framework(generated), generated.model_copy(), _BECTA)
    choices += (_BECTA.model_copy(),)
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
