"""What the quick check of a framework (model/quick_framework.py) promises that round 42's
pass over it found no test pinning: the most levels a scale may have, wherever its levels lie
(a scale centred on 0 too); a strand's levels checked whichever strand it is, the strands after
it too; a level of the tree that is not a list; ids alike but for their case, whose warning
only the full path gives; and an outline that cannot be changed. Both scale directions."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from program import selfreview_here
from selfreview_core import Framework
from selfreview_core.model.quick_framework import QuickOutline, quick_outline
from selfreview_core.model.scale import MAX_LEVELS


def _strand(strand_id: str, levels: range | list[int]) -> dict[str, Any]:
    return {"id": strand_id, "title": "S", "levels": {level: f"L{level}" for level in levels}}


def _framework(best: int, worst: int, strands: list[dict[str, Any]]) -> dict[str, Any]:
    aspect = {"id": "a", "title": "A", "strands": strands}
    return {
        "kind": "framework",
        "id": "t",
        "version": "1",
        "title": "T",
        "scale": {"best": best, "worst": worst},
        "elements": [{"id": "e", "title": "E", "aspects": [aspect]}] if strands else [],
    }


def _refused(data: dict[str, Any]) -> bool:
    try:
        Framework.model_validate(data)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize(("best", "worst"), [(0, MAX_LEVELS - 1), (MAX_LEVELS, 1), (-49, 50)])
def test_a_scale_of_exactly_the_most_levels_takes_the_quick_path(best: int, worst: int) -> None:
    levels = range(min(best, worst), max(best, worst) + 1)
    data = _framework(best, worst, [_strand("s", levels)])
    assert not _refused(data)
    assert quick_outline(data) == QuickOutline("t@1", "T", 1, 1, 1, best, worst)


@pytest.mark.parametrize(
    ("best", "worst"),
    [(0, MAX_LEVELS), (MAX_LEVELS, 0), (-50, 50), (50, -50), (-1000, -900), (900, 1000)],
)
def test_a_scale_of_more_levels_than_allowed_never_takes_the_quick_path(
    best: int, worst: int
) -> None:
    """With no strand to say a level is missing: the scale's own size decides. A mutant that
    added the ends instead of subtracting them let a scale from -50 to 50 through."""
    data = _framework(best, worst, [])
    assert _refused(data)
    assert quick_outline(data) is None


@pytest.mark.parametrize("where", [0, 1, 2])
@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)])
@pytest.mark.parametrize("bad", ["off the scale", "blank", "not a number"])
def test_a_strand_with_bad_levels_goes_the_full_way_wherever_it_stands(
    where: int, best: int, worst: int, bad: str
) -> None:
    strands = [_strand(f"s{i}", range(4)) for i in range(3)]
    levels = strands[where]["levels"]
    if bad == "off the scale":
        levels[7] = "Seven"
    elif bad == "blank":
        levels[2] = "  "
    else:
        levels["x"] = "X"
    data = _framework(best, worst, strands)
    assert _refused(data)
    assert quick_outline(data) is None


def test_an_outline_cannot_be_changed() -> None:
    outline = quick_outline(_framework(3, 0, [_strand("s", range(4))]))
    assert outline is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        outline.strands = 2  # type: ignore[misc]
    assert hash(outline) == hash(QuickOutline("t@1", "T", 1, 1, 1, 3, 0))


@pytest.mark.parametrize("where", ["elements", "aspects", "strands"])
@pytest.mark.parametrize("given", [None, {}, "", "abc", 0], ids=repr)
def test_a_tree_level_that_is_not_a_list_goes_the_full_way(where: str, given: Any) -> None:
    """`elements: {}` or `strands: ""` holds no node, as an empty list does, but the model
    refuses it: the quick check must not take it for an empty list (nor fail on `null`)."""
    data = _framework(3, 0, [_strand("s", range(4))])
    element = data["elements"][0]
    node = {"elements": data, "aspects": element, "strands": element["aspects"][0]}[where]
    node[where] = given
    assert _refused(data)
    assert quick_outline(data) is None


def test_ids_alike_but_for_their_case_go_the_full_way_for_its_warning(tmp_path: Path) -> None:
    """`1a1` and `1A1`: valid, but `validate` warns that they look alike, which only the full
    path says; the quick path would call the framework valid with no warning."""
    data = _framework(3, 0, [_strand("1a1", range(4)), _strand("1A1", range(4))])
    assert not _refused(data)
    assert quick_outline(data) is None
    (tmp_path / "f.json").write_text(json.dumps(data), encoding="utf-8")
    done = selfreview_here(["validate", "f.json"], cwd=tmp_path)
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, out
    assert "f.json:1:" in out
    assert "warning: elements[0].aspects[0].strands[1].id: `1A1` looks like `1a1`" in out
