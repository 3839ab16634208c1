"""`cohort/anonymity.py`, round 55's pass: each quartile of an anonymised cohort is shown
when the shown counts decide it, and only then, each by its own quarter. Both scale
directions (the helpers of `test_anonymity_na_mutants`)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from selfreview_core import Scale, Terms, anonymise, benchmark
from selfreview_core.cohort.views import WITHHELD, cohort_table

from .test_anonymity_na_mutants import strand_s0
from .test_dashboard_mutants import SCALES, _framework
from .test_dashboard_na_mutants import NA


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_each_quartile_is_shown_only_where_the_shown_counts_decide_it(scale: Scale) -> None:
    """Six schools: one at rank 1, three at rank 2, two at rank 3 (0: the worst). With
    `--min-group 3` ranks 1 and 3 are withheld together (three schools in two cells). The
    median is rank 2 however the three split; the lower quartile is rank 1 or 2 and the
    upper rank 2 or 3, as they split one way or the other, so both are withheld. (Round 55:
    a quartile shown by another quarter's test survived every narrow test: the lower
    quartile shown by the median's, the median withheld by the upper's, the upper shown by
    the highest rank's.)"""
    framework = _framework(scale, aspects=2)
    cohort = benchmark(framework, strand_s0(framework, (1, 2, 2, 2, 3, 3)))
    stats = anonymise(cohort, min_group=3, rng=random.Random(0)).cohort.strands["s0"]
    level = scale.from_rank
    assert stats.counts == {lv: {level(0): 0, level(2): 3}.get(lv) for lv in scale.levels}
    assert (stats.judged, stats.unjudged, stats.not_applicable) == (6, 0, 0)
    assert (stats.lower_quartile, stats.median, stats.upper_quartile) == (None, level(2), None)
    assert stats.suppressed
    made = anonymise(cohort, min_group=3, rng=random.Random(0))
    row = next(
        line for line in cohort_table(made.cohort, width=200).splitlines() if line[:3] == "s0 "
    )
    assert row.split()[-3:] == [WITHHELD, str(level(2)), WITHHELD]
    # The three at rank 2 sit between the withheld cells: at 41.7% or 58.3% of the cohort
    # as those split, so no percentile is shown, to anyone or to a school of its own.
    places = [(e.strands["s0"].level, e.strands["s0"].percentile) for e in made.cohort.schools]
    assert sorted(places, key=str) == [(level(2), None)] * 3 + [(None, None)] * 3
    for entry in cohort.schools:
        own = made.school(entry.school.id).strands["s0"]
        assert own.level == entry.strands["s0"].level
        assert own.percentile is None
        assert own.suppressed is True


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
@pytest.mark.parametrize(
    "ranks", [(1, 1, 1, 2, 2, 2), (None, None, None, NA, NA, NA)], ids=["judged", "none-judged"]
)
def test_a_distribution_with_nothing_withheld_is_not_marked_suppressed(
    scale: Scale, ranks: tuple[int | str | None, ...]
) -> None:
    """Six schools, three at rank 1 and three at rank 2 (or three that did not judge the
    strand and three that marked it not applicable), every other strand judged alike by
    all: with `--min-group 3` no group is small, so each distribution shows the original's
    every figure and is not marked `suppressed` (which tells a reader of the JSON that some
    figure is withheld), nor is any school's place. Quartiles the cohort has, or has not for
    want of a judged school, and a percentile shown are no reason to mark either (round
    55's pass: four such mutants survived)."""
    framework = _framework(scale, aspects=2)
    cohort = benchmark(framework, strand_s0(framework, ranks))
    made = anonymise(cohort, min_group=3, rng=random.Random(0))
    shown = made.cohort
    pairs = [(shown.overall, cohort.overall)]
    for table in ("strands", "aspects", "elements"):
        pairs += [(getattr(shown, table)[k], v) for k, v in getattr(cohort, table).items()]
    assert len(pairs) == 6
    for stats, given in pairs:
        assert stats == given
        assert stats.suppressed is False
    assert (shown.strands["s0"].median is None) is (ranks[0] is None)
    # And no school's place: each shows its level and percentile, none marked withheld.
    order = {label: school for school, label in made.labels.items()}
    for entry in shown.schools:
        [original] = [e for e in cohort.schools if e.school.id == order[entry.school.id]]
        assert entry.year == original.year == 2025
        assert entry.suppressed is False
        for mine, theirs in (
            *zip(entry.strands.values(), original.strands.values(), strict=True),
            (entry.overall, original.overall),
        ):
            assert (mine.level, mine.percentile) == (theirs.level, theirs.percentile)
            assert mine.suppressed is False


def test_an_anonymised_school_is_named_by_the_framework_s_terms_and_its_label() -> None:
    """Each row and a school's own view are named "School 3" by default, and in the
    framework's terms ("Early years setting 3": the first letter alone upper case), with the
    label's number; the id stays `school-3` (round 55's pass: the name's case survived)."""
    framework = _framework(SCALES[0], aspects=2)
    cohort = benchmark(framework, strand_s0(framework, (1, 1, 1, 2, 2, 2)))
    setting = Terms(subject="early years setting", subjects="early years settings")
    for terms, word in ((None, "School"), (setting, "Early years setting")):
        made = anonymise(cohort, min_group=3, rng=random.Random(0), terms=terms)
        names = {e.school.id: e.school.name for e in made.cohort.schools}
        assert names == {f"school-{n}": f"{word} {n}" for n in range(1, 7)}
        own = made.school(cohort.schools[0].school.id).school
        assert own.name == f"{word} {own.id.removeprefix('school-')}"


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_every_review_counted_withholds_what_the_latest_alone_do(scale: Scale) -> None:
    """With `--all-reviews` a school's groups are counted by school, not by review, so a
    cohort of one review per school, two of them marked not applicable, withholds what it
    withholds with only the latest counted: the same figures, cells and rows (round 55's
    pass: the all-reviews count put every school marked not applicable in its level's cell,
    and every other one among the not applicable, and no test noticed)."""
    framework = _framework(scale, aspects=2)
    reviews = strand_s0(framework, (0, *[1] * 3, *[2] * 4, None, None, NA, NA))
    made = [
        anonymise(
            benchmark(framework, reviews, latest_only=latest), min_group=3, rng=random.Random(0)
        )
        for latest in (True, False)
    ]
    latest, every = (m.cohort for m in made)
    assert every.strands == latest.strands
    assert every.overall == latest.overall
    assert [e.strands for e in every.schools] == [e.strands for e in latest.schools]
    assert latest.strands["s0"].not_applicable is None  # the cell withheld: two schools


@pytest.mark.parametrize("scale", SCALES, ids=["rising", "falling"])
def test_a_percentile_is_shown_where_every_withheld_cell_is_on_one_side(scale: Scale) -> None:
    """Nine schools: one at rank 0, two at rank 1 (withheld together under `--min-group 3`),
    three at rank 2 and three at rank 3. However the three withheld split, they are all
    below rank 2, so the percentiles of ranks 2 and 3 are decided (50 and 83.3) and shown;
    those of the withheld schools are not. (Round 55: `or` -> `and` between the two sides,
    which withholds every percentile a withheld cell is beside, survived every test: the
    property test holds a percentile shown to be decided, not one decided to be shown.)"""
    framework = _framework(scale, aspects=2)
    cohort = benchmark(framework, strand_s0(framework, (0, 1, 1, *[2] * 3, *[3] * 3)))
    shown = anonymise(cohort, min_group=3, rng=random.Random(0)).cohort
    places = Counter(
        (place.level, place.percentile and round(place.percentile, 1), place.suppressed)
        for place in (e.strands["s0"] for e in shown.schools)
    )
    level = scale.from_rank
    assert places == {
        (None, None, True): 3,
        (level(2), 50.0, False): 3,
        (level(3), 83.3, False): 3,
    }
