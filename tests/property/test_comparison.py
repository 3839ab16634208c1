"""Comparison properties over generated pairs of reviews, for every policy and both directions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    POLICIES,
    Assessment,
    Comparison,
    ComparisonError,
    Framework,
    Judgement,
    Policy,
    check_assessment,
    compare,
)
from selfreview_core.testing import (
    assessment_pairs,
    assessments,
    frameworks,
    mirror_assessment,
    mirror_framework,
)

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

ALL_POLICIES = cast(tuple[Policy, ...], POLICIES)
#: Each example checks every policy (and most both directions): half the profile's examples.
examples = settings(max_examples=max(10, settings().max_examples // 2))

Triple = tuple[Framework, Assessment, Assessment]


@st.composite
def framework_and_pair(draw: st.DrawFn) -> Triple:
    """A framework and two reviews of one school (the second on the same day or later)."""
    framework = draw(frameworks())
    old, new = draw(assessment_pairs(framework))
    return framework, old, new


def both_directions(framework: Framework, old: Assessment, new: Assessment) -> Iterator[Triple]:
    yield framework, old, new
    mirrored = mirror_framework(framework)
    yield mirrored, mirror_assessment(framework, old), mirror_assessment(framework, new)


def tables(comparison: Comparison) -> dict[str, dict[str, int]]:
    """Every change, by table: the numbers a mirrored comparison must keep."""
    return {
        "strands": {k: c.change for k, c in comparison.strands.items()},
        "aspects": {k: c.change for k, c in comparison.aspects.items()},
        "elements": {k: c.change for k, c in comparison.elements.items()},
        "overall": {} if comparison.overall is None else {"": comparison.overall.change},
    }


@examples
@given(framework_and_pair())
def test_comparing_a_review_with_itself_shows_no_change(triple: Triple) -> None:
    framework, assessment, _ = triple
    judged = tuple(s for s in framework.strand_ids if s in assessment.judgements)
    for f, a, _ in both_directions(framework, assessment, assessment):
        for policy in ALL_POLICIES:
            comparison = compare(f, a, a, policy=policy)
            assert all(c == 0 for table in tables(comparison).values() for c in table.values())
            assert (comparison.improved, comparison.regressed) == ((), ())
            assert (comparison.newly_judged, comparison.dropped) == ((), ())
            assert comparison.unchanged == judged
            assert comparison.days == 0
            assert (comparison.overall is None) == (not judged)


@examples
@given(framework_and_pair())
def test_compare_b_a_is_the_mirror_image_of_compare_a_b(triple: Triple) -> None:
    for framework, a, b in both_directions(*triple):
        for policy in ALL_POLICIES:
            forward = compare(framework, a, b, policy=policy)
            backward = compare(framework, b, a, policy=policy, any_order=True)
            for name in ("strands", "aspects", "elements"):
                there, back = getattr(forward, name), getattr(backward, name)
                assert list(there) == list(back)
                for key, change in there.items():
                    assert (back[key].old, back[key].new) == (change.new, change.old)
                    assert back[key].change == -change.change
            if forward.overall is None:
                assert backward.overall is None
            else:
                assert backward.overall is not None
                assert backward.overall.change == -forward.overall.change
            assert (backward.improved, backward.regressed) == (forward.regressed, forward.improved)
            assert backward.unchanged == forward.unchanged
            assert (backward.newly_judged, backward.dropped) == (
                forward.dropped,
                forward.newly_judged,
            )
            assert (backward.old_date, backward.new_date) == (forward.new_date, forward.old_date)
            assert backward.days == -forward.days
            assert forward.days == (b.assessed_on - a.assessed_on).days >= 0


@examples
@given(framework_and_pair())
def test_a_newer_old_review_is_refused_unless_asked(triple: Triple) -> None:
    """Issue 13: an old review newer than the new one is refused (never compared as if it
    were older); the same day is allowed; `any_order=True` compares as given."""
    framework, a, b = triple
    if a.assessed_on == b.assessed_on:
        compare(framework, b, a)  # the same day: either order
        return
    with pytest.raises(ComparisonError) as raised:
        compare(framework, b, a)
    assert raised.value.first.code == "previous-newer"
    assert raised.value.path == "assessed_on"
    assert compare(framework, b, a, any_order=True).days < 0


@examples
@given(framework_and_pair())
def test_mirroring_the_scale_keeps_every_change(triple: Triple) -> None:
    """A positive change is an improvement whichever way the scale runs."""
    framework, old, new = triple
    mirrored = mirror_framework(framework)
    mirror = framework.scale.mirror_level
    for policy in ALL_POLICIES:
        plain = compare(framework, old, new, policy=policy)
        flipped = compare(
            mirrored,
            mirror_assessment(framework, old),
            mirror_assessment(framework, new),
            policy=policy,
        )
        assert tables(flipped) == tables(plain)
        for key, change in plain.strands.items():
            assert (flipped.strands[key].old, flipped.strands[key].new) == (
                mirror(change.old),
                mirror(change.new),
            )
        for name in ("improved", "regressed", "unchanged", "newly_judged", "dropped", "days"):
            assert getattr(flipped, name) == getattr(plain, name), name


@examples
@given(framework_and_pair())
def test_improved_regressed_and_unchanged_partition_the_strands_judged_in_both(
    triple: Triple,
) -> None:
    for framework, old, new in both_directions(*triple):
        scale = framework.scale
        in_old, in_new = set(old.judgements), set(new.judgements)
        comparison = compare(framework, old, new)
        in_order = [s for s in framework.strand_ids if s in in_old & in_new]
        assert list(comparison.strands) == in_order
        parts = (comparison.improved, comparison.regressed, comparison.unchanged)
        assert sorted(s for part in parts for s in part) == sorted(in_order)  # disjoint, covering
        for part in parts:
            assert list(part) == [s for s in in_order if s in part]  # framework order
        for s in in_order:
            before, after = old.judgements[s].level, new.judgements[s].level
            assert before is not None
            assert after is not None
            assert comparison.strands[s].change == scale.rank(after) - scale.rank(before)
            assert (s in comparison.improved) == scale.is_better(after, before)
            assert (s in comparison.regressed) == scale.is_worse(after, before)
        assert comparison.newly_judged == tuple(
            s for s in framework.strand_ids if s in in_new - in_old
        )
        assert comparison.dropped == tuple(s for s in framework.strand_ids if s in in_old - in_new)


def _not_applicable(assessment: Assessment, strands: set[str]) -> Assessment:
    judgements = dict(assessment.judgements)
    for strand in strands:
        judgements[strand] = Judgement(applicable=False, evidence="No such post here.")
    return assessment.model_copy(update={"judgements": judgements})


@examples
@given(
    framework_and_pair().flatmap(
        lambda t: st.tuples(
            st.just(t),
            st.sets(st.sampled_from(t[0].strand_ids)),
            st.sets(st.sampled_from(t[0].strand_ids)),
        )
    )
)
def test_a_strand_not_applicable_in_either_review_has_no_change(
    drawn: tuple[Triple, set[str], set[str]],
) -> None:
    """Not applicable is neither a level nor unjudged: such a strand is in no list and has
    no change; the rest partition as before, `newly_judged` and `dropped` name the strands
    with a level on one side and no judgement at all on the other (not applicable is a
    judgement: such a strand was not judged for the first time, round 52), and swapping or
    mirroring the reviews keeps all of it."""
    (framework, plain_old, plain_new), excused_old, excused_new = drawn
    old = _not_applicable(plain_old, excused_old)
    new = _not_applicable(plain_new, excused_new)
    check_assessment(framework, old)
    check_assessment(framework, new)
    levelled_old = {s for s, j in old.judgements.items() if j.level is not None}
    levelled_new = {s for s, j in new.judgements.items() if j.level is not None}
    for mirrored, (frame, before, after) in enumerate(both_directions(framework, old, new)):
        comparison = compare(frame, before, after)
        in_order = [s for s in frame.strand_ids if s in levelled_old & levelled_new]
        assert list(comparison.strands) == in_order
        parts = (comparison.improved, comparison.regressed, comparison.unchanged)
        assert sorted(s for part in parts for s in part) == sorted(in_order)
        for strand in excused_old | excused_new:
            assert comparison.change(strand) is None
        assert set(comparison.newly_judged) == levelled_new - set(old.judgements)
        assert set(comparison.dropped) == levelled_old - set(new.judgements)
        back = compare(frame, after, before, any_order=True)
        assert (back.improved, back.regressed) == (comparison.improved, comparison.regressed)[::-1]
        assert (back.newly_judged, back.dropped) == (comparison.dropped, comparison.newly_judged)
        assert tables(back) == {
            table: {k: -change for k, change in found.items()}
            for table, found in tables(comparison).items()
        }
        if mirrored:
            assert tables(comparison) == tables(compare(framework, old, new))


@examples
@given(framework_and_pair())
def test_changes_are_judged_in_both_reviews_only(triple: Triple) -> None:
    """An aspect or element has a change exactly when something under it is judged in both."""
    framework, old, new = triple
    comparison = compare(framework, old, new)
    for node_id in [*(a.id for a in framework.aspects), *(e.id for e in framework.elements)]:
        under = [s.id for s in framework.strands_under(node_id)]
        both = any(s in old.judgements for s in under) and any(s in new.judgements for s in under)
        assert (comparison.change(node_id) is not None) == both, node_id
    assert comparison.change("no such id") is None


@examples
@given(
    frameworks().flatmap(
        lambda f: st.tuples(st.just(f), assessments(f), assessments(f), st.sampled_from(POLICIES))
    )
)
def test_a_comparison_survives_a_json_round_trip(
    drawn: tuple[Framework, Assessment, Assessment, str],
) -> None:
    """Any two reviews (other schools too, any dates, so negative days) round-trip."""
    framework, old, new, policy = drawn
    comparison = compare(
        framework, old, new, policy=cast(Policy, policy), any_school=True, any_order=True
    )
    assert comparison.school == new.school.id
    text = comparison.model_dump_json()
    again = Comparison.model_validate_json(text)
    assert again == comparison
    assert again.model_dump_json() == text


@settings(max_examples=scaled(50))
@given(
    framework_and_pair().flatmap(
        lambda t: st.tuples(st.just(t), st.sets(st.sampled_from(t[0].strand_ids)))
    )
)
def test_a_strand_not_applicable_before_and_judged_now_was_not_judged_for_the_first_time(
    drawn: tuple[Triple, set[str]],
) -> None:
    """Every strand the earlier review found not applicable, judged at a level in the later
    one, is in neither `newly_judged` nor `dropped` (round 52: it was counted newly judged,
    and the summary said "judged for the first time"), on either scale direction and either
    way round; the strands newly judged are those the earlier review does not mention."""
    (framework, plain_old, new), excused = drawn
    old = _not_applicable(plain_old, excused)
    levelled_new = {s for s, j in new.judgements.items() if j.level is not None}
    for frame, before, after in both_directions(framework, old, new):
        forward = compare(frame, before, after)
        assert not excused & set(forward.newly_judged)
        assert not excused & set(forward.dropped)
        assert set(forward.newly_judged) == levelled_new - set(old.judgements)
        backward = compare(frame, after, before, any_order=True)
        assert not excused & set(backward.newly_judged + backward.dropped)
        assert backward.dropped == forward.newly_judged
