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
    backwards = compare(becta, new, old, any_order=True)
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
    assert raised.value.path == "school.id"
    with pytest.raises(ComparisonError, match="newer"):  # T2's review is the earlier one
        compare(small_framework, ours, theirs, any_school=True)
    comparison = compare(small_framework, ours, theirs, any_school=True, any_order=True)
    assert comparison.school == "T2"
    assert comparison.days == -30
    assert comparison.improved == ("A1.1",)


def test_an_old_review_newer_than_the_new_one_is_refused(becta: Framework) -> None:
    """SPEC issue 13: a `--previous` newer than the current review was compared as if it
    were older, turning every gain into a loss. It is refused, saying which is newer."""
    older = review(becta, {"1a1": 4}, on=dt.date(2025, 10, 6))
    newer = review(becta, {"1a1": 2}, on=dt.date(2026, 10, 5))
    with pytest.raises(ComparisonError) as raised:
        compare(becta, newer, older)
    error = raised.value
    assert error.first.code == "previous-newer"
    assert error.path == "assessed_on"
    assert "the old review (2026-10-05) is newer than the new one (2025-10-06)" in str(error)
    assert error.hint is not None
    assert error.hint.startswith("swap them")
    assert compare(becta, older, newer).improved == ("1a1",)


def test_two_reviews_on_the_same_day_compare_either_way(becta: Framework) -> None:
    """The same date is not "newer": a school may review twice in a day."""
    morning = review(becta, {"1a1": 4}, on=dt.date(2026, 10, 5))
    evening = review(becta, {"1a1": 3}, on=dt.date(2026, 10, 5))
    assert compare(becta, morning, evening).improved == ("1a1",)
    assert compare(becta, evening, morning).regressed == ("1a1",)


def test_one_day_newer_is_refused(becta: Framework) -> None:
    """The boundary: a day is enough."""
    old = review(becta, {"1a1": 4}, on=dt.date(2026, 10, 6))
    new = review(becta, {"1a1": 3}, on=dt.date(2026, 10, 5))
    with pytest.raises(ComparisonError, match="newer"):
        compare(becta, old, new)


def test_the_engine_refuses_a_newer_previous_review_as_compare_does(
    becta: Framework, engine: Engine
) -> None:
    """Library `compare()`, `Engine.report` and the CLI agree."""
    older = review(becta, {"1a1": 4}, on=dt.date(2025, 10, 6))
    newer = review(becta, {"1a1": 2}, on=dt.date(2026, 10, 5))
    with pytest.raises(ComparisonError) as raised:
        engine.report(older, previous=newer)
    assert raised.value.first.code == "previous-newer"
    made = engine.report(newer, previous=older)
    assert made.comparison is not None
    assert made.comparison.improved == ("1a1",)
    assert engine.report(newer, previous=newer).comparison is not None  # same day


def test_the_engine_compares_another_school_only_when_asked(
    becta: Framework, engine: Engine
) -> None:
    old = review(becta, {"1a1": 4}, on=dt.date(2025, 10, 6), school="137000")
    new = review(becta, {"1a1": 2}, on=dt.date(2026, 10, 5), school="146000")
    with pytest.raises(ComparisonError) as raised:
        engine.report(new, previous=old)
    assert raised.value.first.code == "different-schools"
    made = engine.report(new, previous=old, any_school=True)
    assert made.comparison is not None
    assert made.comparison.school == "146000"


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


def test_a_strand_not_applicable_in_one_review_is_neither_newly_judged_nor_dropped(
    small_framework: Framework, engine: Engine
) -> None:
    """Not applicable is a judgement (SPEC section 10: it is not unjudged). A2.1 not
    applicable in the earlier review and at level 1 now was counted "judged for the first
    time"; A1.2 at 0 then and not applicable now, "dropped". Only B1.1, never judged
    before, is newly judged; and the summary's count agrees."""
    old = review(small_framework, {"A1.1": 2, "A1.2": 0})
    old = old.model_copy(
        update={
            "judgements": {
                **old.judgements,
                "A2.1": Judgement(applicable=False, evidence="No such post here."),
            }
        }
    )
    new = review(small_framework, {"A1.1": 2, "A2.1": 1, "B1.1": 2}, on=dt.date(2027, 1, 15))
    new = new.model_copy(
        update={
            "judgements": {
                **new.judgements,
                "A1.2": Judgement(applicable=False, evidence="Not taught this year."),
            }
        }
    )
    comparison = compare(small_framework, old, new)
    assert (comparison.newly_judged, comparison.dropped) == (("B1.1",), ())
    assert (comparison.change("A2.1"), comparison.change("A1.2")) == (None, None)
    backwards = compare(small_framework, new, old, any_order=True)
    assert (backwards.newly_judged, backwards.dropped) == ((), ("B1.1",))
    page = engine.export(engine.report(new, old, framework=small_framework), "summary")
    assert "1 the same, 1 judged for the first time." in page
