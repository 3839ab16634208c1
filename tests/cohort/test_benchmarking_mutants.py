"""What a mutation pass over `cohort/benchmarking.py` found untested (round 39): each table
of a cohort holds its own kind of id, whichever way the scale runs; in a framework with
questions a school's percentile is taken by score (SPEC section 10); and
`benchmark_sources` counts each school's latest review and keeps no evidence text unless
asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cohort.test_benchmark_not_applicable import _write as _write_not_applicable
from cohort.test_support_scores import FRAMEWORK
from scaled import scaled
from selfreview_core import Assessment, Framework, Judgement, School, benchmark, score
from selfreview_core._names import POLICIES, Policy
from selfreview_core.cohort.benchmarking import benchmark_sources
from selfreview_core.loader import load_assessment, load_framework
from selfreview_core.testing import assessments, frameworks
from selfreview_core.testing.mirror import mirror_assessment, mirror_framework
from selfreview_core.testing.question_strategies import answered_assessments, question_frameworks

examples = settings(max_examples=scaled(40))


def distinct_schools(reviews: Sequence[Assessment]) -> list[Assessment]:
    return [
        r.model_copy(update={"school": r.school.model_copy(update={"id": f"s{i}"})})
        for i, r in enumerate(reviews)
    ]


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[Framework, list[Assessment]]:
    framework = draw(frameworks(max_elements=2, max_aspects=2, max_strands=2))
    return framework, distinct_schools(draw(st.lists(assessments(framework), max_size=4)))


@st.composite
def question_cohorts(draw: st.DrawFn) -> tuple[Framework, list[Assessment]]:
    framework = draw(question_frameworks(max_elements=2, max_aspects=2, max_strands=2))
    reviews = draw(st.lists(answered_assessments(framework), min_size=1, max_size=5))
    return framework, distinct_schools(reviews)


@examples
@given(cohorts())
def test_each_table_and_each_school_holds_strands_aspects_and_elements_apart(
    case: tuple[Framework, list[Assessment]],
) -> None:
    """Strands, aspects and elements each have a table of their own, in either scale
    direction, and so does each school's position: no aspect is listed as an element."""
    framework, reviews = case
    cohort = benchmark(framework, reviews)
    strands = set(framework.strand_ids)
    aspects = {a.id for a in framework.aspects}
    elements = {e.id for e in framework.elements}
    assert set(cohort.strands) == strands
    assert set(cohort.aspects) == aspects
    assert set(cohort.elements) == elements
    assert {d.kind for d in cohort.aspects.values()} <= {"aspect"}
    assert {d.kind for d in cohort.elements.values()} <= {"element"}
    for entry in cohort.schools:
        assert set(entry.strands) == strands
        assert set(entry.aspects) == aspects
        assert set(entry.elements) == elements


@examples
@given(cohorts(), st.sampled_from(POLICIES))
def test_a_cohort_aggregates_alike_with_its_scale_written_the_other_way(
    case: tuple[Framework, list[Assessment]], policy: Policy
) -> None:
    """The same cohort with its scale written the other way round (rank 0 still at the worst
    level) has the same counts, median, quartiles and percentiles, each level mirrored."""
    framework, reviews = case
    mirrored = mirror_framework(framework)
    flip = framework.scale.mirror_level

    def back(level: int | None) -> int | None:
        return None if level is None else flip(level)

    cohort = benchmark(framework, reviews, policy=policy)
    other = benchmark(
        mirrored,
        [mirror_assessment(framework, r) for r in reviews],
        policy=policy,
    )
    for stats in cohort.distributions():
        seen = other.stats(stats.id)
        assert (seen.judged, seen.unjudged) == (stats.judged, stats.unjudged)
        assert {flip(lv): n for lv, n in stats.counts.items()} == dict(seen.counts)
        assert seen.lower_quartile == back(stats.lower_quartile)
        assert seen.median == back(stats.median)
        assert seen.upper_quartile == back(stats.upper_quartile)
        for entry in cohort.schools:
            there = other.position(entry.school.id)
            assert there.level(stats.id) == back(entry.level(stats.id))
            assert there.percentile(stats.id) == entry.percentile(stats.id)


def percentile_by_score(scores: Sequence[float], mine: float) -> float:
    below = sum(s < mine for s in scores)
    same = sum(s == mine for s in scores)
    return 100 * (below + same / 2) / len(scores)


@examples
@given(question_cohorts())
def test_a_question_framework_ranks_each_school_by_its_score(
    case: tuple[Framework, list[Assessment]],
) -> None:
    """In a framework with questions a school's percentile is `100 * (B + E / 2) / N` over
    the schools with a score there (B lower, E the same), in either scale direction."""
    framework, reviews = case
    policy = framework.policy or "median"
    cohort = benchmark(framework, reviews, policy=policy)
    profiles = {r.school.id: score(framework, r, policy) for r in reviews}
    ids: list[str | None] = [*framework.strand_ids, *(a.id for a in framework.aspects)]
    ids += [*(e.id for e in framework.elements), None]
    for node_id in ids:
        scores = [s for p in profiles.values() if (s := p.score(node_id)) is not None]
        for school_id, profile in profiles.items():
            mine = profile.score(node_id)
            position = cohort.position(school_id)
            got = position.overall if node_id is None else position.get(node_id)
            if got.level is None or mine is None:
                continue
            assert got.percentile == percentile_by_score(scores, mine), (node_id, school_id)


def review(framework: Framework, day: int, evidence: str) -> Assessment:
    strand = framework.strand_ids[0]
    return Assessment(
        framework=framework.ref,
        school=School(id="s1", name="One School"),
        assessed_on=dt.date(2025, 1, day),
        judgements={strand: Judgement(level=framework.scale.best, evidence=evidence)},
    )


@given(frameworks(max_elements=1, max_aspects=1, max_strands=1))
@settings(max_examples=scaled(5))
def test_benchmark_sources_counts_the_latest_review_without_its_text_unless_told(
    framework: Framework,
) -> None:
    """Called with only a framework and (source, review) pairs, `benchmark_sources` does as
    `benchmark` does: it counts a school once, at its latest review, and says only that a
    strand has evidence, not what it says."""
    pairs = [
        ("old.yaml", review(framework, 1, "old words")),
        ("new.yaml", review(framework, 2, "new")),
    ]
    cohort = benchmark_sources(framework, pairs)
    assert cohort.latest_only is True
    assert cohort.evidence is False
    assert cohort.size == 1
    (entry,) = cohort.schools
    assert entry.assessed_on == dt.date(2025, 1, 2)
    position = entry.get(framework.strand_ids[0])
    assert position.has_evidence is True
    assert position.evidence is None


def test_the_library_lists_at_each_school_what_it_marked_not_applicable_and_nothing_else(
    tmp_path: Path,
) -> None:
    """`benchmark` (the library, in Python) gives each school's `not_applicable` as the
    command does from DuckDB: the strands it marked so, with an aspect all of whose strands
    it marked, and nothing at a school that marked none."""
    folder = _write_not_applicable(tmp_path / "reviews")
    framework = load_framework(FRAMEWORK)
    reviews = [load_assessment(path, framework=framework) for path in sorted(folder.iterdir())]
    cohort = benchmark(framework, reviews)
    marked = {position.school.id: position.not_applicable for position in cohort.schools}
    assert marked == {
        "S1": ("C-N-3",), "S2": ("C-N-3",), "S3": (), "S4": ("S-F-1", "S-F"), "S5": (), "S6": (),
    }  # fmt: skip
