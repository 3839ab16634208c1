"""Conditions and levels in words, pinned where round 40's whole mutation pass over facts.py
found no test that would notice a change: an aspect's or element's level says how it was
aggregated, a change is told in the scale's own words whichever way the scale runs, and a
rule's rationale gives the school's own value (or says why there is none) beside each test."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from program import selfreview_here
from rules.test_index import assessment_of
from selfreview_core import Framework, compare, load_rules, score
from selfreview_core.facts import Facts, change_words, describe, explain, holds, level_fact
from selfreview_core.model.conditions import AllOf, AnyOf, Test
from selfreview_core.model.scale import Scale
from selfreview_core.testing import (
    assessment_pairs,
    conditions,
    frameworks,
    mirror_assessment,
    mirror_condition,
    mirror_framework,
)
from test_scores import answered, samm_framework

NA = {"applicable": False, "evidence": "Nothing is built in house"}


def condition(data: dict[str, Any]) -> Test:
    return Test.model_validate(data)


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_an_aspect_or_element_in_words_says_how_its_level_was_reached(
    small_framework: Framework, mirrored: bool
) -> None:
    """What an award says a school is at: a strand's own level, but an aspect's or
    element's is the policy over its judged strands, and it says so."""
    framework = mirror_framework(small_framework) if mirrored else small_framework
    scale = small_framework.scale
    levels = {"A1.1": 1, "A1.2": 3}
    if mirrored:
        levels = {k: scale.mirror_level(v) for k, v in levels.items()}
    facts = Facts(score(framework, assessment_of(framework, levels)))
    worse = levels["A1.1"]  # the median of two ties to the worse
    assert level_fact("strand", "A1.2", facts) == f"A1.2 is at level {levels['A1.2']}"
    assert level_fact("aspect", "A1", facts) == (
        f"aspect A1 is at level {worse} (median of its judged strands)"
    )
    assert level_fact("element", "A", facts) == (
        f"element A is at level {worse} (median of its judged strands)"
    )
    assert level_fact("element", "B", facts) == "element B is not judged"


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (1, 2, "up one level, 1 → 2"),
        (0, 3, "up three levels, 0 → 3"),
        (3, 1, "down two levels, 3 → 1"),
        (2, 2, "unchanged at level 2"),
    ],
)
def test_a_change_is_told_in_the_scales_own_words_either_way_round(
    small_framework: Framework, old: int, new: int, words: str
) -> None:
    scale = small_framework.scale
    assert change_words(scale, old, new) == words
    mirrored = mirror_framework(small_framework).scale
    mold, mnew = scale.mirror_level(old), scale.mirror_level(new)
    assert change_words(mirrored, mold, mnew) == words.replace(
        f"{old} → {new}", f"{mold} → {mnew}"
    ).replace(f"level {new}", f"level {mnew}")


def test_a_change_of_ten_levels_or_more_is_told_in_figures() -> None:
    scale = Scale(best=12, worst=0)
    assert change_words(scale, 0, 9) == "up nine levels, 0 → 9"
    assert change_words(scale, 0, 10) == "up 10 levels, 0 → 10"
    assert change_words(scale, 12, 0) == "down 12 levels, 12 → 0"
    becta_like = Scale(best=1, worst=12)
    assert change_words(becta_like, 12, 1) == "up 11 levels, 12 → 1"


def test_tests_that_ask_for_the_opposite_read_so_in_words() -> None:
    assert describe(condition({"strand": "1b1", "unjudged": False})) == "1b1 is judged"
    assert describe(condition({"strand": "1b1", "unjudged": True})) == "1b1 is not judged"
    assert describe(condition({"aspect": "1b", "improved": False})) == (
        "aspect 1b has not improved since the previous review"
    )
    assert describe(condition({"element": "1", "regressed": True})) == (
        "element 1 has regressed since the previous review"
    )
    assert describe(condition({"strand": "1b1", "level": [1, 2, 3]})) == (
        "1b1 is at level 1, 2 or 3"
    )
    assert describe(condition({"strand": "1b1", "score_reached": 1.23456})) == (
        "1b1 scores 1.235 or more"
    )


def test_an_empty_all_is_always_and_an_empty_any_never_in_words(
    small_framework: Framework,
) -> None:
    facts = Facts(score(small_framework, assessment_of(small_framework, {})))
    scale = small_framework.scale
    for built in (AllOf(all=[]), AnyOf(any=[])):
        words = "always" if isinstance(built, AllOf) else "never"
        assert describe(built) == words
        assert explain(built, scale, facts) == words


@pytest.mark.parametrize("mirrored", [False, True], ids=["best-3", "best-0"])
def test_a_rationale_gives_the_schools_own_value_beside_each_test(
    small_framework: Framework, mirrored: bool
) -> None:
    """A test whose subject is exactly at the one level it names needs no value beside it
    (an aspect's still says how its level was reached); any other gives the value, and an
    unjudged subject says it is not judged."""
    framework = mirror_framework(small_framework) if mirrored else small_framework
    m = small_framework.scale.mirror_level if mirrored else (lambda level: level)
    facts = Facts(score(framework, assessment_of(framework, {"A1.1": m(1), "A1.2": m(3)})))
    scale = framework.scale

    def why(data: dict[str, Any]) -> str:
        return explain(condition(data), scale, facts)

    median = "the median of its judged strands"
    assert why({"strand": "A1.1", "level": m(1)}) == f"A1.1 is at level {m(1)}"
    assert why({"aspect": "A1", "level": m(1)}) == f"aspect A1 is at level {m(1)} ({median})"
    assert why({"strand": "A1.1", "level": [m(1), m(2)]}) == (
        f"A1.1 is at level {m(1)} or {m(2)} (it is at {m(1)})"
    )
    assert why({"aspect": "A1", "reached": m(2)}) == (
        f"aspect A1 has reached level {m(2)} (it is at {m(1)}, {median})"
    )
    assert why({"strand": "A1.2", "below": m(3)}) == (
        f"A1.2 is not yet at level {m(3)} (it is at {m(3)})"
    )
    assert why({"strand": "B1.1", "unjudged": True}) == "B1.1 is not judged"
    assert why({"element": "B", "unjudged": True}) == "element B is not judged"
    assert why({"strand": "B1.1", "unjudged": False}) == "B1.1 is judged (it is not judged)"
    assert why({"strand": "A1.1", "unjudged": True}) == f"A1.1 is not judged (it is at {m(1)})"
    assert why({"element": "B", "reached": m(0)}) == (
        f"element B has reached level {m(0)} (it is not judged)"
    )


def test_a_rationale_on_change_says_why_there_is_no_change_to_give(
    small_framework: Framework,
) -> None:
    framework = small_framework
    old = assessment_of(framework, {"A1.1": 1}, 1)
    new = assessment_of(framework, {"A1.1": 3, "B1.1": 2}, 2)
    scale = framework.scale
    alone = Facts(score(framework, new))
    both = Facts(score(framework, new), compare(framework, old, new))
    improved = condition({"strand": "A1.1", "improved": True})
    newly = condition({"strand": "B1.1", "regressed": False})
    assert explain(improved, scale, alone) == (
        "A1.1 has improved since the previous review (there is no previous review)"
    )
    assert explain(improved, scale, both) == (
        "A1.1 has improved since the previous review (up two levels, 1 → 3)"
    )
    assert explain(newly, scale, both) == (
        "B1.1 has not regressed since the previous review (it is not judged in both reviews)"
    )


def test_a_rationale_says_a_strand_not_applicable_is_not_applicable() -> None:
    """Not applicable is not unjudged (SPEC section 10): a rationale or an award says which,
    and an aspect of a framework with questions is at its score, then its level."""
    framework = samm_framework(1)
    assessment = answered(framework, {"P0-A": ["most", "half", "some"]}, **{"P0-B": NA})
    facts = Facts(score(framework, assessment))
    scale = framework.scale

    def why(data: dict[str, Any]) -> str:
        return explain(condition(data), scale, facts)

    assert why({"strand": "P0-B", "unjudged": True}) == "P0-B is not judged (it is not applicable)"
    assert why({"strand": "P0-B", "reached": 1}) == (
        "P0-B has reached level 1 (it is not applicable)"
    )
    assert why({"aspect": "P0", "reached": 2}) == (
        "aspect P0 has reached level 2 (it is at 1.75, level 1, the mean of its judged strands)"
    )
    assert why({"strand": "P0-A", "level": 1}) == "P0-A is at level 1"
    assert level_fact("aspect", "P0", facts) == (
        "aspect P0 is at 1.75 (level 1, the mean of its judged strands)"
    )


def test_a_score_test_on_a_scale_of_levels_gives_the_score_counted_from_the_worst(
    becta: Framework,
) -> None:
    """Becta's best is 1 and worst 5: level 4 is one step above the worst, score 1."""
    facts = Facts(score(becta, assessment_of(becta, {"1b1": 4})))
    low = condition({"strand": "1b1", "score_below": 2})
    assert explain(low, becta.scale, facts) == "1b1 scores below 2 (it is at 1, level 4)"
    below = condition({"strand": "1b1", "below": 3})
    assert explain(below, becta.scale, facts) == "1b1 is not yet at level 3 (it is at 4)"


@given(st.data())
def test_a_condition_holds_for_a_school_exactly_as_its_mirror_holds_for_the_mirror(
    data: st.DataObject,
) -> None:
    """Below, reached, level and the rest follow the scale's direction: the same school
    written on the scale that runs the other way (levels, the condition's levels and the
    previous review mirrored) meets exactly the same conditions, scores included."""
    framework = data.draw(frameworks())
    when = data.draw(conditions(framework))
    old, new = data.draw(assessment_pairs(framework))
    mirrored = mirror_framework(framework)
    facts = Facts(score(framework, new), compare(framework, old, new))
    m_old, m_new = mirror_assessment(framework, old), mirror_assessment(framework, new)
    m_facts = Facts(score(mirrored, m_new), compare(mirrored, m_old, m_new))
    m_when = mirror_condition(framework.scale, when)
    assert holds(m_when, mirrored.scale, m_facts) is holds(when, framework.scale, facts)


def test_a_score_threshold_that_is_not_a_number_is_a_test_that_never_holds(
    tmp_path: Path, becta: Framework
) -> None:
    """`score_below: .nan` or `score_reached: .nan` holds for no score (no score is below
    NaN, none reaches it), so validate warns of it as of any test that never holds, and
    `--strict` refuses it; before, both passed `--strict` and the rules never fired."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "kind: rules\nid: p\nframework: becta-srf\nrules:\n"
        "  - id: low\n    when: {strand: 1b1, score_below: .nan}\n"
        "    recommend: {title: T, action: A}\n"
        "  - id: high\n    when: {not: {strand: 1b1, score_reached: .NaN}}\n"
        "    recommend: {title: T, action: A}\n",
        encoding="utf-8",
    )
    facts = Facts(score(becta, assessment_of(becta, {"1b1": 4})))
    rules = load_rules(pack, becta).rules
    assert [holds(rule.when, becta.scale, facts) for rule in rules] == [False, True]
    warned = selfreview_here(["validate", str(pack)], cwd=tmp_path)
    assert warned.returncode == 0
    said = (warned.stdout + warned.stderr).decode()
    assert "rules[0].when.score_below: this test can never hold" in said
    assert "rules[1].when.not.score_reached: this test can never hold" in said
    strict = selfreview_here(["validate", "--strict", str(pack)], cwd=tmp_path)
    assert strict.returncode == 1
    said = (strict.stdout + strict.stderr).decode()
    assert "error: rules[0].when.score_below: this test can never hold" in said
    assert "1 file checked: 0 valid, 1 invalid (2 errors)" in said
    # Each where it stands: the file, the line and the column of the threshold.
    assert f"{pack}:6:38: error: rules[0].when.score_below: this test can never hold" in said
    assert f"{pack}:9:46: error: rules[1].when.not.score_reached: this test can never" in said


def test_whether_a_condition_holds_is_always_true_or_false(small_framework: Framework) -> None:
    """An embedder gets a bool, never None, from every test: a score test of a subject with
    no score, a change test with no previous review, a level test of an unjudged subject."""
    framework = small_framework
    facts = Facts(score(framework, assessment_of(framework, {"A1.1": 2})))
    for data in (
        {"strand": "B1.1", "score_below": 2},
        {"strand": "B1.1", "score_reached": 0},
        {"strand": "A1.1", "improved": True},
        {"strand": "A1.1", "regressed": False},
        {"strand": "B1.1", "reached": 0},
        {"strand": "B1.1", "below": 3},
        {"strand": "B1.1", "level": [0, 1, 2, 3]},
    ):
        assert holds(condition(data), framework.scale, facts) is False, data
    assert holds(condition({"strand": "A1.1", "score_reached": 2}), framework.scale, facts) is True


def test_the_facts_of_a_school_cannot_be_changed_once_made(small_framework: Framework) -> None:
    """Conditions read a school's facts; nothing may swap its profile or previous review
    underneath them, and a cohort's many facts carry no dictionary each."""
    facts = Facts(score(small_framework, assessment_of(small_framework, {"A1.1": 2})))
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.comparison = None  # type: ignore[misc]
    assert not hasattr(facts, "__dict__")
    assert hash(facts) == hash(Facts(facts.profile))
