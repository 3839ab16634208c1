"""Cohort benchmarks on small hand-written cases, in both scale directions.

SPEC: "per strand, aspect and element the count of schools at each level, the median and
quartiles, and for each school its position (percentile) against the cohort; a school with
several reviews counts with its latest unless asked otherwise. It streams."
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import random
import re
import weakref
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from selfreview_core import (
    Assessment,
    Cohort,
    Duplicate,
    Framework,
    InvalidDocument,
    Judgement,
    School,
    SelfReviewError,
    UnknownIdError,
    anonymise,
    benchmark,
    benchmark_files,
)
from selfreview_core.cohort.views import csv_cell
from selfreview_core.dump import dump_yaml

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from selfreview_core import Engine


def review(
    framework: Framework,
    school_id: str,
    levels: dict[str, int],
    *,
    on: dt.date = dt.date(2025, 10, 1),
    name: str | None = None,
    authority: str | None = "Example LEA",
) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(
            id=school_id, name=name or f"Example School {school_id}", authority=authority
        ),
        assessed_on=on,
        judgements={strand: Judgement(level=level) for strand, level in levels.items()},
    )


def one_strand(framework: Framework, strand: str, levels: list[int | None]) -> Cohort:
    """A cohort where school `s<i>` judges only `strand`, at `levels[i]` (None: not at all)."""
    return benchmark(
        framework,
        [
            review(framework, f"s{i}", {} if level is None else {strand: level})
            for i, level in enumerate(levels)
        ],
    )


# -- counts -------------------------------------------------------------------------------


def test_counts_cover_every_level_best_first(small_framework: Framework) -> None:
    cohort = one_strand(small_framework, "A1.1", [0, 1, 1, 3, None])
    stats = cohort.strand("A1.1")
    assert list(stats.counts) == [3, 2, 1, 0]
    assert stats.counts == {3: 1, 2: 0, 1: 2, 0: 1}
    assert (stats.judged, stats.unjudged, cohort.size) == (4, 1, 5)
    assert cohort.stats("A1.2").counts == {3: 0, 2: 0, 1: 0, 0: 0}
    assert cohort.stats("A1.2").unjudged == 5


def test_counts_on_a_descending_scale(becta: Framework) -> None:
    cohort = one_strand(becta, "1b3", [5, 4, 4, 1, None, None])
    stats = cohort.stats("1b3")
    assert list(stats.counts) == [1, 2, 3, 4, 5]
    assert stats.counts == {1: 1, 2: 0, 3: 0, 4: 2, 5: 1}
    assert (stats.judged, stats.unjudged) == (4, 2)


def test_aspect_and_element_counts_use_each_schools_own_aggregate(
    small_framework: Framework,
) -> None:
    schools = [review(small_framework, "a", {"A1.1": 3, "A1.2": 0})]
    # median of ranks (0, 3): the worse middle; mean 1.5: half-way goes to the worse.
    assert benchmark(small_framework, schools).stats("A1").counts[0] == 1
    assert benchmark(small_framework, schools, policy="mean").stats("A1").counts[1] == 1
    assert benchmark(small_framework, schools, policy="weakest").stats("A").counts[0] == 1
    assert benchmark(small_framework, schools).overall.counts[0] == 1


# -- median and quartiles: nearest rank, ties to the worse level --------------------------


@pytest.mark.parametrize(
    ("levels", "quartiles"),
    [
        ([0, 1, 2, 3], (0, 1, 2)),  # every quantile falls between two schools: the worse
        ([3, 2, 1, 0], (0, 1, 2)),  # order of schools does not matter
        ([0, 1, 2, 3, 3], (1, 2, 3)),
        ([2], (2, 2, 2)),
        ([0, 3], (0, 0, 3)),
        ([1, 1, 1, 3, 3, 3, 3, 3], (1, 3, 3)),
        ([1, 1, 1, 1, 3, 3, 3, 3], (1, 1, 3)),  # the median falls between 1 and 3
    ],
)
def test_quartiles_ascending(
    small_framework: Framework, levels: list[int], quartiles: tuple[int, int, int]
) -> None:
    stats = one_strand(small_framework, "B1.1", list(levels)).stats("B1.1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == quartiles


@pytest.mark.parametrize(
    ("levels", "quartiles"),
    [
        ([5, 4, 3, 2], (5, 4, 3)),  # the mirror image of 0, 1, 2, 3 on a 0..3 scale
        ([5, 4, 3, 2, 2], (4, 3, 2)),
        ([4, 3, 3, 1], (4, 3, 3)),  # the worked example in docs/benchmarking.md
        ([5, 1], (5, 5, 1)),
        ([1, 1, 2, 2], (2, 2, 1)),
    ],
)
def test_quartiles_descending(
    becta: Framework, levels: list[int], quartiles: tuple[int, int, int]
) -> None:
    stats = one_strand(becta, "1a1", list(levels)).stats("1a1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == quartiles


def test_no_judged_school_has_no_median(small_framework: Framework) -> None:
    stats = one_strand(small_framework, "A1.1", [None, None]).stats("A1.1")
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == (None, None, None)


# -- percentile rank: 100 * (strictly worse + half the same) / judged ---------------------


def test_percentile_definition(small_framework: Framework) -> None:
    cohort = one_strand(small_framework, "A1.1", [0, 1, 1, 3, None])
    got = {s: cohort.position(s).percentile("A1.1") for s in ("s0", "s1", "s2", "s3", "s4")}
    assert got == {"s0": 12.5, "s1": 50.0, "s2": 50.0, "s3": 87.5, "s4": None}


def test_percentile_definition_descending(becta: Framework) -> None:
    cohort = one_strand(becta, "1c4", [5, 4, 4, 1, None])
    got = [cohort.position(f"s{i}").percentile("1c4") for i in range(5)]
    assert got == [12.5, 50.0, 50.0, 87.5, None]
    assert cohort.position("s3").level("1c4") == 1


def test_everyone_at_the_best_level_shares_the_middle(becta: Framework) -> None:
    cohort = one_strand(becta, "1a2", [1, 1, 1])
    assert {cohort.position(f"s{i}").percentile("1a2") for i in range(3)} == {50.0}


def test_a_school_at_the_best_level_everywhere_is_never_outranked(becta: Framework) -> None:
    best = review(becta, "top", dict.fromkeys(becta.strand_ids, becta.scale.best))
    others = [
        review(becta, "x", dict.fromkeys(becta.strand_ids, 2)),
        review(becta, "y", {"1a1": 1, "1b1": 5}),
    ]
    cohort = benchmark(becta, [*others, best])
    top = cohort.position("top")
    for entry in cohort.schools:
        for node_id in (*cohort.strands, *cohort.aspects, *cohort.elements, "overall"):
            theirs = entry.percentile(node_id)
            assert theirs is None or theirs <= (top.percentile(node_id) or 0)
    assert top.percentile("1b2") == 75.0  # above x, the only other school judging 1b2


# -- latest review --------------------------------------------------------------------------


def test_a_school_counts_with_its_latest_review(small_framework: Framework) -> None:
    later = review(small_framework, "a", {"A1.1": 3}, on=dt.date(2025, 1, 1))
    earlier = review(small_framework, "a", {"A1.1": 0}, on=dt.date(2024, 1, 1))
    cohort = benchmark(small_framework, [later, earlier])  # seen out of date order
    assert cohort.size == 1
    assert cohort.stats("A1.1").counts == {3: 1, 2: 0, 1: 0, 0: 0}
    assert cohort.position("a").assessed_on == dt.date(2025, 1, 1)


def test_on_the_same_day_the_review_seen_later_counts(small_framework: Framework) -> None:
    first = review(small_framework, "a", {"A1.1": 3})
    second = review(small_framework, "a", {"A1.1": 1})
    assert benchmark(small_framework, [first, second]).position("a").level("A1.1") == 1
    assert benchmark(small_framework, [second, first]).position("a").level("A1.1") == 3


def test_all_reviews_count_when_asked(small_framework: Framework) -> None:
    reviews = [
        review(small_framework, "a", {"A1.1": 3}, on=dt.date(2025, 1, 1)),
        review(small_framework, "a", {"A1.1": 0}, on=dt.date(2024, 1, 1)),
        review(small_framework, "b", {"A1.1": 1}),
    ]
    cohort = benchmark(small_framework, reviews, latest_only=False)
    assert cohort.size == 3
    assert not cohort.latest_only
    assert [e.year for e in cohort.positions("a")] == [2024, 2025]
    assert cohort.position("a").level("A1.1") == 3  # position() is the latest
    assert cohort.school_ids == ("a", "b")


# -- duplicates: never dropped without a word (issue 13) -----------------------------------


def test_two_reviews_of_one_school_on_one_date_are_listed(small_framework: Framework) -> None:
    first = review(small_framework, "a", {"A1.1": 3})
    second = review(small_framework, "a", {"A1.1": 1})
    other = review(small_framework, "b", {"A1.1": 2})
    cohort = benchmark(small_framework, [first, other, second])
    assert cohort.size == 2
    assert cohort.position("a").level("A1.1") == 1  # the one read last
    assert cohort.duplicates == (
        Duplicate(
            school="a",
            assessed_on=dt.date(2025, 10, 1),
            year=2025,
            reviews=2,
            sources=("#1", "#3"),
            counted="last",
        ),
    )


def test_three_on_one_date_and_pairs_of_several_schools(small_framework: Framework) -> None:
    reviews = [review(small_framework, school, {"A1.1": 1}) for school in "abacab"]
    cohort = benchmark(small_framework, reviews)
    assert [(d.school, d.reviews, d.sources) for d in cohort.duplicates] == [
        ("a", 3, ("#1", "#3", "#5")),
        ("b", 2, ("#2", "#6")),
    ]


def test_duplicates_left_behind_by_a_later_review_count_for_none(
    small_framework: Framework,
) -> None:
    early = dt.date(2024, 1, 1)
    reviews = [
        review(small_framework, "a", {"A1.1": 3}, on=early),
        review(small_framework, "a", {"A1.1": 0}, on=dt.date(2025, 1, 1)),
        review(small_framework, "a", {"A1.1": 2}, on=early),
    ]
    (duplicate,) = benchmark(small_framework, reviews).duplicates
    assert (duplicate.assessed_on, duplicate.sources, duplicate.counted) == (
        early,
        ("#1", "#3"),
        "none",
    )


def test_with_every_review_counted_duplicates_all_count_and_are_listed(
    small_framework: Framework,
) -> None:
    reviews = [review(small_framework, "a", {"A1.1": level}) for level in (3, 1)]
    cohort = benchmark(small_framework, reviews, latest_only=False)
    assert cohort.size == 2
    (duplicate,) = cohort.duplicates
    assert (duplicate.counted, duplicate.reviews) == ("all", 2)


def test_no_duplicates_on_other_days_or_of_other_schools(small_framework: Framework) -> None:
    reviews = [
        review(small_framework, "a", {}, on=dt.date(2025, 1, 1)),
        review(small_framework, "a", {}, on=dt.date(2025, 1, 2)),
        review(small_framework, "b", {}, on=dt.date(2025, 1, 1)),
    ]
    assert benchmark(small_framework, reviews).duplicates == ()
    assert benchmark(small_framework, reviews, latest_only=False).duplicates == ()


def test_benchmark_files_names_the_files_of_duplicates(tmp_path: Path, becta: Framework) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    write(tmp_path / "copy-of-a.yaml", becta, "a", {"1a1": 4})
    write(tmp_path / "b.yaml", becta, "b", {"1a1": 4})
    result = benchmark_files([tmp_path / "copy-of-a.yaml", tmp_path], becta)
    assert result.cohort is not None
    (duplicate,) = result.cohort.duplicates
    assert duplicate.sources == (str(tmp_path / "copy-of-a.yaml"), str(tmp_path / "a.yaml"))
    assert result.cohort.position("a").level("1a1") == 2  # a.yaml, read last


# -- evidence: whether there is any, not what it says (issue 13) --------------------------


def with_evidence(framework: Framework, school_id: str, texts: dict[str, str | None]) -> Assessment:
    return Assessment(
        framework=framework.ref,
        school=School(id=school_id, name=f"School {school_id}"),
        assessed_on=dt.date(2025, 10, 1),
        judgements={s: Judgement(level=1, evidence=text) for s, text in texts.items()},
    )


def test_each_strand_says_whether_it_has_evidence(small_framework: Framework) -> None:
    school = with_evidence(small_framework, "a", {"A1.1": "Minutes", "A1.2": "  \n", "A2.1": None})
    cohort = benchmark(small_framework, [school])
    entry = cohort.position("a")
    assert [entry.strands[s].has_evidence for s in ("A1.1", "A1.2", "A2.1", "B1.1")] == [
        True,
        False,  # blank text is no evidence, as for awards
        False,
        None,  # not judged
    ]
    assert {p.has_evidence for p in (*entry.aspects.values(), entry.overall)} == {None}
    assert {p.evidence for p in entry.strands.values()} == {None}
    assert not cohort.evidence
    assert "Minutes" not in cohort.model_dump_json()


def test_evidence_text_only_when_asked(small_framework: Framework) -> None:
    school = with_evidence(small_framework, "a", {"A1.1": "Minutes", "A1.2": None})
    cohort = benchmark(small_framework, [school], with_evidence=True)
    assert cohort.evidence
    entry = cohort.position("a")
    assert (entry.strands["A1.1"].evidence, entry.strands["A1.2"].evidence) == ("Minutes", None)
    assert Cohort.model_validate_json(cohort.model_dump_json()) == cohort
    assert "Minutes" not in anonymise(cohort, min_group=1).cohort.model_dump_json()


def test_an_anonymised_cohort_says_it_holds_no_evidence_text(small_framework: Framework) -> None:
    """Issue 14 (a mutation pass): the text is dropped, and the cohort says so."""
    school = with_evidence(small_framework, "a", {"A1.1": "Minutes"})
    cohort = benchmark(small_framework, [school], with_evidence=True)
    anonymous = anonymise(cohort, min_group=1).cohort
    assert cohort.evidence
    assert anonymous.evidence is False
    assert {p.evidence for e in anonymous.schools for p in e.strands.values()} == {None}


# -- anonymising ----------------------------------------------------------------------------

NAMES = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta")


def named_cohort(becta: Framework, levels: tuple[int, ...] = (4, 1, 3, 2, 2, 5, 3)) -> Cohort:
    """Seven named schools of two authorities, reviewed on seven different days of 2025
    (school i judges 1a1 at levels[i])."""
    return benchmark(
        becta,
        [
            review(
                becta,
                f"90000{i}",
                {"1a1": level},
                on=dt.date(2025, 3, 1 + i),
                name=f"{NAMES[i]} Primary",
                authority="North LEA" if i % 2 else "South LEA",
            )
            for i, level in enumerate(levels)
        ],
    )


def test_anonymised_drops_names_ids_authorities_and_exact_dates(becta: Framework) -> None:
    cohort = named_cohort(becta)
    anonymous = anonymise(cohort, min_group=1, rng=random.Random(1)).cohort
    dumped = anonymous.model_dump_json()
    for secret in (*NAMES, "9000", "North", "South", "LEA", "2025-03"):
        assert secret not in dumped
    assert anonymous.anonymous
    assert anonymous.min_group == 1
    assert {e.school.name for e in anonymous.schools} == {f"School {i}" for i in range(1, 8)}
    assert [e.school.id for e in anonymous.schools] == [f"school-{i}" for i in range(1, 8)]
    assert {e.school.authority for e in anonymous.schools} == {None}
    assert {(e.assessed_on, e.year, e.suppressed) for e in anonymous.schools} == {
        (None, 2025, False)
    }
    # With no group too small, the figures are untouched.
    assert anonymous.strands == cohort.strands
    assert sorted(e.level("1a1") or 0 for e in anonymous.schools) == [1, 2, 2, 3, 3, 4, 5]


def test_labels_are_a_permutation_drawn_from_the_generator(becta: Framework) -> None:
    cohort = named_cohort(becta)
    made = anonymise(cohort, rng=random.Random(7))
    shuffled = list(range(1, 8))
    random.Random(7).shuffle(shuffled)
    assert made.labels == {f"90000{i}": f"school-{n}" for i, n in enumerate(shuffled)}
    again = anonymise(cohort, rng=random.Random(7))
    assert again.cohort == made.cohort


def test_labels_do_not_follow_the_results(becta: Framework) -> None:
    """Issue 13: labels followed results, so "School 1" was the best school. Over many runs
    the best school (900001, at level 1) gets every label about equally often, and the
    labels of a run are the same whatever the results (swapping two schools' results does
    not move a label)."""
    cohort = named_cohort(becta)
    seen = Counter(
        anonymise(cohort, rng=random.Random(seed)).labels["900001"] for seed in range(700)
    )
    assert set(seen) == {f"school-{i}" for i in range(1, 8)}
    assert all(60 <= count <= 140 for count in seen.values()), seen  # 100 each expected
    swapped = named_cohort(becta, (1, 4, 3, 2, 2, 5, 3))  # 900000 and 900001 swap levels
    for seed in range(20):
        assert (
            anonymise(swapped, rng=random.Random(seed)).labels
            == anonymise(cohort, rng=random.Random(seed)).labels
        )


def test_labels_do_not_follow_the_ids(becta: Framework) -> None:
    """The school with the first id is not "School 1" more often than any other label."""
    cohort = named_cohort(becta)
    seen = Counter(
        anonymise(cohort, rng=random.Random(seed)).labels["900000"] for seed in range(700)
    )
    assert all(60 <= count <= 140 for count in seen.values()), seen


def test_labels_do_not_follow_the_ids_when_the_results_tie(becta: Framework) -> None:
    """Issue 14: with every school at the same level there is nothing to order schools by
    but their ids, and labels must not follow those either. Over many draws the school with
    the first id and the one with the last each get every label about equally often, and
    for one draw no label is given twice."""
    tied = named_cohort(becta, (3,) * 7)
    for school in ("900000", "900006"):
        seen = Counter(
            anonymise(tied, rng=random.Random(seed)).labels[school] for seed in range(700)
        )
        assert set(seen) == {f"school-{i}" for i in range(1, 8)}
        assert all(60 <= count <= 140 for count in seen.values()), seen
    labels = anonymise(tied, rng=random.Random(1)).labels
    assert sorted(labels.values()) == sorted(f"school-{i}" for i in range(1, 8))
    assert list(labels.values()) != [f"school-{i}" for i in range(1, 8)]


def test_what_anonymise_returns_is_frozen_and_its_repr_keeps_the_labels_secret(
    becta: Framework,
) -> None:
    """Issue 14 (a mutation pass): the result cannot be changed in place, and printing it
    (a log, a traceback) shows the anonymous cohort only, never which school got which label
    or the cohort it came from."""
    made: Any = anonymise(named_cohort(becta), rng=random.Random(2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.labels = {}
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.cohort = made.source
    shown = repr(made)
    assert shown == f"Anonymised(cohort={made.cohort!r}, subject='school')"  # nothing else
    assert "school-1" in shown
    for secret in ("90000", "Alpha", "source="):
        assert secret not in shown


def test_each_run_labels_afresh(becta: Framework) -> None:
    """By default the labels come from the operating system's generator: two runs do not
    label alike (7! orderings; eight runs all alike would be a 1 in 10^25 chance)."""
    cohort = named_cohort(becta)
    runs = {tuple(sorted(anonymise(cohort).labels.items())) for _ in range(8)}
    assert len(runs) > 1


def test_rows_are_listed_by_label_not_by_result(becta: Framework) -> None:
    anonymous = anonymise(named_cohort(becta), min_group=1, rng=random.Random(3)).cohort
    assert [e.school.id for e in anonymous.schools] == [f"school-{i}" for i in range(1, 8)]
    levels = [e.level("1a1") or 0 for e in anonymous.schools]
    assert 0 not in levels
    assert levels != sorted(levels, key=becta.scale.rank)
    assert levels != sorted(levels, key=becta.scale.rank, reverse=True)


def one_strand_cohort(
    framework: Framework, levels: Sequence[int | None], *, strand: str = "A1.1"
) -> Cohort:
    """A cohort where school `s<i>` judges `strand` at `levels[i]` (None: not at all), the
    first five reviewed in 2025 and the rest in 2024."""
    return benchmark(
        framework,
        [
            review(
                framework,
                f"s{i}",
                {} if level is None else {strand: level},
                on=dt.date(2025 if i < 5 else 2024, 6, 1 + i),
            )
            for i, level in enumerate(levels)
        ],
    )


def test_a_group_of_fewer_than_min_group_schools_is_hidden(small_framework: Framework) -> None:
    """Twelve schools: six at 0, three at 1, two at 2, one at 3 (scale 0 worst, 3 best).
    The three small cells hide, together holding six schools, so nothing more need hide;
    the figures the shown cells decide stay."""
    cohort = one_strand_cohort(small_framework, [0] * 6 + [1] * 3 + [2] * 2 + [3])
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    strand = anonymous.strand("A1.1")
    assert strand.counts == {3: None, 2: None, 1: None, 0: 6}
    assert (strand.judged, strand.unjudged) == (12, 0)
    # Six of twelve at 0: the lower quartile and the median are 0 whatever the hidden cells
    # hold; the upper quartile could be 1, 2 or 3, so it is withheld.
    assert (strand.lower_quartile, strand.median, strand.upper_quartile) == (0, 0, None)
    assert cohort.strand("A1.1").upper_quartile == 1
    assert strand.suppressed
    places = [e.strands["A1.1"] for e in anonymous.schools]
    assert (
        sorted((p.level, p.percentile, p.suppressed) for p in places if p.level is not None)
        == [(0, 25.0, False)] * 6
    )
    hidden = [p for p in places if p.level is None]
    assert len(hidden) == 6
    assert all((p.percentile, p.has_evidence, p.suppressed) == (None, None, True) for p in hidden)


def test_a_hidden_cell_the_total_would_give_away_hides_another(
    small_framework: Framework,
) -> None:
    """Eight schools at 0 and two not judged: with the not-judged cell hidden, the judged
    count (size minus it) would tell it, so the cell at 0 and the judged count hide too."""
    cohort = one_strand_cohort(small_framework, [0] * 8 + [None] * 2)
    strand = anonymise(cohort, rng=random.Random(0)).cohort.strand("A1.1")
    assert strand.counts == {3: 0, 2: 0, 1: 0, 0: None}
    assert (strand.judged, strand.unjudged) == (None, None)
    assert (strand.lower_quartile, strand.median, strand.upper_quartile) == (None,) * 3
    # Eight at 0, one at 1 and one at 3: the two small cells hold two schools between them,
    # so each would be known to hold one: the cell at 0 hides too.
    cohort = one_strand_cohort(small_framework, [0] * 8 + [1, 3])
    strand = anonymise(cohort, rng=random.Random(0)).cohort.strand("A1.1")
    assert strand.counts == {3: None, 2: 0, 1: None, 0: None}
    assert strand.judged == 10


def test_when_every_cell_is_small_every_cell_hides(becta: Framework) -> None:
    """Five schools, one at each level: each hidden cell would be known to hold one school,
    so even the empty not-judged cell is withheld."""
    cohort = one_strand_cohort(becta, [1, 2, 3, 4, 5], strand="1a1")
    strand = anonymise(cohort, rng=random.Random(0)).cohort.strand("1a1")
    assert set(strand.counts.values()) == {None}
    assert (strand.judged, strand.unjudged, strand.median) == (None, None, None)
    assert strand.suppressed
    assert anonymise(cohort, min_group=1).cohort.strand("1a1") == cohort.strand("1a1")


def test_percentiles_show_where_the_shown_cells_decide_them(small_framework: Framework) -> None:
    """A percentile counts the schools below; shown only where every hidden cell is on one
    side of the school's level."""
    cohort = one_strand_cohort(small_framework, [0] * 5 + [1] * 5 + [3] * 3 + [2] * 3)
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    assert anonymous.strand("A1.1").counts == {3: None, 2: None, 1: 5, 0: 5}
    shown = {(e.level("A1.1"), e.percentile("A1.1")) for e in anonymous.schools}
    assert shown == {(0, 15.625), (1, 46.875), (None, None)}
    cohort = one_strand_cohort(small_framework, [0] * 3 + [1] * 5 + [2] * 3 + [3] * 5)
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    assert anonymous.strand("A1.1").counts == {3: 5, 2: None, 1: 5, 0: None}
    # At 1, hidden cells lie on both sides; at 3 (the best) all below: 11 of 16 schools.
    shown = {(e.level("A1.1"), e.percentile("A1.1")) for e in anonymous.schools}
    assert shown == {(1, None), (3, 84.375), (None, None)}


def test_a_year_of_fewer_than_min_group_schools_is_hidden(small_framework: Framework) -> None:
    cohort = one_strand_cohort(small_framework, [0] * 7)  # five in 2025, two in 2024
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    rows = Counter((e.year, e.suppressed, e.assessed_on) for e in anonymous.schools)
    assert rows == {(2025, False, None): 5, (None, True, None): 2}
    years = Counter(e.year for e in anonymise(cohort, min_group=2).cohort.schools)
    assert years == {2025: 5, 2024: 2}
    alone = one_strand_cohort(small_framework, [0] * 6)  # one school in 2024
    years = Counter(e.year for e in anonymise(alone, rng=random.Random(0)).cohort.schools)
    assert years == {2025: 5, None: 1}


def test_quartiles_are_withheld_one_by_one(small_framework: Framework) -> None:
    """Two at 0 and three at 1 are withheld (five together); the median and the upper
    quartile fall on shown cells whatever those two hold, the lower quartile does not."""
    cohort = one_strand_cohort(small_framework, [0] * 2 + [1] * 3 + [2] * 6 + [3] * 5)
    strand = anonymise(cohort, rng=random.Random(0)).cohort.strand("A1.1")
    assert strand.counts == {3: 5, 2: 6, 1: None, 0: None}
    assert (strand.lower_quartile, strand.median, strand.upper_quartile) == (None, 2, 3)
    assert cohort.strand("A1.1").lower_quartile == 1


def test_a_withheld_cell_holds_at_least_one_school_and_no_more_is_assumed(
    small_framework: Framework,
) -> None:
    """One school at 0 and two at 1 (hidden with it); the lower quartile (the second of
    five) could be at 0 or 1: withheld. A hidden cell is known to hold at least one school,
    never two."""
    cohort = one_strand_cohort(small_framework, [0, 1, 1, 2, 2])
    strand = anonymise(cohort, min_group=2, rng=random.Random(0)).cohort.strand("A1.1")
    assert strand.counts == {3: 0, 2: 2, 1: None, 0: None}
    assert (strand.lower_quartile, strand.median, strand.upper_quartile) == (None, 1, 2)


def test_a_hidden_count_marks_the_distribution_though_every_quartile_shows(
    small_framework: Framework,
) -> None:
    cohort = one_strand_cohort(small_framework, [0] * 10 + [1] * 10 + [2] * 3 + [3] * 2)
    strand = anonymise(cohort, rng=random.Random(0)).cohort.strand("A1.1")
    assert strand.counts == {3: None, 2: None, 1: 10, 0: 10}
    assert (strand.lower_quartile, strand.median, strand.upper_quartile) == (0, 1, 1)
    assert strand.suppressed


def test_groups_count_schools_not_reviews(small_framework: Framework) -> None:
    """With every review counted, six reviews of one school at one level are a group of
    one school, and suppressed."""
    reviews = [
        review(small_framework, "a", {"A1.1": 3}, on=dt.date(2020 + i, 1, 1)) for i in range(6)
    ]
    reviews += [review(small_framework, f"s{i}", {"A1.1": 1}) for i in range(5)]
    cohort = benchmark(small_framework, reviews, latest_only=False)
    anonymous = anonymise(cohort, rng=random.Random(0)).cohort
    strand = anonymous.strand("A1.1")
    assert (strand.counts[3], strand.counts[1], strand.judged) == (None, None, 11)
    assert {e.year for e in anonymous.schools if e.school.id == anonymous.schools[0].school.id}
    with pytest.raises(SelfReviewError, match="the cohort has 1 school, fewer than the 5"):
        anonymise(benchmark(small_framework, reviews[:6], latest_only=False))


def test_a_cohort_smaller_than_min_group_is_refused(small_framework: Framework) -> None:
    cohort = benchmark(small_framework, [review(small_framework, f"s{i}", {}) for i in range(4)])
    with pytest.raises(SelfReviewError) as raised:
        anonymise(cohort)
    assert raised.value.first.code == "cohort-too-small"
    assert "the cohort has 4 schools, fewer than the 5 an anonymised cohort needs" in str(
        raised.value
    )
    assert anonymise(cohort, min_group=4).cohort.size == 4
    with pytest.raises(ValueError, match="at least 1"):
        anonymise(cohort, min_group=0)
    with pytest.raises(ValueError, match="anonymised already"):
        anonymise(anonymise(cohort, min_group=2).cohort)


def test_one_schools_own_view_keeps_its_levels(small_framework: Framework) -> None:
    """`--school` with `--anonymise`: the school sees its own levels and year under its
    label, and the cohort's figures as anonymised."""
    cohort = one_strand_cohort(small_framework, [0] * 6 + [1] * 3 + [2] * 2 + [3])
    made = anonymise(cohort, rng=random.Random(0))
    own = made.school("s11")  # the only school at 3, reviewed in 2024 with six others
    assert own.school == School(id=made.labels["s11"], name=own.school.name, authority=None)
    assert own.school.name == f"School {made.labels['s11'].removeprefix('school-')}"
    assert (own.level("A1.1"), own.level("A1.2"), own.year, own.assessed_on) == (
        3,
        None,
        2024,
        None,
    )
    assert own.percentile("A1.1") is None  # hidden cells below it
    assert own.strands["A1.1"].suppressed
    assert own.strands["A1.1"].has_evidence is False  # its own flag: kept for itself
    assert made.school("s0").percentile("A1.1") == 25.0
    row = made.cohort.position(made.labels["s11"])
    assert row.level("A1.1") is None  # as others see it
    with pytest.raises(UnknownIdError):
        made.school("s99")


def test_duplicates_are_anonymised_too(small_framework: Framework) -> None:
    reviews = [review(small_framework, f"s{i}", {"A1.1": 1}) for i in range(5)]
    reviews.append(review(small_framework, "s0", {"A1.1": 2}))
    lone = [review(small_framework, "s9", {}, on=dt.date(2020, 1, 1)) for _ in range(2)]
    (hidden,) = anonymise(benchmark(small_framework, lone + reviews[:5])).cohort.duplicates
    assert (hidden.year, hidden.reviews) == (None, 2)  # the only school reviewed in 2020
    cohort = benchmark(small_framework, reviews)
    (duplicate,) = cohort.duplicates
    assert duplicate.sources == ("#1", "#6")
    made = anonymise(cohort, rng=random.Random(0))
    (hidden,) = made.cohort.duplicates
    assert hidden == Duplicate(
        school=made.labels["s0"],
        assessed_on=None,
        year=2025,
        reviews=2,
        sources=(),
        counted="last",
    )


# -- models ---------------------------------------------------------------------------------


def test_json_round_trip(becta: Framework) -> None:
    cohort = named_cohort(becta)
    for each in (cohort, anonymise(cohort).cohort):
        assert Cohort.model_validate_json(each.model_dump_json()) == each
        assert Cohort.model_validate(json.loads(each.model_dump_json())) == each


def test_inconsistent_cohorts_are_refused(becta: Framework) -> None:
    data = json.loads(named_cohort(becta).model_dump_json())
    data["size"] = 4
    with pytest.raises(ValidationError, match="size 4 but 7 schools"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["counts"]["5"] = 7
    with pytest.raises(ValidationError, match="add up"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["judged"] = 6
    with pytest.raises(ValidationError, match="judged \\+ unjudged"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["counts"].pop("5")
    with pytest.raises(ValidationError, match="cover the scale"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["strands"]["1a1"]["suppressed"] = True
    with pytest.raises(ValidationError, match="suppressed only under a min_group"):
        Cohort.model_validate(data)
    data = json.loads(named_cohort(becta).model_dump_json())
    data["schools"][0]["year"] = 2024
    with pytest.raises(ValidationError, match="year 2024 but assessed on 2025-03-01"):
        Cohort.model_validate(data)


def test_an_anonymised_cohort_with_hidden_counts_still_validates(becta: Framework) -> None:
    """Hidden counts need not add up; those shown may not exceed the judged count."""
    anonymous = anonymise(named_cohort(becta), rng=random.Random(0)).cohort
    data = json.loads(anonymous.model_dump_json())
    assert data["strands"]["1a1"]["counts"]["2"] is None
    assert Cohort.model_validate(data) == anonymous
    data["strands"]["1a1"]["counts"]["2"] = 8
    with pytest.raises(ValidationError, match="add up"):
        Cohort.model_validate(data)


def test_a_cohort_withheld_for_one_school_s_report_validates(becta: Framework) -> None:
    """`report --cohort` withholds figures of a cohort that is not anonymised (its
    `min_group` set): read back from its JSON, it is the same cohort. Before, the check
    said that only an anonymised cohort suppresses figures, and refused it."""
    from selfreview_core.cohort.standing import withhold

    cohort = named_cohort(becta)
    judging = [stats.judged or 0 for stats in cohort.distributions()]
    cut, _, withheld = withhold(cohort, cohort.position(cohort.schools[0].school.id), judging, 7)
    assert withheld
    assert not cut.anonymous
    assert cut.min_group == 7
    assert Cohort.model_validate(json.loads(cut.model_dump_json())) == cut


def test_a_row_with_neither_date_nor_year_is_refused(becta: Framework) -> None:
    data = json.loads(named_cohort(becta).model_dump_json())
    del data["schools"][0]["year"]
    data["schools"][0]["assessed_on"] = None
    with pytest.raises(ValidationError, match="year"):
        Cohort.model_validate(data)


def test_a_cohort_saved_before_years_reads_back(becta: Framework) -> None:
    """`year` follows from `assessed_on` in JSON written before it existed."""
    cohort = named_cohort(becta)
    data = json.loads(cohort.model_dump_json())
    for entry in data["schools"]:
        del entry["year"]
    assert Cohort.model_validate(data) == cohort
    assert Cohort.model_validate_json(json.dumps(data)) == cohort


def test_unknown_ids_and_schools_get_a_hint(becta: Framework) -> None:
    cohort = named_cohort(becta)
    with pytest.raises(UnknownIdError) as caught:
        cohort.stats("1a9")
    assert caught.value.hint in ("did you mean `1a1`?", "did you mean `1a2`?")
    with pytest.raises(UnknownIdError) as caught:
        cohort.position("900009")
    assert (caught.value.hint or "").startswith("did you mean `90000")
    with pytest.raises(UnknownIdError):
        cohort.strand("1a")  # an aspect, not a strand
    assert cohort.stats("1a").kind == "aspect"
    assert cohort.stats("overall") == cohort.overall


def test_assessments_of_another_framework_are_refused(
    becta: Framework, small_framework: Framework
) -> None:
    with pytest.raises(InvalidDocument, match="not of becta-srf@2010"):
        benchmark(becta, [review(small_framework, "a", {"A1.1": 1})])


def test_unknown_policy_is_refused(becta: Framework) -> None:
    with pytest.raises(ValueError, match="unknown policy"):
        benchmark(becta, [], policy="mode")  # type: ignore[arg-type]


def test_empty_cohort(becta: Framework) -> None:
    cohort = benchmark(becta, [])
    assert cohort.size == 0
    assert cohort.overall.median is None
    assert Cohort.model_validate_json(cohort.model_dump_json()) == cohort


@pytest.mark.usefixtures("frozen_heap")
def test_benchmark_streams(becta: Framework) -> None:
    """No assessment is kept: by the time one is asked for, all but the one before it are
    gone (that one may still sit in the consumer's loop variable)."""
    refs: list[weakref.ref[Assessment]] = []
    alive_at_each_step: list[int] = []

    def stream() -> Iterator[Assessment]:
        for i in range(30):
            gc.collect()
            alive_at_each_step.append(sum(ref() is not None for ref in refs[:-1]))
            item = review(becta, f"s{i}", dict.fromkeys(becta.strand_ids, 1 + i % 5))
            refs.append(weakref.ref(item))
            yield item
            del item

    cohort = benchmark(becta, stream())
    assert cohort.size == 30
    assert alive_at_each_step == [0] * 30


# -- files ----------------------------------------------------------------------------------


def write(path: Path, framework: Framework, school_id: str, levels: dict[str, int]) -> Path:
    path.write_text(dump_yaml(review(framework, school_id, levels)), encoding="utf-8")
    return path


def test_benchmark_files_skips_bad_files(
    tmp_path: Path, becta: Framework, small_framework: Framework, engine: Engine
) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    write(tmp_path / "b.yaml", becta, "b", {"1a1": 4})
    write(tmp_path / "c.yaml", small_framework, "c", {"A1.1": 1})
    (tmp_path / "d.yaml").write_text("kind: assessment\nframework: [\n", encoding="utf-8")
    result = benchmark_files([tmp_path, tmp_path / "a.yaml"], engine.framework_names())
    assert result.cohort is not None
    assert result.cohort.framework == "becta-srf@2010"
    assert result.cohort.school_ids == ("a", "b")
    assert result.files == 4  # a.yaml named twice is read once
    skipped = {s.file.rsplit("/", 1)[-1]: s.diagnostics for s in result.skipped}
    assert set(skipped) == {"c.yaml", "d.yaml"}
    (wrong,) = skipped["c.yaml"]
    assert wrong.code == "wrong-framework"
    assert (wrong.line, wrong.column) == (2, 12)


def test_benchmark_files_with_a_given_framework(tmp_path: Path, becta: Framework) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    result = benchmark_files([tmp_path], becta)
    assert result.cohort is not None
    assert result.cohort.size == 1
    assert result.skipped == []


def test_benchmark_files_refuses_another_version(tmp_path: Path, becta: Framework) -> None:
    write(tmp_path / "a.yaml", becta, "a", {"1a1": 2})
    other = review(becta, "b", {"1a1": 4}).model_copy(update={"framework": "becta-srf@2009"})
    (tmp_path / "b.yaml").write_text(dump_yaml(other), encoding="utf-8")
    result = benchmark_files([tmp_path], becta)
    assert result.cohort is not None
    assert result.cohort.school_ids == ("a",)
    ((diagnostic,),) = [s.diagnostics for s in result.skipped]
    assert diagnostic.message == "assessment is of `becta-srf@2009`, not of becta-srf@2010"


def test_benchmark_files_without_any_usable_file(tmp_path: Path, engine: Engine) -> None:
    (tmp_path / "a.yaml").write_text("kind: assessment\n", encoding="utf-8")
    result = benchmark_files([tmp_path], engine.framework_names())
    assert result.cohort is None
    assert [s.file for s in result.skipped] == [str(tmp_path / "a.yaml")]


# -- CSV cells ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1+cmd", "'-1+cmd"),
        ("-1", "'-1"),  # text from a file stays text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\\r=1"),  # neutralised, and the carriage return shown, not obeyed
        (" =1", "' =1"),  # spaces first do not make it safe
        ("\n@x", "'\n@x"),
        ("\uff1dSUM(1)", "'\uff1dSUM(1)"),  # full-width equals sign
        ("Example School", "Example School"),
        ("a=b", "a=b"),
        (-1, -1),  # a number the library computed stays a number
        (12.5, 12.5),
        (None, ""),
    ],
)
def test_csv_cells_never_run_as_formulas(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_the_docs_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)
    docs = (root / "docs" / "benchmarking.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", docs, flags=re.DOTALL)
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/benchmarking.md", "exec"), namespace)
    cohort = namespace["cohort"]
    assert cohort.size == 2
    assert cohort.stats("1a1").counts == {1: 1, 2: 1, 3: 0, 4: 0, 5: 0}
    assert cohort.stats("1a1").median == 2
    assert cohort.position("900003").percentile("1a1") == 25.0
    assert namespace["result"].cohort.size == 10
    assert namespace["shared"].anonymous
    assert namespace["shared"].min_group == 5
