"""Anonymised cohorts over generated frameworks of both scale directions and every policy.

SPEC section 7: "`--anonymise` drops school ids and names, labels schools in an order
unrelated to their results, coarsens dates to the year, and suppresses any group of fewer
than 5 schools (`--min-group N`)".
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    POLICIES,
    Assessment,
    Cohort,
    Distribution,
    Framework,
    Judgement,
    Policy,
    School,
    anonymise,
    benchmark,
)
from selfreview_core.cohort.views import cohort_csv, cohort_table, school_table
from selfreview_core.testing import assessments, frameworks, mirror_assessment, mirror_framework

Draw = Callable[[st.SearchStrategy[Any]], Any]
Case = tuple[Framework, list[Assessment], Policy, bool]
pytestmark = pytest.mark.slow
examples = settings(max_examples=scaled(40))

NA = "n/a"  # the not-applicable cell
NOT_APPLICABLE = Judgement(applicable=False, evidence="It does not apply here.")
#: Marks in every generated school's id, name and authority: none may reach an output.
ID, NAME, AUTHORITY = "zqid", "Zqname", "Zqauth"


@st.composite
def cohorts(draw: Draw, *, max_reviews: int = 9) -> Case:
    """A framework (mirrored or not, so both scale directions), reviews of a few schools
    with marked identities (some schools reviewed more than once), a policy, and whether
    every review counts."""
    framework = draw(frameworks(max_elements=2, max_aspects=2, max_strands=2))
    reviews = draw(st.lists(assessments(framework), min_size=1, max_size=max_reviews))
    # Each review twice (up to `max_reviews`): every level held by at least two schools, so
    # with `min_group` 2 every level is shown while a lone not judged or not applicable is not.
    copies = draw(st.integers(1, 2))
    reviews = (reviews * copies)[:max_reviews]
    schools = draw(st.integers(1, len(reviews)))
    # Some strands not applicable at some schools (round 55: none ever was, so the judged
    # count withheld with not applicable while every level is shown went undrawn).
    strand_ids = [strand.id for strand in framework.strands]
    apart = draw(
        st.lists(st.sets(st.sampled_from(strand_ids)), min_size=len(reviews), max_size=len(reviews))
    )
    marked = [
        r.model_copy(
            update={
                "school": School(
                    id=f"{ID}{i % schools}x",
                    name=f"{NAME} {i % schools}",
                    authority=f"{AUTHORITY}{i % 2}",
                ),
                "judgements": {**r.judgements, **dict.fromkeys(apart[i], NOT_APPLICABLE)},
            }
        )
        for i, r in enumerate(reviews)
    ]
    if draw(st.booleans()):
        marked = [mirror_assessment(framework, r) for r in marked]
        framework = mirror_framework(framework)
    policy = draw(st.sampled_from(cast(tuple[Policy, ...], POLICIES)))
    return framework, marked, policy, draw(st.booleans())


def made(case: Case, min_group: int, seed: int) -> tuple[Cohort, Any]:
    framework, reviews, policy, latest_only = case
    cohort = benchmark(framework, reviews, policy=policy, latest_only=latest_only)
    assume(len(cohort.school_ids) >= min_group)
    return cohort, anonymise(cohort, min_group=min_group, rng=random.Random(seed))


def tables(cohort: Cohort) -> Iterator[tuple[str, str, Distribution]]:
    """(table, id, distribution) for every strand, aspect, element and overall."""
    for name in ("strands", "aspects", "elements"):
        for node_id, stats in getattr(cohort, name).items():
            yield name, node_id, stats
    yield "overall", "", cohort.overall


def place(entry: Any, table: str, node_id: str) -> Any:
    return entry.overall if table == "overall" else getattr(entry, table)[node_id]


def groups(cohort: Cohort, table: str, node_id: str) -> Counter[int | str | None]:
    """Distinct schools at each level (None: not judged, `NA`: not applicable), from the
    original cohort."""
    members = {
        (NA if not_applicable(e, table, node_id) else place(e, table, node_id).level, e.school.id)
        for e in cohort.schools
    }
    return Counter(level for level, _ in members)


def not_applicable(entry: Any, table: str, node_id: str) -> bool:
    """Whether `entry` marked this place not applicable (overall: every strand)."""
    na = set(entry.not_applicable)
    return bool(na) and na >= set(entry.strands) if table == "overall" else node_id in na


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to write `total` as `parts` counts of at least 1."""
    for cuts in itertools.combinations(range(1, total), parts - 1):
        bounds = (0, *cuts, total)
        yield tuple(b - a for a, b in itertools.pairwise(bounds))


def fillings(stats: Distribution, worst_first: list[int]) -> Iterator[list[int]]:
    """Every set of level counts (worst first) consistent with what `stats` shows."""
    shown = [stats.counts[lv] for lv in worst_first]
    gaps = [i for i, n in enumerate(shown) if n is None]
    # The judged count is withheld with a hidden not judged and not applicable; with every
    # level shown it is their sum, which decides the quantiles (round 54).
    judged = sum(n for n in shown if n is not None) if stats.judged is None else stats.judged
    if stats.judged is None and gaps:
        return  # no total to fill the hidden cells from: nothing may be decided
    left = judged - sum(n for n in shown if n is not None)
    for parts in compositions(left, len(gaps)) if gaps else [()]:
        counts = [n or 0 for n in shown]
        for gap, part in zip(gaps, parts, strict=True):
            counts[gap] = part
        yield counts


def quantile_of(counts: list[int], quarters: int) -> int:
    ranks = [rank for rank, n in enumerate(counts) for _ in range(n)]
    return ranks[-(-quarters * len(ranks) // 4) - 1]


@examples
@given(cohorts(), st.integers(1, 3), st.integers(0, 2**32))
def test_no_id_name_authority_or_exact_date_in_any_output(
    case: Case, min_group: int, seed: int
) -> None:
    """Every format (the table, JSON, CSV, and one school's own view in each) shows labels
    and years only."""
    cohort, anonymous = made(case, min_group, seed)
    shown = anonymous.cohort
    outputs = [cohort_table(shown), cohort_csv(shown), shown.model_dump_json()]
    for school_id in cohort.school_ids:
        own = anonymous.school(school_id)
        outputs += [school_table(shown, own), cohort_csv(shown, [own]), own.model_dump_json()]
    dates = {r.assessed_on.isoformat() for r in case[1]}
    for text in outputs:
        assert ID not in text
        assert NAME not in text
        assert AUTHORITY not in text
        for date in dates:
            assert date not in text


@examples
@given(cohorts(), st.integers(1, 4), st.integers(0, 2**32))
def test_every_group_under_the_minimum_is_suppressed(case: Case, min_group: int, seed: int) -> None:
    """Every count shown is 0 or of at least `min_group` schools; hidden cells are at least
    two and hold at least `min_group` schools, more than one each (else every cell is
    hidden); judged hides with not judged; every level and year a row shows is shared by at
    least `min_group` schools."""
    cohort, anonymous = made(case, min_group, seed)
    shown = anonymous.cohort
    for (table, node_id, stats), (_, _, given_stats) in zip(
        tables(shown), tables(cohort), strict=True
    ):
        sizes = groups(cohort, table, node_id)
        cells: dict[int | str | None, int | None] = {
            None: stats.unjudged,
            NA: stats.not_applicable,
        }
        cells.update(stats.counts.items())
        hidden = [cell for cell, n in cells.items() if n is None]
        for cell, n in cells.items():
            if n is not None:
                assert sizes[cell] == 0 or sizes[cell] >= min_group
        if hidden and len(hidden) < len(cells):
            held = sum(sizes[cell] for cell in hidden)
            assert len(hidden) >= 2
            assert held >= min_group
            assert held > len(hidden)
        assert (stats.judged is None) is (stats.unjudged is None or stats.not_applicable is None)
        assert stats.suppressed is (stats != given_stats.model_copy(update={"suppressed": False}))
        for entry in shown.schools:
            level = place(entry, table, node_id).level
            if level is not None:
                assert sizes[level] >= min_group
    years = Counter(year for _, year in {(e.school.id, e.year) for e in cohort.schools})
    for entry in shown.schools:
        assert entry.assessed_on is None
        assert (entry.year is None) is entry.suppressed
        if entry.year is not None:
            assert years[entry.year] >= min_group


@examples
@given(cohorts(max_reviews=7), st.integers(1, 4), st.integers(0, 2**32))
def test_figures_shown_are_the_original_and_decided_by_the_shown_cells(
    case: Case, min_group: int, seed: int
) -> None:
    """Up to relabelling, every figure shown equals the non-anonymised one, and a quartile or
    percentile is shown only if every filling of the hidden cells gives the same value (so it
    tells nothing the counts do not)."""
    cohort, anonymous = made(case, min_group, seed)
    shown = anonymous.cohort
    worst_first = list(reversed(cohort.scale.levels))
    by_label = {label: school for school, label in anonymous.labels.items()}
    for (table, node_id, stats), (_, _, given_stats) in zip(
        tables(shown), tables(cohort), strict=True
    ):
        for name in ("judged", "unjudged", "lower_quartile", "median", "upper_quartile"):
            value = getattr(stats, name)
            assert value is None or value == getattr(given_stats, name)
        for level, count in stats.counts.items():
            assert count is None or count == given_stats.counts[level]
        possible = [c for c in fillings(stats, worst_first) if sum(c)]
        for quarters, name in ((1, "lower_quartile"), (2, "median"), (3, "upper_quartile")):
            if getattr(stats, name) is not None:
                assert {quantile_of(c, quarters) for c in possible} == {
                    cohort.scale.rank(getattr(stats, name))
                }
        for label in shown.school_ids:
            rows = zip(shown.positions(label), cohort.positions(by_label[label]), strict=True)
            for entry, original in rows:
                mine, theirs = place(entry, table, node_id), place(original, table, node_id)
                assert mine.level is None or mine.level == theirs.level
                assert mine.percentile is None or mine.percentile == theirs.percentile
                assert entry.year is None or entry.year == original.year
                assert mine.has_evidence is None
                if mine.percentile is not None:
                    assert mine.level is not None
                    rank = cohort.scale.rank(mine.level)
                    assert {
                        100 * (2 * sum(c[:rank]) + c[rank]) / (2 * sum(c)) for c in possible
                    } == {mine.percentile}


@examples
@given(cohorts(), st.integers(0, 2**32), st.randoms(use_true_random=False))
def test_labels_depend_on_neither_results_nor_ids(case: Case, seed: int, shuffle: Any) -> None:
    """For one draw of the generator, shuffling which school has which results, or renaming
    the schools while keeping their order, gives every school the same label: labels are a
    random permutation of the schools, never a function of what they reported."""
    framework, reviews, policy, latest_only = case
    _, anonymous = made(case, 1, seed)
    results = [r.judgements for r in reviews]
    shuffle.shuffle(results)
    swapped = [
        r.model_copy(update={"judgements": j}) for r, j in zip(reviews, results, strict=True)
    ]
    again = benchmark(framework, swapped, policy=policy, latest_only=latest_only)
    relabelled = anonymise(again, min_group=1, rng=random.Random(seed))
    assert relabelled.labels == anonymous.labels
    renamed = [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"{r.school.id}-2"})})
        for r in reviews
    ]
    again = benchmark(framework, renamed, policy=policy, latest_only=latest_only)
    relabelled = anonymise(again, min_group=1, rng=random.Random(seed))
    assert {k.removesuffix("-2"): v for k, v in relabelled.labels.items()} == anonymous.labels


@examples
@given(cohorts(), st.integers(0, 2**32))
def test_rows_come_in_label_order_each_school_once_per_review(case: Case, seed: int) -> None:
    cohort, anonymous = made(case, 1, seed)
    numbers = [int(e.school.id.removeprefix("school-")) for e in anonymous.cohort.schools]
    assert numbers == sorted(numbers)
    assert Counter(numbers) == Counter(
        int(anonymous.labels[e.school.id].removeprefix("school-")) for e in cohort.schools
    )
    assert sorted(set(numbers)) == list(range(1, len(cohort.school_ids) + 1))
