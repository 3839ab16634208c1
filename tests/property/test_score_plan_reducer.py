"""A pattern the compiled scorer has not seen before is worked out by `ScorePlan.reducer`,
which reads the scale's values once and sorts the judged strands' ranks in place (the
median and the weakest then read at their place): it gives exactly what the definition,
`scoring.plan._reduced` over the ranks of the strands' levels in their order, gives, value
for value and type for type, over generated frameworks of both scale directions, every
policy and a `reduce` of no policy's (given the ranks sorted); and it keeps what it found
only while its table has room (`MAX_KEPT`).
"""

from __future__ import annotations

from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import POLICIES, Framework, Policy
from selfreview_core.scoring import plan as plan_module
from selfreview_core.scoring.plan import Reduce, _reduced
from selfreview_core.scoring.profiles import _RANK_POLICIES
from selfreview_core.testing import frameworks, mirror_framework

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)


REDUCERS: dict[str, Reduce] = {**_RANK_POLICIES, "max": max}


def definition(framework: Framework, levels: tuple[Any, ...], policy: str) -> Any:
    scale = framework.scale
    ranks = [scale.rank(level) for level in levels if level is not None]
    return _reduced(ranks, REDUCERS[policy], policy == "mean", scale)


def pattern_of(plan: plan_module.ScorePlan, levels: tuple[Any, ...]) -> int:
    """The pattern the compiled scorer makes of these levels: each one's share, summed."""
    return sum(plan.per_level[level][2] for level in levels)


@settings(max_examples=scaled(60))
@given(frameworks(), st.data())
def test_a_new_pattern_is_worked_out_as_the_definition_does(
    framework: Framework, data: st.DataObject
) -> None:
    for judged in (framework, mirror_framework(framework)):
        plan = plan_module.ScorePlan(judged)
        levels = tuple(
            data.draw(
                # An aggregate's strands: at most the framework's (its pattern's digits
                # then never carry), so a framework of one strand has patterns of one.
                st.lists(
                    st.sampled_from([None, *judged.scale.levels]),
                    max_size=len(judged.strand_ids),
                ),
                label="levels",
            )
        )
        pattern = pattern_of(plan, levels)
        for policy in (*ALL_POLICIES, "max"):
            kept: dict[int, Any] = {}
            found = plan.reducer(REDUCERS[policy], policy)(kept, pattern, levels)
            expected = definition(judged, levels, policy)
            assert found == expected
            assert repr(found) == repr(expected)  # 3 and 3.0 differ, as in a report's JSON
            assert kept == {pattern: found}


def test_a_full_table_keeps_nothing_more(small_framework: Framework) -> None:
    plan = plan_module.ScorePlan(small_framework)
    best, worst = small_framework.scale.best, small_framework.scale.worst
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan_module, "MAX_KEPT", 1)
        reduced = plan.reducer(_RANK_POLICIES["mean"], "mean")
        kept: dict[int, Any] = {}
        first = reduced(kept, pattern_of(plan, (best, None, worst)), (best, None, worst))
        second = reduced(kept, pattern_of(plan, (best,)), (best,))
    assert kept == {pattern_of(plan, (best, None, worst)): first}
    assert first == definition(small_framework, (best, worst), "mean")
    assert second == definition(small_framework, (best,), "mean")
    assert reduced({}, pattern_of(plan, (None, None)), (None, None)) == (None, None, None)


@pytest.mark.parametrize("policy", ["median", "weakest"])
def test_the_median_and_the_weakest_are_read_at_their_place(
    small_framework: Framework, policy: Policy
) -> None:
    """The shortcut is taken: the policy's own function is not called for them (it would
    sort again), and the answer is still its answer."""
    calls: list[object] = []
    plain: Reduce = plan_module.median_rank if policy == "median" else min

    def counted(ranks: Any) -> Any:
        calls.append(ranks)
        return plain(ranks)

    plan = plan_module.ScorePlan(small_framework)
    scale = small_framework.scale
    levels = (scale.best, None, scale.worst, scale.best)
    with pytest.MonkeyPatch.context() as patch:  # `counted` is the policy's function
        patch.setattr(
            plan_module, "median_rank" if policy == "median" else "min", counted, raising=False
        )
        found = plan.reducer(counted, policy)({}, pattern_of(plan, levels), levels)
    assert calls == []
    assert found == definition(small_framework, levels, policy)
