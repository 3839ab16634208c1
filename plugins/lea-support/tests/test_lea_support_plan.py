"""What `lea-support` works out once per framework (`_Plan`) and keeps by pattern of levels
stays bounded and gives what its rules give, on frameworks it was not written for too."""

from __future__ import annotations

import itertools

import pytest
import selfreview_lea_support as plugin
from selfreview_lea_support import _quick as quick
from test_lea_support import call, every_rule, school

from selfreview_core import Framework, score


def test_levels_off_the_scale_never_grow_what_is_kept(becta: Framework) -> None:
    """A profile built by hand with levels the scale lacks is left to the rules: the
    tables kept by level stay as small as the scale, however many such levels come."""
    assessment = school(becta, dict.fromkeys(("1a1", "1b1", "1b2", "1b3", "1b6"), 5))
    profile = score(becta, assessment)
    plugin.selfreview_recommend(becta, profile, None)  # the Becta rules' answers kept
    for odd in range(100, 160):
        strands = dict.fromkeys(("1a1", "1b1", "1b2", "1b3", "1b6"), odd)
        changed = profile.model_copy(update={"strands": {**profile.strands, **strands}})
        plugin.selfreview_recommend(becta, changed, None)
    size = len(becta.scale.levels) + 1  # and None
    plan = quick._plan(becta)
    assert all(len(table) <= size * size for table in plan.named)
    assert len(plan.named[0]) <= size
    assert len(plan.named_kept) <= size**5


def test_the_becta_rules_answers_kept_together_start_again_when_full(
    becta: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The four Becta rules' answers are kept together by what decides them: past
    `MAX_NAMED` the table starts again, and every school still gets its rules' answers, in
    their order, found again or made anew."""
    monkeypatch.setattr(quick, "MAX_NAMED", 4)
    monkeypatch.setattr(quick, "_PLANS", {})
    named = ("1a1", "1b1", "1b2", "1b3", "1b6")  # the strands `_NAMED` reads
    patterns = list(itertools.product((1, 4, 5, None), repeat=2))
    for _ in range(2):  # the second time, some found kept
        for first, second in patterns:
            levels = dict(zip(named, (first, second, 5, second, first), strict=True))
            assessment = school(becta, {k: v for k, v in levels.items() if v is not None})
            assert call(becta, assessment) == every_rule(becta, assessment)
    plan = quick._plan(becta)
    assert 0 < len(plan.named_kept) <= 4
    assert all((key & plan.named_mask) == key for key in plan.named_kept)


def test_a_framework_called_becta_without_its_strands_gets_what_the_rules_give(
    small_framework: Framework,
) -> None:
    """The Becta rules read strands by id: on a framework of Becta's id that lacks them,
    they are run in full (and find nothing to say), and the generic advice stands."""
    named = small_framework.model_copy(update={"id": plugin.BECTA})
    for levels in ({"A1.1": 0, "A1.2": 0, "A2.1": 0}, {"A1.1": 3, "B1.1": 3}, {}):
        assessment = school(named, levels)
        expected = every_rule(named, assessment)
        assert call(named, assessment) == expected
    assert {r.id for r in call(named, school(named, {"A1.1": 0, "A1.2": 0, "A2.1": 0}))} == {
        "lea-training-needs-analysis"
    }


def test_a_profile_of_strands_in_another_order_gets_the_same_advice(becta: Framework) -> None:
    """A profile's strands in the framework's order are read in one pass (`tuple` of their
    values); in any other order (a profile built by hand), or missing one, by id: the same
    advice either way, as every rule gives it."""
    levels = {"1a1": 1, "1a2": 2, "1b1": 1, "1b2": 5, "1b3": 2, "1b6": 1, "1c1": 4, "1c4": 2}
    assessment = school(becta, levels)
    profile = score(becta, assessment)
    assert tuple(profile.strands) == becta.strand_ids  # as scoring makes it
    expected = every_rule(becta, assessment)
    assert call(becta, assessment) == expected
    backwards = dict(reversed(profile.strands.items()))
    changed = profile.model_copy(update={"strands": backwards})
    assert plugin.selfreview_recommend(becta, changed, None) == expected
    missing = {k: v for k, v in profile.strands.items() if k != "1c2"}  # unjudged anyway
    changed = profile.model_copy(update={"strands": missing})
    assert plugin.selfreview_recommend(becta, changed, None) == expected


@pytest.mark.parametrize("chunk", [1, 2, 3, 8, 9, 27, 1024])
def test_training_needs_joined_from_runs_of_any_length_are_the_rules_words(
    becta: Framework, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Training needs' rationale and targets are joined from runs of strands, each run's
    part kept by its pattern of weak levels (`_Plan.chunks`): runs of one strand, of a few,
    or all twelve, with unjudged strands among them (counted apart), give each school the
    rules' own words, and each run's table holds no more patterns than it can meet."""
    monkeypatch.setattr(quick, "MAX_CHUNK", chunk)
    monkeypatch.setattr(quick, "_PLANS", {})
    ids = becta.strand_ids
    for number in range(60):
        levels = {
            strand: (number * 7 + place * (number % 5 + 1)) % 6 for place, strand in enumerate(ids)
        }
        assessment = school(becta, {k: v for k, v in levels.items() if v})  # 0: unjudged
        expected = every_rule(becta, assessment)
        assert call(becta, assessment) == expected
        assert [r.rationale for r in call(becta, assessment)] == [r.rationale for r in expected]
    plan = quick._plan(becta)
    runs = [places for _, _, places, _ in plan.chunks]
    assert [place for places in runs for place in places] == list(range(len(ids)))
    assert all(len(places) == len(runs[0]) for places in runs[:-1])
    assert len(runs[0]) == (1 if chunk < 9 else 2 if chunk < 27 else 3 if chunk < 81 else 6)
    assert all(0 < len(pieces) <= 3 ** len(places) for _, _, places, pieces in plan.chunks)
