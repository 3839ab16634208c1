"""Scoring on small hand-written cases: the tie rules of SPEC.md section 6, in both directions.

`small_framework` runs 0 (worst) .. 3 (best); Becta's runs 5 (worst) .. 1 (best). Its strands:
aspect A1 = A1.1, A1.2; A2 = A2.1 (element A); B1 = B1.1 (element B).
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pytest

from selfreview_core import (
    POLICIES,
    Assessment,
    Framework,
    Judgement,
    Policy,
    Profile,
    Scale,
    School,
    UnknownIdError,
    aggregate,
    score,
)

UP = Scale(best=3, worst=0)  # small_framework's: higher is better
DOWN = Scale(best=1, worst=5)  # Becta's: lower is better
NEGATIVE = Scale(best=-2, worst=2)  # lower is better, through zero
ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)


def review(framework: Framework, levels: dict[str, int]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id="S1", name="Example School"),
        assessed_on=dt.date(2026, 1, 1),
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


@pytest.mark.parametrize(
    ("scale", "levels", "expected"),
    [
        # An even count: the worse of the two middle levels.
        (UP, [2, 1], 1),
        (UP, [1, 2], 1),
        (UP, [0, 1, 2, 3], 1),
        (UP, [3, 3, 0, 0], 0),
        (DOWN, [2, 3], 3),
        (DOWN, [3, 2], 3),
        (DOWN, [1, 1, 2, 4, 5, 5], 4),
        (DOWN, [1, 5], 5),
        (NEGATIVE, [-2, -1], -1),
        # An odd count: the middle level.
        (UP, [0, 3, 3], 3),
        (DOWN, [5, 1, 1], 1),
        (UP, [2], 2),
        (DOWN, [4], 4),
    ],
)
def test_median_ties_go_to_the_worse_level(scale: Scale, levels: list[int], expected: int) -> None:
    assert aggregate(scale, levels, "median") == expected
    assert aggregate(scale, levels) == expected  # the default policy


@pytest.mark.parametrize(
    ("scale", "levels", "expected"),
    [
        # Exactly half-way between two levels: the worse.
        (UP, [3, 2], 2),
        (UP, [0, 1], 0),
        (UP, [3, 0], 1),  # mean 1.5
        (DOWN, [1, 2], 2),
        (DOWN, [1, 4], 3),  # mean 2.5
        (DOWN, [4, 5], 5),
        (NEGATIVE, [-2, -1], -1),
        # Otherwise the nearest level, whichever side it is on.
        (UP, [3, 3, 2], 3),  # 2.67
        (UP, [3, 2, 2], 2),  # 2.33
        (UP, [0, 0, 0, 1, 1], 0),  # 0.4
        (UP, [0, 0, 1, 1, 1], 1),  # 0.6
        (DOWN, [1, 1, 2], 1),  # 1.33
        (DOWN, [1, 2, 2], 2),  # 1.67
        (DOWN, [1, 5], 3),  # exactly a level
        (DOWN, [5, 5, 5, 4, 4], 5),  # 4.6
        (DOWN, [5, 5, 4, 4, 4], 4),  # 4.4
    ],
)
def test_mean_rounds_to_the_nearest_level_and_half_to_the_worse(
    scale: Scale, levels: list[int], expected: int
) -> None:
    assert aggregate(scale, levels, "mean") == expected


@pytest.mark.parametrize(
    ("scale", "levels", "expected"),
    [(UP, [3, 1, 2], 1), (UP, [0, 3], 0), (DOWN, [1, 4, 2], 4), (DOWN, [5, 1], 5), (UP, [2], 2)],
)
def test_weakest_is_the_worst_strand(scale: Scale, levels: list[int], expected: int) -> None:
    assert aggregate(scale, levels, "weakest") == expected


@pytest.mark.parametrize("policy", ALL_POLICIES)
def test_no_levels_aggregate_to_none(policy: Policy) -> None:
    assert aggregate(UP, [], policy) is None


def test_the_tie_rules_hold_in_a_profile_both_ways(
    small_framework: Framework, becta: Framework
) -> None:
    up = score(small_framework, review(small_framework, {"A1.1": 2, "A1.2": 1, "A2.1": 3}))
    assert (up.level("A1"), up.level("A2"), up.level("A"), up.overall) == (1, 3, 2, 2)
    up_mean = score(small_framework, review(small_framework, {"A1.1": 3, "A1.2": 2}), "mean")
    assert (up_mean.level("A1"), up_mean.level("A")) == (2, 2)

    levels = {"1a1": 2, "1a2": 3, "1b1": 1, "1b2": 1, "1b3": 2, "1b4": 4, "1b5": 5, "1b6": 5}
    down = score(becta, review(becta, levels))
    assert (down.level("1a"), down.level("1b"), down.level("1c")) == (3, 4, None)
    assert down.overall == 3  # levels 1 1 2 2 3 4 5 5: the middle two are 2 and 3
    down_mean = score(becta, review(becta, levels), "mean")
    assert down_mean.level("1a") == 3  # 2.5: half-way, so the worse
    assert down_mean.level("1b") == 3  # ranks 4 4 3 1 0 0: mean 2, level 3
    down_weakest = score(becta, review(becta, levels), "weakest")
    assert (down_weakest.level("1a"), down_weakest.level("1b"), down_weakest.overall) == (3, 5, 5)


def test_a_partial_assessment_aggregates_only_what_is_judged(
    small_framework: Framework, assessment: Assessment
) -> None:
    """The `assessment` fixture: A1.1 = 2, A1.2 = 0, A2.1 = 1, and B1.1 not judged."""
    profile = score(small_framework, assessment)
    assert profile.strands == {"A1.1": 2, "A1.2": 0, "A2.1": 1, "B1.1": None}
    assert profile.aspects == {"A1": 0, "A2": 1, "B1": None}
    assert profile.elements == {"A": 1, "B": None}
    assert profile.overall == 1
    assert (profile.coverage, profile.complete) == (0.75, False)
    assert (profile.judged, profile.unjudged) == (("A1.1", "A1.2", "A2.1"), ("B1.1",))
    assert profile.progress("B") is None
    assert profile.progress("B1.1") is None
    assert profile.progress("A1") == pytest.approx(1 / 3)  # (2/3 + 0) / 2
    assert profile.progress() == pytest.approx(1 / 3)  # (2/3 + 0 + 1/3) / 3
    mean = score(small_framework, assessment, "mean")
    assert (mean.level("A1"), mean.level("A"), mean.level("B")) == (1, 1, None)
    weakest = score(small_framework, assessment, "weakest")
    assert (weakest.level("A1"), weakest.level("A"), weakest.overall) == (0, 0, 0)


def test_nothing_judged_is_none_everywhere(small_framework: Framework) -> None:
    profile = score(small_framework, review(small_framework, {}))
    assert profile.overall is None
    assert profile.progress() is None
    assert all(v is None for v in (*profile.aspects.values(), *profile.elements.values()))
    assert (profile.coverage, profile.judged) == (0, ())


def test_progress_is_the_mean_of_the_strands_progress(small_framework: Framework) -> None:
    """Not the progress of the aggregate level: one strand at the best still counts."""
    profile = score(small_framework, review(small_framework, {"A1.1": 3, "A1.2": 0, "A2.1": 0}))
    assert profile.level("A") == 0
    assert profile.progress("A") == pytest.approx(1 / 3)
    assert profile.progress("A1") == 0.5


def test_progress_runs_from_worst_to_best_in_both_directions(
    small_framework: Framework, becta: Framework
) -> None:
    for framework, best, worst, middle in ((small_framework, 3, 0, 1), (becta, 1, 5, 4)):
        strand = framework.strand_ids[0]
        progress = [
            score(framework, review(framework, {strand: level})).progress(strand)
            for level in (best, worst, middle)
        ]
        assert progress[:2] == [1.0, 0.0]
        assert progress[2] == pytest.approx(1 / 3 if framework is small_framework else 1 / 4)


def test_an_unknown_id_is_refused_with_a_hint(small_framework: Framework, becta: Framework) -> None:
    profile = score(becta, review(becta, {"1b1": 2}))
    with pytest.raises(UnknownIdError) as raised:
        profile.level("lb1")  # a letter l for the digit 1
    assert raised.value.hint == "did you mean `1b1`?"
    assert raised.value.first.code == "unknown-id"
    assert "becta-srf@2010" in str(raised.value)
    with pytest.raises(UnknownIdError, match=r"did you mean `A1\.1`"):
        score(small_framework, review(small_framework, {})).progress("A11")
    with pytest.raises(UnknownIdError) as raised:
        profile.level("nothing-like-it")
    assert raised.value.hint is None


@pytest.mark.parametrize("policy", ["mode", "Median", "", "min"])
def test_an_unknown_policy_is_refused(
    small_framework: Framework, assessment: Assessment, policy: Any
) -> None:
    with pytest.raises(ValueError, match="median, mean, weakest"):
        score(small_framework, assessment, policy)
    with pytest.raises(ValueError, match="unknown policy"):
        aggregate(UP, [1, 2], policy)


def test_a_profile_round_trips_through_json(
    small_framework: Framework, assessment: Assessment
) -> None:
    for policy in ALL_POLICIES:
        profile = score(small_framework, assessment, policy)
        assert Profile.model_validate_json(profile.model_dump_json()) == profile


# -- why there is no `mode` -------------------------------------------------------------------


def mode(scale: Scale, levels: Sequence[int], *, ties_to_worse: bool = True) -> int:
    """The most common level; a tie between levels goes to the worse (or the better)."""
    counts = Counter(levels)
    top = max(counts.values())
    tied = [level for level, count in counts.items() if count == top]
    return scale.worst_of(tied) if ties_to_worse else scale.best_of(tied)


def test_mode_is_not_monotone_whatever_its_tie_rule() -> None:
    """A better judgement can make the mode worse, so `mode` is not offered.

    Every policy that is offered keeps its level (or improves) on the same two changes.
    """
    # Ties to the worse: a strand improves from 2 to 3 and the mode falls from 2 to 0.
    before, after = [0, 2, 2], [0, 2, 3]
    assert mode(UP, before) == 2
    assert mode(UP, after) == 0
    # Ties to the better: a strand improves from 0 to 1 and the mode falls from 2 to 1.
    before_b, after_b = [0, 1, 1, 2, 2], [1, 1, 1, 2, 2]
    assert mode(UP, before_b, ties_to_worse=False) == 2
    assert mode(UP, after_b, ties_to_worse=False) == 1
    # The same on Becta's scale, where a lower number is better: 3 improves to 2.
    before_c, after_c = [5, 3, 3], [5, 3, 2]
    assert mode(DOWN, before_c) == 3
    assert mode(DOWN, after_c) == 5
    cases = ((UP, before, after), (UP, before_b, after_b), (DOWN, before_c, after_c))
    for policy in ALL_POLICIES:
        for scale, old, new in cases:
            old_level, new_level = aggregate(scale, old, policy), aggregate(scale, new, policy)
            assert old_level is not None
            assert new_level is not None
            assert not scale.is_worse(new_level, old_level), policy


def test_the_policies_are_exactly_the_documented_three() -> None:
    expected: tuple[Policy, ...] = ("median", "mean", "weakest")
    assert expected == POLICIES


# -- the guides run as written ----------------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs"


def python_blocks(name: str) -> list[str]:
    text = (DOCS / name).read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_scoring_guide_runs(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/scoring.md: every snippet runs (from the repository root) and its asserts hold."""
    monkeypatch.chdir(root)
    blocks = python_blocks("scoring.md")
    assert len(blocks) == 2
    for index, block in enumerate(blocks):
        exec(compile(block, f"scoring.md[{index}]", "exec"), {})


@pytest.mark.slow
def test_the_testing_guide_runs(request: pytest.FixtureRequest) -> None:
    """docs/testing.md: every snippet runs, and every test it defines passes.

    Tests taking fixtures get them from `selfreview_core.testing`, as a plugin's would.
    """
    ran = []
    for index, block in enumerate(python_blocks("testing.md")):
        namespace: dict[str, Any] = {}
        exec(compile(block, f"testing.md[{index}]", "exec"), namespace)
        for name, test in namespace.items():
            if name.startswith("test_") and callable(test):
                fixtures = inspect.signature(test).parameters
                test(**{f: request.getfixturevalue(f) for f in fixtures})
                ran.append(name)
    assert len(ran) == 11, ran


def test_a_profile_cannot_be_changed_in_place(small_framework: Framework) -> None:
    """A plugin given the profile cannot change what the others, the report, or the rule
    packs read from it."""
    profile: Any = score(small_framework, review(small_framework, {"A1.1": 3, "A1.2": 1}))
    for table in (profile.strands, profile.aspects, profile.elements, profile.progress_by_id):
        with pytest.raises(TypeError, match="read-only"):
            table["A1.1"] = 0
        with pytest.raises(TypeError, match="read-only"):
            table.clear()
    with pytest.raises(TypeError, match="read-only"):
        profile.scale.labels[0] = "Changed"
    assert profile.level("A1.1") == 3
    assert profile.level("A1") == 1
    assert isinstance(profile.judged, tuple)
    assert hash(profile) == hash(profile.model_copy())  # hashable: nothing inside is a dict


def test_a_level_off_the_scale_is_scored_by_its_rank(small_framework: Framework) -> None:
    """`score` of an assessment never checked against its framework (`check_assessment`
    would refuse the level): its rank is worked out all the same."""
    profile = score(small_framework, review(small_framework, {"A1.1": 5, "A1.2": 1}))
    assert profile.strands["A1.1"] == 5
    assert (profile.scores["A1.1"], profile.progress("A1.1")) == (5.0, 5 / 3)
    assert profile.level("A1") == 1  # the lower middle of ranks 1 and 5
    assert profile.score("A1") == 1.0
