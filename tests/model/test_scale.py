"""The scale's direction is data: every helper follows best/worst, never 1..5."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from selfreview_core import Scale
from selfreview_core.testing import scales

BECTA = Scale(best=1, worst=5)
UPWARD = Scale(best=3, worst=0)


@pytest.mark.parametrize(
    ("scale", "levels", "better", "next_of_worst"),
    [(BECTA, (1, 2, 3, 4, 5), (2, 3), 4), (UPWARD, (3, 2, 1, 0), (2, 1), 1)],
    ids=["becta", "upward"],
)
def test_helpers_follow_the_direction(
    scale: Scale, levels: tuple[int, ...], better: tuple[int, int], next_of_worst: int
) -> None:
    assert scale.levels == levels
    assert scale.is_better(*better)
    assert not scale.is_better(better[1], better[0])
    assert scale.better(*better) == better[0]
    assert scale.worse(*better) == better[1]
    assert scale.next_level(scale.worst) == next_of_worst
    assert scale.next_level(scale.best) is None
    assert scale.previous_level(scale.worst) is None
    assert scale.progress(scale.worst) == 0.0
    assert scale.progress(scale.best) == 1.0
    assert scale.reached(scale.best, scale.worst)
    assert not scale.reached(scale.worst, scale.best)
    assert scale.change(scale.worst, scale.best) == len(levels) - 1


def test_membership_is_for_integers_in_range() -> None:
    assert 3 in BECTA
    assert 0 not in BECTA
    assert 6 not in BECTA
    assert True not in BECTA
    assert "3" not in BECTA
    assert 3.0 not in BECTA


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"best": 2, "worst": 2}, "best and worst must differ"),
        ({"best": 0, "worst": 100}, "at most 100 levels"),
        ({"best": 1, "worst": 3, "labels": {4: "Four"}}, "labels name level(s) 4 outside"),
        ({"best": True, "worst": 3}, "valid integer"),
    ],
)
def test_invalid_scales_are_refused(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Scale.model_validate(fields)


@given(scales())
def test_rank_counts_steps_up_from_the_worst(scale: Scale) -> None:
    assert [scale.rank(level) for level in reversed(scale.levels)] == list(range(scale.size))
    assert all(scale.from_rank(scale.rank(level)) == level for level in scale.levels)


@given(scales(), st.data())
def test_next_level_is_one_step_better(scale: Scale, data: st.DataObject) -> None:
    level = data.draw(st.sampled_from(scale.levels))
    following = scale.next_level(level)
    if following is None:
        assert level == scale.best
    else:
        assert scale.is_better(following, level)
        assert scale.change(level, following) == 1


def test_previous_level_is_one_step_worse_in_either_direction() -> None:
    """Issue 14: the mirror of `next_level`, on scales running both ways."""
    assert [BECTA.previous_level(level) for level in BECTA.levels] == [2, 3, 4, 5, None]
    assert [UPWARD.previous_level(level) for level in UPWARD.levels] == [2, 1, 0, None]


@given(scales(), st.data())
def test_previous_level_undoes_next_level(scale: Scale, data: st.DataObject) -> None:
    level = data.draw(st.sampled_from(scale.levels))
    before = scale.previous_level(level)
    if before is None:
        assert level == scale.worst
    else:
        assert scale.change(before, level) == 1
        assert scale.next_level(before) == level


@given(scales(), st.data())
def test_mirroring_preserves_order(scale: Scale, data: st.DataObject) -> None:
    """Swap best and worst, map every level: which of two levels is better never changes."""
    mirror = scale.mirrored()
    assert (mirror.best, mirror.worst) == (
        scale.mirror_level(scale.best),
        scale.mirror_level(scale.worst),
    )
    assert mirror.mirrored() == scale
    a, b = data.draw(st.sampled_from(scale.levels)), data.draw(st.sampled_from(scale.levels))
    assert scale.is_better(a, b) == mirror.is_better(scale.mirror_level(a), scale.mirror_level(b))
    assert scale.progress(a) == mirror.progress(scale.mirror_level(a))


def test_a_scale_cannot_be_changed_in_place() -> None:
    """Every plugin and every later school reads the same scale: nothing may change it."""
    scale: Any = Scale(best=1, worst=5, labels={1: "Best"})
    with pytest.raises(TypeError, match="read-only"):
        scale.labels[2] = "Good"
    with pytest.raises(ValidationError, match="frozen"):
        scale.best = 5
    # Pydantic would let a cached property be set, or deleted, even on a frozen model.
    for name in ("levels", "step"):
        with pytest.raises(AttributeError, match=f"Scale is immutable: cannot set `{name}`"):
            setattr(scale, name, (9,))
        with pytest.raises(AttributeError, match=f"cannot delete `{name}`"):
            delattr(scale, name)
    assert scale.levels == (1, 2, 3, 4, 5)
    assert scale.step == -1
    assert scale.labels == {1: "Best"}
    assert scale.mirrored().labels == {5: "Best"}


@pytest.mark.parametrize("scale", [BECTA, UPWARD], ids=["becta", "upward"])
def test_a_copy_turned_round_ranks_levels_its_own_way(scale: Scale) -> None:
    """`model_copy` carried the cached direction and levels over: a scale turned round
    still called the old best level the best."""
    assert scale.levels  # worked out, and cached, before the copy
    turned = scale.model_copy(update={"best": scale.worst, "worst": scale.best})
    assert turned.levels == tuple(reversed(scale.levels))
    assert turned.is_better(scale.worst, scale.best)
    assert turned.rank(scale.worst) == len(scale.levels) - 1
    assert turned.next_level(scale.best) == scale.previous_level(scale.best)
    assert turned == Scale(best=scale.worst, worst=scale.best)
    assert scale.levels == (BECTA if scale is BECTA else UPWARD).levels  # the original kept


def test_a_copy_is_checked_as_a_new_scale_is() -> None:
    with pytest.raises(ValidationError, match="best and worst must differ"):
        BECTA.model_copy(update={"best": 5})
    named = BECTA.model_copy(update={"labels": {1: "Best", 5: "Worst"}})
    with pytest.raises(ValidationError, match=r"labels name level\(s\) 5 outside the scale"):
        named.model_copy(update={"worst": 4})
    assert named.model_copy(update={"worst": 4, "labels": {}}).levels == (1, 2, 3, 4)


@pytest.mark.parametrize("deep", [False, True])
def test_a_copy_without_changes_is_an_equal_scale(deep: bool) -> None:
    copied = UPWARD.model_copy(deep=deep)
    assert copied == UPWARD
    assert copied is not UPWARD
    assert (copied.levels, copied.step) == ((3, 2, 1, 0), 1)
