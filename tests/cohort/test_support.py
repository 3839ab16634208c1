"""`support`'s default level (`cohort.support.default_level`), SPEC section 8: "default: the
lowest threshold the framework's awards name, else the middle of the scale", on scales of
either direction, of an odd and an even number of levels, and thresholds however an award
writes them. Before round 49 an award asking `not: {strand: X, below: 2}` (the same test as
`reached: 2`) named no threshold: `support` looked for the middle of the scale instead."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from selfreview_core import Framework
from selfreview_core.cohort.support import default_level
from selfreview_core.loader import load_framework
from selfreview_core.testing.mirror import mirror_framework

MIDDLE = "the middle of the scale"


def framework(best: int, worst: int, *requirements: Any) -> Framework:
    """A framework of two strands (`s1`, `s2`) on the scale `worst`..`best`, with an award
    for each of `requirements`."""
    levels = {level: f"At {level}." for level in range(min(best, worst), max(best, worst) + 1)}
    strands = [{"id": s, "title": s, "levels": levels} for s in ("s1", "s2")]
    data = {
        "kind": "framework",
        "id": "f",
        "version": "1",
        "title": "F",
        "scale": {"best": best, "worst": worst},
        "elements": [
            {"id": "e", "title": "E", "aspects": [{"id": "a", "title": "A", "strands": strands}]}
        ],
        "awards": [
            {"id": f"w{n}", "title": f"Award {n}", "require": require}
            for n, require in enumerate(requirements, start=1)
        ],
    }
    return load_framework("f.yaml", text=yaml.safe_dump(data))


@pytest.mark.parametrize(
    ("best", "worst", "middle"),
    [
        (5, 1, 3),  # odd, rising
        (1, 5, 3),  # odd, falling (Becta's)
        (3, 0, 2),  # even, rising: the better of 1 and 2
        (0, 3, 1),  # even, falling: the better of 2 and 1
        (1, 0, 1),  # two levels: the better one
        (0, 1, 0),
        (2, 0, 1),  # three levels
        (0, 2, 1),
    ],
)
def test_without_awards_the_middle_of_the_scale_the_better_of_two(
    best: int, worst: int, middle: int
) -> None:
    assert default_level(framework(best, worst)) == (middle, MIDDLE)


def _award(n: int) -> str:
    return f"the lowest threshold of the framework's awards (Award {n})"


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)])
def test_the_lowest_reached_of_any_award_in_either_direction(best: int, worst: int) -> None:
    up = best > worst
    low, high = (1, 2) if up else (2, 1)
    found = framework(
        best,
        worst,
        {"strand": "s1", "reached": high},
        {"any": [{"strand": "s2", "reached": best}, {"all": [{"strand": "s1", "reached": low}]}]},
    )
    assert default_level(found) == (low, _award(2))


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)])
def test_below_under_a_not_is_a_threshold_and_under_two_it_is_not(best: int, worst: int) -> None:
    level = 1 if best > worst else 2  # one step above the worst
    negated = framework(best, worst, {"not": {"strand": "s1", "below": level}})
    assert default_level(negated) == (level, _award(1))
    twice = framework(best, worst, {"not": {"not": {"strand": "s1", "below": level}}})
    assert default_level(twice) == (default_level(framework(best, worst))[0], MIDDLE)


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)])
def test_reached_under_a_not_is_no_threshold_and_under_two_it_is(best: int, worst: int) -> None:
    level = 1 if best > worst else 2
    middle = default_level(framework(best, worst))[0]
    negated = framework(best, worst, {"not": {"strand": "s1", "reached": level}})
    assert default_level(negated) == (middle, MIDDLE)
    twice = framework(best, worst, {"not": {"not": {"strand": "s1", "reached": level}}})
    assert default_level(twice) == (level, _award(1))
    # Inside `any` and `all` under a `not`, and beside a `reached` outside it.
    nested = framework(
        best,
        worst,
        {
            "all": [
                {"strand": "s2", "reached": best},
                {"not": {"any": [{"strand": "s1", "below": level}]}},
            ]
        },
    )
    assert default_level(nested) == (level, _award(1))


@pytest.mark.parametrize(
    "require",
    [
        None,
        {"strand": "s1", "reached": 2},
        {"not": {"strand": "s1", "below": 2}},
        {"all": [{"strand": "s1", "reached": 3}, {"not": {"strand": "s2", "below": 1}}]},
    ],
)
def test_mirroring_the_scale_mirrors_the_default_level(require: Any) -> None:
    given = framework(3, 0, *([require] if require else []))
    level, why = default_level(given)
    assert default_level(mirror_framework(given)) == (given.scale.mirror_level(level), why)


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3), (5, 1), (1, 5)])
@pytest.mark.parametrize(
    ("score", "rank", "how"),
    [
        (1, 1, "score 1 is level {}"),
        (2, 2, "score 2 is level {}"),  # SPEC 10: on Becta's 5..1, `score_reached: 2` is 3
        # A school at rank 1 may score 1.2: rank 2 is the first every school passes.
        (1.5, 2, "score 1.5 rounded up to level {}"),
        (0.25, 1, "score 0.25 rounded up to level {}"),
        (0, 0, "score 0 is level {}"),  # every score reaches 0: the worst level
        (-1, 0, "score -1, beyond the worst level, taken as level {}"),
        # Above the best rank (no score reaches it): the best level.
        (7, -1, "score 7, beyond the best level, taken as level {}"),
        (float("inf"), -1, "score inf, beyond the best level, taken as level {}"),
        (float("-inf"), 0, "score -inf, beyond the worst level, taken as level {}"),
    ],
)
def test_a_score_threshold_names_the_level_every_school_passing_it_is_at(
    best: int, worst: int, score: float, rank: int, how: str
) -> None:
    """Before round 49 an award written with `score_reached` (SPEC section 10) named no
    threshold: `support` asked for the middle of the scale whatever the award asked. Why
    that level says how the score became it: before round 50 it named only the award, and
    level 2 for `score_reached: 1.5` on a 0..3 scale looked like a mistake."""
    scale = framework(best, worst).scale
    level = scale.from_rank(rank % scale.size)
    why = f"the lowest threshold of the framework's awards (Award 1: {how.format(level)})"
    # Before a `reached` of the best level, and as `score_below` under a `not` (the same
    # test); a `score_below` alone, or a `score_reached` under a `not`, asks for nothing.
    found = framework(
        best,
        worst,
        {"any": [{"strand": "s2", "score_reached": score}]},
        {"not": {"aspect": "a", "score_below": score}},
        {"strand": "s1", "reached": best},
        {"strand": "s1", "score_below": 0.5},
        {"not": {"strand": "s2", "score_reached": 0.5}},
    )
    assert default_level(found) == (level, why)
    negated = framework(best, worst, {"not": {"aspect": "a", "score_below": score}})
    assert default_level(negated) == (level, why)


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)])
def test_a_score_threshold_no_score_reaches_or_falls_below_names_no_level(
    best: int, worst: int
) -> None:
    """NaN: no score reaches it (nor is below it), so it names no level to reach."""
    middle = default_level(framework(best, worst))[0]
    nan = float("nan")
    found = framework(
        best,
        worst,
        {"strand": "s1", "score_reached": nan},
        {"not": {"strand": "s1", "score_below": nan}},
    )
    assert default_level(found) == (middle, MIDDLE)
    one = 1 if best > worst else 2
    beside = framework(
        best, worst, {"strand": "s1", "score_reached": nan}, {"strand": "s2", "reached": one}
    )
    assert default_level(beside) == (one, _award(2))


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3)])
def test_a_level_asked_for_as_such_before_a_score_says_no_score(best: int, worst: int) -> None:
    """The first award naming the lowest level gives the why: a `reached` names its award
    alone, and a later score at the same level does not add its words."""
    one = 1 if best > worst else 2  # rank 1
    found = framework(
        best, worst, {"strand": "s1", "reached": one}, {"strand": "s2", "score_reached": 0.5}
    )
    assert default_level(found) == (one, _award(1))
    turned = framework(
        best, worst, {"strand": "s2", "score_reached": 0.5}, {"strand": "s1", "reached": one}
    )
    assert default_level(turned) == (one, f"{_award(1)[:-1]}: score 0.5 rounded up to level {one})")


@pytest.mark.parametrize(("best", "worst"), [(3, 0), (0, 3), (5, 1), (1, 5)])
def test_a_score_at_the_best_rank_is_the_best_level_not_beyond_it(best: int, worst: int) -> None:
    top = abs(best - worst)  # the best level's rank
    found = framework(best, worst, {"strand": "s1", "score_reached": top})
    why = f"the lowest threshold of the framework's awards (Award 1: score {top} is level {best})"
    assert default_level(found) == (best, why)
