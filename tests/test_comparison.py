"""Comparing two reviews on small hand-written cases, in both scale directions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfreview_core import (
    Assessment,
    Change,
    Comparison,
    ComparisonError,
    Engine,
    Framework,
    Judgement,
    School,
    compare,
    load_assessment,
)


def review(
    framework: Framework | str,
    levels: dict[str, int],
    *,
    on: dt.date = dt.date(2026, 10, 1),
    school: str = "T1",
) -> Assessment:
    return Assessment(
        framework=framework if isinstance(framework, str) else framework.ref,
        school=School(id=school, name=f"School {school}"),
        assessed_on=on,
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def test_changes_upwards_scale(small_framework: Framework, assessment: Assessment) -> None:
    """The `assessment` fixture (A1.1 = 2, A1.2 = 0, A2.1 = 1) reviewed again 106 days later."""
    later = review(small_framework, {"A1.1": 3, "A1.2": 0, "B1.1": 2}, on=dt.date(2027, 1, 15))
    comparison = compare(small_framework, assessment, later)
    assert comparison.days == 106
    assert (comparison.old_date, comparison.new_date) == (dt.date(2026, 10, 1), later.assessed_on)
    assert comparison.strands == {
        "A1.1": Change(old=2, new=3, change=1),
        "A1.2": Change(old=0, new=0, change=0),
    }
    assert comparison.improved == ("A1.1",)
    assert comparison.regressed == ()
    assert comparison.unchanged == ("A1.2",)
    assert comparison.newly_judged == ("B1.1",)
    assert comparison.dropped == ("A2.1",)
    # A1: 0 (2 and 0, the worse middle) -> 0 (3 and 0). A2 and B1 are not judged in both.
    assert comparison.aspects == {"A1": Change(old=0, new=0, change=0)}
    # Element A loses its strand at 1 (dropped), so its median falls although no strand did.
    assert comparison.elements == {"A": Change(old=1, new=0, change=-1)}
    assert comparison.overall == Change(old=1, new=2, change=1)
    assert (comparison.change("A"), comparison.change("A1.1"), comparison.change("B")) == (
        -1,
        1,
        None,
    )
    assert comparison.change("nonsense") is None
    assert (comparison.framework, comparison.policy, comparison.school) == (
        "small@1",
        "median",
        "T1",
    )


def test_changes_count_in_the_scale_direction_on_becta(becta: Framework) -> None:
    """On Becta's scale 1 is best: 4 -> 2 is two steps up, 3 -> 4 one step down."""
    old = review(becta, {"1a1": 4, "1a2": 3, "1b1": 5}, on=dt.date(2025, 10, 6))
    new = review(becta, {"1a1": 2, "1a2": 4, "1b1": 5, "1c1": 1}, on=dt.date(2026, 10, 5))
    comparison = compare(becta, old, new)
    assert {k: c.change for k, c in comparison.strands.items()} == {"1a1": 2, "1a2": -1, "1b1": 0}
    assert (comparison.improved, comparison.regressed, comparison.unchanged) == (
        ("1a1",),
        ("1a2",),
        ("1b1",),
    )
    assert comparison.newly_judged == ("1c1",)
    assert comparison.aspects["1a"] == Change(old=4, new=4, change=0)  # both ties: the worse
    assert comparison.days == 364
    backwards = compare(becta, new, old)
    assert backwards.days == -364
    assert (backwards.improved, backwards.regressed) == (("1a2",), ("1a1",))
    assert backwards.dropped == ("1c1",)


def test_the_policy_is_used_for_the_aggregates(becta: Framework) -> None:
    old = review(becta, {"1a1": 2, "1a2": 5})
    new = review(becta, {"1a1": 1, "1a2": 5})
    median = compare(becta, old, new)
    assert median.aspects["1a"] == Change(old=5, new=5, change=0)
    mean = compare(becta, old, new, policy="mean")
    assert mean.aspects["1a"] == Change(old=4, new=3, change=1)  # 3.5 -> 4, then 3.0
    weakest = compare(becta, old, new, policy="weakest")
    assert weakest.overall == Change(old=5, new=5, change=0)


def test_different_schools_are_refused_unless_asked(small_framework: Framework) -> None:
    ours = review(small_framework, {"A1.1": 1}, school="T1")
    theirs = review(small_framework, {"A1.1": 3}, school="T2", on=dt.date(2026, 9, 1))
    with pytest.raises(ComparisonError) as raised:
        compare(small_framework, ours, theirs)
    assert raised.value.first.code == "different-schools"
    assert "T1" in str(raised.value)
    assert "T2" in str(raised.value)
    assert raised.value.hint is not None
    assert "any_school=True" in raised.value.hint
    comparison = compare(small_framework, ours, theirs, any_school=True)
    assert comparison.school == "T2"
    assert comparison.days == -30
    assert comparison.improved == ("A1.1",)


@pytest.mark.parametrize("other", ["other", "other@1", "small@2"])
def test_different_frameworks_are_refused(small_framework: Framework, other: str) -> None:
    ours = review(small_framework, {"A1.1": 1})
    theirs = review(other, {"A1.1": 1})
    for old, new, label in ((ours, theirs, "new"), (theirs, ours, "old")):
        with pytest.raises(
            ComparisonError, match=f"the {label} assessment is of {other}"
        ) as raised:
            compare(small_framework, old, new)
        assert raised.value.first.code == "different-frameworks"
        with pytest.raises(ComparisonError):
            compare(small_framework, old, new, any_school=True)


def test_an_assessment_naming_no_version_is_accepted(small_framework: Framework) -> None:
    unversioned = review("small", {"A1.1": 1})
    versioned = review(small_framework, {"A1.1": 2})
    assert compare(small_framework, unversioned, versioned).improved == ("A1.1",)


def test_the_example_school_improved(root: Path, engine: Engine) -> None:
    """The two example reviews of one made-up school, a year apart."""
    becta = engine.framework("becta-srf")
    names = engine.framework_names()
    old = load_assessment(root / "examples" / "example-primary-2025.yaml", names)
    new = load_assessment(root / "examples" / "example-primary-2026.yaml", names)
    comparison = compare(becta, old, new)
    assert comparison.days == 364
    assert comparison.regressed == ()
    assert comparison.newly_judged == ("1b4",)
    assert comparison.overall == Change(old=4, new=3, change=1)
    again = Comparison.model_validate_json(comparison.model_dump_json())
    assert again == comparison
