"""What a `Scale` promises beyond its direction's basics, pinned where a whole mutation pass of
model/scale.py found no test that would notice a change: its words (`describe`, `label`),
its strict, reflexive and extreme comparisons, the most levels it may have, and progress
between two levels, in both directions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scaled import scaled
from selfreview_core import Scale
from selfreview_core.model.scale import MAX_LEVELS
from selfreview_core.testing import scales

BECTA = Scale(best=1, worst=5, labels={1: "Exemplary", 5: "Not yet"})
UPWARD = Scale(best=3, worst=0)


def test_a_scale_describes_itself_best_first_in_either_direction() -> None:
    """The words every "outside the scale" message and the Markdown report's facts use."""
    assert BECTA.describe() == "1 (best) .. 5 (worst)"
    assert UPWARD.describe() == "3 (best) .. 0 (worst)"


def test_a_level_is_named_by_its_label_or_else_by_its_number() -> None:
    assert BECTA.label(1) == "Exemplary"
    assert BECTA.label(5) == "Not yet"
    assert BECTA.label(3) == "Level 3"
    assert UPWARD.label(0) == "Level 0"


@settings(max_examples=scaled(25))
@given(scales(), st.data())
def test_better_is_strict_and_reached_includes_the_threshold(
    scale: Scale, data: st.DataObject
) -> None:
    """A level is never better than itself, and has always reached itself: "at level 3 or
    better" holds at level 3, whichever way the scale runs."""
    level = data.draw(st.sampled_from(scale.levels))
    assert not scale.is_better(level, level)
    assert scale.reached(level, level)
    assert scale.reached(scale.best, level)
    assert scale.reached(level, scale.worst)


@settings(max_examples=scaled(25))
@given(scales(), st.data())
def test_worse_is_strict_and_the_mirror_of_better(scale: Scale, data: st.DataObject) -> None:
    a = data.draw(st.sampled_from(scale.levels))
    b = data.draw(st.sampled_from(scale.levels))
    assert scale.is_worse(a, b) == scale.is_better(b, a)
    assert not scale.is_worse(a, a)
    assert scale.is_worse(scale.worst, scale.best)
    assert not scale.is_worse(scale.best, scale.worst)


@settings(max_examples=scaled(25))
@given(scales(), st.data())
def test_best_of_and_worst_of_follow_the_direction(scale: Scale, data: st.DataObject) -> None:
    levels = data.draw(st.lists(st.sampled_from(scale.levels), min_size=1, max_size=5))
    best, worst = scale.best_of(levels), scale.worst_of(levels)
    assert best in levels
    assert worst in levels
    assert all(scale.reached(best, level) and scale.reached(level, worst) for level in levels)
    assert scale.best_of(scale.levels) == scale.best
    assert scale.worst_of(scale.levels) == scale.worst


def test_a_scale_may_have_exactly_the_most_levels_allowed() -> None:
    """MAX_LEVELS is a limit a framework may reach, in either direction; one more is refused."""
    assert Scale(best=0, worst=MAX_LEVELS - 1).size == MAX_LEVELS
    assert Scale(best=MAX_LEVELS - 1, worst=0).size == MAX_LEVELS
    with pytest.raises(ValidationError, match=f"at most {MAX_LEVELS} levels"):
        Scale(best=MAX_LEVELS, worst=0)
    # The count is of the levels between the two ends, wherever they sit on the number line.
    assert Scale(best=90, worst=80).size == 11
    with pytest.raises(ValidationError, match=f"at most {MAX_LEVELS} levels"):
        Scale(best=-50, worst=50)


def test_progress_is_linear_between_levels_in_either_direction() -> None:
    """A level between two (a median, say) is as far along as it is between them."""
    assert UPWARD.progress(1.5) == 0.5
    assert BECTA.progress(3.5) == 0.375
    assert BECTA.progress(2) == 0.75
