"""`selfreview_core.testing.improve` and `inverse_migration` at their edges: a move to the
very end of the scale and one step past it, in either scale direction; and every migration
that is not one-to-one refused (a mutation pass over `testing/mirror.py`, round 45)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import Assessment, Framework, Migration
from selfreview_core.testing import framework_and_assessment, improve, inverse_migration


@settings(max_examples=scaled(50))
@given(framework_and_assessment(), st.data())
def test_improve_moves_to_either_end_of_the_scale_and_refuses_one_step_past(
    case: tuple[Framework, Assessment], data: st.DataObject
) -> None:
    """In either scale direction: any move that stays on the scale is made, the best and
    the worst level included; one step past either end is refused, saying which move."""
    framework, review = case
    scale = framework.scale
    judged = [s for s, j in review.judgements.items() if j.level is not None]
    if not judged:
        return
    strand = data.draw(st.sampled_from(judged), label="strand")
    level = review.judgements[strand].level
    assert level is not None
    rank = scale.rank(level)
    to_best, to_worst = scale.size - 1 - rank, -rank
    assert improve(framework, review, strand, to_best).judgements[strand].level == scale.best
    assert improve(framework, review, strand, to_worst).judgements[strand].level == scale.worst
    for past in (to_best + 1, to_worst - 1):
        message = f"cannot move level {level} by {past} on {scale.describe()}"
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            improve(framework, review, strand, past)


def _migration(strands: dict[str, Any], retired: tuple[str, ...] = ()) -> Migration:
    return Migration.model_validate(
        {"from": "fw@1", "to": "fw@2", "strands": strands, "retired": list(retired)}
    )


def test_a_one_to_one_migration_is_turned_round_strand_by_strand() -> None:
    back = inverse_migration(_migration({"a": "x", "b": "y", "c": "c"}))
    assert (back.from_, back.to) == ("fw@2", "fw@1")
    assert dict(back.strands) == {"x": ("a",), "y": ("b",), "c": ("c",)}
    assert back.retired == ()


@pytest.mark.parametrize(
    ("strands", "retired"),
    [
        ({"a": ["x", "y"], "b": "z"}, ()),  # a split
        ({"a": "x", "b": ["y", "z"]}, ()),  # a split, after a strand that maps well
        ({"a": "x", "b": "x"}, ()),  # a merge
        ({"a": "x", "b": "y", "c": "x"}, ()),  # a merge, its second strand later
        ({"a": "x"}, ("b",)),  # a strand retired
    ],
    ids=["split", "split-later", "merge", "merge-later", "retired"],
)
def test_a_split_merge_or_retired_strand_has_no_inverse(
    strands: dict[str, Any], retired: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError, match=r"^migration fw@1 -> fw@2 is not one-to-one: it has no"):
        inverse_migration(_migration(strands, retired))
