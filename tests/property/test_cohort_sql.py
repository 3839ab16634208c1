"""The DuckDB cohort equals the definition: `benchmark_sql(...) == benchmark(...)`.

Frameworks with questions too (SPEC section 10: "in a framework with questions, an
aggregate's level is the level at rank ⌊aggregate score⌋", the aggregate score "the policy
applied to the scores of the judged strands under them, without rounding"): each school's
aggregates as `score` gives them, its percentile taken by score.

Issue 17: "Property tests that the DuckDB results equal the pure-Python definitions in
`selfreview_core.cohort` on generated cohorts of both scale directions, partial reviews,
several years and duplicate reviews (which SPEC.md section 7 says are reported, not
dropped)." Equality of the two `Cohort` models covers every figure at once: the counts,
quartiles and medians of every strand, aspect, element and overall, each school's levels
(the aggregates worked out in SQL from the strand ranks, under every policy), percentiles
and evidence flags, the order of the schools, and the duplicates and which of them count.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaled import scaled
from selfreview_core import (
    POLICIES,
    Assessment,
    Framework,
    Judgement,
    Policy,
    Profile,
    benchmark,
    score,
)
from selfreview_core.cohort import rows as cohort_rows
from selfreview_core.cohort import sql_counts
from selfreview_core.cohort.interrupting import unwatch
from selfreview_core.cohort.parquet import write_parquet
from selfreview_core.cohort.positions import Cohort
from selfreview_core.cohort.sql import SqlCohort, benchmark_sql, connect, parquet_rows
from selfreview_core.cohort.sql_support import SupportEntries
from selfreview_core.cohort.staged_lines import record
from selfreview_core.cohort.support import rebuilt_reviews
from selfreview_core.testing import (
    answered_assessments,
    assessments,
    frameworks,
    question_frameworks,
    scales,
)

Draw = Callable[[st.SearchStrategy[Any]], Any]
Case = tuple[Framework, list[Assessment], Policy]

#: Few schools and dates spread over several years, so reviews of one school collide on a
#: date now and then (duplicates) and a school has reviews in several years.
SCHOOLS = ("a", "b", "c", "d")
DAYS = (dt.date(2023, 9, 1), dt.date(2024, 9, 1), dt.date(2025, 9, 1), dt.date(2025, 9, 2))


@st.composite
def cohorts(
    draw: Draw, *, max_reviews: int = 8, questions: bool = False, wide: bool = False
) -> Case:
    """A framework (either scale direction), partial or complete reviews of a few schools
    over several years, some on the same date (duplicates), and a policy. With `questions`,
    a framework with questions (answers valued in quarters and hundredths) and reviews by
    answers, by level and not applicable. With `wide`, aspects of up to nine strands on
    scales of up to 40 levels: their strands fill more than one packed word, an aspect may
    lie across two, and its fields may take more values than counting by groups allows
    (`sql_counts.GROUPED_VALUES`)."""
    if wide:
        scale = draw(scales(max_levels=40))
        framework = draw(frameworks(scale=scale, max_elements=2, max_aspects=3, max_strands=9))
        reviewed = assessments(framework)
    elif questions:
        framework = draw(question_frameworks(max_elements=2, max_aspects=2, max_strands=3))
        reviewed = answered_assessments(framework)
    else:
        framework = draw(frameworks(max_elements=2, max_aspects=2, max_strands=3))
        reviewed = assessments(framework)
    drawn = draw(st.lists(reviewed, max_size=max_reviews))
    reviews = [
        review.model_copy(
            update={
                "school": review.school.model_copy(update={"id": draw(st.sampled_from(SCHOOLS))}),
                "assessed_on": draw(st.sampled_from(DAYS)),
                "judgements": _some_not_applicable(draw, framework, review),
            }
        )
        for review in drawn
    ]
    return framework, reviews, draw(st.sampled_from(cast(tuple[Policy, ...], POLICIES)))


@functools.cache
def _database() -> duckdb.DuckDBPyConnection:
    """One DuckDB as `connect` sets it up (limits, threads, no progress bar), unwatched so
    that no signal handler outlives the test. A connection costs some 20 to 35 ms of
    processor time, a cursor of it 0.3: the cohorts these tests make themselves are each on
    a cursor, a connection of its own to the one database, with its own temporary tables.
    None spills (a few schools), so none needs a connection's own `temp_directory`."""
    database = connect()
    unwatch(database)
    return database


def _some_not_applicable(draw: Draw, framework: Framework, review: Assessment) -> Any:
    """`review`'s judgements with some strands (none, a few, or every one of an aspect or
    of the framework) marked not applicable (round 53: frameworks without questions too, so
    that counting by groups meets them): not unjudged, and each aggregate all of whose
    strands are is not applicable too."""
    strands = draw(
        st.one_of(
            st.just(()),
            st.lists(st.sampled_from(framework.strand_ids), max_size=3),
            st.sampled_from([tuple(s.id for s in a.strands) for a in framework.aspects]),
            st.just(framework.strand_ids),
        )
    )
    marked = Judgement(applicable=False, evidence="Does not apply")
    return {**review.judgements, **dict.fromkeys(strands, marked)}


@settings(max_examples=scaled(60))
@given(st.one_of(cohorts(), cohorts(questions=True)), st.booleans(), st.booleans())
def test_the_duckdb_cohort_is_the_defined_cohort(
    case: Case, latest_only: bool, with_evidence: bool
) -> None:
    """Every figure of `benchmark`, computed in SQL: distributions, quartiles, medians,
    percentiles, each school's positions and aggregates under the policy, duplicates; in a
    framework with questions, aggregates from scores and percentiles by score."""
    framework, reviews, policy = case
    expected = benchmark(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    found = benchmark_sql(
        framework, reviews, policy=policy, latest_only=latest_only, with_evidence=with_evidence
    )
    assert found == expected


@settings(max_examples=scaled(15))
@given(cohorts(max_reviews=5))
def test_medians_by_sorting_equal_medians_by_counting(case: Case) -> None:
    """Large frameworks take the median by sorting a list (the counting form would be a
    query of strands times levels terms): both forms give the defined median."""
    framework, reviews, _ = case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cohort_rows, "COUNTING_TERMS", 0)
        assert benchmark_sql(framework, reviews) == benchmark(framework, reviews)


@settings(max_examples=scaled(30))
@given(
    cohorts(max_reviews=6, wide=True),
    st.booleans(),
    st.sampled_from([0, 7**3, sql_counts.GROUPED_VALUES, 1 << 62]),
    st.sampled_from([0, 62]),
    st.sampled_from([1, 4, sql_counts.SET_THREADS]),
)
def test_counting_by_groups_gives_the_defined_counts(
    case: Case, latest_only: bool, grouped_values: int, most_sets: int, set_threads: int
) -> None:
    """The counts, quartiles and percentiles are the defined ones whether an aspect is
    counted by the groups of its packed fields, or entry by entry (too many values: its
    strands then each by its own rank), or the whole cohort entry by entry (too many
    grouping sets): in frameworks whose strands fill several packed words; and however the
    grouping sets fall into a query's batch (`sql_counts.set_batches`: one set a query,
    two, ...)."""
    framework, reviews, policy = case
    expected = benchmark(framework, reviews, policy=policy, latest_only=latest_only)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sql_counts, "GROUPED_VALUES", grouped_values)
        patch.setattr(sql_counts, "_MOST_SETS", most_sets)
        patch.setattr(sql_counts, "SET_THREADS", set_threads)
        found = benchmark_sql(framework, reviews, policy=policy, latest_only=latest_only)
    assert found == expected


@settings(max_examples=scaled(30))
@given(st.one_of(cohorts(), cohorts(questions=True)), st.sampled_from([2, 3, 5]))
def test_counting_entry_by_entry_a_few_ids_at_a_time_gives_the_defined_counts(
    case: Case, histograms: int
) -> None:
    """Counted entry by entry (too many grouping sets, or a framework with questions), the
    figures are worked out a few ids at a time (`sql_counts._HISTOGRAMS` histograms a query:
    in a framework with questions, a rank's and a score's for each id), and are the defined
    ones however the ids fall into those batches."""
    framework, reviews, policy = case
    expected = benchmark(framework, reviews, policy=policy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sql_counts, "_MOST_SETS", 0)
        patch.setattr(sql_counts, "_HISTOGRAMS", histograms)
        found = benchmark_sql(framework, reviews, policy=policy)
    assert found == expected


def _latest_only(reviews: list[Assessment]) -> list[Assessment]:
    """The reviews a cohort file keeps: the last read of each school and date."""
    kept: dict[tuple[str, dt.date], Assessment] = {}
    for review in reviews:
        kept.pop((review.school.id, review.assessed_on), None)
        kept[(review.school.id, review.assessed_on)] = review
    return list(kept.values())


@settings(max_examples=scaled(35))
@given(st.one_of(cohorts(), cohorts(questions=True)), st.booleans())
def test_a_cohort_file_benchmarks_as_its_reviews(
    tmp_path_factory: pytest.TempPathFactory, case: Case, latest_only: bool
) -> None:
    """Reviews written to Parquet (one row per judgement) and benchmarked from there give
    the cohort of those reviews: the file loses nothing `benchmark` uses."""
    framework, reviews, policy = case
    kept = _latest_only(reviews)
    work = tmp_path_factory.mktemp("parquet")
    staged = work / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(kept):
            line = record(framework, review, f"#{n + 1}", evidence=True)
            out.write(f'{{"q":{n},{line[1:]}\n')
    target = work / "cohort.parquet"
    write_parquet(str(staged), str(target), evidence=True, work_dir=str(work))
    expected = benchmark(
        framework, kept, policy=policy, latest_only=latest_only, with_evidence=True
    )
    con = _database().cursor()
    try:
        made = SqlCohort(
            con,
            # written with `applicable` (round 51): strands not applicable have their rows
            parquet_rows(str(target), framework, evidence=True, marked=[str(target)]),
            framework,
            policy,
            latest_only,
            with_evidence=True,
        )
        found = made.cohort()
    finally:
        con.close()
    assert found == expected.model_copy(update={"duplicates": ()})
    assert not _parquet_files_left(work, target)


def _parquet_files_left(work: Path, target: Path) -> list[Path]:
    return [p for p in work.iterdir() if p.suffix == ".parquet" and p != target]


# -- frameworks with questions (SPEC section 10, issue 19) ------------------------------


@settings(max_examples=scaled(40))
@given(cohorts(questions=True))
def test_a_cohort_by_scores_levels_and_places_each_school_by_its_own_scores(case: Case) -> None:
    """The two checks of a cohort by scores, each on every cohort drawn and benchmarked
    (drawing and benchmarking are nearly all their time; each had drawn 40 of its own)."""
    framework, reviews, policy = case
    found = benchmark_sql(framework, reviews, policy=policy, latest_only=False)
    profiles = [score(framework, review, policy) for review in _in_cohort_order(reviews)]
    _aggregate_levels_follow_each_schools_own_scores(profiles, found)
    _a_higher_score_has_a_higher_percentile(framework, profiles, found)


def _aggregate_levels_follow_each_schools_own_scores(
    profiles: list[Profile], found: Cohort
) -> None:
    """Each school's aspect, element and overall level in the cohort is its profile's: the
    level at ⌊aggregate score⌋, not the policy over its strand levels."""
    for profile, entry in zip(profiles, found.schools, strict=True):
        assert {a: p.level for a, p in entry.aspects.items()} == dict(profile.aspects)
        assert {e: p.level for e, p in entry.elements.items()} == dict(profile.elements)
        assert entry.overall.level == profile.overall


def _a_higher_score_has_a_higher_percentile(
    framework: Framework, profiles: list[Profile], found: Cohort
) -> None:
    """Percentiles by score: a school with a higher score at an id has a higher
    percentile there, one with the same score the same, whatever their levels."""
    ids = [*framework.strand_ids, *(a.id for a in framework.aspects)]
    for node_id in ids:
        placed: list[tuple[float, float | None]] = []
        for profile, entry in zip(profiles, found.schools, strict=True):
            value = profile.score(node_id)
            if value is not None:
                placed.append((value, entry.get(node_id).percentile))
        for first, one in placed:
            for second, other in placed:
                assert one is not None
                assert other is not None
                if first < second:
                    assert one < other
                elif first == second:
                    assert one == other


def _in_cohort_order(reviews: list[Assessment]) -> list[Assessment]:
    """The reviews as a cohort of every review lists them: by school id, date, order read."""
    numbered = sorted(enumerate(reviews), key=lambda p: (p[1].school.id, p[1].assessed_on, p[0]))
    return [review for _, review in numbered]


def _cohort_rows(
    work: Path, framework: Framework, kept: list[Assessment], from_file: bool
) -> cohort_rows.Rows:
    """The rows of `kept` (no two of one school and date) in `work`: in a cohort file
    (`from_file`), else staged."""
    staged = work / "staged.jsonl"
    with staged.open("w", encoding="utf-8") as out:
        for n, review in enumerate(kept):
            out.write(f'{{"q":{n},{record(framework, review, f"#{n}", evidence=False)[1:]}\n')
    if from_file:
        target = str(work / "cohort.parquet")
        write_parquet(str(staged), target, work_dir=str(work))
        return parquet_rows(target, framework, marked=[target])
    return cohort_rows.staged_rows(str(staged), scores=framework.has_questions)


@settings(max_examples=scaled(25))
@given(cohorts(questions=True), st.booleans())
def test_support_rebuilds_each_school_s_review_as_it_scores(
    tmp_path_factory: pytest.TempPathFactory, case: Case, from_file: bool
) -> None:
    """SPEC section 8: `support` counts "every recommendation the installed plugins and rule
    packs make for those schools", so each school's latest review, rebuilt from the cohort's
    rows (staged reviews, or a cohort file), scores as the review itself does: every
    strand, aspect, element and overall, level and score, with the same strands not
    applicable. Before round 51 a strand not applicable was rebuilt unjudged and one judged
    by answers at its level's rank."""
    framework, reviews, policy = case
    kept = _latest_only(reviews)
    latest: dict[str, Assessment] = {}
    for review in kept:
        current = latest.get(review.school.id)
        if current is None or review.assessed_on > current.assessed_on:
            latest[review.school.id] = review
    work = tmp_path_factory.mktemp("rebuilt")
    rows = _cohort_rows(work, framework, kept, from_file)
    con = _database().cursor()
    try:
        made = SqlCohort(con, rows, framework, policy, latest_only=True)
        rebuilt = {review.school.id: review for review in rebuilt_reviews(made)}
    finally:
        con.close()
    assert rebuilt.keys() == latest.keys()
    ids = [*framework.strand_ids, *(a.id for a in framework.aspects)]
    ids += [e.id for e in framework.elements]
    for school, review in latest.items():
        want = score(framework, review, policy=policy)
        got = score(framework, rebuilt[school], policy=policy)
        assert [(want.level(i), want.score(i)) for i in ids] == [
            (got.level(i), got.score(i)) for i in ids
        ]
        assert want.overall == got.overall
        assert {s for s, j in review.judgements.items() if not j.is_applicable} == {
            s for s, j in rebuilt[school].judgements.items() if not j.is_applicable
        }


@settings(max_examples=scaled(40))
@given(
    st.one_of(cohorts(), cohorts(questions=True), cohorts(wide=True)),
    st.booleans(),
    st.integers(min_value=0, max_value=39),
)
def test_support_s_lists_from_the_long_form_are_those_of_the_entries(
    tmp_path_factory: pytest.TempPathFactory, case: Case, from_file: bool, pick: int
) -> None:
    """Round 54: `support` reads the entries in long form (`sql_support`), a row per judged
    strand and aspects grouped from them, not from the query of a column per id. Its lists
    are those of the entries as `benchmark` reads them (`SqlCohort.positions`, the old
    path): per strand and aspect the schools with a level and those below it, in a cohort
    file or staged, in either scale direction, with strands not applicable; and it rebuilds
    exactly the schools below somewhere, in cohort order."""
    framework, reviews, policy = case
    kept = _latest_only(reviews)
    work = tmp_path_factory.mktemp("long")
    rows = _cohort_rows(work, framework, kept, from_file)
    scale = framework.scale
    rank = pick % scale.size
    con = _database().cursor()
    try:
        made = SqlCohort(con, rows, framework, policy, latest_only=True)
        layout = made.layout
        indexes = [i for i, kind in enumerate(layout.kinds) if kind in ("strand", "aspect")]
        entries = SupportEntries(made)
        ids = entries.ids()
        found = [
            (judged, [ids[e] for e in places]) for judged, places in entries.below(rank, indexes)
        ]
        rebuilt = [review.school.id for review in rebuilt_reviews(entries, rank)]
        positions = list(made.positions())
        size = entries.size
    finally:
        con.close()
    expected = []
    for i in indexes:
        kind, node = layout.kinds[i], layout.ids[i]
        levels = {
            p.school.id: (p.strands if kind == "strand" else p.aspects)[node].level
            for p in positions
        }
        judged = [school for school, level in levels.items() if level is not None]
        below = [school for school in judged if scale.rank(cast(int, levels[school])) < rank]
        expected.append((len(judged), sorted(below)))
    assert found == expected
    assert size == len(positions)
    needing = {school for _, below in expected for school in below}
    assert rebuilt == [p.school.id for p in positions if p.school.id in needing]
