"""A pattern the compiled scorer has not seen before is worked out by `ScorePlan.reducer`,
which reads the scale's values once (not through pydantic at every new pattern): it gives
exactly what the definition, `score_plan._reduced` over the judged strands' ranks, gives,
value for value and type for type, over generated frameworks of both scale directions and
every policy; and it keeps what it found only while its table has room (`MAX_KEPT`).
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Framework, Policy
from selfreview_core import score_plan as plan_module
from selfreview_core.score_plan import _reduced
from selfreview_core.scoring import _RANK_POLICIES
from selfreview_core.testing import frameworks, mirror_framework

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)


def definition(framework: Framework, levels: tuple[Any, ...], policy: Policy) -> Any:
    scale = framework.scale
    ranks = [scale.rank(level) for level in levels if level is not None]
    return _reduced(ranks, _RANK_POLICIES[policy], policy == "mean", scale)


@settings(max_examples=scaled(60))
@given(frameworks(), st.data())
def test_a_new_pattern_is_worked_out_as_the_definition_does(
    framework: Framework, data: st.DataObject
) -> None:
    for judged in (framework, mirror_framework(framework)):
        plan = plan_module.ScorePlan(judged)
        levels = tuple(
            data.draw(
                st.lists(st.sampled_from([None, *judged.scale.levels]), max_size=12),
                label="levels",
            )
        )
        for policy in ALL_POLICIES:
            kept: dict[int, Any] = {}
            found = plan.reducer(_RANK_POLICIES[policy], policy)(kept, 7, levels)
            expected = definition(judged, levels, policy)
            assert found == expected
            assert repr(found) == repr(expected)  # 3 and 3.0 differ, as in a report's JSON
            assert kept == {7: found}


def test_a_full_table_keeps_nothing_more(small_framework: Framework) -> None:
    plan = plan_module.ScorePlan(small_framework)
    best, worst = small_framework.scale.best, small_framework.scale.worst
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "MAX_KEPT", 1)
        reduced = plan.reducer(_RANK_POLICIES["mean"], "mean")
        kept: dict[int, Any] = {}
        first = reduced(kept, 1, (best, None, worst))
        second = reduced(kept, 2, (best,))
    assert kept == {1: first}
    assert first == definition(small_framework, (best, worst), "mean")
    assert second == definition(small_framework, (best,), "mean")
    assert reduced({}, 3, (None, None)) == (None, None, None)
