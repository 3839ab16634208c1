"""Cohort properties over generated frameworks of both scale directions and every policy.

SPEC (issue 3): "benchmark: counts add up to the cohort size; a school at the best level
everywhere ranks at the top of every strand; adding a school never changes another school's
own levels", plus order independence, the documented quartile and percentile rules, and a
JSON round trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    POLICIES,
    Assessment,
    Cohort,
    Framework,
    Judgement,
    Policy,
    School,
    aggregate,
    anonymise,
    benchmark,
    score,
)
from selfreview_core.testing import assessments, frameworks

#: Each test draws many generated frameworks or files: seconds, not milliseconds.
pytestmark = pytest.mark.slow

Draw = Callable[[st.SearchStrategy[Any]], Any]
Case = tuple[Framework, list[Assessment], Policy]
examples = settings(max_examples=scaled(40))


def small_frameworks() -> st.SearchStrategy[Framework]:
    return frameworks(max_elements=2, max_aspects=2, max_strands=2)


@st.composite
def cohorts(draw: Draw, *, max_schools: int = 6) -> Case:
    """A framework, reviews of distinct schools (ids `s0`, `s1`, ...) and a policy."""
    framework = draw(small_frameworks())
    reviews = draw(st.lists(assessments(framework), max_size=max_schools))
    unique = [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"s{i}"})})
        for i, r in enumerate(reviews)
    ]
    return framework, unique, draw(st.sampled_from(cast(tuple[Policy, ...], POLICIES)))


def all_ids(cohort: Cohort) -> list[str]:
    return [*cohort.strands, *cohort.aspects, *cohort.elements, "overall"]


def own_levels(cohort: Cohort, school_id: str) -> dict[str, int | None]:
    entry = cohort.position(school_id)
    return {node_id: entry.level(node_id) for node_id in all_ids(cohort)}


def best_everywhere(framework: Framework, school_id: str) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id=school_id, name="Best School"),
        assessed_on=dt.date(2025, 1, 1),
        judgements={s: Judgement(level=framework.scale.best) for s in framework.strand_ids},
    )


@examples
@given(cohorts())
def test_counts_add_up_to_the_cohort_size(case: Case) -> None:
    """Counts add up to the cohort size: judged + unjudged is every school, and the counts
    per level add up to the judged ones."""
    framework, reviews, policy = case
    cohort = benchmark(framework, reviews, policy=policy)
    assert cohort.size == len(reviews) == len(cohort.schools)
    for stats in cohort.distributions():
        assert list(stats.counts) == list(framework.scale.levels)
        assert stats.judged is not None
        assert stats.unjudged is not None
        assert stats.judged + stats.unjudged == cohort.size
        counts = [n for n in stats.counts.values() if n is not None]
        assert len(counts) == len(stats.counts)  # nothing suppressed unless anonymised
        assert sum(counts) == stats.judged
        assert not stats.suppressed
        judged = [e for e in cohort.schools if e.level(stats.id) is not None]
        assert stats.judged == len(judged)


@examples
@given(cohorts(), st.booleans())
def test_a_school_at_the_best_level_everywhere_ranks_at_the_top(case: Case, first: bool) -> None:
    """A school at the best level everywhere ranks at the top of every strand (and of every
    aspect, element and overall): no school has a higher percentile."""
    framework, reviews, policy = case
    best = best_everywhere(framework, "best")
    cohort = benchmark(framework, [best, *reviews] if first else [*reviews, best], policy=policy)
    top = cohort.position("best")
    for node_id in all_ids(cohort):
        assert top.level(node_id) == framework.scale.best
        mine = top.percentile(node_id)
        assert mine is not None
        for entry in cohort.schools:
            theirs = entry.percentile(node_id)
            assert theirs is None or theirs <= mine
            if entry.level(node_id) not in (None, framework.scale.best):
                assert theirs is not None
                assert theirs < mine


@examples
@given(cohorts(max_schools=4), st.data())
def test_adding_a_school_never_changes_another_schools_own_levels(
    case: Case, data: st.DataObject
) -> None:
    framework, reviews, policy = case
    newcomer = data.draw(assessments(framework))
    newcomer = newcomer.model_copy(
        update={"school": newcomer.school.model_copy(update={"id": "new"})}
    )
    before = benchmark(framework, reviews, policy=policy)
    after = benchmark(framework, [*reviews, newcomer], policy=policy)
    assert after.size == before.size + 1
    for school_id in before.school_ids:
        assert own_levels(after, school_id) == own_levels(before, school_id)
        assert before.position(school_id).assessed_on == after.position(school_id).assessed_on


@examples
@given(cohorts(), st.randoms(use_true_random=False))
def test_order_of_the_schools_changes_nothing(case: Case, random: Any) -> None:
    framework, reviews, policy = case
    shuffled = list(reviews)
    random.shuffle(shuffled)
    assert benchmark(framework, shuffled, policy=policy) == benchmark(
        framework, reviews, policy=policy
    )


@examples
@given(cohorts())
def test_each_schools_levels_are_its_own_score(case: Case) -> None:
    """A school's position holds the levels `score` gives it under the cohort's policy."""
    framework, reviews, policy = case
    cohort = benchmark(framework, reviews, policy=policy)
    for review in reviews:
        profile = score(framework, review, policy)
        entry = cohort.position(review.school.id)
        for node_id in (*cohort.strands, *cohort.aspects, *cohort.elements):
            assert entry.level(node_id) == profile.level(node_id)
        assert entry.overall.level == profile.overall


def percentile_by_definition(levels: Sequence[int], mine: int, framework: Framework) -> float:
    rank = framework.scale.rank
    worse = sum(rank(level) < rank(mine) for level in levels)
    same = sum(level == mine for level in levels)
    return 100 * (worse + same / 2) / len(levels)


@examples
@given(cohorts())
def test_median_quartiles_and_percentiles_follow_their_definitions(case: Case) -> None:
    """Median as `score`'s median (ties to the worse); quartiles by nearest rank, so lower
    quartile <= median <= upper quartile; percentile rank = worse + half the same."""
    framework, reviews, policy = case
    cohort = benchmark(framework, reviews, policy=policy)
    scale = framework.scale
    for stats in cohort.distributions():
        levels = [lv for e in cohort.schools if (lv := e.level(stats.id)) is not None]
        assert stats.median == aggregate(scale, levels, "median")
        if not levels:
            assert stats.lower_quartile is None
            assert stats.upper_quartile is None
            continue
        assert stats.lower_quartile is not None
        assert stats.median is not None
        assert stats.upper_quartile is not None
        ordered = sorted(levels, key=scale.rank)
        n = len(ordered)
        assert stats.lower_quartile == ordered[-(-n // 4) - 1]
        assert stats.upper_quartile == ordered[-(-3 * n // 4) - 1]
        assert scale.rank(stats.lower_quartile) <= scale.rank(stats.median)
        assert scale.rank(stats.median) <= scale.rank(stats.upper_quartile)
        for entry in cohort.schools:
            mine = entry.level(stats.id)
            expected = None if mine is None else percentile_by_definition(levels, mine, framework)
            assert entry.percentile(stats.id) == expected


@examples
@given(small_frameworks().flatmap(lambda f: st.tuples(st.just(f), st.lists(assessments(f)))))
def test_latest_only_counts_each_schools_latest_review(pair: tuple[Framework, Any]) -> None:
    """Reviews of the same school (few ids, so they collide): the cohort is the cohort of each
    school's latest review, the later seen on a tie."""
    framework, drawn = pair
    reviews = [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"s{i % 3}"})})
        for i, r in enumerate(drawn)
    ]
    latest: dict[str, Assessment] = {}
    for review in reviews:
        held = latest.get(review.school.id)
        if held is None or review.assessed_on >= held.assessed_on:
            latest[review.school.id] = review
    cohort = benchmark(framework, reviews)
    every = benchmark(framework, list(latest.values()), latest_only=False)
    # The same, but for the reviews of one day the latest one stood in for (listed).
    assert cohort.model_copy(update={"latest_only": False, "duplicates": ()}) == every
    assert benchmark(framework, reviews, latest_only=False).size == len(reviews)


@examples
@given(cohorts(), st.integers(1, 4), st.randoms(use_true_random=False))
def test_roundtrip(case: Case, min_group: int, rng: Any) -> None:
    """A cohort, and its anonymised copy, survive a JSON round trip unchanged."""
    framework, reviews, policy = case
    cohort = benchmark(framework, reviews, policy=policy, with_evidence=True)
    copies = [cohort]
    if len(cohort.school_ids) >= min_group:
        copies.append(anonymise(cohort, min_group=min_group, rng=rng).cohort)
    for each in copies:
        assert Cohort.model_validate_json(each.model_dump_json()) == each


@examples
@given(cohorts(), st.randoms(use_true_random=False))
def test_anonymising_with_no_minimum_keeps_the_numbers_and_drops_the_names(
    case: Case, rng: Any
) -> None:
    """With `min_group=1` nothing is suppressed: the anonymised cohort is the cohort up to
    labels, years for dates, and no authorities or evidence flags."""
    framework, reviews, policy = case
    assume(reviews)  # an empty cohort is refused: it has fewer schools than any minimum
    cohort = benchmark(framework, reviews, policy=policy)
    made = anonymise(cohort, min_group=1, rng=rng)
    anonymous = made.cohort
    assert list(anonymous.distributions()) == list(cohort.distributions())
    assert {e.school.name for e in anonymous.schools} == {
        f"School {i}" for i in range(1, cohort.size + 1)
    }
    for school_id in cohort.school_ids:
        original, renamed = cohort.position(school_id), anonymous.position(made.labels[school_id])
        for node_id in all_ids(cohort):
            assert renamed.level(node_id) == original.level(node_id)
            assert renamed.percentile(node_id) == original.percentile(node_id)
        assert (renamed.year, renamed.assessed_on) == (original.year, None)
        assert renamed.school.authority is None


DAYS = (dt.date(2024, 9, 1), dt.date(2025, 9, 1), dt.date(2025, 9, 2))


def ids_and_days() -> st.SearchStrategy[tuple[str, dt.date]]:
    """Few schools and few days, so that reviews collide."""
    return st.tuples(st.sampled_from(("a", "b", "c")), st.sampled_from(DAYS))


@examples
@given(
    small_frameworks().flatmap(
        lambda f: st.tuples(
            st.just(f), st.lists(st.tuples(assessments(f), ids_and_days()), max_size=8)
        )
    ),
    st.booleans(),
)
def test_reviews_of_one_school_on_one_date_are_never_dropped_silently(
    pair: tuple[Framework, list[tuple[Assessment, tuple[str, dt.date]]]], latest_only: bool
) -> None:
    """Issue 13: `benchmark` kept one of two reviews of the same school on the same date
    without a word. Every such group is listed, with where each review came from, in the
    order read, and which of them count; and every review is either counted or accounted
    for (an older review of its school, or named in a duplicate)."""
    framework, drawn = pair
    reviews = [
        r.model_copy(
            update={"school": r.school.model_copy(update={"id": school}), "assessed_on": day}
        )
        for r, (school, day) in drawn
    ]
    cohort = benchmark(framework, reviews, latest_only=latest_only)
    sources: dict[tuple[str, dt.date], list[str]] = {}
    for n, r in enumerate(reviews, start=1):
        sources.setdefault((r.school.id, r.assessed_on), []).append(f"#{n}")
    expected = {key: tuple(found) for key, found in sources.items() if len(found) > 1}
    listed = {(d.school, d.assessed_on): d.sources for d in cohort.duplicates}
    assert listed == expected
    latest = {s: max(r.assessed_on for r in reviews if r.school.id == s) for s, _ in sources}
    for duplicate in cohort.duplicates:
        assert duplicate.reviews == len(duplicate.sources)
        assert duplicate.year == (duplicate.assessed_on.year if duplicate.assessed_on else None)
        if not latest_only:
            assert duplicate.counted == "all"
        elif latest[duplicate.school] == duplicate.assessed_on:
            assert duplicate.counted == "last"
            last = reviews[int(duplicate.sources[-1].removeprefix("#")) - 1]
            entry = cohort.position(duplicate.school)
            assert {s: entry.level(s) for s in last.judgements} == {
                s: j.level for s, j in last.judgements.items()
            }
        else:
            assert duplicate.counted == "none"
    assert cohort.size == (len(latest) if latest_only else len(reviews))
