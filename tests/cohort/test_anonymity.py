"""`anonymise` (cohort/anonymity.py): names, ids, authorities and exact dates dropped;
labels drawn afresh that follow neither the results nor the ids; a group, a year or a
quartile of fewer than `min_group` schools hidden, and any cell the totals would give away;
and, as a program uses it, what it returns is read-only, and survives a pickle (to a
worker, to a cache) and a deep copy whole. Moved from test_cohort.py in round 77."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import random
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from selfreview_core import (
    Cohort,
    Duplicate,
    Engine,
    Framework,
    School,
    SelfReviewError,
    UnknownIdError,
    anonymise,
    benchmark,
    load_assessment,
)

from .test_cohort import NAMES, named_cohort, review

if TYPE_CHECKING:
    from collections.abc import Sequence

COHORT = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def test_an_anonymised_cohort_pickles_copies_and_keeps_its_labels_read_only() -> None:
    """Its maps were a dict anyone holding it could change (then `school()` showed a
    school under another's label) and a `MappingProxyType`, which neither `pickle` nor
    `copy.deepcopy` takes."""
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    reviews = [load_assessment(path, names) for path in sorted(COHORT.glob("*.yaml"))]
    cohort = benchmark(engine.framework("becta-srf"), reviews)
    made = anonymise(cohort, rng=random.Random(7))
    school = reviews[0].school.id
    seen = made.school(school)  # fills its cache of positions: no part of equality
    for again in (pickle.loads(pickle.dumps(made)), copy.deepcopy(made)):
        assert again == made
        assert hash(again) == hash(made)
        assert again.labels == made.labels
        assert again.school(school) == seen
    labels: Any = made.labels
    other = next(label for key, label in labels.items() if key != school)
    with pytest.raises(TypeError, match="read-only"):
        labels[school] = other
    assert made.school(school).school.id == made.labels[school] != other


def test_an_anonymised_cohorts_repr_shows_no_school() -> None:
    """Printed, or logged, it shows the anonymised cohort alone: not the labels' key, the
    cohort it was made from, or what its plans hold."""
    engine = Engine(entry_points=False)
    names = engine.framework_names()
    reviews = [load_assessment(path, names) for path in sorted(COHORT.glob("*.yaml"))]
    made = anonymise(benchmark(engine.framework("becta-srf"), reviews), rng=random.Random(7))
    shown = repr(made)
    assert shown.startswith("Anonymised(cohort=Cohort(")
    for each in reviews:  # (`review` names the helper that makes one)
        assert each.school.id not in shown
        assert each.school.name not in shown
    assert "_plans" not in shown


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
